package dev.sluice.transforms.route;

/**
 * Where a record's row comes from.
 *
 * @param server the logical server name ({@code source.name}, the topic prefix), or null
 * @param db the database
 * @param table the table, or null
 */
public record TableName(String server, String db, String table) {

  /** {@code db.table}, what {@code table.regex} is matched against. */
  public String qualified() {
    return table == null ? db : db + "." + table;
  }
}
