package dev.sluice.embedded.pipeline;

import dev.sluice.sink.mongo.SluiceMongoSinkTask;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipeline in this JVM: the source connector on the Debezium embedded engine (with the
 * configured transforms), an optional converter round trip, and Sluice's MongoDB sink task.
 *
 * <p>The engine hands each polled and transformed batch to {@link #handleBatch}, which returns only
 * after MongoDB acknowledged the batch's writes; only then are its records marked processed, and
 * only processed records' offsets ever reach the offset file. A crash therefore loses nothing: the
 * changes after the last committed offset are read again, and the sink's {@code source.seq} guard
 * makes writing them a second time a no-op.
 *
 * <p>{@link #stop()} (called by the CLI's shutdown hook on SIGTERM or Ctrl-C) lets the batch in
 * flight finish, closes the engine (which commits the processed offsets and stops the source task),
 * then stops the sink task. It is idempotent.
 */
public final class EmbeddedPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPipeline.class);

  private final PipelineConfig config;
  private final AcknowledgementListener listener;
  private final PipelineStats stats = new PipelineStats();
  private final CountDownLatch streaming = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean stopRequested = new AtomicBoolean();
  private final ReentrantLock batchLock = new ReentrantLock();
  private volatile boolean stopping;
  private SluiceMongoSinkTask sinkTask;
  private ConverterRoundTrip roundTrip;
  private SinkDelivery delivery;
  private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
  private ExecutorService executor;

  /** A pipeline of the given settings; nothing connects before {@link #start()}. */
  public EmbeddedPipeline(PipelineConfig config) {
    this(config, AcknowledgementListener.NONE);
  }

  /**
   * A pipeline of the given settings that tells {@code listener} about every batch MongoDB
   * acknowledged (see {@link AcknowledgementListener}); nothing connects before {@link #start()}.
   */
  public EmbeddedPipeline(PipelineConfig config, AcknowledgementListener listener) {
    this.config = config;
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Starts the sink task (so a wrong MongoDB setting fails before the source connects), then the
   * engine on a thread of its own. Returns at once; see {@link #awaitStreaming}.
   */
  public EmbeddedPipeline start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("pipeline " + config.name() + " was already started");
    }
    try {
      EmbeddedSinkTaskContext context = new EmbeddedSinkTaskContext(config.sinkWithName());
      sinkTask = new SluiceMongoSinkTask();
      sinkTask.initialize(context);
      sinkTask.start(config.sinkWithName());
      roundTrip = ConverterRoundTrip.create(config.roundTrip(), config.name(), config.converterProps());
      delivery = new SinkDelivery(sinkTask, context, config.routing(), roundTrip, stats, Clock.systemUTC(), listener);
      engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
          .using(config.engineProperties())
          .using(this::completed)
          .using(new DebeziumEngine.ConnectorCallback() {
            @Override
            public void pollingStarted() {
              streaming.countDown();
            }
          })
          .notifying(this::handleBatch)
          .build();
      executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sluice-engine-" + config.name());
        t.setDaemon(false);
        return t;
      });
      executor.execute(engine);
      LOG.info("pipeline {} started: offsets in {}", config.name(), config.offsetFile());
      return this;
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
      finished.countDown();
      stopSink();
      throw e;
    }
  }

  private void completed(boolean success, String message, Throwable error) {
    if (!success && stopRequested.get() && rejectedByClosingEngine(error)) {
      // Closing the engine shuts its record-processing pool down; a poll cycle that was already
      // under way then has its next batch rejected. Nothing of that batch was marked processed, so
      // nothing is lost: it is read again at the next start. That is a stop, not a failure.
      LOG.info("pipeline {}: the engine stopped while a batch was being polled; that batch is read again at the next start",
          config.name());
      finished.countDown();
      return;
    }
    if (!success) {
      Throwable cause = error != null ? error : new ConnectException(message);
      if (failure.compareAndSet(null, cause)) {
        LOG.error("pipeline {} failed: {}", config.name(), message, error);
      }
    } else {
      LOG.info("pipeline {}: the engine stopped", config.name());
    }
    finished.countDown();
  }

  static boolean rejectedByClosingEngine(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RejectedExecutionException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private void handleBatch(List<RecordChangeEvent<SourceRecord>> events, DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
      throws InterruptedException {
    batchLock.lockInterruptibly();
    try {
      if (stopping) {
        // Not marked: read again at the next start.
        return;
      }
      List<SourceRecord> records = new ArrayList<>(events.size());
      for (RecordChangeEvent<SourceRecord> e : events) {
        records.add(e.record());
      }
      if (!delivery.deliver(records, () -> stopping)) {
        return;
      }
      for (RecordChangeEvent<SourceRecord> e : events) {
        committer.markProcessed(e);
      }
      committer.markBatchFinished();
    } finally {
      batchLock.unlock();
    }
  }

  /** Waits until the source task polls (the source knows its start position); false on timeout or failure. */
  public boolean awaitStreaming(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (streaming.await(100, TimeUnit.MILLISECONDS)) {
        return failure.get() == null;
      }
      if (finished.getCount() == 0) {
        return false;
      }
    }
    return false;
  }

  /**
   * Waits until the engine stopped (after {@link #stop()} or a failure).
   *
   * @return true when it stopped within the timeout
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Why the pipeline failed, if it did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** The counters. */
  public PipelineStats stats() {
    return stats;
  }

  /** The settings. */
  public PipelineConfig config() {
    return config;
  }

  /** Stops cleanly: the batch in flight finishes, acknowledged offsets are committed, tasks stop. */
  public void stop() {
    if (!stopRequested.compareAndSet(false, true)) {
      return;
    }
    stopping = true;
    long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
    try {
      // Let the batch in flight reach MongoDB; a batch stuck on an unavailable MongoDB is abandoned at the deadline.
      if (batchLock.tryLock(config.shutdownTimeout().toMillis() / 2, TimeUnit.MILLISECONDS)) {
        batchLock.unlock();
      } else {
        LOG.warn("pipeline {}: the batch in flight did not finish in time; it is read again at the next start", config.name());
      }
      LOG.info("pipeline {} stopping", config.name());
      closeEngine(deadline);
      long left = Math.max(0, deadline - System.nanoTime());
      if (!finished.await(left, TimeUnit.NANOSECONDS)) {
        LOG.warn("pipeline {}: the engine did not stop within {} ms (shutdown.timeout.ms); changes not yet committed are read again at"
            + " the next start", config.name(), config.shutdownTimeout().toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (executor != null) {
        executor.shutdownNow();
      }
      stopSink();
    }
  }

  private void closeEngine(long deadline) throws InterruptedException {
    if (engine == null) {
      return;
    }
    while (true) {
      try {
        engine.close();
        return;
      } catch (IllegalStateException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("already")) {
          // The engine stopped by itself (it failed): nothing left to close.
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new ConnectException("could not stop the engine of pipeline " + config.name() + ": " + m, e);
        }
        // "Cannot stop engine while tasks are starting": the source is still connecting.
        Thread.sleep(100);
      } catch (IOException e) {
        throw new ConnectException("could not stop the engine of pipeline " + config.name() + ": " + e.getMessage(), e);
      }
    }
  }

  private void stopSink() {
    try {
      if (sinkTask != null) {
        sinkTask.stop();
      }
    } finally {
      if (roundTrip != null) {
        roundTrip.close();
      }
    }
  }

  @Override
  public void close() {
    stop();
  }
}
