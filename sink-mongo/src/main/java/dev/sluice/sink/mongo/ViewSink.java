package dev.sluice.sink.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.sluice.sink.mongo.metrics.SinkMetrics;
import dev.sluice.sink.mongo.namespace.Namespace;
import dev.sluice.sink.mongo.retry.Retrier;
import dev.sluice.sink.mongo.retry.Sleeper;
import dev.sluice.sink.mongo.view.ChangeParser;
import dev.sluice.sink.mongo.view.EmbedSpec;
import dev.sluice.sink.mongo.view.RowChange;
import dev.sluice.sink.mongo.view.RowChange.Kind;
import dev.sluice.sink.mongo.view.RowChange.WriteKey;
import dev.sluice.sink.mongo.writemodel.ParentDeleteMode;
import dev.sluice.sink.mongo.writemodel.Tombstones;
import dev.sluice.sink.mongo.writemodel.VersionFilters;
import dev.sluice.sink.mongo.writemodel.ViewWriter;
import dev.sluice.sink.mongo.writemodel.WriteOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The started sink: what {@link SluiceMongoSinkTask} builds in {@code start()} and delegates to.
 * It receives its collaborators (client, clock, errant record reporter, metrics, sleeper) and runs
 * without a Connect worker, which is how the unit tests drive it.
 *
 * <p>One {@link #put} parses every record into changes, compacts them per key (only the newest
 * change of a document or element is written; writes to different keys go in one unordered bulk
 * write per collection), writes them with bounded retries, and returns only when MongoDB has
 * acknowledged every write or the record was rejected. So the offsets {@link #committable} returns
 * are never ahead of MongoDB.
 *
 * <p>A record that cannot be parsed or whose document MongoDB refuses is rejected alone: with
 * {@code errors.tolerance=all} it goes to the errant record reporter (the dead letter queue) and
 * the older changes of its key in the batch are written instead (the compaction window may have
 * released them already: then none is); otherwise the task fails naming the record's
 * topic, partition and offset. Its batch's other records are written either way.
 */
public final class ViewSink {
  private static final Logger LOG = LoggerFactory.getLogger(ViewSink.class);
  private static final Duration PROGRESS_INTERVAL = Duration.ofMinutes(1);

  private final SluiceMongoSinkConfig config;
  private final MongoClient client;
  private final Clock clock;
  private final ErrantRecordReporter reporter;
  private final SinkMetrics metrics;
  private final Retrier retrier;
  private final EmbedRegistry embeds;
  private final ViewWriter writer;
  private final Map<String, ChangeParser> parsers = new HashMap<>();
  private final Map<Namespace, MongoCollection<BsonDocument>> collections = new HashMap<>();
  private final Map<TopicPartition, Long> acknowledged = new HashMap<>();
  private Instant lastProgress;

  /**
   * A started sink.
   *
   * @param reporter where rejected records go under {@code errors.tolerance=all}; null when the
   *     worker offers none (they are then logged and skipped)
   */
  public ViewSink(SluiceMongoSinkConfig config, MongoClient client, Clock clock, ErrantRecordReporter reporter,
      SinkMetrics metrics, Sleeper sleeper) {
    this.config = config;
    this.client = client;
    this.clock = clock;
    this.reporter = reporter;
    this.metrics = metrics;
    this.retrier = new Retrier(config.retryPolicy(), sleeper);
    this.embeds = EmbedRegistry.from(config);
    VersionFilters filters = new VersionFilters(config.metaField());
    this.writer = new ViewWriter(filters,
        new Tombstones(config.tombstonesCollection(), config.tombstoneRetention(), clock));
    this.lastProgress = clock.instant();
  }

  /**
   * Writes a batch; returns once MongoDB acknowledged every write of it: {@link #parse}, {@link
   * #write} and {@link #finish} in a row.
   *
   * @throws org.apache.kafka.connect.errors.RetriableException when MongoDB stayed unavailable
   *     through every attempt: nothing of the batch may be assumed written, Connect redelivers it
   * @throws ConnectException when a record is rejected without {@code errors.tolerance=all}, or
   *     MongoDB refuses writes for reasons no retry fixes
   */
  public void put(Collection<SinkRecord> records) {
    Batch batch = parse(records);
    write(batch);
    finish(batch);
  }

  /**
   * Parses records into changes: the first stage of a write, on the task's thread. It has no effect
   * outside the returned batch (a rejected record is only reported by {@link #finish}), so a batch
   * that is never written can be dropped, and its records parsed again later.
   *
   * @param records the records, oldest first
   * @throws ConnectException when a record is rejected without {@code errors.tolerance=all}
   */
  public Batch parse(Collection<SinkRecord> records) {
    List<Parsed> parsed = new ArrayList<>(records.size());
    long ordinal = 0;
    for (SinkRecord record : records) {
      parsed.add(parse(record, ordinal++));
    }
    return batch(parsed, 0);
  }

  /**
   * Parses one record into its changes, or keeps why it cannot be; nothing is rejected yet.
   *
   * @param ordinal the record's position among the records received: later records have higher ones
   * @throws ConnectException when the settings of the record's topic are invalid
   */
  public Parsed parse(SinkRecord record, long ordinal) {
    try {
      return new Parsed(record, parser(record.topic()).parse(record, ordinal), null);
    } catch (DataException | IllegalArgumentException | ClassCastException e) {
      return new Parsed(record, List.of(), e);
    }
  }

  /**
   * Assembles parsed records, oldest first, into a batch; those that could not be parsed are rejected.
   *
   * @param released how many records the compaction window released before (each had one change, which a
   *     change of one of {@code parsed} in the same topic partition supersedes): counted with the batch
   * @throws ConnectException when a record is rejected without {@code errors.tolerance=all}
   */
  public Batch batch(List<Parsed> parsed, long released) {
    Batch batch = new Batch(new ArrayList<>(parsed.size()), released);
    for (Parsed p : parsed) {
      batch.records.add(p.record());
      if (p.error() != null) {
        reject(batch, p.record(), p.error());
      } else if (p.changes().isEmpty()) {
        batch.ignored++;
      } else {
        batch.changes.addAll(p.changes());
      }
    }
    return batch;
  }

  /**
   * Writes a parsed batch: compaction per key, then bulk writes with bounded retries. It may run on a
   * thread of its own, one batch at a time, while the task's thread parses the next one: it touches
   * only the batch, the writer and the MongoDB client. The batch is done only after {@link #finish}.
   *
   * @throws org.apache.kafka.connect.errors.RetriableException when MongoDB stayed unavailable
   *     through every attempt: nothing of the batch may be assumed written
   * @throws ConnectException when a record is rejected without {@code errors.tolerance=all}, or
   *     MongoDB refuses writes for reasons no retry fixes
   */
  public void write(Batch batch) {
    long started = System.nanoTime();
    // A truncate divides the batch: what came before it is written first, what came after, after it.
    List<RowChange> segment = new ArrayList<>();
    for (RowChange change : batch.changes) {
      if (change.kind() == Kind.TRUNCATE) {
        writeSegment(batch, segment);
        writeSegment(batch, List.of(change));
        segment = new ArrayList<>();
      } else {
        segment.add(change);
      }
    }
    writeSegment(batch, segment);
    metrics.retries(retrier.retries());
    metrics.batch((System.nanoTime() - started) / 1_000_000L);
  }

  /**
   * Completes a written batch on the task's thread: hands its rejected records to the errant record
   * reporter and waits for it, then counts the batch and records its offsets as acknowledged.
   *
   * @throws ConnectException when the reporter fails: the batch's offsets are then not acknowledged
   */
  public void finish(Batch batch) {
    List<Future<Void>> reports = new ArrayList<>();
    for (Rejection rejection : batch.rejections) {
      metrics.errant();
      if (reporter == null) {
        LOG.warn("{}; skipped because errors.tolerance=all (the worker offers no errant record reporter)", rejection.message());
      } else {
        LOG.warn("{}; sent to the errant record reporter", rejection.message());
        reports.add(reporter.report(rejection.record(), new DataException(rejection.message(), rejection.cause())));
      }
    }
    await(reports);
    metrics.recordsIn(batch.records.size() + batch.released);
    metrics.ignored(batch.ignored);
    metrics.changesIn(batch.changes.size() + batch.released);
    metrics.compacted(batch.released);
    acknowledge(batch.records);
    logProgress();
  }

  /** Records the offsets after {@code records} as acknowledged, one map update per run of records of one partition. */
  private void acknowledge(Collection<SinkRecord> records) {
    String topic = null;
    int partition = -1;
    long next = -1;
    for (SinkRecord record : records) {
      if (record.kafkaPartition() != partition || !record.topic().equals(topic)) {
        if (topic != null) {
          acknowledged.merge(new TopicPartition(topic, partition), next, Math::max);
        }
        topic = record.topic();
        partition = record.kafkaPartition();
        next = record.kafkaOffset() + 1;
      } else {
        next = Math.max(next, record.kafkaOffset() + 1);
      }
    }
    if (topic != null) {
      acknowledged.merge(new TopicPartition(topic, partition), next, Math::max);
    }
  }

  /**
   * The offsets that may be committed: those of records whose writes MongoDB acknowledged, never
   * beyond what Connect proposes.
   */
  public Map<TopicPartition, OffsetAndMetadata> committable(Map<TopicPartition, OffsetAndMetadata> proposed) {
    Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>();
    proposed.forEach((tp, offset) -> {
      Long ack = acknowledged.get(tp);
      if (ack != null) {
        safe.put(tp, ack >= offset.offset() ? offset : new OffsetAndMetadata(ack, offset.metadata()));
      }
    });
    return safe;
  }

  /** Forgets the state of partitions the task no longer owns. */
  public void forget(Collection<TopicPartition> partitions) {
    partitions.forEach(acknowledged::remove);
  }

  /** The embeddings this sink knows. */
  public EmbedRegistry embeds() {
    return embeds;
  }

  private ChangeParser parser(String topic) {
    ChangeParser parser = parsers.get(topic);
    if (parser == null) {
      TopicConfig topicConfig;
      try {
        topicConfig = config.topicConfig(topic);
      } catch (ConfigException e) {
        throw new ConnectException("the settings of topic '" + topic + "' are invalid: " + e.getMessage(), e);
      }
      parser = new ChangeParser(topicConfig, embeds.forTopic(topic));
      parsers.put(topic, parser);
    }
    return parser;
  }

  private void writeSegment(Batch batch, List<RowChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    Map<Namespace, Map<WriteKey, List<RowChange>>> byNamespace = new LinkedHashMap<>();
    Namespace lastNamespace = null;
    Map<WriteKey, List<RowChange>> ofNamespace = null;
    for (RowChange change : changes) {
      if (!batch.rejected.isEmpty() && batch.rejected.contains(change.record())) {
        continue;
      }
      // Runs of changes share one Namespace instance (the mappers hand out one per name): skip the lookup then.
      if (change.namespace() != lastNamespace) {
        lastNamespace = change.namespace();
        ofNamespace = byNamespace.computeIfAbsent(lastNamespace, n -> new LinkedHashMap<>());
      }
      ofNamespace.computeIfAbsent(change.key(), k -> new ArrayList<>()).add(change);
    }
    for (Map.Entry<Namespace, Map<WriteKey, List<RowChange>>> e : byNamespace.entrySet()) {
      writeNamespace(batch, e.getKey(), e.getValue());
    }
  }

  private void writeNamespace(Batch batch, Namespace namespace, Map<WriteKey, List<RowChange>> byKey) {
    MongoDatabase database = client.getDatabase(namespace.database());
    MongoCollection<BsonDocument> collection = collections.computeIfAbsent(namespace,
        n -> database.getCollection(n.collection(), BsonDocument.class));
    List<EmbedSpec> into = embeds.into(namespace);
    boolean cascading = into.stream().anyMatch(e -> e.parentDelete() == ParentDeleteMode.CASCADE);
    Map<WriteKey, List<RowChange>> pending = byKey;
    boolean firstRound = true;
    while (!pending.isEmpty()) {
      List<RowChange> documents = new ArrayList<>();
      List<RowChange> cascades = new ArrayList<>();
      Map<String, List<RowChange>> children = new LinkedHashMap<>();
      // Kept across the attempts of this write: see ViewWriter.write.
      Set<BsonValue> cleanUpScope = new LinkedHashSet<>();
      for (List<RowChange> ofKey : pending.values()) {
        if (!into.isEmpty()) {
          // Compaction writes only the newest change of a key; the documents the older ones left still need the clean-up.
          for (RowChange change : ofKey) {
            BsonValue left = change.leftParent();
            if (left != null) {
              cleanUpScope.add(left);
            }
          }
        }
        RowChange newest = newest(ofKey);
        if (firstRound) {
          metrics.compacted(ofKey.size() - 1L);
        }
        if (newest.isChild()) {
          children.computeIfAbsent(newest.child().field(), f -> new ArrayList<>()).add(newest);
        } else {
          documents.add(newest);
          if (cascading) {
            supersededDelete(ofKey, newest).ifPresent(cascades::add);
          }
        }
      }
      WriteOutcome outcome = retrier.call(namespace.fullName(),
          () -> writer.write(database, collection, documents, cascades, children, into, cleanUpScope));
      metrics.outcome(outcome);
      Map<WriteKey, List<RowChange>> next = new LinkedHashMap<>();
      for (WriteOutcome.Failure failure : outcome.failures()) {
        RowChange failed = failure.change();
        reject(batch, failed.record(), failure.cause());
        // The failed change is skipped; the older changes of its key are written instead.
        List<RowChange> older = new ArrayList<>(pending.get(failed.key()));
        older.removeIf(c -> c == failed || batch.rejected.contains(c.record()));
        if (!older.isEmpty()) {
          next.put(failed.key(), older);
        }
      }
      pending = next;
      firstRound = false;
    }
  }

  /**
   * The newest parent delete that compaction drops behind a newer change of the same key. Its
   * cascade to the children still has to happen: the children older than it are gone in the source.
   */
  private static java.util.Optional<RowChange> supersededDelete(List<RowChange> ofKey, RowChange newest) {
    RowChange found = null;
    for (RowChange c : ofKey) {
      if (c != newest && c.kind() == Kind.DELETE && (found == null || newest(List.of(found, c)) == c)) {
        found = c;
      }
    }
    return java.util.Optional.ofNullable(found);
  }

  /** The change that wins compaction: the highest seq when all have one, else the last to arrive. */
  static RowChange newest(List<RowChange> ofKey) {
    RowChange best = ofKey.get(0);
    if (ofKey.size() == 1) {
      return best;
    }
    boolean allSeq = true;
    for (RowChange c : ofKey) {
      allSeq &= c.version().hasSeq();
    }
    for (RowChange c : ofKey) {
      if (allSeq ? c.version().seq() >= best.version().seq() : c.ordinal() >= best.ordinal()) {
        best = c;
      }
    }
    return best;
  }

  /**
   * Rejects a record of the batch: without {@code errors.tolerance=all} the task fails here, naming
   * it; otherwise it is left out of the writes and reported by {@link #finish}.
   */
  private void reject(Batch batch, SinkRecord record, Throwable cause) {
    if (!batch.rejected.add(record)) {
      return;
    }
    String message = "record topic=" + record.topic() + " partition=" + record.kafkaPartition() + " offset=" + record.kafkaOffset()
        + " cannot be written to MongoDB: " + cause.getMessage();
    if (!config.tolerateAll()) {
      throw new ConnectException(message + " (with errors.tolerance=all and errors.deadletterqueue.topic.name=<topic> such"
          + " records go to a dead letter queue and the task continues)", cause);
    }
    batch.rejections.add(new Rejection(record, message, cause));
  }

  private static void await(List<Future<Void>> reports) {
    try {
      for (Future<Void> report : reports) {
        report.get();
      }
    } catch (ExecutionException e) {
      throw new ConnectException("could not hand a rejected record to the errant record reporter (dead letter queue): "
          + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("interrupted while reporting rejected records", e);
    }
  }

  private void logProgress() {
    Instant now = clock.instant();
    if (Duration.between(lastProgress, now).compareTo(PROGRESS_INTERVAL) >= 0) {
      lastProgress = now;
      LOG.info("{}: {} records in, {} changes written, {} stale skipped, {} compacted away, {} rejected, compaction ratio {}",
          config.connectorName(), metrics.getRecordsIn(), metrics.getChangesWritten(), metrics.getSkippedStale(),
          metrics.getCompacted(), metrics.getErrantRecords(), String.format("%.2f", metrics.getCompactionRatio()));
    }
  }

  /**
   * A record parsed by {@link #parse(SinkRecord, long)}.
   *
   * @param record the record
   * @param changes its changes; empty when it is ignored or could not be parsed
   * @param error why it could not be parsed, else null
   */
  public record Parsed(SinkRecord record, List<RowChange> changes, RuntimeException error) {}

  /** A record left out of the writes, with what is wrong with it. */
  private record Rejection(SinkRecord record, String message, Throwable cause) {}

  /**
   * Records on their way to MongoDB: made by {@link #parse}, written by {@link #write}, completed by
   * {@link #finish}; handed from one thread to the next, never used by two at once.
   */
  public static final class Batch {
    private final List<SinkRecord> records;
    private final List<RowChange> changes;
    private final Set<SinkRecord> rejected = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Rejection> rejections = new ArrayList<>();
    private final long released;
    private int ignored;

    private Batch(List<SinkRecord> records, long released) {
      this.records = records;
      this.changes = new ArrayList<>();
      this.released = released;
    }
  }
}
