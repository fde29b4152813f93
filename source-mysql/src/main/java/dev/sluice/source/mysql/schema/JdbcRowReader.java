package dev.sluice.source.mysql.schema;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads the rows of one JDBC result set into the Structs of one {@link TableSchema}, with everything
 * that does not change between rows decided once: where each column is in the result, how each
 * cell is read (see {@link TableSchema#selectList()}), and that the session renders TIMESTAMP in
 * UTC. Made by {@link TableSchema#jdbcReader}; valid only for the result set it was made for, and,
 * like a result set, for one thread.
 */
public final class JdbcRowReader {
  private final TableSchema schema;
  private final ResultSet rs;
  /** Table-column position of each read column (excluded columns are skipped). */
  private final int[] columns;
  private final ColumnMapping.JdbcCell[] cells;

  JdbcRowReader(TableSchema schema, ResultSet rs, ColumnMapping[] mappings) throws SQLException {
    this.schema = schema;
    this.rs = rs;
    int count = 0;
    for (ColumnMapping m : mappings) {
      count += m == null ? 0 : 1;
    }
    this.columns = new int[count];
    this.cells = new ColumnMapping.JdbcCell[count];
    ResultSetMetaData metaData = rs.getMetaData();
    int n = 0;
    for (int i = 0; i < mappings.length; i++) {
      if (mappings[i] == null) {
        continue;
      }
      int index;
      try {
        index = rs.findColumn(schema.columns().get(i).name());
        cells[n] = mappings[i].jdbcCell(metaData, index);
      } catch (SQLException e) {
        throw new SQLException("cannot read column " + schema.where(i) + " over JDBC: " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
      }
      columns[n++] = i;
    }
  }

  /**
   * The Struct {@link TableSchema#row} builds for the same row, from the result set's current row.
   *
   * @throws DataException naming the column when a value cannot be read or a required one is NULL
   */
  public Struct read() throws SQLException {
    Struct struct = new Struct(schema.rowSchema());
    for (int n = 0; n < cells.length; n++) {
      int i = columns[n];
      Object value;
      try {
        value = cells[n].read(rs);
      } catch (SQLException e) {
        throw new SQLException("cannot read column " + schema.where(i) + " over JDBC: " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
      } catch (RuntimeException e) {
        throw new DataException("column " + schema.where(i) + " over JDBC: " + e.getMessage(), e);
      }
      if (value != null) {
        schema.put(struct, i, value);
      } else if (!schema.isOptional(i)) {
        throw new DataException("column " + schema.where(i) + " is NOT NULL but JDBC returned NULL");
      }
    }
    assert TableSchema.validated(struct);
    return struct;
  }
}
