package dev.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.mysql.MySQLContainer;

/**
 * The same checks as {@link LocalStackIT} on the container variant of the stack — MySQL 8.4,
 * MongoDB 8 and Apache Kafka images — for machines where a Docker engine runs. Elsewhere every test
 * is skipped with the reason printed.
 */
class ContainerStackIT {
  private static MySQLContainer mysql;
  private static MongoDBContainer mongo;
  private static KafkaContainer kafka;
  private static String skipReason;

  @BeforeAll
  static void startContainers() {
    boolean docker;
    String reason;
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
      reason = "no Docker engine answers (DockerClientFactory.isDockerAvailable() is false)";
    } catch (RuntimeException e) {
      docker = false;
      reason = "no Docker engine: " + e.getMessage();
    }
    if (!docker) {
      System.out.println("[ContainerStackIT] SKIPPED: " + reason
          + "; the MySQL 8.4 / MongoDB 8 / Kafka container variant runs where Docker works. LocalStackIT covers the same checks with local processes.");
    }
    if (!docker) {
      skipReason = reason;
      return;
    }
    mysql = new MySQLContainer("mysql:8.4")
        .withCommand("--server-id=1", "--log-bin=binlog", "--binlog-format=ROW", "--binlog-row-image=FULL",
            "--binlog-row-metadata=FULL", "--gtid-mode=ON", "--enforce-gtid-consistency=ON");
    mongo = new MongoDBContainer("mongo:8.0");
    kafka = new KafkaContainer("apache/kafka:4.1.1");
    mysql.start();
    mongo.start();
    kafka.start();
  }

  @BeforeEach
  void requireDocker() {
    Assumptions.assumeTrue(skipReason == null, skipReason);
  }

  @AfterAll
  static void stopContainers() {
    for (AutoCloseable c : new AutoCloseable[] {kafka, mongo, mysql}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException("stopping " + c + " failed", e);
        }
      }
    }
  }

  @Test
  void mysql84RunsWithTheBinlogSettingsSluiceRequires() throws Exception {
    try (Connection c = DriverManager.getConnection(mysql.getJdbcUrl(), "root", mysql.getPassword());
        Statement s = c.createStatement()) {
      Map<String, String> vars = new HashMap<>();
      try (ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN "
          + "('log_bin','binlog_format','binlog_row_image','binlog_row_metadata','gtid_mode')")) {
        while (rs.next()) {
          vars.put(rs.getString(1), rs.getString(2));
        }
      }
      assertThat(vars).containsEntry("log_bin", "ON").containsEntry("binlog_format", "ROW")
          .containsEntry("binlog_row_image", "FULL").containsEntry("binlog_row_metadata", "FULL").containsEntry("gtid_mode", "ON");
      for (String statement : Grants.statements(MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD)) {
        s.execute(statement);
      }
    }
  }

  @Test
  void aRecordRoundTripsTheKafkaContainer() {
    String topic = "container-it-" + UUID.randomUUID();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "k", "v")).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("producing to " + topic + " failed", e);
    }
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (received.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
      }
    }
    assertThat(received).extracting(ConsumerRecord::value).containsExactly("v");
  }

  @Test
  void aDocumentRoundTripsMongoDb8() {
    try (MongoClient client = MongoClients.create(mongo.getConnectionString())) {
      var collection = client.getDatabase("container_it").getCollection("probe");
      collection.insertOne(new Document("_id", 1).append("v", "x"));
      assertThat(collection.find(new Document("_id", 1)).first()).isNotNull().containsEntry("v", "x");
    }
  }
}
