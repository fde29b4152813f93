package dev.sluice.it.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.it.support.ChangeEvent;
import dev.sluice.it.support.ChangeEventConsumer;
import dev.sluice.it.support.RowComparison;
import dev.sluice.it.support.SourceConnectors;
import dev.sluice.source.mysql.schema.InformationSchemaColumnHints;
import dev.sluice.source.mysql.schema.TableId;
import dev.sluice.source.mysql.schema.TableSchema;
import dev.sluice.source.mysql.schema.TableSchemaFactory;
import dev.sluice.source.mysql.schema.TypeMappingOptions;
import dev.sluice.stack.ConnectRestClient;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.MySqlEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The on-demand snapshot of one table through a Kafka signal topic, against real MariaDB, a real
 * broker and a real Connect worker: a table streamed without an initial snapshot
 * ({@code snapshot.mode=no_data}) is copied when a Debezium-format {@code execute-snapshot} signal
 * arrives, while a writer keeps changing it; the signal is executed once (not again after a restart,
 * and a signal sent before the connector existed is never executed), and a signal sent while the
 * connector is gone is executed when it comes back (the position is in the source offset).
 */
class SignalSnapshotIT {
  private static final int ROWS = Integer.getInteger("sluice.signal.rows", 4_000);
  /** Keys 1..CHANGED are changed by the writer during the signal snapshot; the other rows stay as they were. */
  private static final int CHANGED = 400;
  private static final String DB = "it_signal";
  private static final String PREFIX = "sig";
  private static final String SIGNALS = "sluice-signals";
  private static LocalStack stack;

  @BeforeAll
  static void startStack() {
    stack = LocalStack.builder().name("SignalSnapshotIT").mysql().kafkaBrokers(1).connectWorkers(1).start();
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aSignalCopiesAStreamedTableOnceWhileItChangesAndSurvivesRestarts() throws Exception {
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DB);
      s.execute("CREATE TABLE " + DB + ".items (id INT PRIMARY KEY, v VARCHAR(40), d DECIMAL(12,2), ts DATETIME(3), b VARBINARY(8))");
      s.execute("CREATE TABLE " + DB + ".extra (id BIGINT PRIMARY KEY, v VARCHAR(20))");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + DB + ".items VALUES (?, ?, ?, ?, ?)")) {
        c.setAutoCommit(false);
        for (int i = 1; i <= ROWS; i++) {
          ps.setInt(1, i);
          ps.setString(2, "row-" + i);
          ps.setBigDecimal(3, java.math.BigDecimal.valueOf(i * 7L, 2));
          ps.setString(4, "2024-05-06 07:08:09.123");
          ps.setBytes(5, new byte[] {(byte) i, (byte) (i >> 8)});
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
        c.setAutoCommit(true);
      }
      for (int i = 1; i <= 50; i++) {
        s.execute("INSERT INTO " + DB + ".extra VALUES (" + i + ", 'extra-" + i + "')");
      }
    }
    String servers = stack.kafka().bootstrapServers();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
      admin.createTopics(List.of(new NewTopic(SIGNALS, 1, (short) 1))).all().get();
    }
    try (KafkaProducer<String, String> signals = producer(servers);
        ChangeEventConsumer consumer = new ChangeEventConsumer(servers, Pattern.compile(PREFIX + "\\." + DB + "\\..*"))) {
      // Sent before the connector exists (offset 0): with no position stored, reading starts at the end, so never executed.
      send(signals, "items");

      ConnectRestClient rest = stack.connect().rest();
      String name = "signal-it";
      Map<String, String> config = SourceConnectors.config(stack, PREFIX, DB);
      config.put("table.include.list", DB + "\\.(items|extra)");
      config.put("snapshot.mode", "no_data");
      config.put("snapshot.chunk.size", "500");
      config.put("signal.kafka.topic", SIGNALS);
      config.put("signal.kafka.bootstrap.servers", servers);
      rest.create(name, config);
      rest.awaitState(name, "RUNNING", 1, Duration.ofSeconds(90));
      // The reader found the end of the signal topic and the offsets store it.
      awaitSignalOffset(rest, name, 1);
      assertThat(countReads(consumer.readUntil(l -> false, Duration.ofSeconds(2)), "items")).as("op=r before any signal").isZero();

      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> writerFailure = new AtomicReference<>();
      Thread writer = new Thread(() -> write(stop, writerFailure), "signal-writer");
      writer.start();
      long started = System.nanoTime();
      send(signals, "items");
      consumer.readUntil(l -> l.stream().anyMatch(e -> isRead(e, "items") && "last".equals(e.source().getString("snapshot"))),
          Duration.ofMinutes(2));
      System.out.printf("[SignalSnapshotIT] %d rows copied on signal in %d ms while the writer ran%n", ROWS,
          Duration.ofNanos(System.nanoTime() - started).toMillis());
      stop.set(true);
      writer.join(60_000);
      assertThat(writerFailure.get()).as("the writer").isNull();
      List<ChangeEvent> events = awaitMarker(consumer, 1_000_001);

      Map<Integer, Struct> rows = tableRows("items");
      Map<Integer, Struct> reads = new HashMap<>();
      for (ChangeEvent e : events) {
        if (isRead(e, "items")) {
          assertThat(reads.put(e.after().getInt32("id"), e.after())).as("a second op=r for id %s", e.after().getInt32("id")).isNull();
        }
      }
      int untouched = 0;
      for (int id = CHANGED + 1; id <= ROWS; id++) {
        assertThat(reads.get(id)).as("op=r of untouched row %d", id).isNotNull();
        assertThat(RowComparison.differences(rows.get(id), reads.get(id))).as("op=r of row %d", id).isEmpty();
        untouched++;
      }
      System.out.printf("[SignalSnapshotIT] %d op=r events; %d untouched rows equal MariaDB's%n", reads.size(), untouched);
      assertLastEventPerKeyEqualsTheTable(events, "items");
      awaitSignalOffset(rest, name, 2);

      // A restart does not execute the signal again.
      int readsBefore = countReads(events, "items");
      rest.restart(name);
      // The restart is asynchronous: give the old task time to stop before waiting for RUNNING.
      Thread.sleep(5_000);
      rest.awaitState(name, "RUNNING", 1, Duration.ofSeconds(90));
      awaitMarker(consumer, 1_000_002);
      events = consumer.readUntil(l -> false, Duration.ofSeconds(8));
      assertThat(countReads(events, "items")).as("op=r of items after the restart").isEqualTo(readsBefore);

      // A signal sent while the connector is gone is executed when it is back: the position is in the offset, not at the end.
      rest.delete(name);
      awaitGone(rest, name);
      send(signals, "extra");
      rest.create(name, config);
      rest.awaitState(name, "RUNNING", 1, Duration.ofSeconds(90));
      events = consumer.readUntil(l -> countReads(l, "extra") >= 50, Duration.ofMinutes(2));
      assertThat(countReads(events, "extra")).as("op=r of extra, signalled while the connector was gone").isEqualTo(50);
      events = awaitMarker(consumer, 1_000_003);
      assertThat(countReads(events, "items")).as("op=r of items after the re-creation").isEqualTo(readsBefore);
      assertLastEventPerKeyEqualsTheTable(events, "extra");
      awaitSignalOffset(rest, name, 3);
      rest.delete(name);
    }
  }

  private static boolean isRead(ChangeEvent e, String table) {
    return !e.isTombstone() && "r".equals(e.op()) && table.equals(e.table());
  }

  private static int countReads(List<ChangeEvent> events, String table) {
    return (int) events.stream().filter(e -> isRead(e, table)).count();
  }

  private static KafkaProducer<String, String> producer(String servers) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(), new StringSerializer());
  }

  /** A Debezium-format signal, keyed with the connector's topic.prefix. */
  private static void send(KafkaProducer<String, String> producer, String table) throws Exception {
    String value = "{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[\"" + DB + "." + table + "\"],\"type\":\"incremental\"}}";
    var meta = producer.send(new ProducerRecord<>(SIGNALS, 0, PREFIX, value)).get();
    System.out.printf("[SignalSnapshotIT] signal for %s at %s-%d@%d%n", table, meta.topic(), meta.partition(), meta.offset());
  }

  /** Inserts a marker row into items and reads until it arrived: everything committed before it is in Kafka. */
  private static List<ChangeEvent> awaitMarker(ChangeEventConsumer consumer, int id) throws SQLException {
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO " + DB + ".items (id, v) VALUES (" + id + ", 'marker')");
    }
    List<ChangeEvent> events = consumer.readUntil(l -> l.stream().anyMatch(e -> !e.isTombstone() && e.after() != null
        && "items".equals(e.table()) && e.after().getInt32("id") == id), Duration.ofMinutes(2));
    assertThat(events).as("the marker %d in Kafka", id).anyMatch(e -> !e.isTombstone() && e.after() != null
        && "items".equals(e.table()) && e.after().getInt32("id") == id);
    return events;
  }

  private static void awaitSignalOffset(ConnectRestClient rest, String name, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode offsets = null;
    while (System.nanoTime() < deadline) {
      offsets = rest.offsets(name);
      JsonNode stored = offsets.path("offsets").path(0).path("offset").path("signal_offset");
      if (stored.isNumber() && stored.asLong() == expected) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the stored offset of " + name + " never held signal_offset=" + expected + ": " + offsets);
  }

  private static void awaitGone(ConnectRestClient rest, String name) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (rest.connectors().contains(name)) {
      assertThat(System.nanoTime()).as("connector %s deleted", name).isLessThan(deadline);
      Thread.sleep(250);
    }
    // The task stops after the connector is gone from the list.
    Thread.sleep(3_000);
  }

  /** Random inserts, updates and deletes on keys 1..CHANGED (and new keys above the table) until stopped. */
  private static void write(AtomicBoolean stop, AtomicReference<Throwable> failure) {
    Random random = new Random(7);
    try (Connection c = admin(); Statement s = c.createStatement()) {
      int n = 0;
      while (!stop.get()) {
        int id = 1 + random.nextInt(CHANGED);
        switch (random.nextInt(4)) {
          case 0 -> s.execute("INSERT INTO " + DB + ".items (id, v, d, ts, b) VALUES (" + id + ", 'w" + n + "', 1.50, "
              + "'2025-02-03 04:05:06.789', x'0102') ON DUPLICATE KEY UPDATE v = 'dup" + n + "'");
          case 1 -> s.execute("UPDATE " + DB + ".items SET v = 'u" + n + "', d = d + 1 WHERE id = " + id);
          case 2 -> s.execute("DELETE FROM " + DB + ".items WHERE id = " + id);
          default -> s.execute("INSERT INTO " + DB + ".items (id, v) VALUES (" + (ROWS + 1 + n) + ", 'new" + n + "')");
        }
        n++;
        if (n % 20 == 0) {
          Thread.sleep(10);
        }
      }
      System.out.println("[SignalSnapshotIT] writer made " + n + " changes");
    } catch (Throwable t) {
      failure.set(t);
    }
  }

  /** The table's rows by id, as the connector's schema reads them. */
  private static Map<Integer, Struct> tableRows(String table) throws SQLException {
    Map<String, Struct> byKey = new HashMap<>();
    readTable(table, byKey);
    Map<Integer, Struct> rows = new HashMap<>();
    byKey.values().forEach(r -> rows.put(((Number) r.get("id")).intValue(), r));
    return rows;
  }

  private static void readTable(String table, Map<String, Struct> into) throws SQLException {
    MySqlEndpoint ep = stack.mysql();
    TableSchemaFactory factory = new TableSchemaFactory(PREFIX, TypeMappingOptions.defaults(), new InformationSchemaColumnHints(
        () -> DriverManager.getConnection(ep.jdbcUrl(null), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD), "it"));
    try (Connection c = admin(); Statement s = c.createStatement()) {
      TableSchema.prepareSession(c);
      TableSchema schema = factory.createFromInformationSchema(c, new TableId(DB, table));
      try (ResultSet rs = s.executeQuery("SELECT " + schema.selectList() + " FROM " + DB + "." + table)) {
        while (rs.next()) {
          Struct row = schema.rowFromJdbc(rs);
          into.put(ChangeEvent.keyText(schema.key(row)), row);
        }
      }
    }
  }

  /** The last event per key, in seq order, equals the table: nothing changed during the snapshot is lost. */
  private static void assertLastEventPerKeyEqualsTheTable(List<ChangeEvent> events, String table) throws SQLException {
    Map<String, ChangeEvent> last = new HashMap<>();
    events.stream().filter(e -> !e.isTombstone() && table.equals(e.table())).sorted((a, b) -> Long.compare(a.seq(), b.seq()))
        .forEach(e -> last.put(ChangeEvent.keyText(e.key()), e));
    Map<String, Struct> rows = new HashMap<>();
    readTable(table, rows);
    for (Map.Entry<String, Struct> row : rows.entrySet()) {
      ChangeEvent e = last.remove(row.getKey());
      assertThat(e).as("an event for %s %s", table, row.getKey()).isNotNull();
      assertThat(e.op()).as("last op of %s", row.getKey()).isIn("r", "c", "u");
      assertThat(RowComparison.differences(row.getValue(), e.after())).as("%s %s", table, row.getKey()).isEmpty();
    }
    List<String> extra = last.entrySet().stream().filter(e -> !e.getValue().op().equals("d")).map(Map.Entry::getKey).toList();
    assertThat(extra).as("keys of %s in Kafka whose last event is not a delete but that are not in the table", table).isEmpty();
    System.out.printf("[SignalSnapshotIT] %s: last event per key equals all %d rows%n", table, rows.size());
    assertThat(rows).isNotEmpty();
  }

  private static Connection admin() throws SQLException {
    MySqlEndpoint db = stack.mysql();
    return DriverManager.getConnection(db.jdbcUrl(null), db.adminUser(), db.adminPassword());
  }
}
