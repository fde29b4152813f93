package dev.sluice.sink.mongo;

import com.mongodb.MongoDriverInformation;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.sluice.event.SluiceVersion;
import dev.sluice.sink.mongo.metrics.SinkMetrics;
import dev.sluice.sink.mongo.retry.Sleeper;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task of {@link SluiceMongoSinkConnector}: a lifecycle shell around a {@link ViewSink} built in
 * {@link #start}, and the compaction window in front of it ({@code compaction.window.records},
 * {@code compaction.window.ms}): under a backlog the records of several put() calls are written
 * together, so that only the newest change of each key among them is written.
 *
 * <p>Offsets: {@link #preCommit} first writes whatever the window holds, then reports only offsets
 * of records whose writes MongoDB acknowledged; a record that was handed to put() but not written is
 * never committed. What happens to held records when something goes wrong:
 *
 * <ul>
 *   <li>a write inside put() throws {@link RetriableException}: the records of that put() are taken
 *       out of the window again, since Connect redelivers the same batch; those of earlier put()
 *       calls stay, since Connect will not deliver them again;
 *   <li>the write inside preCommit() fails: the held records of the partitions it was asked about are
 *       dropped, since Connect rewinds those partitions to their last committed offsets (or, when it is
 *       closing them, leaves them to their next owner) and so delivers them again; a failure that no
 *       retry fixes (a rejected record without {@code errors.tolerance=all}) is thrown again by the next
 *       put(), so that the task fails as it would have had put() written the record;
 *   <li>close(partitions) drops the held records of those partitions: Connect has called preCommit()
 *       for them first when it could commit, and otherwise their next owner reads them again from the
 *       committed offsets;
 *   <li>stop() drops everything held: not committed, delivered again after the restart.
 * </ul>
 */
public class SluiceMongoSinkTask extends SinkTask {
  private static final Logger LOG = LoggerFactory.getLogger(SluiceMongoSinkTask.class);

  private final Clock clock;
  private SluiceMongoSinkConfig config;
  private MongoClient client;
  private SinkMetrics metrics;
  private ViewSink sink;
  private CompactionWindow window;
  private ConnectException failure;

  /** Creates the task; Connect configures it through {@link #start}. */
  public SluiceMongoSinkTask() {
    this(Clock.systemUTC());
  }

  /** A task whose compaction window measures waits with {@code clock}. */
  SluiceMongoSinkTask(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String version() {
    return SluiceVersion.of(SluiceMongoSinkTask.class);
  }

  @Override
  public void start(Map<String, String> props) {
    config = new SluiceMongoSinkConfig(props);
    String taskId = props.getOrDefault(SluiceMongoSinkConnector.TASK_ID_CONFIG, "0");
    failure = null;
    try {
      client = MongoClients.create(config.connection().clientSettings(),
          MongoDriverInformation.builder().driverName("sluice-sink-mongo").driverVersion(version()).build());
      metrics = new SinkMetrics(config.connectorName(), taskId);
      sink = new ViewSink(config, client, clock, errantRecordReporter(), metrics, Sleeper.THREAD);
      window = new CompactionWindow(config.compactionWindowRecords(), config.compactionWindowBytes(),
          config.compactionWindowTime(), clock);
      metrics.register();
      LOG.info("{} task {} started: writes to {} with write concern {}; embedded child topics {}; compaction window {}",
          config.connectorName(), taskId, config.connection().connectionString().getHosts(), config.connection().writeConcern(),
          sink.embeds().all().keySet(), window.holds()
              ? config.compactionWindowRecords() + " records / " + config.compactionWindowBytes() + " bytes / "
                  + config.compactionWindowTime().toMillis() + " ms"
              : "off (every put() is written)");
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  private ErrantRecordReporter errantRecordReporter() {
    if (!config.tolerateAll()) {
      return null;
    }
    try {
      return context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      LOG.warn("this Connect worker predates errant record reporters (KIP-610): rejected records are logged and skipped");
      return null;
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    if (failure != null) {
      throw new ConnectException("an earlier write of held records failed: " + failure.getMessage(), failure);
    }
    int heldBefore = window.size();
    CompactionWindow.Trigger trigger = window.add(records);
    if (trigger == null) {
      metrics.buffered(window.size(), window.bytes());
      if (!window.isEmpty()) {
        // Connect waits at most this long for more records before it calls put() again.
        context.timeout(Math.max(1L, window.remaining().toMillis()));
      }
      return;
    }
    try {
      writeWindow(trigger);
    } catch (RetriableException e) {
      // Connect pauses, then redelivers this same batch: it must not be held twice. The records of earlier
      // put() calls are not delivered again, so they stay. The writes are idempotent.
      window.truncate(heldBefore);
      metrics.buffered(window.size(), window.bytes());
      context.timeout(config.retryPolicy().maxBackoff().toMillis());
      throw e;
    }
  }

  /**
   * Writes what the compaction window holds, then reports the offsets of the records MongoDB
   * acknowledged, never beyond those Connect proposes.
   */
  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    if (sink == null) {
      return Map.of();
    }
    try {
      writeWindow(null);
    } catch (RuntimeException e) {
      // Connect answers a failed preCommit by rewinding these partitions to their last committed offsets, or,
      // when it is closing them for a rebalance, by leaving them to their next owner: either way their held
      // records are delivered again, and keeping them would write them twice, the second time behind newer ones.
      int dropped = window.drop(currentOffsets.keySet());
      metrics.buffered(window.size(), window.bytes());
      LOG.warn("{}: writing {} held records before an offset commit failed ({}); the {} of partitions {} are delivered again",
          config.connectorName(), window.size() + dropped, e.getMessage(), dropped, currentOffsets.keySet());
      if (e instanceof RetriableException) {
        context.timeout(config.retryPolicy().maxBackoff().toMillis());
      } else if (e instanceof ConnectException fatal) {
        // Connect logs a failed commit and carries on: fail the task at the next put() instead.
        failure = fatal;
      }
      throw e;
    }
    return sink.committable(currentOffsets);
  }

  /** Writes what the compaction window holds; {@link #preCommit} (which Connect calls instead) does the same. */
  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    preCommit(currentOffsets);
  }

  private void writeWindow(CompactionWindow.Trigger trigger) {
    if (window.isEmpty()) {
      return;
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("{}: writing {} held records ({})", config.connectorName(), window.size(),
          trigger == null ? "offset commit" : trigger.name().toLowerCase(java.util.Locale.ROOT));
    }
    sink.put(window.records());
    window.clear();
    metrics.buffered(0, 0);
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    if (sink != null) {
      int dropped = window.drop(partitions);
      metrics.buffered(window.size(), window.bytes());
      if (dropped > 0) {
        LOG.info("{}: partitions {} closed with {} records not written; their next owner reads them again from the committed"
            + " offsets", config.connectorName(), partitions, dropped);
      }
      sink.forget(partitions);
    }
  }

  @Override
  public void stop() {
    SinkMetrics m = metrics;
    MongoClient c = client;
    CompactionWindow w = window;
    if (w != null && !w.isEmpty()) {
      LOG.info("{}: stopping with {} records not written; their offsets are not committed, they are delivered again",
          config.connectorName(), w.size());
      w.clear();
    }
    metrics = null;
    client = null;
    sink = null;
    window = null;
    try {
      if (m != null) {
        m.close();
      }
    } finally {
      if (c != null) {
        c.close();
      }
    }
  }
}
