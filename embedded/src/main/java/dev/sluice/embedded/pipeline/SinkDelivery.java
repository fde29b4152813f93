package dev.sluice.embedded.pipeline;

import dev.sluice.event.Envelope;
import dev.sluice.event.Seq;
import dev.sluice.event.SourceInfo;
import dev.sluice.source.mysql.offset.SourceOffset;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one batch of source records to the sink task and returns only when MongoDB acknowledged
 * every write of it, or when the pipeline is stopping.
 *
 * <p>Records of topics the {@link TopicRouting} excludes are not written. The others become
 * {@link SinkRecord}s (after the optional {@link ConverterRoundTrip}) whose Kafka offset is the
 * record's {@code source.seq} (from the source offset, or the value's {@code source.seq}), so the
 * sink's Kafka-position guard agrees with its seq guard and a replay after a restart carries the
 * same offsets as the first delivery. Records with neither get a clock-seeded counter that keeps
 * increasing across restarts.
 *
 * <p>Every batch is written before the next is read: after {@code put} comes the task's
 * {@code preCommit}, which writes whatever the sink's compaction window ({@code compaction.window.*})
 * still holds and must then confirm every record. That is the acknowledgement the offsets wait for,
 * and the moment the {@link AcknowledgementListener} is told. So the window never spans two batches
 * here (compaction stays within one engine batch) and adds no latency. A {@link RetriableException}
 * from either call (MongoDB unavailable through all of the sink's own attempts; the task has then
 * dropped the batch from its window) makes this class wait the pause the task asked for and deliver
 * the same batch again, for as long as it takes; any other exception fails the pipeline.
 */
final class SinkDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(SinkDelivery.class);
  private static final long DEFAULT_PAUSE_MS = 1_000L;
  private static final Duration WARN_INTERVAL = Duration.ofSeconds(30);

  private final SinkTask task;
  private final EmbeddedSinkTaskContext context;
  private final TopicRouting routing;
  private final ConverterRoundTrip roundTrip;
  private final PipelineStats stats;
  private final Clock clock;
  private final AcknowledgementListener listener;
  private final AtomicLong fallbackOffsets;
  private long lastWarnMs;

  SinkDelivery(SinkTask task, EmbeddedSinkTaskContext context, TopicRouting routing, ConverterRoundTrip roundTrip, PipelineStats stats,
      Clock clock) {
    this(task, context, routing, roundTrip, stats, clock, AcknowledgementListener.NONE);
  }

  SinkDelivery(SinkTask task, EmbeddedSinkTaskContext context, TopicRouting routing, ConverterRoundTrip roundTrip, PipelineStats stats,
      Clock clock, AcknowledgementListener listener) {
    this.task = task;
    this.context = context;
    this.routing = routing;
    this.roundTrip = roundTrip;
    this.stats = stats;
    this.clock = clock;
    this.listener = listener;
    this.fallbackOffsets = new AtomicLong(clock.millis() * 1_000L);
  }

  /**
   * Writes the sink-bound records of a batch.
   *
   * @param stopping polled while MongoDB is unavailable: when it turns true the batch is abandoned
   * @return true when every record was acknowledged (or needed no write), false when abandoned
   * @throws InterruptedException when interrupted while pausing between deliveries
   * @throws ConnectException when the sink rejects the batch for good
   */
  boolean deliver(List<SourceRecord> batch, BooleanSupplier stopping) throws InterruptedException {
    List<SinkRecord> records = new ArrayList<>(batch.size());
    List<Long> sourceTimestamps = new ArrayList<>(batch.size());
    Map<TopicPartition, Long> expected = new HashMap<>();
    for (SourceRecord r : batch) {
      if (!routing.toSink(r.topic())) {
        continue;
      }
      SinkRecord sinkRecord = toSinkRecord(r);
      records.add(sinkRecord);
      sourceTimestamps.add(sourceTimestamp(r.value()));
      expected.merge(new TopicPartition(sinkRecord.topic(), sinkRecord.kafkaPartition()), sinkRecord.kafkaOffset() + 1, Math::max);
    }
    if (!records.isEmpty()) {
      Map<TopicPartition, OffsetAndMetadata> proposed = new HashMap<>();
      expected.forEach((tp, offset) -> proposed.put(tp, new OffsetAndMetadata(offset)));
      Map<TopicPartition, OffsetAndMetadata> committable;
      while (true) {
        try {
          task.put(records);
          // Writes what the task's compaction window still holds: it fails like put() when MongoDB is unavailable.
          committable = task.preCommit(proposed);
          break;
        } catch (RetriableException e) {
          if (stopping.getAsBoolean()) {
            LOG.warn("stopping while MongoDB is unavailable: the last {} changes were not acknowledged and will be read again at the"
                + " next start", records.size());
            return false;
          }
          stats.redelivery();
          long pause = context.requestedTimeoutMs() > 0 ? context.requestedTimeoutMs() : DEFAULT_PAUSE_MS;
          long now = clock.millis();
          if (now - lastWarnMs >= WARN_INTERVAL.toMillis()) {
            lastWarnMs = now;
            LOG.warn("MongoDB did not acknowledge a batch of {} changes ({}); delivering it again every {} ms until it does", records.size(),
                e.getMessage(), pause);
          }
          Thread.sleep(pause);
        }
      }
      confirm(expected, committable);
      listener.acknowledged(Collections.unmodifiableList(records));
    }
    long ack = clock.millis();
    stats.batch(batch.size(), records.size(), ack, sourceTimestamps.stream().mapToLong(Long::longValue).toArray());
    return true;
  }

  /** The task's own word that everything it was given is acknowledged. */
  private static void confirm(Map<TopicPartition, Long> expected, Map<TopicPartition, OffsetAndMetadata> committable) {
    for (Map.Entry<TopicPartition, Long> e : expected.entrySet()) {
      OffsetAndMetadata acked = committable == null ? null : committable.get(e.getKey());
      if (acked == null || acked.offset() < e.getValue()) {
        throw new ConnectException("the sink task returned from put() but confirms records of " + e.getKey() + " only up to "
            + (acked == null ? "none" : acked.offset()) + " of " + e.getValue() + "; the offsets are not committed");
      }
    }
  }

  SinkRecord toSinkRecord(SourceRecord r) {
    int partition = r.kafkaPartition() == null ? 0 : r.kafkaPartition();
    SchemaAndValue key = roundTrip.key(r.topic(), r.keySchema(), r.key());
    SchemaAndValue value = roundTrip.value(r.topic(), r.valueSchema(), r.value());
    return new SinkRecord(r.topic(), partition, key.schema(), key.value(), value.schema(), value.value(), offsetOf(r),
        r.timestamp(), TimestampType.CREATE_TIME, r.headers());
  }

  /** The record's seq: from the source offset (any record of Sluice's source) or the value; else the next counter value. */
  long offsetOf(SourceRecord r) {
    Map<String, ?> offset = r.sourceOffset();
    Object seq = offset == null ? null : offset.get(SourceOffset.SEQ);
    if (seq instanceof Number n) {
      return n.longValue();
    }
    var fromValue = Seq.of(r.value());
    if (fromValue.isPresent()) {
      return fromValue.getAsLong();
    }
    return fallbackOffsets.incrementAndGet();
  }

  private static long sourceTimestamp(Object value) {
    if (value instanceof Struct struct && struct.schema().field(Envelope.SOURCE) != null) {
      Object source = struct.get(Envelope.SOURCE);
      if (source instanceof Struct s && s.schema().field(SourceInfo.TS_MS) != null && s.get(SourceInfo.TS_MS) instanceof Number n) {
        return n.longValue();
      }
    }
    return 0L;
  }
}
