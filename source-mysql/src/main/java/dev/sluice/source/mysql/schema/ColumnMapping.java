package dev.sluice.source.mysql.schema;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import org.apache.kafka.connect.data.Schema;

/** How one column becomes a Connect field: its schema and its value from either source. */
interface ColumnMapping {

  /** The field schema (optional when the column is nullable or may hold a value that maps to null). */
  Schema schema();

  /** The Connect value of a non-null binlog cell, in the representation {@code BinlogDeserialization} sets up; may be null (zero dates). */
  Object fromBinlog(Object value);

  /** The Connect value of column {@code index} of the current JDBC row, or null for SQL NULL. */
  Object fromJdbc(ResultSet rs, int index) throws SQLException;

  /** The select-list expression that reads this column exactly over JDBC (backtick-quoted name). */
  default String selectExpression(String quotedName) {
    return quotedName;
  }

  /**
   * How to read column {@code index} of every row of one result set, decided once from its metadata:
   * the column may arrive as {@link #selectExpression} reads it or as the plain column of a
   * {@code SELECT *}.
   */
  default JdbcCell jdbcCell(ResultSetMetaData metaData, int index) throws SQLException {
    return rs -> fromJdbc(rs, index);
  }

  /** Reads one column of the current row of the result set it was prepared for. */
  @FunctionalInterface
  interface JdbcCell {
    Object read(ResultSet rs) throws SQLException;
  }
}
