package dev.sluice.source.mysql.schema;

import java.util.Locale;

/**
 * What information_schema knows about a column that TABLE_MAP does not carry.
 *
 * @param name        column name
 * @param columnType  {@code COLUMN_TYPE}, e.g. {@code tinyint(1)}, {@code longtext}; may be null
 * @param charset     {@code CHARACTER_SET_NAME}; null for non-text columns
 * @param json        whether the column holds JSON: MySQL's JSON type, or MariaDB's JSON alias
 *                    (LONGTEXT with a {@code json_valid(column)} CHECK constraint)
 */
public record ColumnHint(String name, String columnType, String charset, boolean json) {

  /** TINYINT(1), which BOOLEAN and BOOL create: the display width TABLE_MAP lacks. */
  public boolean isTinyInt1() {
    return columnType != null && columnType.toLowerCase(Locale.ROOT).replace(" ", "").startsWith("tinyint(1)");
  }
}
