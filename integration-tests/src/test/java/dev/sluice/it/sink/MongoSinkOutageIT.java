package dev.sluice.it.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.sluice.stack.ConnectRestClient;
import dev.sluice.stack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MongoDB endpoint stops for 30 s while change events keep coming, then starts again on the
 * same data: nothing is lost, and the sink task rides it out RUNNING, without a restart.
 */
class MongoSinkOutageIT {
  private static LocalStack stack;
  private static ChangeEventProducer producer;

  @BeforeAll
  static void startStack() {
    stack = LocalStack.builder().name("MongoSinkOutageIT").kafkaBrokers(1).connectWorkers(1).mongo().start();
    producer = new ChangeEventProducer(stack.kafka().bootstrapServers());
  }

  @AfterAll
  static void stopStack() {
    if (producer != null) {
      producer.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aThirtySecondOutageLosesNothingAndTheTaskStaysRunning() throws Exception {
    Assumptions.assumeTrue(stack.mongo().isLocal(),
        "SLUICE_MONGODB_URI points at an external MongoDB, which this test cannot stop; the outage test needs the local endpoint");
    // Scalar keys only: the stack's endpoint (H2 backend, kept for the restart) mishandles sub-document ids (see ViewEndpoint).
    ShopChangeStream stream = new ShopChangeStream("outage", 7L).keySpace(150, 500, 80).withoutCustomers();
    producer.createTopics(2, stream.topics().toArray(String[]::new));
    Map<String, String> config = SinkConnectors.settings(stack, 1);
    config.putAll(stream.sinkSettings("outage_it", "keep"));
    ConnectRestClient rest = stack.connect().rest();
    SinkConnectors.create(rest, "outage-sink", config, 1);

    stream.emit(2_000, producer);
    producer.flush();
    try (MongoClient mongo = MongoClients.create(stack.mongo().connectionString())) {
      MongoDatabase db = mongo.getDatabase("outage_it");
      ViewAssertions.awaitExactly(db.getCollection("orders", BsonDocument.class), stream.expectedOrders(false), Duration.ofSeconds(90));
    }

    stack.mongo().stop();
    long stopped = System.nanoTime();
    stream.emit(2_000, producer);
    producer.flush();
    List<String> states = new ArrayList<>();
    while (System.nanoTime() - stopped < Duration.ofSeconds(30).toNanos()) {
      JsonNode task = SinkConnectors.task(rest, "outage-sink");
      states.add(task.path("state").asText());
      assertThat(task.path("state").asText()).as("task state during the outage; trace: %s", task.path("trace").asText())
          .isEqualTo("RUNNING");
      Thread.sleep(2_000);
    }
    stack.mongo().start();
    System.out.printf("[MongoSinkOutageIT] MongoDB was down %.1f s; task states seen: %s%n", (System.nanoTime() - stopped) / 1e9, states);

    stream.emit(500, producer);
    producer.flush();
    try (MongoClient mongo = MongoClients.create(stack.mongo().connectionString())) {
      MongoDatabase db = mongo.getDatabase("outage_it");
      ViewAssertions.awaitExactly(db.getCollection("orders", BsonDocument.class), stream.expectedOrders(false), Duration.ofSeconds(120));
    }
    // The outage really reached the sink: it retried, then handed the batch back to Connect.
    String workerLog = java.nio.file.Files.readString(stack.connect().worker(0).process().logFile());
    assertThat(workerLog).contains("failed transiently").contains("RetriableException from SinkTask");
    JsonNode status = rest.status("outage-sink");
    assertThat(status.path("tasks").path(0).path("state").asText()).isEqualTo("RUNNING");
    assertThat(status.path("tasks").path(0).has("trace")).as("the task never failed").isFalse();
    rest.delete("outage-sink");
  }
}
