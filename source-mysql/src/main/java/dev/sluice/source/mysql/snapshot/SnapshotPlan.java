package dev.sluice.source.mysql.snapshot;

import dev.sluice.source.mysql.filter.CaptureFilter;
import dev.sluice.source.mysql.offset.SnapshotState;
import dev.sluice.source.mysql.schema.ConnectionSupplier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides, at task start, which tables the snapshot copies. */
public final class SnapshotPlan {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotPlan.class);

  private SnapshotPlan() {
  }

  /** The captured base tables ({@code db.table}, sorted) as information_schema lists them now. */
  public static List<String> capturedTables(ConnectionSupplier connections, CaptureFilter filter) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection c = connections.open(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' "
            + "ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
      while (rs.next()) {
        if (filter.includesTable(rs.getString(1), rs.getString(2))) {
          tables.add(rs.getString(1) + "." + rs.getString(2));
        }
      }
    }
    return tables;
  }

  /**
   * The state to run with: {@code stored} (null for a first start or an offset from before snapshots)
   * plus every captured table that is neither done, in progress nor pending (tables added to the
   * include list later).
   *
   * @param firstStart whether there is no stored offset at all
   */
  public static SnapshotState resume(SnapshotState stored, boolean firstStart, List<String> captured) {
    if (stored == null) {
      if (firstStart) {
        return new SnapshotState(null, null, captured, List.of());
      }
      // An offset written before snapshots existed: the tables captured so far were streamed from their start.
      LOG.info("the stored offset has no snapshot progress (written before snapshots existed): the {} captured tables count as copied",
          captured.size());
      return new SnapshotState(null, null, List.of(), captured);
    }
    Set<String> known = new LinkedHashSet<>(stored.done());
    known.addAll(stored.pending());
    if (stored.table() != null) {
      known.add(stored.table());
    }
    List<String> pending = new ArrayList<>(stored.pending());
    for (String t : captured) {
      if (!known.contains(t)) {
        LOG.info("table {} is captured but was never copied (added to the include list?): it is snapshotted while streaming continues", t);
        pending.add(t);
      }
    }
    return new SnapshotState(stored.table(), stored.after(), pending, stored.done(), stored.signalOffset());
  }
}
