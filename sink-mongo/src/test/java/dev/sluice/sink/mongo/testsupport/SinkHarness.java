package dev.sluice.sink.mongo.testsupport;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.sluice.sink.mongo.SluiceMongoSinkConfig;
import dev.sluice.sink.mongo.ViewSink;
import dev.sluice.sink.mongo.metrics.SinkMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonDocument;

/** A {@link ViewSink} wired to a test MongoDB, a settable clock, a recording reporter and no real waiting. */
public final class SinkHarness implements AutoCloseable {
  private final TestMongo mongo;
  private final String database;
  private final Map<String, String> props;
  private final MongoClient client;
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final List<SinkRecord> reported = new ArrayList<>();
  private final List<Throwable> reportedCauses = new ArrayList<>();
  private final List<Duration> sleeps = new ArrayList<>();
  private final ErrantRecordReporter reporter;
  private SinkMetrics metrics;
  private ViewSink sink;

  /** A harness; {@code overrides} adds to or replaces the base settings. */
  public SinkHarness(TestMongo mongo, String database, Map<String, String> overrides) {
    this.mongo = mongo;
    this.database = database;
    this.props = new HashMap<>();
    props.put("name", "test-sink");
    props.put("connection.uri", mongo.uri());
    props.put("database", database);
    props.put("retry.backoff.initial.ms", "10");
    props.put("retry.backoff.max.ms", "20");
    props.putAll(overrides);
    this.client = MongoClients.create(new SluiceMongoSinkConfig(props).connection().clientSettings());
    this.reporter = mock(ErrantRecordReporter.class);
    when(reporter.report(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any())).thenAnswer(inv -> {
      reported.add(inv.getArgument(0));
      reportedCauses.add(inv.getArgument(1));
      return CompletableFuture.completedFuture(null);
    });
    restart();
  }

  /** A new ViewSink (as after a task restart) on the same database. */
  public SinkHarness restart() {
    SluiceMongoSinkConfig config = new SluiceMongoSinkConfig(props);
    metrics = new SinkMetrics("test-sink", "0");
    sink = new ViewSink(config, client, clock, reporter, metrics, sleeps::add);
    return this;
  }

  public ViewSink sink() {
    return sink;
  }

  public SinkMetrics metrics() {
    return metrics;
  }

  public MutableClock clock() {
    return clock;
  }

  /** Records handed to the errant record reporter. */
  public List<SinkRecord> reported() {
    return reported;
  }

  /** The causes the reporter got. */
  public List<Throwable> reportedCauses() {
    return reportedCauses;
  }

  /** Waits the retrier asked for. */
  public List<Duration> sleeps() {
    return sleeps;
  }

  /** Puts records as one batch. */
  public SinkHarness put(SinkRecord... records) {
    sink.put(List.of(records));
    return this;
  }

  /** Puts records as one batch. */
  public SinkHarness put(List<SinkRecord> records) {
    sink.put(records);
    return this;
  }

  public String database() {
    return database;
  }

  /** A collection of the test database. */
  public MongoCollection<BsonDocument> collection(String name) {
    return mongo.database(database).getCollection(name, BsonDocument.class);
  }

  /** Every document of a collection, by _id. */
  public List<BsonDocument> documents(String collection) {
    return collection(collection).find().sort(new BsonDocument("_id", new org.bson.BsonInt32(1))).into(new ArrayList<>());
  }

  /** One document, or null. */
  public BsonDocument document(String collection, Object id) {
    return collection(collection).find(new BsonDocument("_id", org.bson.BsonDocumentWrapper.asBsonDocument(
        new org.bson.Document("v", id), com.mongodb.MongoClientSettings.getDefaultCodecRegistry()).get("v"))).first();
  }

  @Override
  public void close() {
    client.close();
  }

  /** A clock tests move by hand. */
  public static final class MutableClock extends Clock {
    private Instant now;

    public MutableClock(Instant start) {
      this.now = start;
    }

    public void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
