package dev.sluice.it.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.it.support.ChangeEvent;
import dev.sluice.it.support.ChangeEventConsumer;
import dev.sluice.it.support.RowComparison;
import dev.sluice.it.support.SourceConnectors;
import dev.sluice.stack.ConnectCluster;
import dev.sluice.stack.ConnectRestClient;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.MariaDbServer;
import dev.sluice.stack.MySqlEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The binlog source in a real Connect cluster against real MariaDB: a random workload over every
 * type with a worker killed in the middle, a MariaDB restart, ALTER TABLE while streaming, and the
 * REST validate endpoint naming what the server lacks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SourceStreamingIT {
  private static LocalStack stack;

  @BeforeAll
  static void startStack() {
    stack = LocalStack.builder().name("SourceStreamingIT").mysql().kafkaBrokers(1).connectWorkers(2).start();
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void validateNamesAMissingGrantAndAWrongServerSetting() throws Exception {
    ConnectRestClient rest = stack.connect().rest();
    MySqlEndpoint db = stack.mysql();
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("CREATE USER IF NOT EXISTS 'weak'@'%' IDENTIFIED BY 'weak-pw'");
      s.execute("GRANT SELECT ON *.* TO 'weak'@'%'");
    }
    Map<String, String> config = SourceConnectors.config(stack, "validate-it", "nothing");
    config.put("name", "validate-it");
    JsonNode ok = rest.validate(config.get("connector.class"), config);
    assertThat(ok.path("error_count").asInt()).as("validation of a good configuration: %s", ok).isZero();

    Map<String, String> weak = new HashMap<>(config);
    weak.put("database.user", "weak");
    weak.put("database.password", "weak-pw");
    JsonNode weakResult = rest.validate(config.get("connector.class"), weak);
    assertThat(ConnectRestClient.errorsFor(weakResult, "database.user"))
        .anyMatch(m -> m.contains("REPLICATION SLAVE"))
        .anyMatch(m -> m.contains("BINLOG MONITOR"));

    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("SET GLOBAL binlog_row_metadata = 'MINIMAL'");
      try {
        JsonNode minimal = rest.validate(config.get("connector.class"), config);
        assertThat(ConnectRestClient.errorsFor(minimal, "database.hostname"))
            .anyMatch(m -> m.contains("binlog_row_metadata is MINIMAL") && m.contains("SET GLOBAL binlog_row_metadata='FULL'"));
      } finally {
        s.execute("SET GLOBAL binlog_row_metadata = 'FULL'");
      }
    }
    assertThat(db.port()).isPositive();
  }

  @Test
  @Order(2)
  void aRandomWorkloadYieldsExactlyTheCommittedChangesEvenWhenTheWorkerIsKilled() throws Exception {
    String database = "it_stream";
    try (Connection c = admin()) {
      RandomWorkload.createSchema(c, database);
    }
    ConnectRestClient rest = stack.connect().rest();
    String name = "stream-it";
    rest.create(name, SourceConnectors.config(stack, "stream", database));
    rest.awaitState(name, "RUNNING", 1, Duration.ofSeconds(60));
    try (TableSchemas schemas = TableSchemas.startCapturing(stack, database)) {
      runWorkloadAndCheck(name, database, schemas);
    }
    rest.delete(name);
  }

  private void runWorkloadAndCheck(String name, String database, TableSchemas schemas) throws Exception {
    ConnectRestClient rest = stack.connect().rest();

    RandomWorkload workload = new RandomWorkload(database, 20_231_123L);
    int total = 20_000;
    AtomicReference<Throwable> writerFailure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      MySqlEndpoint db = stack.mysql();
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(null) + "?useAffectedRows=true", db.adminUser(), db.adminPassword())) {
        workload.run(c, total);
      } catch (Throwable t) {
        writerFailure.set(t);
      }
    }, "workload");
    writer.start();

    // Kill -9 the worker running the task while the workload is in full swing, then bring it back.
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (workload.changes() < total * 2 / 5 && writer.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    int victim = workerRunningTask(name);
    int changesAtKill = workload.changes();
    stack.connect().kill(victim);
    System.out.println("[SourceStreamingIT] killed worker " + victim + " (kill -9) after " + changesAtKill + " committed changes");
    Thread.sleep(2_000);
    stack.connect().startWorker(victim);
    writer.join(Duration.ofMinutes(5).toMillis());
    assertThat(writerFailure.get()).as("the workload writer").isNull();
    rest.awaitState(name, "RUNNING", 1, Duration.ofSeconds(120));

    List<RandomWorkload.Expected> expected = workload.expected();
    List<ChangeEvent> events;
    try (ChangeEventConsumer consumer = new ChangeEventConsumer(stack.kafka().bootstrapServers(), Pattern.compile("stream\\." + database + "\\..*"))) {
      // The initial snapshot (of tables the workload may already be filling) can add op=r reads; they do not count here.
      events = consumer.readUntil(list -> distinctSeqs(changesOnly(list)).size() >= expected.size(), Duration.ofMinutes(4));
    }
    Map<Long, ChangeEvent> bySeq = new LinkedHashMap<>();
    int duplicates = 0;
    for (ChangeEvent e : events) {
      if (e.isTombstone()) {
        continue;
      }
      ChangeEvent previous = bySeq.putIfAbsent(e.seq(), e);
      if (previous != null) {
        duplicates++;
        // A redelivered record carries the seq it had the first time, and the same content.
        assertThat(e.key()).isEqualTo(previous.key());
        assertThat(e.op()).isEqualTo(previous.op());
        assertThat(RowComparison.differences(previous.after(), e.after())).isEmpty();
      }
    }
    System.out.println("[SourceStreamingIT] " + expected.size() + " committed changes, " + events.size() + " records read, "
        + bySeq.size() + " distinct seqs, " + duplicates + " redelivered duplicates");

    // Per key, the operations in seq order equal the committed operations in commit order.
    Map<String, List<String>> expectedPerKey = new HashMap<>();
    for (RandomWorkload.Expected e : expected) {
      expectedPerKey.computeIfAbsent(e.table() + "/" + e.key(), k -> new ArrayList<>()).add(e.op());
    }
    // The initial snapshot may have read keys the workload had already written: KeyHistories checks those reads and
    // leaves them out of the per-key operations.
    KeyHistories histories = KeyHistories.of(bySeq.values());
    Map<String, List<String>> actualPerKey = histories.operations;
    Map<String, ChangeEvent> lastPerKey = histories.last;
    int snapshotReads = histories.snapshotReads;
    System.out.println("[SourceStreamingIT] " + snapshotReads + " snapshot reads raced the workload");
    assertThat(histories.badReads).as("snapshot reads that do not repeat the key's streamed state").isEmpty();
    List<String> keyDiffs = new ArrayList<>();
    for (String key : new java.util.TreeSet<>(java.util.Set.copyOf(expectedPerKey.keySet()))) {
      if (!expectedPerKey.get(key).equals(actualPerKey.get(key))) {
        keyDiffs.add(key + ": committed " + expectedPerKey.get(key) + ", emitted " + actualPerKey.get(key));
      }
    }
    actualPerKey.keySet().stream().filter(k -> !expectedPerKey.containsKey(k)).forEach(k -> keyDiffs.add(k + ": emitted but never committed"));
    List<Long> sortedSeqs = new ArrayList<>(new java.util.TreeSet<>(bySeq.keySet()));
    List<String> gaps = new ArrayList<>();
    for (int i = 1; i < sortedSeqs.size(); i++) {
      // A delete's tombstone takes the seq after it; anything else is a hole.
      long allowed = bySeq.get(sortedSeqs.get(i - 1)).op().equals("d") ? 2 : 1;
      if (sortedSeqs.get(i) - sortedSeqs.get(i - 1) > allowed) {
        gaps.add(sortedSeqs.get(i - 1) + ".." + sortedSeqs.get(i));
      }
    }
    assertThat(keyDiffs).as("keys whose emitted operations differ from the committed ones (seq gaps among change events: %s)",
        gaps.size() > 20 ? gaps.subList(0, 20) : gaps).isEmpty();
    assertThat(bySeq).hasSize(expected.size() + snapshotReads);
    // Within each topic partition, records arrive in emission order: seqs only grow (redeliveries aside).
    Map<String, Long> lastSeqPerPartition = new HashMap<>();
    for (ChangeEvent e : events) {
      if (e.isTombstone()) {
        continue;
      }
      Long previous = lastSeqPerPartition.put(e.topic() + "-" + e.partition(), e.seq());
      assertThat(previous == null || e.seq() > previous || bySeq.get(e.seq()) != e)
          .as("seq %d after %s in %s-%d", e.seq(), previous, e.topic(), e.partition()).isTrue();
    }

    // The last state of every live key equals what MariaDB returns for that row, mapped the same way.
    int compared = 0;
    try (Connection c = admin(); Statement s = c.createStatement()) {
      // Read as a snapshot would: UTC session, the mapping's own select list (exact FLOAT digits).
      dev.sluice.source.mysql.schema.TableSchema.prepareSession(c);
      for (String table : RandomWorkload.TABLES) {
        dev.sluice.source.mysql.schema.TableSchema schema = schemas.schema(table);
        try (ResultSet rs = s.executeQuery("SELECT " + schema.selectList() + " FROM " + database + "." + table)) {
          while (rs.next()) {
            Struct row = schema.rowFromJdbc(rs);
            String key = table + "/" + ChangeEvent.keyText(schema.key(row));
            ChangeEvent last = lastPerKey.get(key);
            assertThat(last).as("an event for %s", key).isNotNull();
            assertThat(last.op()).as("last op of %s", key).isIn("c", "u", "r");
            assertThat(RowComparison.differences(row, last.after())).as("row %s", key).isEmpty();
            compared++;
          }
        }
      }
    }
    long deletedAtEnd = lastPerKey.values().stream().filter(e -> e.op().equals("d")).count();
    assertThat(compared + deletedAtEnd).isEqualTo(lastPerKey.size());
    System.out.println("[SourceStreamingIT] compared " + compared + " rows with MariaDB's answer, field by field");
  }

  @Test
  @Order(3)
  void theTaskReconnectsAfterMariaDbIsStoppedFor20SecondsAndLosesNothing() throws Exception {
    MariaDbServer mariaDb = stack.mariaDb().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(mariaDb != null, "needs the local MariaDB (SLUICE_MYSQL_URL points elsewhere)");
    String database = "it_restart";
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
      s.execute("CREATE TABLE " + database + ".t (id INT PRIMARY KEY, v VARCHAR(20))");
    }
    ConnectRestClient rest = stack.connect().rest();
    String name = "restart-it";
    rest.create(name, SourceConnectors.config(stack, "restart", database));
    rest.awaitState(name, "RUNNING", 1, Duration.ofSeconds(60));
    insertRows(database, 1, 300);
    mariaDb.stop();
    Thread.sleep(20_000);
    mariaDb.start();
    insertRows(database, 301, 600);
    try (ChangeEventConsumer consumer = new ChangeEventConsumer(stack.kafka().bootstrapServers(), Pattern.compile("restart\\." + database + "\\.t"))) {
      // Inserts only: an initial snapshot may add r events for rows it read after they were streamed.
      java.util.function.Function<List<ChangeEvent>, List<ChangeEvent>> creates =
          list -> list.stream().filter(e -> "c".equals(e.op())).toList();
      List<ChangeEvent> events = creates.apply(consumer.readUntil(list -> distinctSeqs(creates.apply(list)).size() >= 600, Duration.ofMinutes(2)));
      List<Integer> ids = events.stream().map(e -> e.after().getInt32("id")).distinct().sorted().toList();
      assertThat(ids).hasSize(600).first().isEqualTo(1);
      assertThat(ids).last().isEqualTo(600);
      assertThat(distinctSeqs(events)).as("one create per row, none lost, none emitted twice").hasSize(600);
    }
    JsonNode status = rest.status(name);
    assertThat(status.path("tasks").get(0).path("state").asText()).as("task state after the outage (no manual restart)").isEqualTo("RUNNING");
    rest.delete(name);
  }

  @Test
  @Order(4)
  void alterTableDuringStreamingChangesTheSchemaOfLaterEventsOnly() throws Exception {
    String database = "it_alter";
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
      s.execute("CREATE TABLE " + database + ".t (id INT PRIMARY KEY, a INT, b VARCHAR(20))");
    }
    ConnectRestClient rest = stack.connect().rest();
    String name = "alter-it";
    Map<String, String> config = SourceConnectors.config(stack, "alter", database);
    config.put("include.schema.changes", "true");
    // Streaming only: the ALTERs follow the connector's creation at once, and a table whose schema
    // changes mid-snapshot fails the task on purpose (SnapshotCoordinator#schemaChanged).
    config.put("snapshot.mode", "no_data");
    // Written by Sluice's schema-caching JSON converter, read below with Kafka's JsonConverter: each
    // new schema must reach the topic, not the cached bytes of the one before.
    for (String side : new String[] {"key", "value"}) {
      config.put(side + ".converter", "dev.sluice.converters.json.SchemaCachingJsonConverter");
      config.put(side + ".converter.schemas.enable", "true");
    }
    rest.create(name, config);
    rest.awaitState(name, "RUNNING", 1, Duration.ofSeconds(60));
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO " + database + ".t VALUES (1, 10, 'one')");
      s.execute("ALTER TABLE " + database + ".t ADD COLUMN m INT AFTER id");
      s.execute("INSERT INTO " + database + ".t VALUES (2, 20, 2, 'two')");
      s.execute("ALTER TABLE " + database + ".t ADD COLUMN z VARCHAR(5)");
      s.execute("INSERT INTO " + database + ".t VALUES (3, 30, 3, 'three', 'zz')");
      s.execute("ALTER TABLE " + database + ".t DROP COLUMN a");
      s.execute("INSERT INTO " + database + ".t VALUES (4, 40, 'four', 'z4')");
      s.execute("UPDATE " + database + ".t SET b = 'uno' WHERE id = 1");
    }
    try (ChangeEventConsumer consumer = new ChangeEventConsumer(stack.kafka().bootstrapServers(), Pattern.compile("alter\\." + database + "\\.t"))) {
      List<ChangeEvent> events = consumer.readUntil(list -> list.size() >= 5, Duration.ofMinutes(1)).stream()
          .filter(e -> !e.isTombstone()).toList();
      assertThat(events).hasSize(5);
      assertThat(fieldNames(events.get(0).after())).containsExactly("id", "a", "b");
      assertThat(fieldNames(events.get(1).after())).containsExactly("id", "m", "a", "b");
      assertThat(fieldNames(events.get(2).after())).containsExactly("id", "m", "a", "b", "z");
      assertThat(fieldNames(events.get(3).after())).containsExactly("id", "m", "b", "z");
      assertThat(events.get(4).op()).isEqualTo("u");
      assertThat(fieldNames(events.get(4).after())).containsExactly("id", "m", "b", "z");
      assertThat(events.get(4).after().getString("b")).isEqualTo("uno");
      assertThat(events.get(2).after().getInt32("a")).isEqualTo(3);
    }
    try (ChangeEventConsumer ddl = new ChangeEventConsumer(stack.kafka().bootstrapServers(), Pattern.compile("alter\\.schema-changes"))) {
      List<ChangeEvent> changes = ddl.readUntil(list -> list.size() >= 3, Duration.ofSeconds(60));
      assertThat(changes).extracting(e -> e.value().getString("ddl")).anyMatch(d -> d.contains("ADD COLUMN m INT AFTER id"))
          .anyMatch(d -> d.contains("DROP COLUMN a"));
      assertThat(changes).extracting(e -> e.value().getString("tableName")).contains("t");
    }
    rest.delete(name);
  }

  @Test
  @Order(5)
  void aPurgedBinlogAtTheStoredOffsetFailsTheTaskNamingThePositionAndTheRemedy() throws Exception {
    String database = "it_purge";
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
      s.execute("CREATE TABLE " + database + ".t (id INT PRIMARY KEY, v VARCHAR(20))");
    }
    ConnectRestClient rest = stack.connect().rest();
    String name = "purge-it";
    rest.create(name, SourceConnectors.config(stack, "purge", database));
    rest.awaitState(name, "RUNNING", 1, Duration.ofSeconds(60));
    insertRows(database, 1, 10);
    try (ChangeEventConsumer consumer = new ChangeEventConsumer(stack.kafka().bootstrapServers(), Pattern.compile("purge\\." + database + "\\.t"))) {
      assertThat(consumer.readUntil(list -> list.size() >= 10, Duration.ofSeconds(60))).hasSize(10);
    }
    // The connector goes away for a while (its offsets stay); meanwhile the binlog it needs is purged.
    rest.pause(name);
    rest.awaitState(name, "PAUSED", 1, Duration.ofSeconds(60));
    rest.delete(name);
    insertRows(database, 11, 20);
    purgeAllButANewBinlog();
    rest.create(name, SourceConnectors.config(stack, "purge", database));
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    String trace = "";
    while (System.nanoTime() < deadline) {
      JsonNode status;
      try {
        status = rest.status(name);
      } catch (ConnectRestClient.ConnectRestException e) {
        // 404 until the new connector has been assigned and has reported a status
        Thread.sleep(500);
        continue;
      }
      JsonNode task = status.path("tasks").path(0);
      if ("FAILED".equals(task.path("state").asText())) {
        trace = task.path("trace").asText();
        break;
      }
      Thread.sleep(500);
    }
    assertThat(trace).as("the failed task's trace").contains("no longer on").contains("binlog_expire_logs_seconds")
        .contains("DELETE /connectors/<name>/offsets").containsPattern("0-1-\\d+");
    rest.delete(name);
  }

  @Test
  @Order(6)
  void whenNeededCopiesEveryTableAgainWhenTheTransactionsAfterTheStoredGtidsWerePurged() throws Exception {
    String database = "it_when_needed";
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
      s.execute("CREATE TABLE " + database + ".t (id INT PRIMARY KEY, v VARCHAR(20))");
    }
    ConnectRestClient rest = stack.connect().rest();
    String name = "when-needed-it";
    Map<String, String> config = SourceConnectors.config(stack, "whenneeded", database);
    config.put("snapshot.mode", "when_needed");
    rest.create(name, config);
    rest.awaitState(name, "RUNNING", 1, Duration.ofSeconds(60));
    insertRows(database, 1, 10);
    Pattern topic = Pattern.compile("whenneeded\\." + database + "\\.t");
    try (ChangeEventConsumer consumer = new ChangeEventConsumer(stack.kafka().bootstrapServers(), topic)) {
      assertThat(consumer.readUntil(list -> list.size() >= 10, Duration.ofSeconds(60))).extracting(ChangeEvent::op).containsOnly("c");
    }
    rest.pause(name);
    rest.awaitState(name, "PAUSED", 1, Duration.ofSeconds(60));
    rest.delete(name);
    insertRows(database, 11, 20);
    try (Connection c = admin(); Statement s = c.createStatement()) {
      // Rows 11-20 exist only in the purged binlog and in the table: only a new snapshot can deliver them.
      s.execute("UPDATE " + database + ".t SET v = CONCAT(v, '-updated') WHERE id <= 5");
    }
    purgeAllButANewBinlog();
    rest.create(name, config);
    rest.awaitState(name, "RUNNING", 1, Duration.ofSeconds(60));
    try (ChangeEventConsumer consumer = new ChangeEventConsumer(stack.kafka().bootstrapServers(), topic)) {
      // A row inserted while its chunk is being copied is streamed before the chunk's rows (they are
      // emitted at the chunk's high watermark): insert row 21 only once the copy is in Kafka.
      consumer.readUntil(list -> list.stream().filter(e -> "r".equals(e.op()) && e.after().getInt32("id") <= 20).count() >= 20,
          Duration.ofSeconds(90));
      insertRows(database, 21, 21);
      List<ChangeEvent> events = consumer.readUntil(
          list -> list.stream().anyMatch(e -> "c".equals(e.op()) && e.after().getInt32("id") == 21), Duration.ofSeconds(90));
      List<ChangeEvent> copied = events.stream().filter(e -> "r".equals(e.op()) && e.after().getInt32("id") <= 20).toList();
      assertThat(copied).as("op=r events of the new snapshot").hasSize(20);
      Map<Integer, String> copiedRows = copied.stream().collect(Collectors.toMap(e -> e.after().getInt32("id"), e -> e.after().getString("v")));
      Map<Integer, String> table = new HashMap<>();
      try (Connection c = admin(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT id, v FROM " + database + ".t WHERE id <= 20")) {
        while (rs.next()) {
          table.put(rs.getInt(1), rs.getString(2));
        }
      }
      assertThat(copiedRows).as("the snapshot equals the table").isEqualTo(table).containsEntry(3, "v3-updated");
      assertThat(copied).allSatisfy(e -> assertThat(e.source().getString("snapshot")).isIn("true", "last"));
      long lastCopySeq = copied.stream().mapToLong(ChangeEvent::seq).max().orElseThrow();
      ChangeEvent streamed = events.stream().filter(e -> "c".equals(e.op()) && e.after().getInt32("id") == 21).findFirst().orElseThrow();
      assertThat(streamed.seq()).as("streaming goes on after the copy, seq still increasing").isGreaterThan(lastCopySeq);
    }
    assertThat(rest.status(name).path("tasks").path(0).path("state").asText()).isEqualTo("RUNNING");
    rest.delete(name);
  }

  private static List<String> fieldNames(Struct s) {
    return s.schema().fields().stream().map(Field::name).toList();
  }

  /** Starts a new binlog file and purges every older one (what a too-short binlog retention does to a stopped connector). */
  private static void purgeAllButANewBinlog() throws Exception {
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("FLUSH BINARY LOGS");
      String current;
      try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
        rs.next();
        current = rs.getString(1);
      }
      // A replica still connected (e.g. a killed worker's dump thread the server has not noticed yet)
      // keeps its binlog from being purged: end those sessions first.
      List<Long> dumpThreads = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%'")) {
        while (rs.next()) {
          dumpThreads.add(rs.getLong(1));
        }
      }
      for (long id : dumpThreads) {
        s.execute("KILL " + id);
      }
      // MariaDB purges a binlog only after its binlog checkpoint (InnoDB caught up): retry briefly.
      List<String> left = new ArrayList<>();
      long purgeDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      do {
        s.execute("PURGE BINARY LOGS TO '" + current + "'");
        left.clear();
        try (ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
          while (rs.next()) {
            left.add(rs.getString(1));
          }
        }
        if (left.size() > 1) {
          Thread.sleep(500);
        }
      } while (left.size() > 1 && System.nanoTime() < purgeDeadline);
      assertThat(left).as("binlogs after PURGE").containsExactly(current);
    }
  }

  private static void insertRows(String database, int from, int to) throws SQLException {
    try (Connection c = admin(); Statement s = c.createStatement()) {
      for (int i = from; i <= to; i++) {
        s.execute("INSERT INTO " + database + ".t VALUES (" + i + ", 'v" + i + "')");
      }
    }
  }

  private static List<ChangeEvent> changesOnly(List<ChangeEvent> events) {
    return events.stream().filter(e -> e.isTombstone() || !"r".equals(e.op())).toList();
  }

  private static java.util.Set<Long> distinctSeqs(List<ChangeEvent> events) {
    return events.stream().filter(e -> !e.isTombstone()).map(ChangeEvent::seq).collect(Collectors.toSet());
  }

  private static int workerRunningTask(String connector) {
    JsonNode status = stack.connect().rest().status(connector);
    String workerId = status.path("tasks").get(0).path("worker_id").asText();
    for (ConnectCluster.Worker w : stack.connect().workers()) {
      if (workerId.endsWith(":" + w.restPort())) {
        return w.index();
      }
    }
    throw new IllegalStateException("no worker matches " + workerId);
  }

  static Connection admin() throws SQLException {
    MySqlEndpoint db = stack.mysql();
    return DriverManager.getConnection(db.jdbcUrl(null), db.adminUser(), db.adminPassword());
  }
}
