package dev.sluice.benchmarks.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the benchmark's binlog: three captured tables and two filtered ones with mixed column types,
 * filled with multi-row {@code INSERT}s, range {@code UPDATE}s and {@code DELETE}s (60/30/10 per
 * table) in multi-table transactions, plus a share of single-row transactions. Deterministic for a
 * seed. Counts come from the server's affected-row counts; the raw reader later checks them
 * against the binlog itself.
 */
final class Workload {
  private static final Logger LOG = LoggerFactory.getLogger(Workload.class);
  static final String DATABASE = "sluice_bench";
  /** Ids of single-row transactions start here, clear of the batch ids. */
  private static final long SINGLE_ROW_ID_BASE = 1_000_000_000L;
  private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final LocalDateTime EPOCH = LocalDateTime.of(2021, 3, 1, 0, 0);
  private static final String[] WORDS = {"alpha", "Bravo", "çharlie", "délta", "ëcho", "fóxtrot", "日本語", "emoji😀", "ünïcode", "zulu"};
  private static final HexFormat HEX = HexFormat.of();

  static final List<TableSpec> TABLES = List.of(
      new TableSpec("orders", true, """
          CREATE TABLE orders (
            id BIGINT NOT NULL PRIMARY KEY,
            customer_id INT NOT NULL,
            status ENUM('new','paid','shipped','cancelled') NOT NULL,
            amount DECIMAL(12,2) NOT NULL,
            quantity SMALLINT UNSIGNED NOT NULL,
            note VARCHAR(200) CHARACTER SET utf8mb4 NULL,
            created_at DATETIME(6) NOT NULL,
            updated_at TIMESTAMP(6) NULL,
            version INT NOT NULL
          ) ENGINE=InnoDB""",
          "id, customer_id, status, amount, quantity, note, created_at, updated_at, version",
          (sb, r) -> sb.append(", ").append(r.nextInt(100_000))
              .append(", 'new', ").append(r.nextInt(1_000_000)).append('.').append(r.nextInt(10)).append(r.nextInt(10))
              .append(", ").append(r.nextInt(65_536))
              .append(", ").append(text(r, 3 + r.nextInt(8)))
              .append(", '").append(datetime(r)).append('.').append(String.format("%06d", r.nextInt(1_000_000))).append('\'')
              .append(", '").append(datetime(r)).append('.').append(String.format("%06d", r.nextInt(1_000_000))).append('\'')
              .append(", 0"),
          "amount = amount + 1.25, status = 'paid', updated_at = updated_at + INTERVAL 1 SECOND, version = version + 1"),
      new TableSpec("customers", true, """
          CREATE TABLE customers (
            id BIGINT NOT NULL PRIMARY KEY,
            name VARCHAR(100) CHARACTER SET utf8mb4 NOT NULL,
            email VARCHAR(150) CHARACTER SET latin1 NOT NULL,
            balance DECIMAL(18,4) NOT NULL,
            score DOUBLE NOT NULL,
            born DATE NULL,
            active BOOLEAN NOT NULL,
            profile JSON NULL,
            last_login DATETIME(3) NULL,
            lifetime_value BIGINT UNSIGNED NOT NULL
          ) ENGINE=InnoDB""",
          "id, name, email, balance, score, born, active, profile, last_login, lifetime_value",
          (sb, r) -> sb.append(", ").append(text(r, 2))
              .append(", 'user").append(r.nextInt(10_000_000)).append("@example.com'")
              .append(", ").append(r.nextInt(10_000_000)).append('.').append(String.format("%04d", r.nextInt(10_000)))
              .append(", ").append(1 + r.nextDouble() * 1000)
              .append(r.nextInt(10) == 0 ? ", NULL" : ", '" + EPOCH.minusDays(7000 + r.nextInt(20_000)).toLocalDate() + "'")
              .append(", ").append(r.nextBoolean() ? 1 : 0)
              .append(", '{\"tier\": \"").append(WORDS[r.nextInt(WORDS.length)]).append("\", \"visits\": ").append(r.nextInt(1000))
              .append(", \"tags\": [\"a\", \"b\", ").append(r.nextInt(100)).append("]}'")
              .append(", '").append(datetime(r)).append('.').append(String.format("%03d", r.nextInt(1000))).append('\'')
              .append(", ").append(Long.toUnsignedString(r.nextLong())),
          "balance = balance - 10.5, active = 1 - active, last_login = last_login + INTERVAL 1 HOUR"),
      new TableSpec("payloads", true, """
          CREATE TABLE payloads (
            id BIGINT NOT NULL PRIMARY KEY,
            kind CHAR(8) CHARACTER SET latin1 NOT NULL,
            body BLOB NOT NULL,
            digest BINARY(16) NOT NULL,
            duration TIME(3) NOT NULL,
            yr YEAR NOT NULL,
            seen_at TIMESTAMP(3) NULL,
            flags BIT(16) NOT NULL,
            rating FLOAT NOT NULL
          ) ENGINE=InnoDB""",
          "id, kind, body, digest, duration, yr, seen_at, flags, rating",
          (sb, r) -> sb.append(", 'k").append(r.nextInt(1000)).append('\'')
              .append(", X'").append(HEX.formatHex(bytes(r, 32 + r.nextInt(200)))).append('\'')
              .append(", X'").append(HEX.formatHex(bytes(r, 16))).append('\'')
              .append(", '").append(r.nextBoolean() ? "-" : "").append(r.nextInt(838)).append(':').append(r.nextInt(60))
              .append(':').append(r.nextInt(60)).append('.').append(r.nextInt(1000)).append('\'')
              .append(", ").append(1901 + r.nextInt(255))
              .append(", '").append(datetime(r)).append('.').append(String.format("%03d", r.nextInt(1000))).append('\'')
              .append(", b'").append(Integer.toBinaryString(r.nextInt(65_536))).append('\'')
              .append(", ").append(r.nextInt(1000) / 10.0f),
          "rating = rating + 1, flags = flags ^ 1, seen_at = seen_at + INTERVAL 1 MINUTE"),
      new TableSpec("audit_log", false, """
          CREATE TABLE audit_log (
            id BIGINT NOT NULL PRIMARY KEY,
            actor VARCHAR(64) NOT NULL,
            action VARCHAR(32) NOT NULL,
            detail TEXT CHARACTER SET utf8mb4 NOT NULL,
            at DATETIME(6) NOT NULL,
            rev INT NOT NULL
          ) ENGINE=InnoDB""",
          "id, actor, action, detail, at, rev",
          (sb, r) -> sb.append(", 'actor").append(r.nextInt(500)).append("', 'login', ").append(text(r, 5 + r.nextInt(20)))
              .append(", '").append(datetime(r)).append(".000001', 0"),
          "action = 'reviewed', rev = rev + 1"),
      new TableSpec("metrics", false, """
          CREATE TABLE metrics (
            id BIGINT NOT NULL PRIMARY KEY,
            name VARCHAR(64) NOT NULL,
            value DOUBLE NOT NULL,
            tags JSON NOT NULL,
            at TIMESTAMP(6) NULL,
            rev INT NOT NULL
          ) ENGINE=InnoDB""",
          "id, name, value, tags, at, rev",
          (sb, r) -> sb.append(", 'cpu.load.").append(r.nextInt(64)).append("', ").append(r.nextDouble() * 100)
              .append(", '{\"host\": \"h").append(r.nextInt(1000)).append("\", \"dc\": \"eu-").append(r.nextInt(3)).append("\"}'")
              .append(", '").append(datetime(r)).append(".5', 0"),
          "value = value + 1, rev = rev + 1"));

  private final Connection connection;
  private final int batchRows;
  private final Random random;

  /**
   * @param connection an admin connection (creates the database)
   * @param batchRows  rows per multi-row statement
   * @param seed       makes the generated values repeatable
   */
  Workload(Connection connection, int batchRows, long seed) {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batch rows must be at least 1, got " + batchRows);
    }
    this.connection = connection;
    this.batchRows = batchRows;
    this.random = new Random(seed);
  }

  /** The {@code table.include.list} both connectors get: the captured tables only. */
  static String tableIncludeList() {
    return TABLES.stream().filter(TableSpec::captured)
        .map(t -> DATABASE + "\\." + t.name())
        .collect(Collectors.joining(","));
  }

  static List<String> capturedTables() {
    return TABLES.stream().filter(TableSpec::captured).map(TableSpec::name).toList();
  }

  /**
   * Creates the schema and writes at least {@code totalChanges} row changes.
   *
   * @param filteredShare   share of the changes that go to tables the connectors do not capture
   * @param singleRowShare  share of the changes made by one-row transactions (on captured tables)
   */
  Summary run(long totalChanges, double filteredShare, double singleRowShare) throws SQLException {
    if (filteredShare < 0 || filteredShare >= 1 || singleRowShare < 0 || filteredShare + singleRowShare >= 1) {
      throw new IllegalArgumentException("filtered share " + filteredShare + " and single-row share " + singleRowShare
          + " must each be in [0, 1) and add up to less than 1");
    }
    long started = System.nanoTime();
    try (Statement s = connection.createStatement()) {
      s.execute("SET SESSION time_zone = '+00:00'");
      s.execute("DROP DATABASE IF EXISTS " + DATABASE);
      s.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4");
      s.execute("USE " + DATABASE);
      for (TableSpec t : TABLES) {
        s.execute(t.ddl());
      }
    }
    long filteredTarget = Math.round(totalChanges * filteredShare);
    long singleTarget = Math.round(totalChanges * singleRowShare);
    long capturedTables = TABLES.stream().filter(TableSpec::captured).count();
    long filteredTables = TABLES.size() - capturedTables;
    Map<TableSpec, TableState> states = new LinkedHashMap<>();
    for (TableSpec t : TABLES) {
      // A captured table's target includes its part of the one-row transactions; rounding up keeps
      // the total at or above totalChanges.
      long target = t.captured() ? ceilDiv(totalChanges - filteredTarget, capturedTables) : ceilDiv(filteredTarget, filteredTables);
      states.put(t, new TableState(target));
    }
    // One round = one statement group per table (10 batches of changes every 6 rounds).
    long estimatedRounds = Math.max(1, states.values().stream().mapToLong(st -> st.target).max().orElse(0) * 6 / (10L * batchRows));
    List<TableSpec> captured = TABLES.stream().filter(TableSpec::captured).toList();
    long singlesDone = 0;
    long transactions = 0;
    connection.setAutoCommit(false);
    try (Statement s = connection.createStatement()) {
      int round = 0;
      while (states.values().stream().anyMatch(TableState::needsMore) || singlesDone < singleTarget) {
        boolean any = false;
        for (Map.Entry<TableSpec, TableState> e : states.entrySet()) {
          if (e.getValue().needsMore()) {
            runRound(s, e.getKey(), e.getValue(), round);
            any = true;
          }
        }
        if (any) {
          connection.commit();
          transactions++;
        }
        long singlesThisRound = singlesDone >= singleTarget ? 0
            : any ? Math.min(singleTarget - singlesDone, (singleTarget + estimatedRounds - 1) / estimatedRounds) : singleTarget - singlesDone;
        for (long i = 0; i < singlesThisRound; i++) {
          TableSpec t = captured.get((int) (singlesDone % captured.size()));
          StringBuilder sql = new StringBuilder(512).append("INSERT INTO ").append(t.name()).append(" (").append(t.columns()).append(") VALUES (")
              .append(SINGLE_ROW_ID_BASE + singlesDone);
          t.row().accept(sql, random);
          sql.append(')');
          s.executeUpdate(sql.toString());
          connection.commit();
          transactions++;
          states.get(t).counts = states.get(t).counts.plus(new ChangeCounts(1, 0, 0));
          singlesDone++;
        }
        round++;
        if (round % 200 == 0) {
          LOG.info("workload: {} rounds, {} changes so far", round, states.values().stream().mapToLong(st -> st.counts.total()).sum());
        }
      }
    } finally {
      connection.setAutoCommit(true);
    }
    Map<String, ChangeCounts> byTable = new LinkedHashMap<>();
    states.forEach((t, st) -> byTable.put(t.name(), st.counts));
    return new Summary(byTable, transactions, Duration.ofNanos(System.nanoTime() - started));
  }

  private void runRound(Statement s, TableSpec t, TableState st, int round) throws SQLException {
    long first = st.nextId;
    StringBuilder sql = new StringBuilder(batchRows * 400).append("INSERT INTO ").append(t.name()).append(" (").append(t.columns()).append(") VALUES ");
    for (int i = 0; i < batchRows; i++) {
      sql.append(i == 0 ? "(" : ",(").append(first + i);
      t.row().accept(sql, random);
      sql.append(')');
    }
    long inserted = s.executeUpdate(sql.toString());
    st.nextId += batchRows;
    st.batchStarts.add(first);
    long updated = 0;
    long deleted = 0;
    if (round % 2 == 1) {
      // The batch of the previous round: rows still there (deletes take the first batch of each six).
      long from = st.batchStarts.get(round - 1);
      updated = s.executeUpdate("UPDATE " + t.name() + " SET " + t.updateSet() + " WHERE id BETWEEN " + from + " AND " + (from + batchRows - 1));
    }
    if (round % 6 == 5) {
      long from = st.batchStarts.get(round - 5);
      deleted = s.executeUpdate("DELETE FROM " + t.name() + " WHERE id BETWEEN " + from + " AND " + (from + batchRows - 1));
    }
    st.counts = st.counts.plus(new ChangeCounts(inserted, updated, deleted));
    st.rounds++;
  }

  private static long ceilDiv(long a, long b) {
    return b == 0 ? 0 : (a + b - 1) / b;
  }

  private static String text(Random r, int words) {
    StringBuilder sb = new StringBuilder("'");
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(WORDS[r.nextInt(WORDS.length)]);
    }
    return sb.append('\'').toString();
  }

  private static String datetime(Random r) {
    return EPOCH.plusSeconds(r.nextInt(200_000_000)).format(DATETIME);
  }

  private static byte[] bytes(Random r, int length) {
    byte[] b = new byte[length];
    r.nextBytes(b);
    return b;
  }

  private static final class TableState {
    final long target;
    final List<Long> batchStarts = new ArrayList<>();
    long nextId = 1;
    int rounds;
    ChangeCounts counts = ChangeCounts.NONE;

    TableState(long target) {
      this.target = target;
    }

    /** Rounds continue until the table has its share of the changes. */
    boolean needsMore() {
      return counts.total() < target;
    }
  }

  /**
   * What was written.
   *
   * @param byTable      row changes per table
   * @param transactions committed transactions
   * @param took         time to generate
   */
  record Summary(Map<String, ChangeCounts> byTable, long transactions, Duration took) {
    ChangeCounts captured() {
      return sum(true);
    }

    ChangeCounts filtered() {
      return sum(false);
    }

    private ChangeCounts sum(boolean captured) {
      ChangeCounts total = ChangeCounts.NONE;
      for (TableSpec t : TABLES) {
        if (t.captured() == captured) {
          total = total.plus(byTable.getOrDefault(t.name(), ChangeCounts.NONE));
        }
      }
      return total;
    }
  }
}
