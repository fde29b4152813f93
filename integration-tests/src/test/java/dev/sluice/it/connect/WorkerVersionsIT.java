package dev.sluice.it.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.sluice.it.sink.SinkConnectors;
import dev.sluice.it.support.SourceConnectors;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.PluginManifests;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same plugin folder on the oldest Connect line the plugins compile against (3.9) and on the
 * Kafka 4.x the project runs: every plugin is listed, and a source-to-sink pipeline with the
 * Protobuf converter turns MariaDB rows into MongoDB documents, updates and deletes included.
 */
class WorkerVersionsIT {

  @ParameterizedTest(name = "Kafka {0}")
  @ValueSource(strings = {"3.9.2", "4.3.1"})
  void thePluginFolderRunsAPipelineOnThisWorkerVersion(String kafkaVersion) throws Exception {
    String db = "wv" + kafkaVersion.replace(".", "");
    try (LocalStack stack = LocalStack.builder().name("WorkerVersionsIT-" + kafkaVersion).kafkaVersion(kafkaVersion)
        .mysql().kafkaBrokers(1).connectWorkers(1).mongo().start();
        MongoClient mongo = MongoClients.create(stack.mongo().connectionString())) {
      JsonNode info = stack.connect().rest().serverInfo();
      assertThat(info.path("version").asText()).isEqualTo(kafkaVersion);
      Set<String> bundled = new HashSet<>();
      PluginManifests.listPluginClasses(Path.of(System.getProperty("sluice.bundle.pluginFolder"))).values().forEach(bundled::addAll);
      assertThat(bundled).isNotEmpty();
      assertThat(stack.connect().rest().pluginClasses()).as("plugins the %s worker lists", kafkaVersion).containsAll(bundled);

      try (Connection c = DriverManager.getConnection(stack.mysql().jdbcUrl(null), stack.mysql().adminUser(), stack.mysql().adminPassword());
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + db);
        s.execute("CREATE TABLE " + db + ".items (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, price DECIMAL(10,2) NOT NULL)");
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + db + ".items VALUES (?, ?, ?)")) {
          for (int i = 1; i <= 50; i++) {
            insert.setInt(1, i);
            insert.setString(2, "item-" + i);
            insert.setBigDecimal(3, new BigDecimal(i + ".25"));
            insert.addBatch();
          }
          insert.executeBatch();
        }
      }
      String topicPrefix = "wv";
      Map<String, String> source = SourceConnectors.config(stack, topicPrefix, db);
      protobuf(source, stack, "wv-schemas");
      stack.connect().rest().create("wv-source", source);
      stack.connect().rest().awaitState("wv-source", "RUNNING", 1, Duration.ofSeconds(90));

      Map<String, String> sink = SinkConnectors.settings(stack, 1);
      protobuf(sink, stack, "wv-schemas");
      sink.put("topics", topicPrefix + "." + db + ".items");
      sink.put("database", db);
      sink.put("collection", "items");
      SinkConnectors.create(stack.connect().rest(), "wv-sink", sink, 1);

      try (Connection c = DriverManager.getConnection(stack.mysql().jdbcUrl(null), stack.mysql().adminUser(), stack.mysql().adminPassword());
          Statement s = c.createStatement()) {
        s.execute("UPDATE " + db + ".items SET price = price * 2 WHERE id <= 10");
        s.execute("DELETE FROM " + db + ".items WHERE id > 45");
        s.execute("INSERT INTO " + db + ".items VALUES (100, 'late', 1.50)");
      }
      MongoCollection<Document> items = mongo.getDatabase(db).getCollection("items");
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (System.nanoTime() < deadline && !expected(items)) {
        Thread.sleep(500);
      }
      assertThat(items.countDocuments()).as("45 rows left after the deletes, plus one").isEqualTo(46);
      Document third = items.find(new Document("_id", 3)).first();
      assertThat(third).as("row 3").isNotNull();
      assertThat(third.get("price", Decimal128.class).bigDecimalValue()).as("updated price, exact").isEqualByComparingTo("6.50");
      assertThat(third.getString("name")).isEqualTo("item-3");
      assertThat(items.find(new Document("_id", 30)).first().get("price", Decimal128.class).bigDecimalValue()).isEqualByComparingTo("30.25");
      assertThat(items.find(new Document("_id", 46)).first()).as("deleted row").isNull();
      assertThat(items.find(new Document("_id", 100)).first().getString("name")).isEqualTo("late");
      for (String name : List.of("wv-source", "wv-sink")) {
        assertThat(stack.connect().rest().status(name).path("tasks").path(0).path("state").asText()).as(name).isEqualTo("RUNNING");
      }
      System.out.printf("[WorkerVersionsIT] Kafka %s worker: %d bundled plugins listed, pipeline converged%n", kafkaVersion, bundled.size());
    }
  }

  private static boolean expected(MongoCollection<Document> items) {
    Document late = items.find(new Document("_id", 100)).first();
    Document first = items.find(new Document("_id", 1)).first();
    return items.countDocuments() == 46 && late != null && first != null
        && first.get("price", Decimal128.class).bigDecimalValue().compareTo(new BigDecimal("2.50")) == 0;
  }

  /** Key and value through the Protobuf converter, schemas in a Kafka topic both connectors share. */
  private static void protobuf(Map<String, String> config, LocalStack stack, String schemaTopic) {
    for (String side : List.of("key", "value")) {
      config.put(side + ".converter", "dev.sluice.converters.protobuf.ProtobufConverter");
      config.put(side + ".converter.schema.store", "kafka");
      config.put(side + ".converter.schema.store.kafka.bootstrap.servers", stack.kafka().bootstrapServers());
      config.put(side + ".converter.schema.store.kafka.topic", schemaTopic);
      config.put(side + ".converter.schema.store.kafka.replication.factor", "1");
    }
  }
}
