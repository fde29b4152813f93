package dev.sluice.source.mysql;

import dev.sluice.source.mysql.binlog.BinlogEventHandler;
import dev.sluice.source.mysql.binlog.BinlogReader;
import dev.sluice.source.mysql.event.RecordFactory;
import dev.sluice.source.mysql.metrics.SourceMetrics;
import dev.sluice.source.mysql.offset.SourceOffset;
import dev.sluice.source.mysql.schema.ColumnHints;
import dev.sluice.source.mysql.schema.TableSchemaFactory;
import dev.sluice.source.mysql.server.Preflight;
import dev.sluice.source.mysql.server.ServerFlavor;
import dev.sluice.source.mysql.server.ServerProbe;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
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
  private final BlockingQueue<SourceRecord> queue;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final SourceMetrics metrics;
  private final BinlogReader reader;
  private final BinlogEventHandler handler;
  private volatile boolean closed;

  /**
   * @param storedOffset the offset Connect stored for this connector, or null for a first start
   * @param hints        what TABLE_MAP lacks (information_schema), or a no-op one in tests
   * @param transactions Connect's transaction context when the connector defines transaction
   *                     boundaries ({@code transaction.boundary=connector}), else null
   */
  StartedMySqlSourceTask(MySqlSourceConfig config, Map<String, ?> storedOffset, ColumnHints hints, Clock clock, SourceMetrics metrics,
      TransactionContext transactions) {
    this.config = config;
    this.metrics = metrics;
    this.queue = new ArrayBlockingQueue<>(config.maxQueueSize());
    metrics.bindQueue(queue::size, config.maxQueueSize());
    ServerFlavor flavor;
    SourceOffset start;
    try (ServerProbe probe = ServerProbe.open(config.hostname(), config.port(), config.user(), config.password().value(), config.sslMode(),
        (int) config.connectTimeout().toMillis())) {
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
    RecordFactory records = new RecordFactory(config.topicPrefix());
    this.handler = new BinlogEventHandler(config, flavor, schemas, records, this::enqueue, metrics, clock);
    metrics.bindSeq(handler::seq);
    if (transactions != null) {
      // Connector-defined boundaries: one Kafka transaction per MySQL transaction.
      handler.onTransactionEnd(transactions::commitTransaction);
    }
    this.reader = new BinlogReader(config, handler, metrics, this::fail);
    reader.start(start);
  }

  private void enqueue(SourceRecord record) throws InterruptedException {
    while (!queue.offer(record, 100, TimeUnit.MILLISECONDS)) {
      if (closed) {
        throw new InterruptedException("the task is stopping");
      }
    }
  }

  private void fail(Throwable t) {
    if (failure.compareAndSet(null, t)) {
      LOG.error("the binlog reader failed; the task fails at its next poll: {}", t.getMessage());
    }
  }

  /** Up to max.batch.size records, waiting at most poll.interval.ms for the first; null when idle. */
  List<SourceRecord> poll() throws InterruptedException {
    Throwable t = failure.get();
    if (t != null) {
      throw t instanceof ConnectException ce ? ce : new ConnectException(t.getMessage(), t);
    }
    SourceRecord first = queue.poll(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    if (first == null) {
      t = failure.get();
      if (t != null) {
        throw t instanceof ConnectException ce ? ce : new ConnectException(t.getMessage(), t);
      }
      return null;
    }
    List<SourceRecord> batch = new ArrayList<>(Math.min(config.maxBatchSize(), queue.size() + 1));
    batch.add(first);
    queue.drainTo(batch, config.maxBatchSize() - 1);
    return batch;
  }

  @Override
  public void close() {
    closed = true;
    reader.close();
    metrics.close();
  }
}
