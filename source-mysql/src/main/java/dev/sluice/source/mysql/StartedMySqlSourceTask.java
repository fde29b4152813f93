package dev.sluice.source.mysql;

import dev.sluice.source.mysql.binlog.BinlogEventHandler;
import dev.sluice.source.mysql.binlog.BinlogReader;
import dev.sluice.source.mysql.binlog.RecordQueue;
import dev.sluice.source.mysql.event.RecordFactory;
import dev.sluice.source.mysql.metrics.SourceMetrics;
import dev.sluice.source.mysql.offset.GtidState;
import dev.sluice.source.mysql.offset.SnapshotState;
import dev.sluice.source.mysql.offset.SourceOffset;
import dev.sluice.source.mysql.schema.ConnectionSupplier;
import dev.sluice.source.mysql.schema.InformationSchemaColumnHints;
import dev.sluice.source.mysql.schema.ColumnHints;
import dev.sluice.source.mysql.schema.TableSchemaFactory;
import dev.sluice.source.mysql.server.Preflight;
import dev.sluice.source.mysql.server.ServerFlavor;
import dev.sluice.source.mysql.server.ServerProbe;
import dev.sluice.source.mysql.signal.KafkaSignalReader;
import dev.sluice.source.mysql.snapshot.SnapshotCoordinator;
import dev.sluice.source.mysql.snapshot.SnapshotMetrics;
import dev.sluice.source.mysql.snapshot.SnapshotMode;
import dev.sluice.source.mysql.snapshot.SnapshotPlan;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.TransactionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running source task without the Connect lifecycle around it: checks the server, finds the start
 * position, runs the binlog reader, and hands records from its bounded queue to {@code poll()}.
 * A failure on the binlog thread is rethrown by the next {@link #poll()}.
 */
final class StartedMySqlSourceTask implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StartedMySqlSourceTask.class);

  private final MySqlSourceConfig config;
  private final RecordQueue queue;
  private final TransactionContext transactions;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final SourceMetrics metrics;
  private final BinlogReader reader;
  private final BinlogEventHandler handler;
  private final SnapshotCoordinator snapshot;
  private final KafkaSignalReader signals;
  private volatile boolean closed;

  /**
   * @param storedOffset the offset Connect stored for this connector, or null for a first start
   * @param hints        what TABLE_MAP lacks (information_schema), or a no-op one in tests
   * @param transactions Connect's transaction context when the connector defines transaction
   *                     boundaries ({@code transaction.boundary=connector}), else null
   */
  StartedMySqlSourceTask(MySqlSourceConfig config, Map<String, ?> storedOffset, ColumnHints hints, Clock clock, SourceMetrics metrics,
      TransactionContext transactions) {
    this(config, storedOffset, hints, clock, metrics, transactions, null, null);
  }

  /**
   * @param connections      JDBC connections for snapshots, or null for {@code snapshot.mode=no_data} behaviour (tests)
   * @param snapshotMetrics  where snapshot progress is reported, or null with no connections
   */
  StartedMySqlSourceTask(MySqlSourceConfig config, Map<String, ?> storedOffset, ColumnHints hints, Clock clock, SourceMetrics metrics,
      TransactionContext transactions, ConnectionSupplier connections, SnapshotMetrics snapshotMetrics) {
    this.config = config;
    this.metrics = metrics;
    this.queue = new RecordQueue(config.maxQueueSize(), () -> closed, config.kafkaTransactionPerMySqlTransaction());
    this.transactions = transactions;
    metrics.bindQueue(queue::size, config.maxQueueSize());
    ServerFlavor flavor;
    SourceOffset start;
    SnapshotMode mode = connections == null ? SnapshotMode.NO_DATA : config.snapshot().mode();
    boolean resnapshot = false;
    // Signals need JDBC for the snapshot; without connections (tests) they are off.
    boolean signalsEnabled = connections != null && config.snapshot().signalsEnabled();
    Long storedSignalOffset = null;
    // The task's own connections when it has them: one TLS decision for the probe, the hints and snapshots.
    ConnectionSupplier jdbc = connections != null ? connections : InformationSchemaColumnHints.connections(config);
    try (ServerProbe probe = ServerProbe.over(jdbc.open(), InformationSchemaColumnHints.description(config))) {
      List<Preflight.Problem> problems = Preflight.check(probe, config.includeQuery());
      if (!problems.isEmpty()) {
        throw new ConnectException("the server " + config.hostname() + ":" + config.port() + " is not ready for Sluice:\n  - "
            + problems.stream().map(p -> p.setting() + ": " + p.message()).collect(Collectors.joining("\n  - ")));
      }
      flavor = probe.flavor();
      String partition = "server=" + config.topicPrefix();
      if (storedOffset == null) {
        start = probe.currentPosition(flavor);
        LOG.info("no stored offset for {}: streaming from the current end of the binlog ({}:{}, GTIDs '{}')", partition,
            start.file(), start.position(), start.gtids());
      } else {
        start = SourceOffset.fromMap(storedOffset, partition);
        if (flavor.isMariaDb() && GtidState.MariaDb.hasServerIdZero(start.gtids())) {
          // The offset's binlog position is exact; the server says which GTID set belongs to it.
          String repaired = probe.mariaDbGtidsAt(start.file(), start.position()).orElse("");
          LOG.warn("the stored GTID set '{}' of {} names server id 0, which never logs a GTID (an earlier Sluice version wrote it "
              + "after connecting by binlog position): resuming at the offset's binlog position {}:{}, GTIDs '{}' there", start.gtids(),
              partition, start.file(), start.position(), repaired);
          start = new SourceOffset(repaired, start.file(), start.position(), start.txEmitted(), start.seq(), start.snapshot());
        }
        storedSignalOffset = start.snapshot() == null ? null : start.snapshot().signalOffset();
        String gone = null;
        if (mode == SnapshotMode.WHEN_NEEDED) {
          gone = start.hasGtids() ? probe.purgedAfter(flavor, start.gtids()).map(m -> "the transactions " + m).orElse(null)
              : probe.binlogFiles().contains(start.file()) ? null : "the binlog file " + start.file();
        }
        if (gone != null) {
          // snapshot.mode=when_needed: the binlog to resume from is gone, so copy everything again from here.
          SourceOffset current = probe.currentPosition(flavor);
          LOG.warn("{} the connector must resume from were purged from {}:{}; snapshot.mode=when_needed: copying every "
              + "captured table again and streaming from {}:{} (GTIDs '{}')", gone, config.hostname(), config.port(), current.file(),
              current.position(), current.gtids());
          start = new SourceOffset(current.gtids(), current.file(), current.position(), 0, start.seq(), null);
          resnapshot = true;
        }
        if (!start.hasGtids() && !probe.binlogFiles().contains(start.file())) {
          throw new ConnectException("the binlog file " + start.file() + " the connector must resume from is no longer on "
              + config.hostname() + ":" + config.port() + " (purged). Keep binlogs longer (binlog_expire_logs_seconds / expire_logs_days) "
              + "and start over by deleting the connector's offsets; changes made meanwhile are not captured.");
        }
        LOG.info("resuming {} at binlog {}:{}, GTIDs '{}', after {} records of that transaction, seq {}", partition, start.file(),
            start.position(), start.gtids(), start.txEmitted(), start.seq());
      }
    } catch (SQLException e) {
      String message = ErrorClassifier.describeFatal(e, config.hostname(), config.port(), config.user(), null);
      if (ErrorClassifier.classify(e) == ErrorClassifier.Kind.TRANSIENT) {
        throw new RetriableException(message, e);
      }
      throw new ConnectException(message, e);
    }
    TableSchemaFactory schemas = new TableSchemaFactory(config.topicPrefix(), config.typeMapping().options(), hints);
    SnapshotState snapshotState = null;
    if (mode != SnapshotMode.NO_DATA) {
      try {
        List<String> captured = SnapshotPlan.capturedTables(connections, config.captureFilter());
        snapshotState = SnapshotPlan.resume(resnapshot ? null : start.snapshot(), storedOffset == null || resnapshot, captured);
      } catch (SQLException e) {
        throw new RetriableException("cannot list the captured tables for the snapshot from information_schema on " + config.hostname()
            + ":" + config.port() + ": " + e.getMessage(), e);
      }
      if (storedSignalOffset != null && snapshotState.signalOffset() == null) {
        // A re-snapshot after a purged binlog starts the progress over, not the signal position.
        snapshotState = snapshotState.withSignalOffset(storedSignalOffset);
      }
      start = start.withSnapshot(snapshotState);
    } else if (start.snapshot() != null) {
      // Keep the progress of an earlier snapshot in the offsets (resumed below only when it may come from a signal).
      snapshotState = start.snapshot();
    } else if (signalsEnabled) {
      // no_data with signals: the offsets must carry the signal position, so they carry a snapshot state. The captured
      // tables count as copied (streamed from here on), as they would for an offset from before snapshots.
      try {
        snapshotState = new SnapshotState(null, null, List.of(), SnapshotPlan.capturedTables(connections, config.captureFilter()));
      } catch (SQLException e) {
        throw new RetriableException("cannot list the captured tables for signals from information_schema on " + config.hostname()
            + ":" + config.port() + ": " + e.getMessage(), e);
      }
      start = start.withSnapshot(snapshotState);
    }
    RecordFactory records = new RecordFactory(config.topicPrefix());
    this.handler = new BinlogEventHandler(config, flavor, schemas, records, queue::putAll, metrics, clock);
    metrics.bindSeq(handler::seq);
    if (transactions != null) {
      // Connector-defined boundaries: Kafka transactions end only where MySQL transactions end.
      handler.onTransactionEnd(queue::markBoundary);
    }
    this.reader = new BinlogReader(config, handler, metrics, this::fail);
    // In no_data mode, unfinished progress in the offset is resumed only with signals on: it may be a requested snapshot.
    boolean resumeSnapshot = snapshotState != null && snapshotState.inProgress() && (mode != SnapshotMode.NO_DATA || signalsEnabled);
    if (snapshotState != null && snapshotState.inProgress() && !resumeSnapshot) {
      LOG.info("snapshot.mode=no_data and no signal topic: the unfinished snapshot of {} in the stored offset is not resumed",
          snapshotState.pending());
    }
    if (resumeSnapshot || signalsEnabled) {
      if (resumeSnapshot) {
        LOG.info("snapshot ({}): {} tables to copy{}, {} done; chunks of {} rows, {} reader threads, no locks", mode.text(),
            snapshotState.pending().size() + (snapshotState.table() == null ? 0 : 1),
            snapshotState.table() == null ? "" : " (resuming " + snapshotState.table() + ")", snapshotState.done().size(),
            config.snapshot().chunkSize(), config.snapshot().maxThreads());
      }
      this.snapshot = new SnapshotCoordinator(schemas, connections, flavor.isMariaDb(), config.snapshot().maxThreads(),
          config.snapshot().chunkSize(), snapshotState, snapshotMetrics, this::fail, this::drainSoon, this::snapshotComplete);
      handler.attachSnapshot(snapshot);
    } else {
      this.snapshot = null;
    }
    if (mode == SnapshotMode.INITIAL_ONLY && !snapshotState.inProgress()) {
      LOG.info("snapshot.mode=initial_only and every captured table is copied: not reading the binlog");
      this.signals = null;
      return;
    }
    if (signalsEnabled) {
      SnapshotCoordinator coordinator = snapshot;
      try {
        this.signals = KafkaSignalReader.open(config.snapshot(), config.topicPrefix(), snapshotState.signalOffset(), config.captureFilter(),
            () -> SnapshotPlan.capturedTables(connections, config.captureFilter()), coordinator::request, this::fail);
      } catch (RuntimeException e) {
        coordinator.close();
        throw e;
      }
      LOG.info("signals: reading {} partition 0 at {} from {}", config.snapshot().signalTopic(), config.snapshot().signalBootstrapServers(),
          snapshotState.signalOffset() == null ? "its end (no position stored)" : "offset " + snapshotState.signalOffset());
    } else {
      this.signals = null;
    }
    reader.start(start);
    if (snapshot != null) {
      snapshot.start();
    }
    if (signals != null) {
      signals.start();
    }
  }

  /** A chunk was read: drain now instead of waiting for the next binlog event (an idle stream). */
  private void drainSoon() {
    try {
      handler.drainSnapshot();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void snapshotComplete() {
    if (config.snapshot().mode() == SnapshotMode.INITIAL_ONLY) {
      LOG.info("snapshot.mode=initial_only: the snapshot is complete; the task stops reading the binlog");
      Thread stopper = new Thread(reader::close, "sluice-binlog-stop");
      stopper.setDaemon(true);
      stopper.start();
    }
  }

  private void fail(Throwable t) {
    if (failure.compareAndSet(null, t)) {
      LOG.error("the binlog reader failed; the task fails at its next poll: {}", t.getMessage());
    }
  }

  /**
   * Up to max.batch.size records, waiting at most poll.interval.ms for the first; null when idle.
   * With connector-defined transaction boundaries, Connect is asked to commit after the batch's last
   * complete MySQL transaction.
   */
  List<SourceRecord> poll() throws InterruptedException {
    Throwable t = failure.get();
    if (t != null) {
      throw t instanceof ConnectException ce ? ce : new ConnectException(t.getMessage(), t);
    }
    List<SourceRecord> batch = queue.poll(config.pollInterval(), config.maxBatchSize(), transactions);
    if (batch == null) {
      t = failure.get();
      if (t != null) {
        throw t instanceof ConnectException ce ? ce : new ConnectException(t.getMessage(), t);
      }
    }
    return batch;
  }

  @Override
  public void close() {
    closed = true;
    if (signals != null) {
      signals.close();
    }
    if (snapshot != null) {
      snapshot.close();
    }
    reader.close();
    metrics.close();
  }
}
