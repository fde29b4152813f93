package dev.sluice.embedded.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.sluice.embedded.testsupport.InProcessMongo;
import dev.sluice.embedded.testsupport.ItemEvents;
import dev.sluice.sink.mongo.SluiceMongoSinkTask;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One batch from source records to acknowledged MongoDB writes, with Sluice's real sink task and an in-process MongoDB server. */
class SinkDeliveryTest {
  private InProcessMongo mongo;
  private MongoClient client;
  private final List<SluiceMongoSinkTask> tasks = new ArrayList<>();

  @BeforeEach
  void start() {
    mongo = new InProcessMongo();
    client = MongoClients.create(mongo.uriForChecks());
  }

  @AfterEach
  void stop() {
    tasks.forEach(SluiceMongoSinkTask::stop);
    client.close();
    mongo.close();
  }

  private SinkDelivery delivery(String database, ConverterRoundTrip roundTrip, PipelineStats stats) {
    return delivery(database, roundTrip, stats, AcknowledgementListener.NONE);
  }

  private SinkDelivery delivery(String database, ConverterRoundTrip roundTrip, PipelineStats stats, AcknowledgementListener listener) {
    return delivery(Map.of("connection.uri", mongo.uri(), "database", database, "name", "test-sink"), roundTrip, stats, listener);
  }

  private SinkDelivery delivery(Map<String, String> props, ConverterRoundTrip roundTrip, PipelineStats stats, AcknowledgementListener listener) {
    SluiceMongoSinkTask task = new SluiceMongoSinkTask();
    EmbeddedSinkTaskContext context = new EmbeddedSinkTaskContext(props);
    task.initialize(context);
    task.start(props);
    tasks.add(task);
    TopicRouting routing = new TopicRouting(List.of(), null, Set.of("__sluice-heartbeat.test"));
    return new SinkDelivery(task, context, routing, roundTrip, stats, Clock.systemUTC(), listener);
  }

  private BsonDocument item(String database, long id) {
    return client.getDatabase(database).getCollection("items", BsonDocument.class).find(new BsonDocument("_id", new BsonInt64(id))).first();
  }

  @Test
  void changeEventsAreWrittenAndOtherTopicsOnlyCounted() throws Exception {
    PipelineStats stats = new PipelineStats();
    SinkDelivery delivery = delivery("plain", ConverterRoundTrip.create(ConverterRoundTrip.Kind.NONE, "t", Map.of()), stats);
    List<SourceRecord> batch = List.of(ItemEvents.insert(1, 1, "one"), ItemEvents.heartbeat(1), ItemEvents.insert(2, 2, "two"));

    assertThat(delivery.deliver(batch, () -> false)).isTrue();

    assertThat(item("plain", 1).getString("name").getValue()).isEqualTo("one");
    assertThat(item("plain", 2).getString("name").getValue()).isEqualTo("two");
    assertThat(client.getDatabase("plain").listCollectionNames().into(new ArrayList<>())).doesNotContain("test", "__sluice-heartbeat.test");
    PipelineStats.Snapshot s = stats.snapshot();
    assertThat(s.received()).isEqualTo(3);
    assertThat(s.applied()).isEqualTo(2);
    assertThat(s.skipped()).isEqualTo(1);
  }

  @Test
  void theListenerIsToldOfTheWrittenRecordsOnceMongoDbHasThem() throws Exception {
    List<List<Long>> told = new ArrayList<>();
    List<String> seenInMongo = new ArrayList<>();
    AcknowledgementListener listener = records -> {
      told.add(records.stream().map(SinkRecord::kafkaOffset).toList());
      // Called after the acknowledgement: the documents are there already.
      for (SinkRecord r : records) {
        long id = ((Struct) r.key()).getInt64("id");
        BsonDocument doc = item("listened", id);
        seenInMongo.add(doc == null ? "missing " + id : doc.getString("name").getValue());
      }
    };
    SinkDelivery delivery = delivery("listened", ConverterRoundTrip.create(ConverterRoundTrip.Kind.NONE, "t", Map.of()), new PipelineStats(),
        listener);

    delivery.deliver(List.of(ItemEvents.insert(7, 1, "one"), ItemEvents.heartbeat(8), ItemEvents.insert(9, 2, "two")), () -> false);
    delivery.deliver(List.of(ItemEvents.heartbeat(10)), () -> false);

    assertThat(told).as("one call for the batch with changes, none for the heartbeat-only batch").containsExactly(List.of(7L, 9L));
    assertThat(seenInMongo).containsExactly("one", "two");
  }

  @Test
  void aFailingListenerFailsTheDeliveryInsteadOfBeingIgnored() {
    AcknowledgementListener listener = records -> {
      throw new IllegalStateException("listener broke");
    };
    SinkDelivery delivery = delivery("failing", ConverterRoundTrip.create(ConverterRoundTrip.Kind.NONE, "t", Map.of()), new PipelineStats(),
        listener);

    assertThatThrownBy(() -> delivery.deliver(List.of(ItemEvents.insert(3, 1, "one")), () -> false))
        .isInstanceOf(IllegalStateException.class).hasMessage("listener broke");
  }

  @Test
  void theKafkaOffsetOfARecordIsItsSeqSoAReplayCarriesTheSameOffsets() {
    SinkDelivery delivery = delivery("offsets", ConverterRoundTrip.create(ConverterRoundTrip.Kind.NONE, "t", Map.of()), new PipelineStats());
    SinkRecord first = delivery.toSinkRecord(ItemEvents.insert(41, 7, "x"));
    SinkRecord replay = delivery.toSinkRecord(ItemEvents.insert(41, 7, "x"));
    assertThat(first.kafkaOffset()).isEqualTo(41).isEqualTo(replay.kafkaOffset());
    assertThat(first.kafkaPartition()).isZero();
    assertThat(first.topic()).isEqualTo(ItemEvents.TOPIC);
  }

  @Test
  void aReplayedOlderChangeDoesNotMoveADocumentBackwards() throws Exception {
    SinkDelivery delivery = delivery("replay", ConverterRoundTrip.create(ConverterRoundTrip.Kind.NONE, "t", Map.of()), new PipelineStats());
    delivery.deliver(List.of(ItemEvents.insert(5, 1, "newer")), () -> false);
    delivery.deliver(List.of(ItemEvents.insert(4, 1, "older")), () -> false);
    assertThat(item("replay", 1).getString("name").getValue()).isEqualTo("newer");
  }

  @Test
  void aProtobufRoundTripLeavesTheDocumentsAsTheyAreWithoutIt() throws Exception {
    SinkDelivery plain = delivery("direct", ConverterRoundTrip.create(ConverterRoundTrip.Kind.NONE, "t", Map.of()), new PipelineStats());
    ConverterRoundTrip protobuf = ConverterRoundTrip.create(ConverterRoundTrip.Kind.PROTOBUF, "roundtrip-test", Map.of());
    assertThat(protobuf.active()).isTrue();
    SinkDelivery viaProtobuf = delivery("protobuf", protobuf, new PipelineStats());
    List<SourceRecord> batch = List.of(ItemEvents.insert(1, 1, "one"), ItemEvents.insert(2, 2, null));

    plain.deliver(batch, () -> false);
    viaProtobuf.deliver(batch, () -> false);

    for (long id : new long[] {1, 2}) {
      BsonDocument direct = item("direct", id);
      BsonDocument converted = item("protobuf", id);
      assertThat(converted).as("item " + id).isEqualTo(direct);
    }
    protobuf.close();
  }

  @Test
  void aBatchHeldInTheSinksCompactionWindowIsWrittenBeforeDeliverReturnsAndDeliveredAgainWhenThatWriteFails() throws Exception {
    // The sink's default compaction window holds a backlog-sized put() (100 records or more); the delivery's preCommit
    // writes it. When that write fails transiently the task drops the batch from its window, and the delivery must then
    // put it again.
    Map<String, String> props = Map.of("connection.uri", mongo.uri(), "database", "held", "name", "test-sink",
        "retry.max.attempts", "1", "retry.backoff.initial.ms", "10", "retry.backoff.max.ms", "10");
    PipelineStats stats = new PipelineStats();
    List<List<Long>> told = new ArrayList<>();
    SinkDelivery delivery = delivery(props, ConverterRoundTrip.create(ConverterRoundTrip.Kind.NONE, "t", Map.of()), stats,
        records -> told.add(records.stream().map(SinkRecord::kafkaOffset).toList()));
    mongo.stop();
    List<Boolean> asked = new ArrayList<>();

    List<SourceRecord> batch = new ArrayList<>();
    for (int i = 1; i <= 150; i++) {
      batch.add(ItemEvents.insert(i, i, "item " + i));
    }
    boolean written = delivery.deliver(batch, () -> {
      // Asked once per failed attempt: MongoDB comes back after the first.
      asked.add(true);
      mongo.restart();
      return false;
    });

    assertThat(written).isTrue();
    assertThat(asked).hasSize(1);
    assertThat(stats.snapshot().redeliveries()).isEqualTo(1);
    assertThat(told).hasSize(1);
    assertThat(told.get(0)).hasSize(150).startsWith(1L).endsWith(150L);
    assertThat(client.getDatabase("held").getCollection("items").countDocuments()).isEqualTo(150);
    assertThat(item("held", 150).getString("name").getValue()).isEqualTo("item 150");
  }
}
