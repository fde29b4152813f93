package dev.sluice.benchmarks.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table the snapshot benchmark copies: one table with the columns of all three captured tables
 * of {@link Workload} ({@code orders}, {@code customers}, {@code payloads}: 25 columns of mixed types
 * after the {@code BIGINT} primary key), filled with the same value generators through multi-row
 * {@code INSERT}s. Deterministic for a seed.
 */
final class SnapshotTable {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotTable.class);
  static final String NAME = "snapshot_rows";

  private static final List<TableSpec> PARTS = Workload.TABLES.stream().filter(TableSpec::captured).toList();

  private SnapshotTable() {
  }

  /** {@code table.include.list} of both connectors: this table only. */
  static String includeList() {
    return Workload.DATABASE + "\\." + NAME;
  }

  /** The {@code CREATE TABLE}: the id, then every non-id column definition of the parts, in order. */
  static String ddl() {
    List<String> definitions = new ArrayList<>();
    definitions.add("id BIGINT NOT NULL PRIMARY KEY");
    definitions.addAll(columnDefinitions());
    return "CREATE TABLE " + NAME + " (\n  " + String.join(",\n  ", definitions) + "\n) ENGINE=InnoDB";
  }

  /** The {@code INSERT} column list: id first, then each part's columns without its id. */
  static String columns() {
    List<String> names = new ArrayList<>();
    names.add("id");
    for (TableSpec t : PARTS) {
      for (String c : t.columns().split(",")) {
        if (!c.trim().equals("id")) {
          names.add(c.trim());
        }
      }
    }
    return String.join(", ", names);
  }

  private static List<String> columnDefinitions() {
    List<String> defs = new ArrayList<>();
    for (TableSpec t : PARTS) {
      List<String> own = new ArrayList<>();
      for (String line : t.ddl().split("\n")) {
        String l = line.trim();
        if (l.isEmpty() || l.startsWith("CREATE TABLE") || l.startsWith(")") || l.startsWith("id ")) {
          continue;
        }
        own.add(l.endsWith(",") ? l.substring(0, l.length() - 1) : l);
      }
      long expected = t.columns().split(",").length - 1;
      if (own.size() != expected) {
        throw new IllegalStateException("table " + t.name() + " of the workload defines " + own.size() + " non-id columns in its DDL but lists "
            + expected + " in its INSERT column list: " + own);
      }
      defs.addAll(own);
    }
    return defs;
  }

  /**
   * Creates database and table (dropping earlier ones) and inserts {@code rows} rows, ids 1..rows,
   * {@code batchRows} per statement, without writing the binlog (the snapshot starts after the load;
   * skipping the binlog only makes loading faster). Then {@code ANALYZE TABLE}.
   *
   * @param admin a connection with SUPER (for {@code sql_log_bin})
   */
  static Loaded load(Connection admin, long rows, int batchRows, long seed) throws SQLException {
    if (rows < 1 || batchRows < 1) {
      throw new IllegalArgumentException("rows (" + rows + ") and rows per INSERT (" + batchRows + ") must be positive");
    }
    Random random = new Random(seed);
    long started = System.nanoTime();
    try (Statement s = admin.createStatement()) {
      s.execute("SET SESSION sql_log_bin = 0");
      s.execute("SET SESSION time_zone = '+00:00'");
      s.execute("DROP DATABASE IF EXISTS " + Workload.DATABASE);
      s.execute("CREATE DATABASE " + Workload.DATABASE + " CHARACTER SET utf8mb4");
      s.execute("USE " + Workload.DATABASE);
      s.execute(ddl());
      String head = "INSERT INTO " + NAME + " (" + columns() + ") VALUES ";
      long next = 1;
      long inserted = 0;
      while (next <= rows) {
        int n = (int) Math.min(batchRows, rows - next + 1);
        StringBuilder sql = new StringBuilder(n * 1200).append(head);
        for (int i = 0; i < n; i++) {
          sql.append(i == 0 ? "(" : ",(").append(next + i);
          for (TableSpec t : PARTS) {
            t.row().accept(sql, random);
          }
          sql.append(')');
        }
        inserted += s.executeUpdate(sql.toString());
        next += n;
        if ((next - 1) % 100_000 < n) {
          LOG.info("loaded {} of {} rows", next - 1, rows);
        }
      }
      if (inserted != rows) {
        throw new IllegalStateException("the server inserted " + inserted + " rows into " + NAME + ", expected " + rows);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      try (ResultSet rs = s.executeQuery("ANALYZE TABLE " + NAME)) {
        while (rs.next()) {
          if ("error".equalsIgnoreCase(rs.getString("Msg_type"))) {
            throw new SQLException("ANALYZE TABLE " + NAME + ": " + rs.getString("Msg_text"));
          }
        }
      }
      long dataBytes;
      try (ResultSet rs = s.executeQuery("SELECT DATA_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + Workload.DATABASE
          + "' AND TABLE_NAME = '" + NAME + "'")) {
        dataBytes = rs.next() ? rs.getLong(1) : 0;
      }
      s.execute("SET SESSION sql_log_bin = 1");
      return new Loaded(inserted, took, dataBytes);
    }
  }

  /**
   * What {@link #load} did.
   *
   * @param rows      rows inserted
   * @param took      time of the inserts
   * @param dataBytes the table's InnoDB data size after {@code ANALYZE TABLE}
   */
  record Loaded(long rows, Duration took, long dataBytes) {
  }
}
