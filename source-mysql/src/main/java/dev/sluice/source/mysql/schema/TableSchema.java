package dev.sluice.source.mysql.schema;

import dev.sluice.event.TrustedStructs;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;

/**
 * Everything needed to turn one table shape's rows into Connect data: built once per TABLE_MAP
 * shape by {@link TableSchemaFactory}, immutable, safe to share between threads.
 *
 * <p>{@link #row} and {@link #rowFromJdbc} produce equal Structs for equal rows: the binlog path
 * for streaming, the JDBC path for snapshots and verification.
 */
public final class TableSchema {
  /** Sessions verified to render TIMESTAMP in UTC (identity of the JDBC connection). */
  private static final Map<Connection, Boolean> UTC_SESSIONS = new WeakHashMap<>();

  private final TableId id;
  private final Schema keySchema;
  private final Schema rowSchema;
  private final List<ColumnInfo> columns;
  private final ColumnMapping[] mappings;
  private final Field[] fields;
  private final String[] keyFields;
  private final Field[] keyFieldsOfKey;
  private final Field[] keyFieldsOfRow;
  private final boolean hasTimestamp;

  TableSchema(TableId id, Schema keySchema, Schema rowSchema, List<ColumnInfo> columns, ColumnMapping[] mappings, List<String> keyFields) {
    this.id = id;
    this.keySchema = keySchema;
    this.rowSchema = rowSchema;
    this.columns = List.copyOf(columns);
    this.mappings = mappings.clone();
    this.fields = new Field[mappings.length];
    boolean timestamp = false;
    for (int i = 0; i < mappings.length; i++) {
      if (mappings[i] != null) {
        fields[i] = rowSchema.field(columns.get(i).name());
        int t = columns.get(i).realType();
        timestamp |= t == ColumnMappings.TIMESTAMP || t == ColumnMappings.TIMESTAMP2;
      }
    }
    this.keyFields = keyFields.toArray(String[]::new);
    this.keyFieldsOfKey = new Field[this.keyFields.length];
    this.keyFieldsOfRow = new Field[this.keyFields.length];
    for (int k = 0; k < this.keyFields.length && keySchema != null; k++) {
      keyFieldsOfKey[k] = keySchema.field(this.keyFields[k]);
      keyFieldsOfRow[k] = rowSchema.field(this.keyFields[k]);
      if (keyFieldsOfKey[k] == null || keyFieldsOfRow[k] == null) {
        // Not expected (key columns are never excluded); key() then copies by name, with Connect's checks.
        keyFieldsOfRow[0] = null;
        break;
      }
    }
    this.hasTimestamp = timestamp;
  }

  public TableId id() {
    return id;
  }

  /** Struct of the primary-key columns in key order, or null when the table has no primary key. */
  public Schema keySchema() {
    return keySchema;
  }

  /** The optional Struct named {@code <topicPrefix>.<db>.<table>.Value}: the envelope's before/after schema. */
  public Schema rowSchema() {
    return rowSchema;
  }

  /** Every column of the table shape in table order, excluded ones included (flagged). */
  public List<ColumnInfo> columns() {
    return columns;
  }

  /**
   * The row Struct of one binlog row image.
   *
   * @param binlogValues    the values of the columns present in the image, in table order, as the client delivers
   *                        them with {@code BinlogDeserialization.newEventDeserializer()}
   * @param includedColumns which columns the image holds (all of them with {@code binlog_row_image=FULL}); null means all
   * @throws DataException naming the column when a value cannot be converted or a required column is missing
   */
  public Struct row(Serializable[] binlogValues, BitSet includedColumns) {
    int present = includedColumns == null ? columns.size() : includedColumns.cardinality();
    if (binlogValues.length != present || (includedColumns != null && includedColumns.length() > columns.size())) {
      throw new DataException("a row of " + id.qualified() + " has " + binlogValues.length + " values for " + present
          + " present columns, but its TABLE_MAP declares " + columns.size() + " columns");
    }
    Struct struct = new Struct(rowSchema);
    int next = 0;
    for (int i = 0; i < mappings.length; i++) {
      boolean inImage = includedColumns == null || includedColumns.get(i);
      Serializable value = inImage ? binlogValues[next++] : null;
      ColumnMapping mapping = mappings[i];
      if (mapping == null) {
        continue;
      }
      if (!inImage) {
        if (!fields[i].schema().isOptional()) {
          throw new DataException("column " + where(i) + " is not in the binlog row image; set binlog_row_image=FULL");
        }
        continue;
      }
      if (value != null) {
        put(struct, i, convert(mapping, value, i));
      } else if (!fields[i].schema().isOptional()) {
        throw new DataException("column " + where(i) + " is NOT NULL but the binlog row holds NULL");
      }
    }
    assert validated(struct);
    return struct;
  }

  /**
   * Validates {@code struct} as Connect would (tests run with assertions on): {@link #put} skips
   * that per-value validation, so the tests prove that every mapping yields its schema's type.
   */
  static boolean validated(Struct struct) {
    struct.validate();
    return true;
  }

  private Object convert(ColumnMapping mapping, Object value, int i) {
    try {
      return mapping.fromBinlog(value);
    } catch (ClassCastException e) {
      throw new DataException("column " + where(i) + " got a " + value.getClass().getName()
          + " from the binlog client; was it built with BinlogDeserialization.newEventDeserializer()?", e);
    } catch (RuntimeException e) {
      throw new DataException("column " + where(i) + ": " + e.getMessage(), e);
    }
  }

  void put(Struct struct, int i, Object converted) {
    if (converted == null) {
      if (!fields[i].schema().isOptional()) {
        throw new DataException("column " + where(i) + " maps its value to null but is required");
      }
      return;
    }
    // The mapping of column i produces exactly its field's Java type: no per-put validation.
    TrustedStructs.put(struct, fields[i], converted);
  }

  String where(int i) {
    ColumnInfo c = columns.get(i);
    return id.qualified() + "." + c.name() + " (" + c.typeName() + ")";
  }

  /** The key Struct of a row Struct of this schema, or null when the table has no primary key. */
  public Struct key(Struct row) {
    if (keySchema == null || row == null) {
      return null;
    }
    Struct key = new Struct(keySchema);
    if (!byFieldIndex(row)) {
      for (String name : keyFields) {
        key.put(name, row.get(name));
      }
      return key;
    }
    for (int k = 0; k < keyFields.length; k++) {
      TrustedStructs.put(key, keyFieldsOfKey[k], row.get(keyFieldsOfRow[k]));
    }
    return key;
  }

  /** Whether the key columns of {@code row} can be read by this schema's key fields (a row Struct of this very schema). */
  private boolean byFieldIndex(Struct row) {
    return row.schema() == rowSchema && keyFieldsOfRow.length > 0 && keyFieldsOfRow[0] != null;
  }

  /**
   * Whether two row Structs of this schema have the same key: the same as comparing their
   * {@link #key} Structs, without building them. True when the table has no primary key.
   */
  public boolean sameKey(Struct a, Struct b) {
    if (keySchema == null || a == null || b == null || !byFieldIndex(a) || !byFieldIndex(b)) {
      return Objects.equals(key(a), key(b));
    }
    for (Field field : keyFieldsOfRow) {
      // Struct.equals compares values with Arrays.deepEquals: byte arrays by content.
      if (!Objects.deepEquals(a.get(field), b.get(field))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The same Struct {@link #row} builds, from the current row of a text-protocol JDBC result of
   * {@code SELECT <columns> FROM <table>}; columns are found by label, extra ones ignored. For more
   * than one row of a result, {@link #jdbcReader} does the per-result work once.
   *
   * <p>Exactness needs two things from the query: the session time zone must be UTC (TIMESTAMP is
   * rendered in it; see {@link #prepareSession}), and FLOAT columns must be read through
   * {@link #selectList()}'s {@code CAST(f AS DOUBLE)}, because the text protocol rounds FLOAT to six
   * significant digits.
   *
   * @throws ConnectException when the table has TIMESTAMP columns and the session time zone is not UTC
   * @throws DataException naming the column when a value cannot be read
   */
  public Struct rowFromJdbc(ResultSet rs) throws SQLException {
    return jdbcReader(rs).read();
  }

  /**
   * A reader of the rows of {@code rs} (a result like {@link #rowFromJdbc}'s) that finds the columns,
   * decides how to read each one and checks the session time zone once, for all rows.
   *
   * @throws ConnectException when the table has TIMESTAMP columns and the session time zone is not UTC
   * @throws SQLException naming the column when the result lacks one of the table's included columns
   */
  public JdbcRowReader jdbcReader(ResultSet rs) throws SQLException {
    if (hasTimestamp) {
      requireUtcSession(rs);
    }
    return new JdbcRowReader(this, rs, mappings);
  }

  boolean isOptional(int column) {
    return fields[column].schema().isOptional();
  }

  /**
   * The select list that reads every included column exactly, for snapshots:
   * {@code `a`, CAST(`f` AS DOUBLE) AS `f`, CAST(`dt` AS CHAR) AS `dt`, ...}. DATETIME and TIMESTAMP
   * come as the server's text, parsed once. The aliases shadow the columns in an {@code ORDER BY}:
   * order by qualified names ({@code `db`.`t`.`dt`}) to sort by the values and use the index.
   */
  public String selectList() {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < mappings.length; i++) {
      if (mappings[i] == null) {
        continue;
      }
      String quoted = quote(columns.get(i).name());
      String expression = mappings[i].selectExpression(quoted);
      parts.add(expression.equals(quoted) ? quoted : expression + " AS " + quoted);
    }
    return String.join(", ", parts);
  }

  /** {@code `name`} with embedded backticks doubled. */
  public static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  /** Sets what {@link #rowFromJdbc} needs on a snapshot connection: {@code time_zone = '+00:00'}. */
  public static void prepareSession(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("SET time_zone = '+00:00'");
    }
    synchronized (UTC_SESSIONS) {
      UTC_SESSIONS.put(connection, Boolean.TRUE);
    }
  }

  private void requireUtcSession(ResultSet rs) throws SQLException {
    Statement statement = rs.getStatement();
    Connection connection = statement == null ? null : statement.getConnection();
    if (connection == null) {
      throw new ConnectException("cannot tell the session time zone of a result set without a statement; "
          + "read " + id.qualified() + " through a Statement on a connection prepared with TableSchema.prepareSession");
    }
    synchronized (UTC_SESSIONS) {
      if (UTC_SESSIONS.containsKey(connection)) {
        return;
      }
    }
    String zone;
    String system;
    try (Statement s = connection.createStatement(); ResultSet z = s.executeQuery("SELECT @@session.time_zone, @@system_time_zone")) {
      z.next();
      zone = z.getString(1);
      system = z.getString(2);
    }
    boolean utc = isUtc(zone) || ("SYSTEM".equalsIgnoreCase(zone) && isUtc(system));
    if (!utc) {
      throw new ConnectException("TIMESTAMP columns of " + id.qualified() + " need a UTC session to be read exactly, but the session time_zone is '"
          + zone + "' (system '" + system + "'): call TableSchema.prepareSession(connection) or SET time_zone = '+00:00'");
    }
    synchronized (UTC_SESSIONS) {
      UTC_SESSIONS.put(connection, Boolean.TRUE);
    }
  }

  private static boolean isUtc(String zone) {
    if (zone == null) {
      return false;
    }
    String z = zone.trim().toUpperCase(java.util.Locale.ROOT);
    return z.equals("+00:00") || z.equals("+0:00") || z.equals("-00:00") || z.equals("UTC") || z.equals("GMT") || z.equals("ETC/UTC")
        || z.equals("Z") || z.equals("UNIVERSAL") || z.equals("ZULU");
  }

  @Override
  public String toString() {
    return "TableSchema[" + id.qualified() + ": " + columns.stream()
        .map(c -> c.name() + " " + c.typeName() + (c.excluded() ? " (excluded)" : ""))
        .collect(Collectors.joining(", ")) + "]";
  }
}
