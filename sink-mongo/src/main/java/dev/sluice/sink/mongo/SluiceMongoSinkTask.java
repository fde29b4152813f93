package dev.sluice.sink.mongo;

import com.mongodb.MongoDriverInformation;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.sluice.event.SluiceVersion;
import dev.sluice.sink.mongo.metrics.SinkMetrics;
import dev.sluice.sink.mongo.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The task of {@link SluiceMongoSinkConnector}: a lifecycle shell around a {@link ViewSink} built in
 * {@link #start}, the compaction window in front of it ({@code compaction.window.records},
 * {@code compaction.window.bytes}, {@code compaction.window.ms}), and a writer thread behind it.
 * Under a backlog the records of several put() calls are written together, so that only the newest
 * change of each key among them is written.
 *
 * <p>The window parses each record when put() hands it over and releases a held record as soon as a
 * newer change of its key supersedes it ({@link CompactionWindow}), so it holds about one record per key.
 *
 * <p>Pipelined writes: when the window is due, put() waits for the previous write if it is still
 * running, and hands the held records' parsed changes to the writer thread, which
 * compacts and writes them while the task parses and holds the next records. One write at most is in
 * flight, and batches are written in the order they were taken, so the order of the changes of a key
 * is kept. The task's thread completes each write (reports rejected records, records offsets as
 * acknowledged) when it next waits for it or finds it done; at most two windows of records are alive,
 * the one being written and the one filling.
 *
 * <p>Offsets: {@link #preCommit} first writes whatever the window holds and waits for the write in
 * flight, then reports only offsets of records whose writes MongoDB acknowledged; a record that was
 * handed to put() but not written is never committed. What happens to held records when something goes
 * wrong:
 *
 * <ul>
 *   <li>the write in flight fails with {@link RetriableException}: its records go back to the front of
 *       the window, as Connect does not deliver them again, and are written with the next window; the
 *       put() that finds the failure throws it, without holding its own records, which Connect redelivers
 *       after a pause;
 *   <li>the write inside preCommit() fails: the held records of the partitions it was asked about are
 *       dropped, since Connect rewinds those partitions to their last committed offsets (or, when it is
 *       closing them, leaves them to their next owner) and so delivers them again; a failure that no
 *       retry fixes (a rejected record without {@code errors.tolerance=all}) is thrown again by the next
 *       put(), so that the task fails as it would have had put() written the record;
 *   <li>close(partitions) waits for the write in flight, then drops the held records of those
 *       partitions: Connect has called preCommit() for them first when it could commit, and otherwise
 *       their next owner reads them again from the committed offsets;
 *   <li>stop() drops everything held and interrupts the write in flight: not committed, delivered
 *       again after the restart (the writes are idempotent).
 * </ul>
 */
public class SluiceMongoSinkTask extends SinkTask {
  private static final Logger LOG = LoggerFactory.getLogger(SluiceMongoSinkTask.class);
  /** How long stop() waits for an interrupted write to end before it closes the client under it. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);
  /** How soon Connect is asked to call put() again while a write is in flight. */
  private static final Duration WRITE_CHECK = Duration.ofMillis(200);

  private final Clock clock;
  private SluiceMongoSinkConfig config;
  private MongoClient client;
  private SinkMetrics metrics;
  private ViewSink sink;
  private CompactionWindow window;
  private ExecutorService writer;
  private InFlight inFlight;
  private ConnectException failure;

  /** A batch handed to the writer thread, and what its write will come to. */
  private record InFlight(CompactionWindow.Taken taken, ViewSink.Batch batch, Future<?> write) {}

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
          config.compactionWindowTime(), clock, sink::parse);
      writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, config.connectorName() + "-task-" + taskId + "-mongo-writer");
        thread.setDaemon(true);
        return thread;
      });
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
    try {
      settle(false);
    } catch (RetriableException e) {
      // This batch is not held yet: Connect redelivers it after the pause. The failed write's records wait in the window.
      pause();
      throw e;
    }
    CompactionWindow.Trigger trigger = window.add(records);
    if (trigger == null) {
      updateBuffered();
      if (!window.isEmpty()) {
        // Connect waits at most this long for more records before it calls put() again.
        context.timeout(Math.max(1L, window.remaining().toMillis()));
      } else if (inFlight != null) {
        askBackForWrite();
      }
      return;
    }
    try {
      writeWindow(trigger);
      askBackForWrite();
    } catch (RetriableException e) {
      // The write in flight failed: its records are back in front of the window. Connect pauses, then redelivers
      // this same batch: it must not be held twice. The records of earlier put() calls are not delivered again, so
      // they stay. The writes are idempotent.
      window.undoLastAdd();
      updateBuffered();
      pause();
      throw e;
    }
  }

  /**
   * Writes what the compaction window holds and waits for every write, then reports the offsets of
   * the records MongoDB acknowledged, never beyond those Connect proposes.
   */
  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    if (sink == null) {
      return Map.of();
    }
    try {
      writeWindow(null);
      settle(true);
    } catch (RuntimeException e) {
      // Connect answers a failed preCommit by rewinding these partitions to their last committed offsets, or,
      // when it is closing them for a rebalance, by leaving them to their next owner: either way their held
      // records (a failed write's among them) are delivered again, and keeping them would write them twice, the
      // second time behind newer ones.
      int dropped = window.drop(currentOffsets.keySet());
      updateBuffered();
      LOG.warn("{}: writing {} held records before an offset commit failed ({}); the {} of partitions {} are delivered again",
          config.connectorName(), window.size() + dropped, e.getMessage(), dropped, currentOffsets.keySet());
      if (e instanceof RetriableException) {
        pause();
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

  /**
   * Hands what the compaction window holds to the writer thread: parses it here, waits for the write
   * in flight, then starts writing it.
   *
   * @throws RetriableException when the write in flight failed; the window then holds its records in
   *     front of its own, none of them handed over
   */
  private void writeWindow(CompactionWindow.Trigger trigger) {
    if (window.isEmpty()) {
      return;
    }
    CompactionWindow.Taken taken = window.snapshot();
    ViewSink.Batch batch = sink.batch(taken.parsed(), taken.released());
    // A failed write in flight goes back in front of the window, which then still holds what the snapshot shows.
    settle(true);
    window.reset();
    if (LOG.isDebugEnabled()) {
      LOG.debug("{}: writing {} held records, {} released by newer changes ({})", config.connectorName(), taken.parsed().size(),
          taken.released(), trigger == null ? "offset commit" : trigger.name().toLowerCase(java.util.Locale.ROOT));
    }
    // The worker's log context (connector and task names) goes along to the writer thread.
    Map<String, String> logContext = MDC.getCopyOfContextMap();
    inFlight = new InFlight(taken, batch, writer.submit(() -> {
      if (logContext != null) {
        MDC.setContextMap(logContext);
      }
      try {
        sink.write(batch);
      } finally {
        MDC.clear();
      }
    }));
    updateBuffered();
  }

  /**
   * Completes the write in flight, on this thread: waits for it ({@code wait}) or only looks whether
   * it is done. A write that failed puts its records back in front of the window and throws its
   * failure.
   */
  private void settle(boolean wait) {
    InFlight f = inFlight;
    if (f == null || !(wait || f.write().isDone())) {
      return;
    }
    inFlight = null;
    try {
      f.write().get();
    } catch (ExecutionException e) {
      throw requeue(f, e.getCause() instanceof RuntimeException cause ? cause
          : new ConnectException("writing " + f.taken().records() + " records to MongoDB failed: " + e.getCause(), e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw requeue(f, new ConnectException("interrupted while waiting for a write of " + f.taken().records() + " records to MongoDB", e));
    }
    sink.finish(f.batch());
    updateBuffered();
  }

  /** Puts the records of a failed write back in front of the window; returns its failure, to throw. */
  private RuntimeException requeue(InFlight failed, RuntimeException failure) {
    window.restore(failed.taken());
    updateBuffered();
    return failure;
  }

  /** Waits for the write in flight and completes it, as the next put() that finds it done would; for tests. */
  void awaitWrite() {
    settle(true);
  }

  /**
   * Asks Connect to call put() again soon even when no records come, so that a finished write is
   * completed (its offsets acknowledged, its records released) or its failure handled without waiting
   * for the next offset commit.
   */
  private void askBackForWrite() {
    context.timeout(WRITE_CHECK.toMillis());
  }

  /** Asks Connect to wait before it delivers again: MongoDB stayed unavailable through every retry. */
  private void pause() {
    context.timeout(config.retryPolicy().maxBackoff().toMillis());
  }

  /** Publishes how many records are not written yet (those held and those being written) and the held ones' heap. */
  private void updateBuffered() {
    InFlight f = inFlight;
    metrics.buffered(window.size() + (f == null ? 0 : f.taken().parsed().size()), window.bytes());
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    if (sink == null) {
      return;
    }
    try {
      settle(true);
    } catch (RetriableException e) {
      LOG.info("{}: a write failed while partitions {} were closing; its records of other partitions are written again with"
          + " the next window: {}", config.connectorName(), partitions, e.getMessage());
    } catch (ConnectException e) {
      // Fail the task at the next put(), as a failed put() would have.
      failure = e;
    }
    int dropped = window.drop(partitions);
    updateBuffered();
    if (dropped > 0) {
      LOG.info("{}: partitions {} closed with {} records not written; their next owner reads them again from the committed"
          + " offsets", config.connectorName(), partitions, dropped);
    }
    sink.forget(partitions);
  }

  @Override
  public void stop() {
    SinkMetrics m = metrics;
    MongoClient c = client;
    CompactionWindow w = window;
    ExecutorService x = writer;
    InFlight f = inFlight;
    long held = (w == null ? 0 : w.size() + w.released()) + (f == null ? 0 : f.taken().records());
    if (held > 0) {
      LOG.info("{}: stopping with {} records not acknowledged by MongoDB; their offsets are not committed, they are delivered"
          + " again", config.connectorName(), held);
    }
    metrics = null;
    client = null;
    sink = null;
    window = null;
    writer = null;
    inFlight = null;
    try {
      if (x != null) {
        stopWriter(x);
      }
      if (m != null) {
        m.close();
      }
    } finally {
      if (c != null) {
        c.close();
      }
    }
  }

  /** Interrupts the write in flight, if any, and waits a little for the writer thread to end. */
  private void stopWriter(ExecutorService x) {
    x.shutdownNow();
    try {
      if (!x.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{}: the write in flight did not end within {} ms of being interrupted; closing the MongoDB client under it",
            config.connectorName(), STOP_WAIT.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
