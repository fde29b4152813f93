package dev.sluice.source.mysql.schema;

import java.util.List;

/**
 * One column of a table shape, as TABLE_MAP (with {@code binlog_row_metadata=FULL}) and the column
 * hints describe it.
 *
 * @param position     0-based position in the table (and in binlog rows)
 * @param name         column name
 * @param typeName     MySQL type as a user would write it, e.g. {@code int unsigned}, {@code decimal(10,2)},
 *                     {@code varchar}, {@code time(6)}, {@code json}
 * @param binlogType   the TABLE_MAP type code ({@code MYSQL_TYPE_*})
 * @param realType     the type code after unpacking ENUM/SET/STRING from a STRING column's metadata
 * @param meta         the TABLE_MAP column metadata
 * @param nullable     whether the column accepts NULL
 * @param primaryKey   whether the column is part of the primary key
 * @param unsigned     UNSIGNED (numeric columns)
 * @param collationId  collation id of a character column ({@code 63} = binary), or -1
 * @param charset      MySQL charset name of a character column ({@code utf8mb4}, {@code latin1}, {@code binary}), or null
 * @param length       maximum length in bytes for CHAR/BINARY/VARCHAR/VARBINARY, bits for BIT, length bytes for BLOB/TEXT; else 0
 * @param precision    DECIMAL precision, else 0
 * @param scale        DECIMAL scale, else 0
 * @param fsp          fractional seconds precision of TIME/DATETIME/TIMESTAMP (0..6), else 0
 * @param enumValues   ENUM value names in definition order, else empty
 * @param setValues    SET value names in definition order, else empty
 * @param geometryType OpenGIS geometry type code of a spatial column (0 = GEOMETRY, 1 = POINT, ...), or -1
 * @param json         whether the column holds JSON (MySQL JSON, or MariaDB's JSON alias from the column hints)
 * @param tinyInt1     TINYINT(1) per the column hints (BOOLEAN, BOOL)
 * @param excluded     left out of the value by the excluded-columns option
 */
public record ColumnInfo(int position, String name, String typeName, int binlogType, int realType, int meta, boolean nullable,
    boolean primaryKey, boolean unsigned, int collationId, String charset, int length, int precision, int scale, int fsp,
    List<String> enumValues, List<String> setValues, int geometryType, boolean json, boolean tinyInt1, boolean excluded) {

  public ColumnInfo {
    enumValues = List.copyOf(enumValues);
    setValues = List.copyOf(setValues);
  }

  /** Whether the column holds bytes rather than text (binary collation). */
  public boolean isBinary() {
    return "binary".equals(charset);
  }
}
