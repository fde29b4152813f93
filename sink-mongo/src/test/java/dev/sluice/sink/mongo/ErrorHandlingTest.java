package dev.sluice.sink.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.sluice.sink.mongo.metrics.SinkMetrics;
import dev.sluice.sink.mongo.testsupport.Shop;
import dev.sluice.sink.mongo.testsupport.SinkHarness;
import dev.sluice.sink.mongo.testsupport.TestMongo;
import dev.sluice.sink.mongo.testsupport.TestTable;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Poison records, refused documents, outages and offsets. */
class ErrorHandlingTest {
  private TestMongo mongo;
  private final TestTable orders = Shop.orders();
  private final TestTable lines = Shop.lines();

  @BeforeEach
  void startMongo() {
    mongo = TestMongo.start();
  }

  @AfterEach
  void stopMongo() {
    mongo.close();
  }

  private SinkRecord malformed(long offset) {
    SinkRecord good = orders.insert(offset, 100 + offset, Shop.order(orders, 99, "x", "1"));
    Struct noAfter = new Struct(good.valueSchema()).put("source", ((Struct) good.value()).getStruct("source")).put("op", "c");
    return new SinkRecord(good.topic(), 0, good.keySchema(), good.key(), good.valueSchema(), noAfter, offset);
  }

  @Test
  void withToleranceAllAMalformedRecordGoesToTheReporterAloneAndTheOthersAreWritten() {
    try (SinkHarness sink = new SinkHarness(mongo, TestMongo.freshDatabase("errors"), Map.of("errors.tolerance", "all"))) {
      SinkRecord bad = malformed(1);
      sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")), bad, orders.insert(2, 3, Shop.order(orders, 2, "bob", "1")));
      assertThat(sink.reported()).containsExactly(bad);
      assertThat(sink.reportedCauses().get(0).getMessage()).contains("topic=" + Shop.ORDERS_TOPIC, "partition=0", "offset=1", "no 'after'");
      assertThat(sink.documents("orders")).extracting(d -> d.get("_id")).containsExactly(new BsonInt64(1), new BsonInt64(2));
      assertThat(sink.metrics().getErrantRecords()).isEqualTo(1);
      Map<TopicPartition, OffsetAndMetadata> proposed = Map.of(new TopicPartition(Shop.ORDERS_TOPIC, 0), new OffsetAndMetadata(3));
      assertThat(sink.sink().committable(proposed)).isEqualTo(proposed);
    }
  }

  @Test
  void withoutToleranceAMalformedRecordFailsTheTaskNamingTopicPartitionOffsetAndReason() {
    try (SinkHarness sink = new SinkHarness(mongo, TestMongo.freshDatabase("errors"), Map.of())) {
      assertThatThrownBy(() -> sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")), malformed(7)))
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("topic=" + Shop.ORDERS_TOPIC).hasMessageContaining("partition=0").hasMessageContaining("offset=7")
          .hasMessageContaining("no 'after'").hasMessageContaining("errors.tolerance=all");
      assertThat(sink.reported()).isEmpty();
      assertThat(sink.sink().committable(Map.of(new TopicPartition(Shop.ORDERS_TOPIC, 0), new OffsetAndMetadata(8))))
          .as("nothing of a failed batch is committed").isEmpty();
    }
  }

  @Test
  void aDocumentMongoDbRefusesIsRejectedAloneAndTheOlderChangeOfItsKeyIsWrittenInstead() {
    try (SinkHarness sink = new SinkHarness(mongo, TestMongo.freshDatabase("errors"), Map.of("errors.tolerance", "all"))) {
      Struct v1 = Shop.order(orders, 1, "ada", "1");
      Struct huge = orders.row("id", 1L, "customer", "x".repeat(17_000_000), "status", "new");
      SinkRecord tooLarge = orders.update(1, 2, v1, huge);
      sink.put(orders.insert(0, 1, v1), tooLarge, orders.insert(2, 3, Shop.order(orders, 2, "bob", "1")));
      assertThat(sink.reported()).containsExactly(tooLarge);
      assertThat(sink.document("orders", 1L).getString("customer").getValue()).as("the older change of the key").isEqualTo("ada");
      assertThat(sink.document("orders", 2L)).isNotNull();
    }
  }

  @Test
  void aServerSideWriteErrorRejectsOnlyItsRecord() {
    Map<String, String> props = new HashMap<>(Shop.embedLines("keep"));
    props.put("errors.tolerance", "all");
    try (SinkHarness sink = new SinkHarness(mongo, TestMongo.freshDatabase("errors"), props)) {
      sink.collection("orders").insertOne(new BsonDocument("_id", new BsonInt64(1)).append("lines", new BsonString("not an array")));
      SinkRecord refused = lines.insert(0, 1, Shop.line(lines, 11, 1L, "a", 1));
      sink.put(refused, lines.insert(1, 2, Shop.line(lines, 12, 2L, "b", 1)));
      assertThat(sink.reported()).containsExactly(refused);
      assertThat(sink.reportedCauses().get(0).getMessage()).contains("must be an array");
      assertThat(sink.document("orders", 2L).getArray("lines")).hasSize(1);
    }
  }

  @Test
  void withToleranceAllButNoReporterTheRecordIsLoggedAndSkipped() {
    Map<String, String> props = new HashMap<>();
    props.put("connection.uri", mongo.uri());
    props.put("database", TestMongo.freshDatabase("errors"));
    props.put("errors.tolerance", "all");
    SinkMetrics metrics = new SinkMetrics("t", "0");
    try (MongoClient client = MongoClients.create(mongo.uri())) {
      ViewSink sink = new ViewSink(new SluiceMongoSinkConfig(props), client, Clock.systemUTC(), null, metrics, d -> { });
      sink.put(List.of(malformed(0), orders.insert(1, 1, Shop.order(orders, 1, "ada", "1"))));
      assertThat(metrics.getErrantRecords()).isEqualTo(1);
      assertThat(client.getDatabase(props.get("database")).getCollection("orders").countDocuments()).isEqualTo(1);
    }
  }

  @Test
  void aFailingReporterFailsThePut() {
    try (SinkHarness sink = new SinkHarness(mongo, TestMongo.freshDatabase("errors"), Map.of("errors.tolerance", "all"))) {
      org.apache.kafka.connect.sink.ErrantRecordReporter broken = (record, error) ->
          java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("DLQ topic missing"));
      ViewSink direct = new ViewSink(new SluiceMongoSinkConfig(Map.of("connection.uri", mongo.uri(), "database", sink.database(),
          "errors.tolerance", "all")), mongo.client(), Clock.systemUTC(), broken, new SinkMetrics("t", "1"), d -> { });
      assertThatThrownBy(() -> direct.put(List.of(malformed(0)))).isInstanceOf(ConnectException.class)
          .hasMessageContaining("dead letter queue").hasMessageContaining("DLQ topic missing");
    }
  }

  @Test
  void anOutageIsRetriedWithBoundedBackoffThenRetriableAndTheRedeliveredBatchIsWrittenOnceMongoDbIsBack() {
    Assumptions.assumeTrue(mongo.isLocal(), "needs the in-process server to stop it; SLUICE_MONGODB_URI points at an external MongoDB");
    try (SinkHarness sink = new SinkHarness(mongo, TestMongo.freshDatabase("errors"),
        Map.of("retry.max.attempts", "3", "retry.backoff.initial.ms", "50", "retry.backoff.max.ms", "80",
            "connection.server.selection.timeout.ms", "300"))) {
      List<SinkRecord> batch = List.of(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")));
      sink.put(batch);
      mongo.stopServer();
      List<SinkRecord> next = List.of(orders.insert(1, 2, Shop.order(orders, 2, "bob", "1")));
      assertThatThrownBy(() -> sink.put(next)).isInstanceOf(RetriableException.class).hasMessageContaining("3 time(s)");
      assertThat(sink.sleeps()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(80));
      TopicPartition tp = new TopicPartition(Shop.ORDERS_TOPIC, 0);
      assertThat(sink.sink().committable(Map.of(tp, new OffsetAndMetadata(2))))
          .as("offsets stay at what MongoDB acknowledged").containsEntry(tp, new OffsetAndMetadata(1));

      mongo.restart();
      sink.put(next);
      assertThat(sink.document("orders", 2L)).isNotNull();
      assertThat(sink.sink().committable(Map.of(tp, new OffsetAndMetadata(2)))).containsEntry(tp, new OffsetAndMetadata(2));
      assertThat(sink.metrics().getRetries()).isEqualTo(2);
    }
  }

  @Test
  void forgottenPartitionsAreNotCommitted() {
    try (SinkHarness sink = new SinkHarness(mongo, TestMongo.freshDatabase("errors"), Map.of())) {
      sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")));
      TopicPartition tp = new TopicPartition(Shop.ORDERS_TOPIC, 0);
      sink.sink().forget(List.of(tp));
      assertThat(sink.sink().committable(Map.of(tp, new OffsetAndMetadata(1)))).isEmpty();
    }
  }
}
