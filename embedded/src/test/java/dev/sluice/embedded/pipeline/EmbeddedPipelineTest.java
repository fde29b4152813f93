package dev.sluice.embedded.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.sluice.embedded.testsupport.CountingSourceConnector;
import dev.sluice.embedded.testsupport.InProcessMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debezium engine running a plain Connect source connector (no database: {@link CountingSourceConnector}) into Sluice's real
 * sink task and a real (in-process) MongoDB server: what the runner promises about offsets.
 */
class EmbeddedPipelineTest {
  @TempDir
  Path dir;

  private InProcessMongo mongo;
  private MongoClient client;

  @BeforeEach
  void startMongo() {
    mongo = new InProcessMongo();
    client = MongoClients.create(mongo.uriForChecks());
  }

  @AfterEach
  void stopMongo() {
    client.close();
    mongo.close();
  }

  private PipelineConfig config(String run, long total) {
    Map<String, String> p = new HashMap<>();
    p.put("name", run);
    p.put("source.connector.class", CountingSourceConnector.class.getName());
    p.put("source.counting.total", Long.toString(total));
    p.put("source.counting.batch", "10");
    p.put("source.counting.run", run);
    p.put("sink.connection.uri", mongo.uri());
    p.put("sink.database", "views");
    p.put("sink.connection.server.selection.timeout.ms", "300");
    p.put("sink.retry.max.attempts", "1");
    p.put("sink.retry.backoff.initial.ms", "10");
    p.put("sink.retry.backoff.max.ms", "100");
    p.put("offset.flush.interval.ms", "100");
    p.put("shutdown.timeout.ms", "10000");
    return new PipelineConfig(p, dir);
  }

  private MongoCollection<BsonDocument> items() {
    return client.getDatabase("views").getCollection("items", BsonDocument.class);
  }

  @Test
  void changesReachMongoDbAndARestartResumesAfterTheLastAcknowledgedOne() throws Exception {
    try (EmbeddedPipeline first = new EmbeddedPipeline(config("resume", 100)).start()) {
      assertThat(first.awaitStreaming(Duration.ofSeconds(60))).isTrue();
      await(() -> items().countDocuments() == 100, "100 documents");
    }
    assertThat(Files.exists(dir.resolve("resume.offsets"))).isTrue();

    EmbeddedPipeline second = new EmbeddedPipeline(config("resume", 150)).start();
    try {
      assertThat(second.awaitStreaming(Duration.ofSeconds(60))).isTrue();
      await(() -> items().countDocuments() == 150, "150 documents");
    } finally {
      second.stop();
    }
    assertThat(second.stats().snapshot().applied()).as("only the new items were read again").isEqualTo(50);
    assertThat(CountingSourceConnector.STARTS.get("resume")).containsExactly(0L, 100L);
    BsonDocument last = items().find(new BsonDocument("_id", new org.bson.BsonInt64(150))).first();
    assertThat(last).isNotNull();
    assertThat(last.getString("name").getValue()).isEqualTo("item-150");
    assertThat(last.getDocument("_sluice").getInt64("seq").getValue()).isEqualTo(150);
  }

  @Test
  void theAcknowledgementListenerHearsOfEveryChangeOnceAfterMongoDbHasIt() throws Exception {
    Set<Long> told = ConcurrentHashMap.newKeySet();
    AtomicLong calls = new AtomicLong();
    AtomicLong notYetInMongo = new AtomicLong();
    AcknowledgementListener listener = records -> {
      calls.incrementAndGet();
      for (SinkRecord r : records) {
        told.add(r.kafkaOffset());
      }
      long last = records.get(records.size() - 1).kafkaOffset();
      if (items().countDocuments(new BsonDocument("_id", new org.bson.BsonInt64(last))) == 0) {
        notYetInMongo.incrementAndGet();
      }
    };
    try (EmbeddedPipeline pipeline = new EmbeddedPipeline(config("listened", 40), listener).start()) {
      assertThat(pipeline.awaitStreaming(Duration.ofSeconds(60))).isTrue();
      await(() -> told.size() == 40, "40 acknowledged changes");
      assertThat(told).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
      assertThat(calls.get()).as("one call per batch of 10").isEqualTo(pipeline.stats().snapshot().batches()).isEqualTo(4);
    }
    assertThat(notYetInMongo.get()).as("calls made before MongoDB had the batch").isZero();
  }

  @Test
  void offsetsOfChangesMongoDbNeverAcknowledgedAreNotCommitted() throws Exception {
    mongo.stop();
    try (EmbeddedPipeline down = new EmbeddedPipeline(config("outage", 20)).start()) {
      assertThat(down.awaitStreaming(Duration.ofSeconds(60))).isTrue();
      await(() -> down.stats().snapshot().redeliveries() >= 2, "the batch to be delivered again while MongoDB is down");
      assertThat(down.stats().snapshot().applied()).isZero();
    }
    mongo.restart();
    // The test's own client may wait out its monitor's backoff after the outage: a fresh one connects at once.
    client.close();
    client = MongoClients.create(mongo.uriForChecks());
    try (EmbeddedPipeline up = new EmbeddedPipeline(config("outage", 20)).start()) {
      assertThat(up.awaitStreaming(Duration.ofSeconds(60))).isTrue();
      await(() -> items().countDocuments() == 20, "all 20 documents after the outage");
    }
    assertThat(CountingSourceConnector.STARTS.get("outage")).as("the restart read everything again").containsExactly(0L, 0L);
  }

  @Test
  void aBatchStuckOnAnUnavailableMongoDbDoesNotBlockTheStop() throws Exception {
    mongo.stop();
    EmbeddedPipeline pipeline = new EmbeddedPipeline(config("stuck", 20)).start();
    assertThat(pipeline.awaitStreaming(Duration.ofSeconds(60))).isTrue();
    await(() -> pipeline.stats().snapshot().redeliveries() >= 1, "a redelivery");
    long t0 = System.nanoTime();
    pipeline.stop();
    assertThat(pipeline.awaitTermination(Duration.ofSeconds(15))).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
    assertThat(pipeline.failure()).isEmpty();
  }

  @Test
  void aChangeTheSinkRejectsFailsThePipelineAndIsNotSkipped() throws Exception {
    Map<String, String> p = new HashMap<>();
    p.put("name", "poison");
    p.put("source.connector.class", CountingSourceConnector.class.getName());
    p.put("source.counting.total", "5");
    p.put("source.counting.run", "poison");
    p.put("source.counting.poison", "true");
    p.put("sink.connection.uri", mongo.uri());
    p.put("sink.database", "views");
    PipelineConfig config = new PipelineConfig(p, dir);
    for (int run = 0; run < 2; run++) {
      EmbeddedPipeline pipeline = new EmbeddedPipeline(config).start();
      assertThat(pipeline.awaitTermination(Duration.ofSeconds(60))).as("the engine stops by itself").isTrue();
      pipeline.stop();
      assertThat(pipeline.failure()).isPresent();
      assertThat(dev.sluice.embedded.SluiceCliAccess.describe(pipeline.failure().get())).contains("test.db.items").contains("cannot be written");
    }
    assertThat(CountingSourceConnector.STARTS.get("poison")).as("the rejected change was not committed, so it is read again")
        .containsExactly(0L, 0L);
    assertThat(items().countDocuments()).isZero();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
