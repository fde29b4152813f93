package dev.sluice.source.mysql.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Reads a table's shape from information_schema ({@code COLUMNS}, {@code COLLATIONS},
 * {@code KEY_COLUMN_USAGE}) into the same {@link ColumnInfo}s a TABLE_MAP event yields, so that a
 * snapshot can map rows before any binlog event of the table was seen, with exactly the Connect
 * schemas streaming uses.
 *
 * <p>Only what the type mapping depends on is reproduced exactly (type code, signedness,
 * nullability, DECIMAL precision/scale, BIT width, BINARY length, fractional seconds, charset,
 * ENUM/SET values, JSON and TINYINT(1) markers, key columns in key order); lengths that only show in
 * {@link ColumnInfo#typeName()} are approximated.
 */
final class InformationSchemaTables {
  private static final List<String> GEOMETRY_TYPES = List.of("geometry", "point", "linestring", "polygon", "multipoint",
      "multilinestring", "multipolygon", "geometrycollection");

  /** Columns in table order and the key column positions in key order. */
  record Shape(List<ColumnInfo> columns, List<Integer> keyOrder) {
  }

  private InformationSchemaTables() {
  }

  /**
   * @throws ConnectException naming the table when it does not exist or a column type is unknown
   */
  static Shape read(Connection c, TableId id, Map<String, ColumnHint> hints) throws SQLException {
    List<Integer> keyOrder = new ArrayList<>();
    List<String> keyNames = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
        + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION")) {
      ps.setString(1, id.database());
      ps.setString(2, id.table());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keyNames.add(rs.getString(1));
        }
      }
    }
    List<ColumnInfo> columns = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, c.IS_NULLABLE, "
        + "c.CHARACTER_SET_NAME, co.ID, c.NUMERIC_PRECISION, c.NUMERIC_SCALE, c.DATETIME_PRECISION, c.CHARACTER_OCTET_LENGTH "
        + "FROM information_schema.COLUMNS c LEFT JOIN information_schema.COLLATIONS co ON co.COLLATION_NAME = c.COLLATION_NAME "
        + "WHERE c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ? ORDER BY c.ORDINAL_POSITION")) {
      ps.setString(1, id.database());
      ps.setString(2, id.table());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(column(id, columns.size(), rs, hints, keyNames));
        }
      }
    }
    if (columns.isEmpty()) {
      throw new ConnectException("table " + id.qualified() + " has no columns in information_schema (dropped, renamed, or no SELECT "
          + "privilege for the connector account)");
    }
    for (String key : keyNames) {
      for (ColumnInfo col : columns) {
        if (col.name().equalsIgnoreCase(key)) {
          keyOrder.add(col.position());
        }
      }
    }
    return new Shape(columns, keyOrder);
  }

  private static ColumnInfo column(TableId id, int position, ResultSet rs, Map<String, ColumnHint> hints, List<String> keyNames)
      throws SQLException {
    String name = rs.getString(1);
    String dataType = rs.getString(2).toLowerCase(Locale.ROOT);
    String columnType = rs.getString(3);
    String lowerType = columnType.toLowerCase(Locale.ROOT);
    boolean nullable = "YES".equalsIgnoreCase(rs.getString(4));
    String charset = rs.getString(5);
    int collation = rs.getObject(6) == null ? -1 : rs.getInt(6);
    long precision = rs.getLong(7);
    long scale = rs.getLong(8);
    int fsp = rs.getInt(9);
    long octets = rs.getLong(10);
    boolean unsigned = lowerType.contains("unsigned");
    ColumnHint hint = hints.get(name.toLowerCase(Locale.ROOT));
    int binlogType;
    int length = 0;
    int p = 0;
    int s = 0;
    int geometryType = -1;
    List<String> enumValues = List.of();
    List<String> setValues = List.of();
    boolean json = false;
    boolean tinyInt1 = false;
    switch (dataType) {
      case "tinyint" -> {
        binlogType = ColumnMappings.TINY;
        tinyInt1 = lowerType.replace(" ", "").startsWith("tinyint(1)");
      }
      case "smallint" -> binlogType = ColumnMappings.SHORT;
      case "mediumint" -> binlogType = ColumnMappings.INT24;
      case "int", "integer" -> binlogType = ColumnMappings.LONG;
      case "bigint" -> binlogType = ColumnMappings.LONGLONG;
      case "decimal", "numeric" -> {
        binlogType = ColumnMappings.NEWDECIMAL;
        p = (int) precision;
        s = (int) scale;
      }
      case "float" -> binlogType = ColumnMappings.FLOAT;
      case "double", "real", "double precision" -> binlogType = ColumnMappings.DOUBLE;
      case "bit" -> {
        binlogType = ColumnMappings.BIT;
        length = (int) precision;
      }
      case "year" -> binlogType = ColumnMappings.YEAR;
      case "date" -> binlogType = ColumnMappings.DATE;
      case "time" -> binlogType = ColumnMappings.TIME2;
      case "datetime" -> binlogType = ColumnMappings.DATETIME2;
      case "timestamp" -> binlogType = ColumnMappings.TIMESTAMP2;
      case "char" -> {
        binlogType = ColumnMappings.STRING;
        length = (int) octets;
      }
      case "binary" -> {
        binlogType = ColumnMappings.STRING;
        length = (int) octets;
        charset = "binary";
        collation = 63;
      }
      case "varchar" -> {
        binlogType = ColumnMappings.VARCHAR;
        length = (int) octets;
      }
      case "varbinary" -> {
        binlogType = ColumnMappings.VARCHAR;
        length = (int) octets;
        charset = "binary";
        collation = 63;
      }
      case "tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob", "mediumblob", "longblob" -> {
        binlogType = ColumnMappings.BLOB;
        length = dataType.startsWith("tiny") ? 1 : dataType.startsWith("medium") ? 3 : dataType.startsWith("long") ? 4 : 2;
        if (dataType.endsWith("blob")) {
          charset = "binary";
          collation = 63;
        }
        json = hint != null && hint.json() && !"binary".equals(charset);
      }
      case "json" -> {
        // MySQL's binary JSON; MariaDB reports its JSON alias as longtext.
        binlogType = ColumnMappings.JSON;
        json = true;
        charset = null;
        collation = -1;
        length = 4;
      }
      case "enum" -> {
        binlogType = ColumnMappings.ENUM;
        enumValues = quotedValues(columnType, id, name);
      }
      case "set" -> {
        binlogType = ColumnMappings.SET;
        setValues = quotedValues(columnType, id, name);
      }
      default -> {
        if (!GEOMETRY_TYPES.contains(dataType)) {
          throw new ConnectException("column " + id.qualified() + "." + name + " has type " + columnType
              + ", which Sluice cannot map for a snapshot; exclude it with the excluded-columns option");
        }
        binlogType = ColumnMappings.GEOMETRY;
        geometryType = GEOMETRY_TYPES.indexOf(dataType);
        charset = null;
        collation = -1;
      }
    }
    boolean character = binlogType == ColumnMappings.STRING || binlogType == ColumnMappings.VARCHAR || binlogType == ColumnMappings.BLOB;
    if (!character) {
      // Only character columns carry a charset in TABLE_MAP; ENUM/SET values are names already.
      charset = null;
      collation = -1;
    }
    if (binlogType == ColumnMappings.ENUM || binlogType == ColumnMappings.SET) {
      charset = null;
      collation = -1;
    }
    boolean signedOnlyType = binlogType == ColumnMappings.TINY || binlogType == ColumnMappings.SHORT || binlogType == ColumnMappings.INT24
        || binlogType == ColumnMappings.LONG || binlogType == ColumnMappings.LONGLONG || binlogType == ColumnMappings.NEWDECIMAL
        || binlogType == ColumnMappings.FLOAT || binlogType == ColumnMappings.DOUBLE;
    boolean isUnsigned = unsigned && signedOnlyType;
    boolean temporal = binlogType == ColumnMappings.TIME2 || binlogType == ColumnMappings.DATETIME2 || binlogType == ColumnMappings.TIMESTAMP2;
    int meta = temporal ? fsp : 0;
    boolean pk = keyNames.stream().anyMatch(k -> k.equalsIgnoreCase(name));
    String typeName = TableSchemaFactory.typeName(binlogType, binlogType == ColumnMappings.NEWDECIMAL ? p | s << 8 : temporal ? fsp : length,
        isUnsigned, charset, json, tinyInt1, geometryType);
    if (binlogType == ColumnMappings.BIT) {
      typeName = "bit(" + length + ")";
    } else if (binlogType == ColumnMappings.STRING && "binary".equals(charset)) {
      typeName = "binary(" + length + ")";
    }
    return new ColumnInfo(position, name, typeName, binlogType, binlogType, meta, nullable, pk, isUnsigned, collation, charset, length, p, s,
        temporal ? fsp : 0, enumValues, setValues, geometryType, json, tinyInt1, false);
  }

  /** The values of {@code enum('a','b''c')} / {@code set(...)}: quotes doubled inside a value. */
  static List<String> quotedValues(String columnType, TableId id, String column) {
    int open = columnType.indexOf('(');
    int close = columnType.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new ConnectException("column " + id.qualified() + "." + column + ": cannot read the values of " + columnType);
    }
    List<String> values = new ArrayList<>();
    String body = columnType.substring(open + 1, close);
    StringBuilder current = null;
    for (int i = 0; i < body.length(); i++) {
      char ch = body.charAt(i);
      if (current == null) {
        if (ch == '\'') {
          current = new StringBuilder();
        }
      } else if (ch == '\'') {
        if (i + 1 < body.length() && body.charAt(i + 1) == '\'') {
          current.append('\'');
          i++;
        } else {
          values.add(current.toString());
          current = null;
        }
      } else if (ch == '\\' && i + 1 < body.length()) {
        current.append(body.charAt(++i));
      } else {
        current.append(ch);
      }
    }
    return values;
  }
}
