package dev.sluice.embedded.verify;

/**
 * A table or collection written {@code database.name}.
 *
 * @param database the MySQL database or MongoDB database
 * @param name the table or collection
 */
public record TableRef(String database, String name) {

  public TableRef {
    if (database == null || database.isBlank() || name == null || name.isBlank()) {
      throw new IllegalArgumentException("a table or collection needs a database and a name, got '" + database + "." + name + "'");
    }
  }

  /**
   * Parses {@code db.name}; the name may itself contain dots (MongoDB collections may).
   *
   * @param what what the text names, for the error message (e.g. "--table")
   */
  public static TableRef parse(String text, String what) {
    int dot = text == null ? -1 : text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1) {
      throw new IllegalArgumentException(what + " must be written database.name, got '" + text + "'");
    }
    return new TableRef(text.substring(0, dot), text.substring(dot + 1));
  }

  /** {@code `db`.`name`} for SQL. */
  public String quoted() {
    return quote(database) + "." + quote(name);
  }

  /** {@code `name`} with backticks doubled. */
  public static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  @Override
  public String toString() {
    return database + "." + name;
  }
}
