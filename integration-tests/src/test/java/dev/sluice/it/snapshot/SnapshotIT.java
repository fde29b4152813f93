package dev.sluice.it.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import dev.sluice.it.support.ChangeEvent;
import dev.sluice.it.support.ChangeEventConsumer;
import dev.sluice.it.support.RowComparison;
import dev.sluice.it.support.SourceConnectors;
import dev.sluice.source.mysql.schema.InformationSchemaColumnHints;
import dev.sluice.source.mysql.schema.TableId;
import dev.sluice.source.mysql.schema.TableSchema;
import dev.sluice.source.mysql.schema.TableSchemaFactory;
import dev.sluice.source.mysql.schema.TypeMappingOptions;
import dev.sluice.source.mysql.value.BinlogDeserialization;
import dev.sluice.stack.ConnectCluster;
import dev.sluice.stack.ConnectRestClient;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.MySqlEndpoint;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Lock-free chunked snapshots against real MariaDB in a real Connect cluster. The row count is
 * {@code -Dsluice.snapshot.rows} (default 30000 to stay within a few minutes on a shared 2-core
 * machine; the 1M run is {@code mvn -o -pl integration-tests verify -Dit.test=SnapshotIT
 * -Dsluice.snapshot.rows=1000000}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapshotIT {
  private static final int ROWS = Integer.getInteger("sluice.snapshot.rows", 30_000);
  private static final int CHUNK = Integer.getInteger("sluice.snapshot.chunk", 2_000);
  private static LocalStack stack;

  @BeforeAll
  static void startStack() {
    stack = LocalStack.builder().name("SnapshotIT").mysql().mariaDbGeneralLog().kafkaBrokers(1).connectWorkers(2).start();
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void informationSchemaYieldsTheSameSchemasAsTableMapForEveryType() throws Exception {
    String db = "it_snap_types";
    List<String> ddl = List.of(
        "ints (id INT PRIMARY KEY, ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT, "
            + "miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, b BOOLEAN, y YEAR)",
        "decimals (id INT PRIMARY KEY, d DECIMAL(65,30), du DECIMAL(10,2) UNSIGNED, d0 DECIMAL(5,0), f FLOAT, dbl DOUBLE)",
        "bits (id INT PRIMARY KEY, b1 BIT(1), b2 BIT(2), b10 BIT(10), b64 BIT(64))",
        "texts (id INT PRIMARY KEY, c CHAR(10) CHARACTER SET utf8mb4, v VARCHAR(100) CHARACTER SET utf8mb4, t TEXT CHARACTER SET utf8mb4, "
            + "lt LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, l VARCHAR(20) CHARACTER SET latin1, "
            + "lc CHAR(5) CHARACTER SET latin1 COLLATE latin1_bin, u3 VARCHAR(10) CHARACTER SET utf8mb3, cy VARCHAR(10) CHARACTER SET cp1251, "
            + "uc CHAR(3) CHARACTER SET ucs2)",
        "binaries (id INT PRIMARY KEY, bn BINARY(4), vb VARBINARY(10), bl BLOB, tb TINYBLOB, mb MEDIUMBLOB)",
        "temporals (id INT PRIMARY KEY, d DATE, t0 TIME, t1 TIME(1), t3 TIME(3), t6 TIME(6), dt0 DATETIME, dt3 DATETIME(3), "
            + "dt6 DATETIME(6), ts0 TIMESTAMP NULL, ts3 TIMESTAMP(3) NULL, ts6 TIMESTAMP(6) NULL)",
        "enums (id INT PRIMARY KEY, e ENUM('a','b','ç') CHARACTER SET utf8mb4, el ENUM('é','ü') CHARACTER SET latin1, s SET('x','y','z'), "
            + "sl SET('ä','ö') CHARACTER SET latin1, q ENUM('it''s','a,b'))",
        "jsons (id INT PRIMARY KEY, j JSON, t TEXT)",
        "geoms (id INT PRIMARY KEY, g GEOMETRY, p POINT, ls LINESTRING)",
        "composite (a VARCHAR(10), b BIGINT UNSIGNED, c DATETIME(6), v INT NOT NULL, PRIMARY KEY (b, a, c))",
        "nokey (x INT, y VARCHAR(5))");
    Map<String, TableMapEventData> maps = new ConcurrentHashMap<>();
    MySqlEndpoint ep = stack.mysql();
    BinaryLogClient client = new BinaryLogClient(ep.host(), ep.port(), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD);
    client.setServerId(67_000 + new Random().nextInt(1_000));
    client.setEventDeserializer(BinlogDeserialization.newEventDeserializer());
    client.registerEventListener(e -> {
      if (e.getHeader().getEventType() == EventType.TABLE_MAP) {
        TableMapEventData t = e.getData();
        if (db.equals(t.getDatabase())) {
          maps.put(t.getTable(), t);
        }
      }
    });
    client.connect(15_000);
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db + " CHARACTER SET utf8mb4");
      for (String d : ddl) {
        String table = d.substring(0, d.indexOf(' '));
        s.execute("CREATE TABLE " + db + "." + d);
        // One row of defaults (IGNORE: zero for NOT NULL keys) makes the server log a TABLE_MAP for the table.
        s.execute("INSERT IGNORE INTO " + db + "." + table + " () VALUES ()");
      }
    } catch (SQLException e) {
      client.disconnect();
      throw e;
    }
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (maps.size() < ddl.size() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(maps).hasSize(ddl.size());
      for (TypeMappingOptions options : List.of(TypeMappingOptions.defaults())) {
        TableSchemaFactory factory = new TableSchemaFactory("p", options, new InformationSchemaColumnHints(
            () -> DriverManager.getConnection(ep.jdbcUrl(null), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD), "it"));
        try (Connection reader = DriverManager.getConnection(ep.jdbcUrl(null), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD)) {
          for (Map.Entry<String, TableMapEventData> e : maps.entrySet()) {
            TableSchema fromBinlog = factory.create(e.getValue());
            TableSchema fromCatalog = factory.createFromInformationSchema(reader, new TableId(db, e.getKey()));
            assertThat(fromCatalog.rowSchema()).as("row schema of %s", e.getKey()).isEqualTo(fromBinlog.rowSchema());
            assertThat(fromCatalog.keySchema()).as("key schema of %s", e.getKey()).isEqualTo(fromBinlog.keySchema());
          }
        }
      }
    } finally {
      client.disconnect();
    }
  }

  @Test
  @Order(2)
  void aSnapshotUnderConcurrentWritesAndAWorkerKillEqualsTheTableAndTakesNoLock() throws Exception {
    String db = "it_snap";
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
      s.execute("CREATE TABLE " + db + ".big (id INT PRIMARY KEY, v VARCHAR(40), d DECIMAL(12,2), ts DATETIME(3), f DOUBLE, "
          + "b VARBINARY(8), flag BOOLEAN)");
      s.execute("CREATE TABLE " + db + ".later (id BIGINT PRIMARY KEY, v VARCHAR(20))");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db + ".big VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        c.setAutoCommit(false);
        for (int i = 1; i <= ROWS; i++) {
          ps.setInt(1, i * 2);
          ps.setString(2, "row-" + i);
          ps.setBigDecimal(3, java.math.BigDecimal.valueOf(i, 2));
          ps.setString(4, "2024-01-01 00:00:00.123");
          ps.setDouble(5, i / 7.0);
          ps.setBytes(6, new byte[] {(byte) i, 0, (byte) (i >> 8)});
          ps.setBoolean(7, i % 2 == 0);
          ps.addBatch();
          if (i % 5_000 == 0) {
            ps.executeBatch();
            c.commit();
          }
        }
        ps.executeBatch();
        c.commit();
        c.setAutoCommit(true);
      }
      s.execute("INSERT INTO " + db + ".later VALUES (1, 'one'), (2, 'two'), (3, 'three')");
    }
    ConnectRestClient rest = stack.connect().rest();
    String name = "snap-it";
    Map<String, String> config = SourceConnectors.config(stack, "snap", db);
    config.put("table.include.list", db + "\\.big");
    config.put("snapshot.chunk.size", Integer.toString(CHUNK));
    config.put("snapshot.max.threads", "2");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> writerFailure = new AtomicReference<>();
    Thread writer = new Thread(() -> write(db, stop, writerFailure), "snapshot-writer");
    long started = System.nanoTime();
    rest.create(name, config);
    rest.awaitState(name, "RUNNING", 1, Duration.ofSeconds(90));
    writer.start();

    // Kill -9 the worker mid-snapshot, then bring it back.
    try (ChangeEventConsumer watch = new ChangeEventConsumer(stack.kafka().bootstrapServers(), Pattern.compile("snap\\." + db + "\\.big"))) {
      watch.readUntil(list -> list.stream().filter(e -> !e.isTombstone() && e.op().equals("r")).count() >= ROWS / 3, Duration.ofMinutes(3));
    }
    int victim = workerRunningTask(name);
    stack.connect().kill(victim);
    System.out.println("[SnapshotIT] killed worker " + victim + " (kill -9) mid-snapshot");
    Thread.sleep(2_000);
    stack.connect().startWorker(victim);
    rest.awaitState(name, "RUNNING", 1, Duration.ofSeconds(120));

    // Add a table through a REST config update while the writer keeps going.
    Map<String, String> wider = new HashMap<>(config);
    wider.put("table.include.list", db + "\\.big," + db + "\\.later");
    wider.put("name", name);
    rest.putConfig(name, wider);
    Thread.sleep(5_000);
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO " + db + ".later VALUES (4, 'four')");
      s.execute("UPDATE " + db + ".later SET v = 'TWO' WHERE id = 2");
    }
    Thread.sleep(10_000);
    stop.set(true);
    writer.join(60_000);
    assertThat(writerFailure.get()).as("the writer").isNull();
    // Snapshot rows and streamed changes interleave, so a streamed marker alone does not show the
    // copy is complete: first wait until the committed offset lists both tables as copied.
    awaitSnapshotDone(rest, name, List.of(db + ".big", db + ".later"), Duration.ofMinutes(Math.max(4, ROWS / 60_000)));
    // A marker row written last: once it is in Kafka, everything before it is too.
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO " + db + ".big (id, v) VALUES (2000000001, 'marker')");
    }
    List<ChangeEvent> events;
    try (ChangeEventConsumer consumer = new ChangeEventConsumer(stack.kafka().bootstrapServers(), Pattern.compile("snap\\." + db + "\\..*"))) {
      events = consumer.readUntil(list -> list.stream().anyMatch(e -> !e.isTombstone() && e.after() != null
          && "marker".equals(e.after().get("v"))), Duration.ofMinutes(4));
    }
    System.out.printf("[SnapshotIT] %d rows, chunk %d: snapshot + catch-up observed in %d s%n", ROWS, CHUNK,
        Duration.ofNanos(System.nanoTime() - started).toSeconds());
    checksumsPerChunk(db, events);
    for (String table : List.of("big", "later")) {
      compare(db, table, events);
    }

    // No global read lock and no table lock, from anyone (MariaDB's general log).
    String log = Files.readString(stack.mariaDb().orElseThrow().generalLogFile());
    List<String> locks = log.lines().filter(l -> l.toUpperCase(java.util.Locale.ROOT).matches(".*\\b(FLUSH\\s+TABLES|LOCK\\s+TABLES?)\\b.*"))
        .toList();
    assertThat(locks).as("lock statements in the general log").isEmpty();
    assertThat(log).contains("gtid_binlog_pos");
    rest.delete(name);
  }

  /** The change events (no tombstones) of {@code table}, in {@code source.seq} order. */
  private static java.util.stream.Stream<ChangeEvent> inSeqOrder(List<ChangeEvent> events, String table) {
    return events.stream().filter(e -> !e.isTombstone() && e.topic().endsWith("." + table)).sorted((a, b) -> Long.compare(a.seq(), b.seq()));
  }

  /** Keys per checksum range: the connector's default chunk in ids (the table's ids are even). */
  private static final int CHECKSUM_RANGE = 16_384;

  /**
   * An oracle independent of Sluice's own row reading: MariaDB checksums the text of every row of
   * {@code big} per id range ({@code SUM(CRC32(...))} and a count), the test computes the same from
   * the last event per key, and every range must agree. DOUBLE is left out (its text form is the
   * server's own); the field-by-field compare covers it.
   */
  private static void checksumsPerChunk(String db, List<ChangeEvent> events) throws SQLException {
    Map<String, ChangeEvent> last = new HashMap<>();
    inSeqOrder(events, "big").forEach(e -> last.put(ChangeEvent.keyText(e.key()), e));
    Map<Long, long[]> fromKafka = new java.util.TreeMap<>();
    for (ChangeEvent e : last.values()) {
      if (e.op().equals("d")) {
        continue;
      }
      Struct row = e.after();
      String text = String.join("|", checksumText(row, "id"), checksumText(row, "v"), checksumText(row, "d"), checksumText(row, "ts"),
          checksumText(row, "b"), checksumText(row, "flag"));
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      long[] sumAndCount = fromKafka.computeIfAbsent(((Number) row.get("id")).longValue() / CHECKSUM_RANGE, r -> new long[2]);
      sumAndCount[0] += crc.getValue();
      sumAndCount[1]++;
    }
    Map<Long, long[]> fromTable = new java.util.TreeMap<>();
    try (Connection c = admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id DIV " + CHECKSUM_RANGE
        + " AS r, SUM(CRC32(CONCAT_WS('|', id, IFNULL(v, '<null>'), IFNULL(d, '<null>'), IFNULL(DATE_FORMAT(ts, '%Y-%m-%d %H:%i:%s.%f'), '<null>'), "
        + "IFNULL(HEX(b), '<null>'), IFNULL(flag, '<null>')))), COUNT(*) FROM " + db + ".big GROUP BY r")) {
      while (rs.next()) {
        fromTable.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
      }
    }
    List<String> differing = new ArrayList<>();
    java.util.Set<Long> ranges = new java.util.TreeSet<>(fromTable.keySet());
    ranges.addAll(fromKafka.keySet());
    for (long r : ranges) {
      long[] t = fromTable.getOrDefault(r, new long[2]);
      long[] k = fromKafka.getOrDefault(r, new long[2]);
      if (t[0] != k[0] || t[1] != k[1]) {
        differing.add("ids " + r * CHECKSUM_RANGE + ".." + ((r + 1) * CHECKSUM_RANGE - 1) + ": table " + t[1] + " rows crc " + t[0]
            + ", Kafka " + k[1] + " rows crc " + k[0]);
      }
    }
    System.out.printf("[SnapshotIT] big: %d id ranges of %d checksummed by MariaDB and from Kafka, %d differ%n", ranges.size(),
        CHECKSUM_RANGE, differing.size());
    assertThat(differing).as("id ranges of %s.big whose checksum differs", db).isEmpty();
  }

  /** A value as MariaDB's CONCAT_WS renders the column: DATETIME(3) with six fraction digits (DATE_FORMAT %f), bytes in HEX. */
  private static String checksumText(Struct row, String field) {
    Object v = row.get(field);
    if (v == null) {
      return "<null>";
    }
    String logical = row.schema().field(field).schema().name();
    if ("ts".equals(field)) {
      long epoch = ((Number) v).longValue();
      java.time.Instant at = "io.debezium.time.MicroTimestamp".equals(logical)
          ? java.time.Instant.EPOCH.plus(epoch, java.time.temporal.ChronoUnit.MICROS) : java.time.Instant.ofEpochMilli(epoch);
      return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(java.time.ZoneOffset.UTC).format(at);
    }
    if (v instanceof java.math.BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof byte[] bytes) {
      return java.util.HexFormat.of().withUpperCase().formatHex(bytes);
    }
    if (v instanceof java.nio.ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return java.util.HexFormat.of().withUpperCase().formatHex(bytes);
    }
    if (v instanceof Boolean b) {
      return b ? "1" : "0";
    }
    return v.toString();
  }

  /** How often the copy of {@code qualified} resumed from a stored chunk boundary, from every worker's log. */
  private static long snapshotResumes(String qualified) throws java.io.IOException {
    String line = "snapshot of " + qualified + " resumes after key";
    long n = 0;
    for (ConnectCluster.Worker w : stack.connect().workers()) {
      try (java.util.stream.Stream<String> lines = Files.lines(w.process().logFile())) {
        n += lines.filter(l -> l.contains(line)).count();
      }
    }
    return n;
  }

  /** Waits until the connector's committed source offset says every table in {@code tables} has been copied. */
  private static void awaitSnapshotDone(ConnectRestClient rest, String name, List<String> tables, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "(none)";
    while (System.nanoTime() < deadline) {
      for (com.fasterxml.jackson.databind.JsonNode entry : rest.offsets(name).path("offsets")) {
        com.fasterxml.jackson.databind.JsonNode offset = entry.path("offset");
        last = offset.toString();
        List<String> done = List.of(offset.path("snapshot_done").asText("").split(","));
        if (offset.path("snapshot_table").isMissingNode() && done.containsAll(tables)) {
          return;
        }
      }
      Thread.sleep(1_000);
    }
    throw new AssertionError("the snapshot of " + tables + " was not committed as done within " + timeout + "; last offset " + last);
  }

  private void compare(String db, String table, List<ChangeEvent> events) throws Exception {
    Map<String, ChangeEvent> last = new HashMap<>();
    Map<String, Integer> reads = new HashMap<>();
    inSeqOrder(events, table).forEach(e -> {
      String key = ChangeEvent.keyText(e.key());
      last.put(key, e);
      if (e.op().equals("r")) {
        reads.merge(key, 1, Integer::sum);
      }
    });
    long readTwice = reads.values().stream().filter(n -> n > 1).count();
    System.out.printf("[SnapshotIT] %s: %d keys with events, %d snapshot rows, %d keys read twice (chunk size %d)%n", table, last.size(),
        reads.size(), readTwice, CHUNK);
    // Each restart of the task mid-copy (the kill; the config update too, when the copy is still
    // running then) may repeat at most the chunk it was emitting: the offset holds the last boundary.
    long resumes = snapshotResumes(db + "." + table);
    System.out.printf("[SnapshotIT] %s: the copy resumed %d times (worker logs)%n", table, resumes);
    assertThat(readTwice).as("keys of %s.%s copied twice over %d resumes", db, table, resumes).isLessThanOrEqualTo(CHUNK * resumes);
    MySqlEndpoint ep = stack.mysql();
    TableSchemaFactory factory = new TableSchemaFactory("snap", TypeMappingOptions.defaults(), new InformationSchemaColumnHints(
        () -> DriverManager.getConnection(ep.jdbcUrl(null), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD), "it"));
    int compared = 0;
    try (Connection c = admin(); Statement s = c.createStatement()) {
      TableSchema.prepareSession(c);
      TableSchema schema = factory.createFromInformationSchema(c, new TableId(db, table));
      try (ResultSet rs = s.executeQuery("SELECT " + schema.selectList() + " FROM " + db + "." + table)) {
        while (rs.next()) {
          Struct row = schema.rowFromJdbc(rs);
          String key = ChangeEvent.keyText(schema.key(row));
          ChangeEvent e = last.remove(key);
          assertThat(e).as("an event for %s.%s %s", db, table, key).isNotNull();
          assertThat(e.op()).as("last op of %s", key).isIn("r", "c", "u");
          assertThat(RowComparison.differences(row, e.after())).as("row %s", key).isEmpty();
          compared++;
        }
      }
    }
    List<String> extra = last.entrySet().stream().filter(e -> !e.getValue().op().equals("d")).map(Map.Entry::getKey).toList();
    assertThat(extra).as("keys in Kafka whose last event is not a delete but that are not in the table").isEmpty();
    System.out.printf("[SnapshotIT] %s: compared %d rows field by field%n", table, compared);
    assertThat(compared).isPositive();
  }

  private static void write(String db, AtomicBoolean stop, AtomicReference<Throwable> failure) {
    Random random = new Random(42);
    try (Connection c = admin(); Statement s = c.createStatement()) {
      int n = 0;
      while (!stop.get()) {
        int id = 1 + random.nextInt(ROWS * 2 + 100);
        switch (random.nextInt(3)) {
          case 0 -> s.execute("INSERT INTO " + db + ".big (id, v, d, ts, f, b, flag) VALUES (" + id + ", 'w" + n + "', 1.5, "
              + "'2025-02-03 04:05:06.789', 0.25, x'0102', 1) ON DUPLICATE KEY UPDATE v = 'dup" + n + "'");
          case 1 -> s.execute("UPDATE " + db + ".big SET v = 'u" + n + "', d = d + 1, f = f * 2 WHERE id = " + id);
          default -> s.execute("DELETE FROM " + db + ".big WHERE id = " + id);
        }
        n++;
        if (n % 50 == 0) {
          Thread.sleep(5);
        }
      }
      System.out.println("[SnapshotIT] writer made " + n + " changes");
    } catch (Throwable t) {
      failure.set(t);
    }
  }

  private static int workerRunningTask(String connector) {
    String workerId = stack.connect().rest().status(connector).path("tasks").get(0).path("worker_id").asText();
    for (ConnectCluster.Worker w : stack.connect().workers()) {
      if (workerId.endsWith(":" + w.restPort())) {
        return w.index();
      }
    }
    throw new IllegalStateException("no worker matches " + workerId);
  }

  private static Connection admin() throws SQLException {
    MySqlEndpoint db = stack.mysql();
    return DriverManager.getConnection(db.jdbcUrl(null), db.adminUser(), db.adminPassword());
  }
}
