package dev.sluice.source.mysql.snapshot;

import com.github.shyiko.mysql.binlog.GtidSet;
import dev.sluice.source.mysql.offset.GtidState;
import dev.sluice.source.mysql.offset.SourceOffset;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in the binlog, taken right before (low) and right after (high) a chunk's SELECT: the
 * server's GTID state (MariaDB {@code @@gtid_binlog_pos}, MySQL {@code @@gtid_executed}), or without
 * GTIDs the end of the binlog ({@code SHOW MASTER STATUS}). Reading it writes nothing.
 *
 * @param gtids GTID state text, empty when the server has none
 * @param file  binlog file (always set)
 * @param pos   position in {@code file}
 */
record Watermark(String gtids, String file, long pos) {
  private static final Pattern MARIADB_GTID = Pattern.compile("(\\d+)-(\\d+)-(\\d+)");

  static Watermark read(Connection c, boolean mariaDb) throws SQLException {
    String gtids;
    try (Statement s = c.createStatement()) {
      if (mariaDb) {
        gtids = single(s, "SELECT @@GLOBAL.gtid_binlog_pos");
      } else {
        String mode = single(s, "SELECT @@GLOBAL.gtid_mode");
        gtids = "ON".equalsIgnoreCase(mode) ? single(s, "SELECT @@GLOBAL.gtid_executed").replace("\n", "") : "";
      }
      String file;
      long pos;
      ResultSet rs;
      try {
        rs = s.executeQuery("SHOW MASTER STATUS");
      } catch (SQLException e) {
        // MySQL 8.4 renamed it.
        rs = s.executeQuery("SHOW BINARY LOG STATUS");
      }
      try (ResultSet status = rs) {
        if (!status.next()) {
          throw new SQLException("SHOW MASTER STATUS returned no row: binary logging is off");
        }
        file = status.getString(1);
        pos = status.getLong(2);
      }
      return new Watermark(gtids == null ? "" : gtids, file, pos);
    }
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /**
   * Whether the stream, standing at {@code position} (between transactions), has processed every
   * transaction this watermark covers.
   */
  boolean containedIn(SourceOffset position, boolean mariaDb) {
    if (!gtids.isBlank()) {
      if (mariaDb) {
        Map<Long, Long> reached = mariaDbSequences(position.gtids());
        for (Map.Entry<Long, Long> e : mariaDbSequences(gtids).entrySet()) {
          if (reached.getOrDefault(e.getKey(), -1L) < e.getValue()) {
            return false;
          }
        }
        return true;
      }
      return new GtidSet(gtids).isContainedWithin(new GtidSet(GtidState.parse(position.gtids(), false).toString()));
    }
    int byFile = compareFiles(position.file(), file);
    return byFile > 0 || (byFile == 0 && position.position() >= pos);
  }

  private static Map<Long, Long> mariaDbSequences(String text) {
    Map<Long, Long> map = new HashMap<>();
    if (text == null || text.isBlank()) {
      return map;
    }
    for (String part : text.split(",")) {
      Matcher m = MARIADB_GTID.matcher(part.trim());
      if (m.matches()) {
        map.merge(Long.parseLong(m.group(1)), Long.parseLong(m.group(3)), Math::max);
      }
    }
    return map;
  }

  /** Binlog files by their numeric suffix ({@code mysql-bin.000012}). */
  static int compareFiles(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    int da = a.lastIndexOf('.');
    int db = b.lastIndexOf('.');
    try {
      return Long.compare(Long.parseLong(a.substring(da + 1)), Long.parseLong(b.substring(db + 1)));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }
}
