package dev.sluice.benchmarks.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A position in the server's binlog: file name and byte offset.
 *
 * @param file     binlog file, e.g. {@code binlog.000001}
 * @param position byte offset in that file
 */
record BinlogPosition(String file, long position) implements Comparable<BinlogPosition> {

  BinlogPosition {
    if (file == null || file.isBlank()) {
      throw new IllegalArgumentException("binlog file name is missing");
    }
    if (position < 4) {
      throw new IllegalArgumentException("binlog position " + position + " in " + file + " is before the first event (4)");
    }
  }

  /** The server's current write position ({@code SHOW MASTER STATUS}); fails if binary logging is off. */
  static BinlogPosition current(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
      if (!rs.next()) {
        throw new IllegalStateException("SHOW MASTER STATUS returned no row: binary logging is off on this server (set log_bin)");
      }
      return new BinlogPosition(rs.getString("File"), rs.getLong("Position"));
    }
  }

  /** Binlog files sort by name: {@code <basename>.<6-digit sequence>}. */
  @Override
  public int compareTo(BinlogPosition other) {
    int byFile = file.compareTo(other.file);
    return byFile != 0 ? byFile : Long.compare(position, other.position);
  }

  @Override
  public String toString() {
    return file + ":" + position;
  }
}
