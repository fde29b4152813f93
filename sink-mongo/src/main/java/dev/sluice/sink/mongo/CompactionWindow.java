package dev.sluice.sink.mongo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The records {@link SluiceMongoSinkTask} holds back between put() calls, so that compaction (one
 * write per key, the newest change) spans them. It only decides when to write; the task writes and
 * handles failures. Records stay in arrival order, which is what compaction falls back on for
 * records without {@code source.seq}.
 *
 * <p>It asks for a write ({@link #add} returns a {@link Trigger}) when it holds
 * {@code compaction.window.records} records or an estimated {@code compaction.window.bytes} of heap,
 * when its oldest record has waited
 * {@code compaction.window.ms}, or when a put() looks like the consumer has caught up with its
 * topics: Connect hands full {@code max.poll.records} batches while there is a backlog, smaller or
 * empty ones at the end of the log, and there holding records back would only delay the view. So a
 * put() smaller than the largest so far, or smaller than {@value #BACKLOG_BATCH_MIN} records (a
 * topic trickling a few records per poll fills every batch it gets, yet has no backlog), writes.
 */
final class CompactionWindow {
  /**
   * Batches smaller than this never count as a backlog. Kafka's default {@code max.poll.records} is
   * 500; a consumer at the end of a topic that gets fewer than this per poll gains little from
   * compaction and would wait {@code compaction.window.ms} for each of them.
   */
  static final int BACKLOG_BATCH_MIN = 100;

  /**
   * One record in this many has its heap estimated ({@link RecordHeap}); the held records count as
   * that many times the recent average. Walking a record touches all of its objects, which costs
   * about as much as converting it, so sampling keeps the bound nearly free.
   */
  static final int SAMPLE_EVERY = 8;

  /** How many of the latest samples the average follows (a moving average, so a change of topic mix shows). */
  private static final int AVERAGE_OVER = 64;

  /** Why the held records are to be written now. */
  enum Trigger {
    /** The window is off (0 or 1 record, or 0 ms): every put() is written. */
    DISABLED,
    /** The window holds its maximum of records or of estimated bytes. */
    FULL,
    /** The oldest record has waited the window's time. */
    AGED,
    /** The put() was smaller than the largest so far, or small in itself: no backlog left to compact. */
    CAUGHT_UP
  }

  private final int maxRecords;
  private final long maxBytes;
  private final Duration maxWait;
  private final Clock clock;
  private List<SinkRecord> records = new ArrayList<>();
  private long seen;
  private long samples;
  private double averageBytes;
  private Instant oldest;
  private int largestBatch;

  /**
   * A window.
   *
   * @param maxRecords records held at most; 0 or 1 disables holding
   * @param maxBytes estimated heap of the held records at most; 0 disables holding
   * @param maxWait the longest a record is held; zero disables holding
   * @param clock the time the waits are measured with
   */
  CompactionWindow(int maxRecords, long maxBytes, Duration maxWait, Clock clock) {
    this.maxRecords = maxRecords;
    this.maxBytes = maxBytes;
    this.maxWait = maxWait;
    this.clock = clock;
  }

  /** False when every put() is written at once. */
  boolean holds() {
    return maxRecords > 1 && maxBytes > 0 && !maxWait.isZero() && !maxWait.isNegative();
  }

  /**
   * Takes the records of one put().
   *
   * @return why everything held is to be written now, or null to keep holding (also when nothing is held)
   */
  Trigger add(Collection<SinkRecord> batch) {
    boolean caughtUp = batch.size() < largestBatch || batch.size() < BACKLOG_BATCH_MIN;
    largestBatch = Math.max(largestBatch, batch.size());
    if (!batch.isEmpty() && records.isEmpty()) {
      oldest = clock.instant();
    }
    records.addAll(batch);
    if (records.isEmpty()) {
      return null;
    }
    if (!holds()) {
      return Trigger.DISABLED;
    }
    sample(batch);
    if (records.size() >= maxRecords || bytes() >= maxBytes) {
      return Trigger.FULL;
    }
    if (remaining().isZero()) {
      return Trigger.AGED;
    }
    return caughtUp ? Trigger.CAUGHT_UP : null;
  }

  /** How long the oldest held record may still wait; zero when it is due or nothing is held. */
  Duration remaining() {
    if (records.isEmpty()) {
      return Duration.ZERO;
    }
    Duration left = maxWait.minus(Duration.between(oldest, clock.instant()));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The held records, oldest first (a read-only view, valid until the next change). */
  List<SinkRecord> records() {
    return Collections.unmodifiableList(records);
  }

  /** How many records are held. */
  int size() {
    return records.size();
  }

  private void sample(Collection<SinkRecord> batch) {
    for (SinkRecord record : batch) {
      if (seen++ % SAMPLE_EVERY == 0) {
        samples++;
        averageBytes += (RecordHeap.estimate(record) - averageBytes) / Math.min(samples, AVERAGE_OVER);
      }
    }
  }

  /** The estimated heap of the held records, in bytes: their number times the sampled average; 0 while the window is off. */
  long bytes() {
    return (long) (records.size() * averageBytes);
  }

  /** True when nothing is held. */
  boolean isEmpty() {
    return records.isEmpty();
  }

  /** Forgets the records added after the first {@code size}: those of a put() Connect will deliver again. */
  void truncate(int size) {
    if (size < records.size()) {
      records.subList(size, records.size()).clear();
    }
    if (records.isEmpty()) {
      oldest = null;
    }
  }

  /**
   * Forgets the records of some partitions.
   *
   * @return how many were forgotten
   */
  int drop(Collection<TopicPartition> partitions) {
    if (records.isEmpty() || partitions.isEmpty()) {
      return 0;
    }
    Set<TopicPartition> gone = partitions instanceof Set<TopicPartition> set ? set : new HashSet<>(partitions);
    int before = records.size();
    records.removeIf(r -> gone.contains(new TopicPartition(r.topic(), r.kafkaPartition())));
    if (records.isEmpty()) {
      oldest = null;
    }
    return before - records.size();
  }

  /**
   * Hands over every held record, oldest first, and starts empty again; the returned list is the
   * caller's.
   */
  List<SinkRecord> take() {
    List<SinkRecord> taken = records;
    records = new ArrayList<>(Math.max(16, taken.size()));
    oldest = null;
    return taken;
  }

  /**
   * Puts records taken earlier back in front of the held ones, as they were older: those of a write
   * that failed, which Connect does not deliver again. The window's time restarts when it was empty.
   */
  void restore(List<SinkRecord> older) {
    if (older.isEmpty()) {
      return;
    }
    if (records.isEmpty()) {
      oldest = clock.instant();
    }
    records.addAll(0, older);
  }
}
