package dev.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.sluice.stack.ConnectRestClient.ConnectRestException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The foundation of every end-to-end test: MariaDB, one Kafka broker, two Connect workers and the
 * MongoDB endpoint really start as processes, really work, and are really gone afterwards.
 */
class LocalStackIT {
  private static LocalStack stack;
  private static List<Integer> ports;
  private static List<ManagedProcess> processes;

  @BeforeAll
  static void startStack() {
    stack = LocalStack.builder().name("LocalStackIT").mysql().kafkaBrokers(1).connectWorkers(2).mongo().start();
    ports = stack.localPorts();
    processes = new ArrayList<>();
    for (int i = 0; i < stack.kafka().size(); i++) {
      processes.add(stack.kafka().process(i));
    }
    stack.connect().workers().forEach(w -> processes.add(w.process()));
    if (stack.mongo() instanceof MongoJavaServer m) {
      processes.add(m.process());
    }
  }

  @AfterAll
  static void stopStackAndCheckNothingIsLeft() {
    if (stack == null) {
      return;
    }
    stack.close();
    assertThat(ports).as("ports of the stack").isNotEmpty();
    for (int port : ports) {
      assertThat(ManagedProcess.portOpen(port)).as("port %d is closed after the stack stopped", port).isFalse();
    }
    for (ManagedProcess p : processes) {
      assertThat(p.isAlive()).as("%s is not running after the stack stopped", p.name()).isFalse();
    }
    stack.mariaDb().ifPresent(m -> assertThat(m.isRunning()).as("MariaDB is not running after the stack stopped").isFalse());
  }

  @Test
  void everyComponentReportsItsStartupTime() {
    assertThat(stack.startupTimes()).containsKeys("mysql", "kafka-broker-0", "mongodb");
    assertThat(stack.startupTimes().keySet()).anyMatch(k -> k.startsWith("connect-workers"));
    assertThat(stack.startupTimes().values()).allMatch(d -> d.compareTo(Duration.ZERO) > 0);
  }

  @Test
  void mariaDbRunsWithTheBinlogSettingsSluiceRequires() throws Exception {
    MySqlEndpoint db = stack.mysql();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(null), db.adminUser(), db.adminPassword());
        Statement s = c.createStatement()) {
      Map<String, String> vars = new HashMap<>();
      try (ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN "
          + "('log_bin','binlog_format','binlog_row_image','binlog_row_metadata','server_id','gtid_strict_mode','version')")) {
        while (rs.next()) {
          vars.put(rs.getString(1), rs.getString(2));
        }
      }
      assertThat(vars).containsEntry("log_bin", "ON")
          .containsEntry("binlog_format", "ROW")
          .containsEntry("binlog_row_image", "FULL")
          .containsEntry("binlog_row_metadata", "FULL")
          .containsEntry("server_id", Long.toString(db.serverId()));
      if (stack.mariaDb().isPresent()) {
        assertThat(vars).containsEntry("gtid_strict_mode", "ON");
        assertThat(vars.get("version")).contains("MariaDB");
      }
    }
  }

  @Test
  void connectorAccountHasExactlyTheDocumentedGrants() throws Exception {
    MySqlEndpoint db = stack.mysql();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(null), db.adminUser(), db.adminPassword());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW GRANTS FOR '" + MySqlEndpoint.CONNECTOR_USER + "'@'%'")) {
      List<String> grants = new ArrayList<>();
      while (rs.next()) {
        grants.add(rs.getString(1));
      }
      assertThat(grants).hasSize(1);
      String grant = grants.get(0);
      // MariaDB 11 prints REPLICATION SLAVE as REPLICATION SLAVE and REPLICATION CLIENT as BINLOG MONITOR.
      assertThat(grant).startsWith("GRANT ").contains("SELECT").contains("REPLICATION SLAVE")
          .containsAnyOf("REPLICATION CLIENT", "BINLOG MONITOR").contains("ON *.*")
          .doesNotContain("RELOAD").doesNotContain("LOCK TABLES").doesNotContain("ALL PRIVILEGES");
    }
  }

  @Test
  void aRowChangeAppearsInTheBinlogWithFullRowMetadata() throws Exception {
    MySqlEndpoint db = stack.mysql();
    String table = "binlog_probe_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(null), db.adminUser(), db.adminPassword());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS stack_it");
      s.execute("CREATE TABLE stack_it." + table + " (id INT PRIMARY KEY, label VARCHAR(20) CHARACTER SET utf8mb4)");
    }
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    // The connector account, not the admin: proves the documented grants are enough to stream.
    BinaryLogClient client = new BinaryLogClient(db.host(), db.port(), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD);
    client.setServerId(65_000 + (System.nanoTime() & 0xFF));
    client.registerEventListener(events::add);
    client.connect(10_000);
    try {
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(null), db.adminUser(), db.adminPassword());
          Statement s = c.createStatement()) {
        s.execute("INSERT INTO stack_it." + table + " VALUES (42, 'grüße 🐟')");
      }
      TableMapEventData tableMap = null;
      WriteRowsEventData rows = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (rows == null && System.nanoTime() < deadline) {
        Event e = events.poll(500, TimeUnit.MILLISECONDS);
        if (e == null) {
          continue;
        }
        EventType type = e.getHeader().getEventType();
        if (type == EventType.TABLE_MAP && table.equals(((TableMapEventData) e.getData()).getTable())) {
          tableMap = e.getData();
        } else if (EventType.isWrite(type) && tableMap != null && ((WriteRowsEventData) e.getData()).getTableId() == tableMap.getTableId()) {
          rows = e.getData();
        }
      }
      assertThat(tableMap).as("TABLE_MAP event for %s", table).isNotNull();
      assertThat(tableMap.getDatabase()).isEqualTo("stack_it");
      // binlog_row_metadata=FULL puts column names and the primary key into TABLE_MAP.
      assertThat(tableMap.getEventMetadata()).isNotNull();
      assertThat(tableMap.getEventMetadata().getColumnNames()).containsExactly("id", "label");
      assertThat(tableMap.getEventMetadata().getSimplePrimaryKeys()).containsExactly(0);
      assertThat(rows).as("WRITE_ROWS event for %s", table).isNotNull();
      Serializable[] row = rows.getRows().get(0);
      assertThat(row[0]).isEqualTo(42);
      // Depending on its deserializer settings the client hands out VARCHAR as String or raw bytes.
      String label = row[1] instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(row[1]);
      assertThat(label).isEqualTo("grüße 🐟");
    } finally {
      client.disconnect();
    }
  }

  @Test
  void aRecordRoundTripsAKafkaTopic() throws Exception {
    String topic = "stack-it-" + UUID.randomUUID();
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    try (Admin a = Admin.create(admin)) {
      a.createTopics(List.of(new NewTopic(topic, 1, (short) stack.kafka().replicationFactor()))).all().get(30, TimeUnit.SECONDS);
      assertThat(a.describeCluster().clusterId().get(30, TimeUnit.SECONDS)).isEqualTo(stack.kafka().clusterId());
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    RecordMetadata sent;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      sent = producer.send(new ProducerRecord<>(topic, "key-1", "value-1")).get(30, TimeUnit.SECONDS);
    }
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, "stack-it-" + UUID.randomUUID());
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (received.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
      }
    }
    assertThat(received).hasSize(1);
    assertThat(received.get(0).key()).isEqualTo("key-1");
    assertThat(received.get(0).value()).isEqualTo("value-1");
    assertThat(received.get(0).offset()).isEqualTo(sent.offset());
  }

  @Test
  void bothWorkersShareTheKafkaClusterAndListEveryBundledPlugin() throws Exception {
    Map<String, List<String>> manifests = PluginManifests.listPluginClasses(bundleFolder());
    Set<String> bundled = new HashSet<>();
    manifests.values().forEach(bundled::addAll);
    System.out.println("[LocalStackIT] plugin classes in the bundle's service manifests: " + manifests);
    assertThat(bundled).as("plugin classes listed in the bundle's META-INF/services").isNotEmpty();
    assertThat(stack.connect().workers()).hasSize(2);
    for (ConnectCluster.Worker w : stack.connect().workers()) {
      JsonNode info = w.rest().serverInfo();
      assertThat(info.path("kafka_cluster_id").asText()).as("cluster id seen by worker %d", w.index()).isEqualTo(stack.kafka().clusterId());
      assertThat(info.path("version").asText()).isEqualTo(stack.kafka().distribution().version());
      assertThat(w.rest().pluginClasses()).as("plugins of worker %d", w.index()).containsAll(bundled);
    }
  }

  @Test
  void theRestClientCreatesValidatesUpdatesPausesAndDeletesAConnector() throws Exception {
    ConnectRestClient rest = stack.connect().worker(1).rest();
    String connectorClass = "org.apache.kafka.connect.file.FileStreamSourceConnector";
    Path input = Files.createTempFile(stack.runDir(), "rest-it", ".txt");
    Files.writeString(input, "line-1\nline-2\n");
    String name = "rest-it-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> config = new HashMap<>(Map.of(
        "name", name, "connector.class", connectorClass, "tasks.max", "1", "file", input.toString(), "topic", name + "-topic"));

    Map<String, String> missingTopic = new HashMap<>(config);
    missingTopic.remove("topic");
    JsonNode validation = rest.validate(connectorClass, missingTopic);
    assertThat(validation.path("error_count").asInt()).isPositive();
    assertThat(ConnectRestClient.errorsFor(validation, "topic")).isNotEmpty();
    JsonNode valid = rest.validate(connectorClass, config);
    assertThat(valid.path("error_count").asInt()).as("validation of a good config: %s", valid).isZero();

    rest.create(name, config);
    assertThat(rest.connectors()).contains(name);
    rest.awaitState(name, "RUNNING", 1, Duration.ofSeconds(60));
    // Any worker answers for the whole cluster.
    assertThat(stack.connect().worker(0).rest().status(name).path("connector").path("state").asText()).isEqualTo("RUNNING");

    rest.pause(name);
    rest.awaitState(name, "PAUSED", 1, Duration.ofSeconds(60));
    rest.resume(name);
    rest.awaitState(name, "RUNNING", 1, Duration.ofSeconds(60));

    config.put("batch.size", "500");
    rest.putConfig(name, config);
    assertThat(rest.config(name).path("batch.size").asText()).isEqualTo("500");
    rest.restart(name);
    rest.awaitState(name, "RUNNING", 1, Duration.ofSeconds(60));

    rest.delete(name);
    assertThat(rest.connectors()).doesNotContain(name);
    // The status topic forgets a deleted connector asynchronously: wait for the 404.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int lastStatus = 200;
    while (lastStatus != 404 && System.nanoTime() < deadline) {
      try {
        rest.status(name);
        Thread.sleep(250);
      } catch (ConnectRestException e) {
        lastStatus = e.status();
      }
    }
    assertThat(lastStatus).as("status of a deleted connector").isEqualTo(404);
  }

  @Test
  void aDocumentRoundTripsMongoDb() {
    try (MongoClient client = MongoClients.create(stack.mongo().connectionString())) {
      MongoCollection<Document> collection = client.getDatabase("stack_it").getCollection("probe_" + UUID.randomUUID().toString().substring(0, 8));
      collection.insertOne(new Document("_id", 7).append("name", "grüße").append("qty", 3L));
      Document read = collection.find(new Document("_id", 7)).first();
      assertThat(read).isNotNull();
      assertThat(read.getString("name")).isEqualTo("grüße");
      assertThat(read.getLong("qty")).isEqualTo(3L);
    }
  }

  private static Path bundleFolder() {
    return Path.of(System.getProperty("sluice.bundle.pluginFolder"));
  }
}
