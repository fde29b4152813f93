package dev.sluice.embedded.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One MySQL/MariaDB table as {@code verify} reads it: its columns and primary key from
 * {@code information_schema}, and its rows, canonicalized, in primary-key chunks.
 */
final class MySqlTable {
  private static final Pattern JSON_VALID = Pattern.compile("json_valid\\(`((?:[^`]|``)+)`\\)", Pattern.CASE_INSENSITIVE);

  private final TableRef ref;
  private final List<TableColumn> columns;
  private final List<TableColumn> key;
  private final List<String> notCompared;

  private MySqlTable(TableRef ref, List<TableColumn> columns, List<TableColumn> key, List<String> notCompared) {
    this.ref = ref;
    this.columns = List.copyOf(columns);
    this.key = List.copyOf(key);
    this.notCompared = List.copyOf(notCompared);
  }

  /** A canonicalized row: its key, its compared columns, and the raw key values for follow-up queries. */
  record Row(String key, Map<String, String> values, Object[] rawKey) {}

  /**
   * Reads the table's shape.
   *
   * @throws VerifyException when the table does not exist or has no primary key
   */
  static MySqlTable load(Connection c, TableRef ref, VerifyOptions options) throws SQLException {
    Set<String> jsonColumns = mariaDbJsonColumns(c, ref);
    Map<String, Integer> keyPositions = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT COLUMN_NAME, SEQ_IN_INDEX FROM information_schema.STATISTICS"
        + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX")) {
      s.setString(1, ref.database());
      s.setString(2, ref.name());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          keyPositions.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    List<TableColumn> columns = new ArrayList<>();
    List<String> notCompared = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, NUMERIC_PRECISION FROM information_schema.COLUMNS"
        + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
      s.setString(1, ref.database());
      s.setString(2, ref.name());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          int keyPosition = keyPositions.getOrDefault(name, 0);
          if (keyPosition == 0 && options.excludedColumns().stream().anyMatch(x -> x.equalsIgnoreCase(name))) {
            continue;
          }
          String dataType = rs.getString(2).toLowerCase(Locale.ROOT);
          String columnType = rs.getString(3).toLowerCase(Locale.ROOT);
          int precision = rs.getInt(4);
          ColumnKind kind = kind(dataType, columnType, jsonColumns.contains(name));
          if (kind == ColumnKind.UNSUPPORTED) {
            if (keyPosition > 0) {
              throw new VerifyException("primary-key column " + ref + "." + name + " has type " + columnType + ", which verify cannot compare");
            }
            notCompared.add(name + " (" + columnType + ")");
            continue;
          }
          columns.add(new TableColumn(name, kind, columnType, kind == ColumnKind.BIT ? precision : 0, keyPosition));
        }
      }
    }
    if (columns.isEmpty()) {
      throw new VerifyException("table " + ref + " does not exist (or the account may not see it): information_schema lists no columns");
    }
    if (keyPositions.isEmpty()) {
      throw new VerifyException("table " + ref + " has no primary key: verify matches rows and documents by primary key");
    }
    List<TableColumn> key = columns.stream().filter(TableColumn::inKey).sorted(Comparator.comparingInt(TableColumn::keyPosition)).toList();
    return new MySqlTable(ref, columns, key, notCompared);
  }

  static ColumnKind kind(String dataType, String columnType, boolean mariaDbJson) {
    return switch (dataType) {
      case "tinyint" -> columnType.startsWith("tinyint(1)") ? ColumnKind.BOOLEAN : ColumnKind.INTEGER;
      case "smallint", "mediumint", "int", "integer", "bigint" -> ColumnKind.INTEGER;
      case "decimal", "numeric" -> ColumnKind.DECIMAL;
      case "float" -> ColumnKind.FLOAT;
      case "double", "real", "double precision" -> ColumnKind.DOUBLE;
      case "bit" -> ColumnKind.BIT;
      case "char", "varchar", "tinytext", "text", "mediumtext", "enum", "set", "uuid", "inet4", "inet6" -> ColumnKind.TEXT;
      case "longtext" -> mariaDbJson ? ColumnKind.JSON : ColumnKind.TEXT;
      case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> ColumnKind.BINARY;
      case "date" -> ColumnKind.DATE;
      case "datetime" -> ColumnKind.DATETIME;
      case "timestamp" -> ColumnKind.TIMESTAMP;
      case "time" -> ColumnKind.TIME;
      case "year" -> ColumnKind.YEAR;
      case "json" -> ColumnKind.JSON;
      default -> ColumnKind.UNSUPPORTED;
    };
  }

  /** MariaDB's JSON columns: LONGTEXT with a json_valid() check (MySQL's JSON is a type of its own). */
  private static Set<String> mariaDbJsonColumns(Connection c, TableRef ref) throws SQLException {
    Set<String> names = new TreeSet<>();
    String version;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
      rs.next();
      version = rs.getString(1);
    }
    if (version == null || !version.toLowerCase(Locale.ROOT).contains("mariadb")) {
      return names;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
        + " WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?")) {
      s.setString(1, ref.database());
      s.setString(2, ref.name());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Matcher m = JSON_VALID.matcher(rs.getString(1));
          while (m.find()) {
            names.add(m.group(1).replace("``", "`"));
          }
        }
      }
    }
    return names;
  }

  TableRef ref() {
    return ref;
  }

  /** The compared columns, in table order. */
  List<TableColumn> columns() {
    return columns;
  }

  /** The primary-key columns, in key order. */
  List<TableColumn> key() {
    return key;
  }

  /** Columns of types verify does not compare, with their types. */
  List<String> notCompared() {
    return notCompared;
  }

  /** The column named {@code name}, or null. */
  TableColumn column(String name) {
    for (TableColumn c : columns) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  private String selectList(String alias) {
    List<String> parts = new ArrayList<>();
    for (TableColumn c : columns) {
      parts.add(c.selectExpression(alias));
    }
    return String.join(", ", parts);
  }

  private String keyList(String alias) {
    return String.join(", ", key.stream().map(c -> (alias == null ? "" : alias + ".") + TableRef.quote(c.name())).toList());
  }

  /** Up to {@code limit} rows with a primary key greater than {@code after} (null: from the start), in key order. */
  List<Row> chunk(Connection c, Object[] after, int limit, Canonical canonical) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ").append(selectList(null)).append(" FROM ").append(ref.quoted());
    if (after != null) {
      sql.append(" WHERE (").append(keyList(null)).append(") > (").append(placeholders(key.size())).append(")");
    }
    sql.append(" ORDER BY ").append(keyList(null)).append(" LIMIT ").append(limit);
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      if (after != null) {
        for (int i = 0; i < after.length; i++) {
          s.setObject(i + 1, after[i]);
        }
      }
      return rows(s, canonical, key);
    }
  }

  /** The rows whose {@code columns} (a foreign key) equal one of {@code parentKeys}. */
  List<Row> rowsWhere(Connection c, List<String> fkColumns, List<Object[]> parentKeys, Canonical canonical) throws SQLException {
    if (parentKeys.isEmpty()) {
      return List.of();
    }
    String fk = String.join(", ", fkColumns.stream().map(TableRef::quote).toList());
    StringBuilder sql = new StringBuilder("SELECT ").append(selectList(null)).append(" FROM ").append(ref.quoted()).append(" WHERE (")
        .append(fk).append(") IN (");
    String tuple = fkColumns.size() == 1 ? "?" : "(" + placeholders(fkColumns.size()) + ")";
    for (int i = 0; i < parentKeys.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(tuple);
    }
    sql.append(")");
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      int p = 1;
      for (Object[] parentKey : parentKeys) {
        for (Object v : parentKey) {
          s.setObject(p++, v);
        }
      }
      return rows(s, canonical, key);
    }
  }

  /** Child rows whose foreign key is set but matches no row of {@code parent} (they make documents of their own). */
  List<Row> orphans(Connection c, List<String> fkColumns, MySqlTable parent, Canonical canonical) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ").append(selectList("c")).append(" FROM ").append(ref.quoted()).append(" c WHERE ");
    List<String> conditions = new ArrayList<>();
    for (String fk : fkColumns) {
      conditions.add("c." + TableRef.quote(fk) + " IS NOT NULL");
    }
    List<String> join = new ArrayList<>();
    for (int i = 0; i < fkColumns.size(); i++) {
      join.add("p." + TableRef.quote(parent.key.get(i).name()) + " = c." + TableRef.quote(fkColumns.get(i)));
    }
    sql.append(String.join(" AND ", conditions)).append(" AND NOT EXISTS (SELECT 1 FROM ").append(parent.ref.quoted()).append(" p WHERE ")
        .append(String.join(" AND ", join)).append(")");
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      return rows(s, canonical, key);
    }
  }

  private List<Row> rows(PreparedStatement s, Canonical canonical, List<TableColumn> keyColumns) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        Map<String, String> values = new LinkedHashMap<>();
        for (TableColumn col : columns) {
          values.put(col.name(), canonical.fromJdbc(col, rs));
        }
        Object[] raw = new Object[keyColumns.size()];
        for (int i = 0; i < raw.length; i++) {
          raw[i] = rs.getObject(keyColumns.get(i).name());
        }
        rows.add(new Row(keyOf(values, keyColumns.stream().map(TableColumn::name).toList()), values, raw));
      }
    }
    return rows;
  }

  /** The canonical key of a row: its key columns' canonical values, in key order. */
  static String keyOf(Map<String, String> values, List<String> keyColumns) {
    if (keyColumns.size() == 1) {
      return values.get(keyColumns.get(0));
    }
    StringBuilder key = new StringBuilder();
    for (String name : keyColumns) {
      key.append(key.length() == 0 ? "" : "\u001f").append(values.get(name));
    }
    return key.toString();
  }

  private static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
