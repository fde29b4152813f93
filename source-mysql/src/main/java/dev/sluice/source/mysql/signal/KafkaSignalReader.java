package dev.sluice.source.mysql.signal;

import dev.sluice.source.mysql.SnapshotConfig;
import dev.sluice.source.mysql.filter.CaptureFilter;
import dev.sluice.source.mysql.signal.SignalParser.Admission;
import dev.sluice.source.mysql.signal.SignalParser.Outcome;
import dev.sluice.source.mysql.snapshot.SnapshotRequest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reads partition 0 of the signal topic ({@code signal.kafka.topic}) on a daemon thread, without a
 * consumer group, and hands each accepted {@code execute-snapshot} signal to the snapshot as a
 * {@link SnapshotRequest} carrying the position after it. The position is not committed to Kafka:
 * it travels in the connector's source offset with the snapshot progress (see
 * {@link dev.sluice.source.mysql.offset.SnapshotState#signalOffset()}), and a restart seeks to it.
 *
 * <p>With no stored position, reading starts at the end of the topic, and that position is handed
 * over at once so it is stored too (a signal sent while the connector is down is then executed
 * after the restart). Bad messages are logged and skipped; broker trouble is logged and retried
 * with backoff: neither stops streaming.
 */
public final class KafkaSignalReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSignalReader.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final long BACKOFF_INITIAL_MILLIS = 1_000;
  private static final long BACKOFF_MAX_MILLIS = 60_000;

  /** The captured base tables ({@code db.table}) on the server now. */
  @FunctionalInterface
  public interface CapturedTables {
    List<String> list() throws SQLException;
  }

  private final org.apache.kafka.clients.consumer.Consumer<String, String> consumer;
  private final TopicPartition partition;
  private final String servers;
  private final String topicPrefix;
  private final SignalParser parser;
  private final CaptureFilter filter;
  private final CapturedTables captured;
  private final Consumer<SnapshotRequest> target;
  private final Consumer<Throwable> onFatal;
  private final Map<String, String> mdc;
  private volatile boolean running;
  private Thread thread;
  // Reader thread only: the offset of the next message to process, null until known.
  private Long next;
  // Reader thread only: the last position handed over.
  private long handedOver = -1;

  /**
   * @param consumer     a consumer for the signal topic, not yet assigned; closed by {@link #close()}
   * @param storedOffset the position stored in the source offset, or null to start at the end
   * @param target       where accepted requests go (the snapshot coordinator)
   * @param onFatal      called when the reader dies of an unexpected error (the task then fails)
   */
  KafkaSignalReader(org.apache.kafka.clients.consumer.Consumer<String, String> consumer, String topic, String servers, String topicPrefix,
      Long storedOffset, CaptureFilter filter, CapturedTables captured, Consumer<SnapshotRequest> target, Consumer<Throwable> onFatal) {
    this.consumer = consumer;
    this.partition = new TopicPartition(topic, 0);
    this.servers = servers;
    this.topicPrefix = topicPrefix;
    this.parser = new SignalParser(topicPrefix);
    this.next = storedOffset;
    this.handedOver = storedOffset == null ? -1 : storedOffset;
    this.filter = filter;
    this.captured = captured;
    this.target = target;
    this.onFatal = onFatal;
    Map<String, String> context = MDC.getCopyOfContextMap();
    this.mdc = context == null ? Map.of() : Map.copyOf(context);
  }

  /**
   * A reader with a {@link KafkaConsumer} configured from {@code signal.kafka.bootstrap.servers} and
   * {@code signal.consumer.*}; a bad client setting fails here, naming it.
   */
  public static KafkaSignalReader open(SnapshotConfig config, String topicPrefix, Long storedOffset, CaptureFilter filter,
      CapturedTables captured, Consumer<SnapshotRequest> target, Consumer<Throwable> onFatal) {
    Map<String, Object> props = consumerProperties(config, topicPrefix);
    KafkaConsumer<String, String> consumer;
    try {
      consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    } catch (KafkaException e) {
      throw new ConnectException("cannot create the consumer of the signal topic " + config.signalTopic() + " at "
          + config.signalBootstrapServers() + ": " + e.getMessage() + " (check " + SnapshotConfig.SIGNAL_CONSUMER_PREFIX + "* and "
          + SnapshotConfig.SIGNAL_KAFKA_BOOTSTRAP_SERVERS_CONFIG + ")", e);
    }
    return new KafkaSignalReader(consumer, config.signalTopic(), config.signalBootstrapServers(), topicPrefix, storedOffset, filter,
        captured, target, onFatal);
  }

  /** The consumer's settings: {@code signal.consumer.*} over defaults; servers and no auto-commit are fixed. */
  public static Map<String, Object> consumerProperties(SnapshotConfig config, String topicPrefix) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-signal-" + topicPrefix);
    // Only used when the stored position is gone (retention, a re-created topic): the oldest message left is unread.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    props.putAll(config.signalConsumerOverrides());
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.signalBootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
    props.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
    return props;
  }

  /** Starts the reader thread; returns at once. */
  public synchronized void start() {
    running = true;
    thread = new Thread(this::run, "sluice-signal-reader-" + topicPrefix);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    MDC.setContextMap(mdc);
    long backoff = BACKOFF_INITIAL_MILLIS;
    try {
      consumer.assign(List.of(partition));
      while (running) {
        try {
          position();
          while (running) {
            process(consumer.poll(POLL));
            backoff = BACKOFF_INITIAL_MILLIS;
          }
        } catch (WakeupException | InterruptException e) {
          if (running) {
            throw e;
          }
        } catch (KafkaException | SQLException e) {
          if (!running) {
            break;
          }
          LOG.warn("cannot read signals from {} at {} (retrying in {} ms; streaming continues): {}", partition, servers, backoff,
              e.toString());
          Thread.sleep(backoff);
          backoff = Math.min(BACKOFF_MAX_MILLIS, backoff * 2);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (running) {
        onFatal.accept(new ConnectException("the reader of the signal topic " + partition + " failed: " + e.getMessage(), e));
      }
    } finally {
      MDC.clear();
    }
  }

  /** Seeks to the next message to process; at the first start the end of the topic, recorded at once. */
  private void position() {
    if (next != null) {
      consumer.seek(partition, next);
      return;
    }
    consumer.seekToEnd(List.of(partition));
    long end = consumer.position(partition);
    next = end;
    LOG.info("no signal position stored: reading signals from {} at its end (offset {}); earlier signals are not executed", partition,
        end);
    handOver(List.of(), end, partition + " end");
  }

  private void process(ConsumerRecords<String, String> records) throws SQLException {
    List<String> existing = null;
    for (ConsumerRecord<String, String> r : records.records(partition)) {
      String where = r.topic() + "/" + r.partition() + "@" + r.offset();
      Outcome outcome = parser.parse(r.key(), r.value(), where);
      if (outcome instanceof Outcome.Skip skip) {
        if (skip.warn()) {
          LOG.warn(skip.reason());
        } else {
          LOG.debug(skip.reason());
        }
      } else if (outcome instanceof Outcome.Execute execute) {
        if (existing == null) {
          // A failure here retries the message later: a signal is never dropped because the server was unreachable.
          existing = captured.list();
        }
        Admission admission = SignalParser.admit(execute.tables(), filter, existing, where);
        admission.refusals().forEach(LOG::warn);
        if (!admission.accepted().isEmpty()) {
          handOver(admission.accepted(), r.offset() + 1, "signal " + where);
        }
      }
      next = r.offset() + 1;
    }
    if (next != null && next > handedOver) {
      // Skipped messages: store the position past them too, so they are not read again after a restart.
      handOver(List.of(), next, partition + " after skipped messages");
    }
  }

  private void handOver(List<String> tables, long nextOffset, String origin) {
    target.accept(new SnapshotRequest(tables, nextOffset, origin));
    handedOver = nextOffset;
  }

  /** Stops the thread and closes the consumer; idempotent. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
      thread = null;
    }
    if (t != null) {
      consumer.wakeup();
      t.interrupt();
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      consumer.close(Duration.ofSeconds(5));
    } catch (KafkaException | java.util.ConcurrentModificationException e) {
      LOG.warn("closing the consumer of the signal topic {} failed: {}", partition, e.toString());
    }
  }
}
