package dev.sluice.embedded.verify;

/**
 * One column of a verified table.
 *
 * @param name the column name
 * @param kind how its values are compared
 * @param columnType the MySQL type as {@code information_schema.COLUMNS.COLUMN_TYPE} shows it
 * @param bits the width of a BIT column, else 0
 * @param keyPosition 1-based position in the primary key, 0 when not part of it
 */
public record TableColumn(String name, ColumnKind kind, String columnType, int bits, int keyPosition) {

  /** Whether the column is part of the primary key. */
  public boolean inKey() {
    return keyPosition > 0;
  }

  /**
   * The select-list expression that reads the column exactly: FLOAT through DOUBLE (the text
   * protocol rounds FLOAT to six digits), temporal types as the server's own text (MariaDB
   * Connector/J re-renders their fractions in {@code getString}, dropping leading zeros: .019 comes
   * back as .19).
   */
  public String selectExpression(String tableAlias) {
    String column = (tableAlias == null ? "" : tableAlias + ".") + TableRef.quote(name);
    return switch (kind) {
      case FLOAT -> "CAST(" + column + " AS DOUBLE) AS " + TableRef.quote(name);
      case DATE, DATETIME, TIMESTAMP, TIME, YEAR -> "CAST(" + column + " AS CHAR) AS " + TableRef.quote(name);
      default -> column;
    };
  }
}
