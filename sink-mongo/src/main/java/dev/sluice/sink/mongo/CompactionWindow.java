package dev.sluice.sink.mongo;

import dev.sluice.sink.mongo.view.RowChange;
import dev.sluice.sink.mongo.view.RowChange.WriteKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The records {@link SluiceMongoSinkTask} holds back between put() calls, so that compaction (one
 * write per key, the newest change) spans them. It only decides when to write; the task writes and
 * handles failures. Records stay in arrival order, which is what compaction falls back on for
 * records without {@code source.seq}.
 *
 * <p>Each record is parsed into its changes when it arrives, and a held record whose change a newer
 * one supersedes is released at once, so the window holds about one record per key rather than every
 * record. A held record is released only when nothing is lost by it: it made exactly one change, an
 * upsert, and the newer change is of the same document or array element, from the same topic
 * partition (so the newer record's offset covers the released one's when offsets are acknowledged or
 * partitions dropped), with no truncate between them, and newer by {@code source.seq} (by arrival when
 * either has none). Deletes stay, so that the cascade of a parent delete still runs; so do child rows
 * that moved to another parent, so that the write still knows the document they left; and so do
 * records that could not be parsed, so that they still reach the dead letter queue. A released record is
 * counted with the batch that writes its successor ({@code RecordsIn}, {@code Compacted}).
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

  /** Entries of released records are dropped from the list once there are more of them than this and than held records. */
  static final int PURGE_MIN = 1_024;

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

  /** Parses a record into its changes; {@code ordinal} grows with every record the window takes. */
  @FunctionalInterface
  interface Parser {
    ViewSink.Parsed parse(SinkRecord record, long ordinal);
  }

  /** What {@link #take} hands over: the held records, oldest first, and how many of each partition were released before. */
  record Taken(List<ViewSink.Parsed> parsed, Map<TopicPartition, Long> releasedBy) {
    /** How many records were released. */
    long released() {
      return sum(releasedBy);
    }

    /** How many records this stands for. */
    long records() {
      return parsed.size() + released();
    }
  }

  /**
   * A record in the window. A released one is counted by its partition; its contents are let go once the put() that
   * released it can no longer be taken back, and the entry itself when released entries outnumber held ones.
   */
  private static final class Held {
    private ViewSink.Parsed parsed;
    private final String topic;
    private final int partition;
    private final long ordinal;
    private boolean released;

    private Held(ViewSink.Parsed parsed, long ordinal) {
      this.parsed = parsed;
      this.topic = parsed.record().topic();
      this.partition = parsed.record().kafkaPartition();
      this.ordinal = ordinal;
    }
  }

  /** What one held change can be superseded by: the same key in the same topic partition, with no truncate between. */
  private record Slot(String topic, int partition, WriteKey key, int epoch) {}

  private final int maxRecords;
  private final long maxBytes;
  private final Duration maxWait;
  private final Clock clock;
  private final Parser parser;
  private List<Held> held = new ArrayList<>();
  private Map<Slot, Held> slots = new HashMap<>();
  private int live;
  private Map<TopicPartition, Long> releasedBy = new HashMap<>();
  private int epoch;
  private long ordinal;
  // What the last add() did, so that undoLastAdd() can take it back.
  private int lastAdded;
  private long lastFirstOrdinal;
  private int lastEpoch;
  private final List<Held> lastReleased = new ArrayList<>();
  private final Map<Slot, Held> lastSlots = new HashMap<>();
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
   * @param parser parses each record as it arrives (the sink's {@link ViewSink#parse(SinkRecord, long)})
   */
  CompactionWindow(int maxRecords, long maxBytes, Duration maxWait, Clock clock, Parser parser) {
    this.maxRecords = maxRecords;
    this.maxBytes = maxBytes;
    this.maxWait = maxWait;
    this.clock = clock;
    this.parser = parser;
  }

  /** False when every put() is written at once. */
  boolean holds() {
    return maxRecords > 1 && maxBytes > 0 && !maxWait.isZero() && !maxWait.isNegative();
  }

  /**
   * Takes the records of one put(): parses each, and releases the held records their changes supersede.
   *
   * @return why everything held is to be written now, or null to keep holding (also when nothing is held)
   * @throws org.apache.kafka.connect.errors.ConnectException when the settings of a record's topic are
   *     invalid; the records of this put() taken so far stay, as a failed put() fails the task
   */
  Trigger add(Collection<SinkRecord> batch) {
    boolean caughtUp = batch.size() < largestBatch || batch.size() < BACKLOG_BATCH_MIN;
    largestBatch = Math.max(largestBatch, batch.size());
    if (!batch.isEmpty() && held.isEmpty()) {
      oldest = clock.instant();
    }
    clearUndo();
    lastFirstOrdinal = ordinal;
    lastEpoch = epoch;
    for (SinkRecord record : batch) {
      long n = ordinal++;
      Held h = new Held(parser.parse(record, n), n);
      held.add(h);
      live++;
      lastAdded++;
      if (n % SAMPLE_EVERY == 0) {
        sample(h.parsed);
      }
      if (h.parsed.error() == null) {
        supersede(h);
      }
    }
    if (held.isEmpty()) {
      return null;
    }
    if (!holds()) {
      return Trigger.DISABLED;
    }
    if (live >= maxRecords || bytes() >= maxBytes) {
      return Trigger.FULL;
    }
    if (remaining().isZero()) {
      return Trigger.AGED;
    }
    return caughtUp ? Trigger.CAUGHT_UP : null;
  }

  /** Makes {@code h} the newest holder of each of its changes' slots, releasing the record it supersedes there, if it may. */
  private void supersede(Held h) {
    SinkRecord record = h.parsed.record();
    for (RowChange change : h.parsed.changes()) {
      if (change.kind() == RowChange.Kind.TRUNCATE) {
        epoch++;
        continue;
      }
      Slot slot = new Slot(record.topic(), record.kafkaPartition(), change.key(), epoch);
      Held previous = slots.get(slot);
      if (previous == h || previous != null && !newer(change, previous.parsed.changes().get(0))) {
        continue;
      }
      if (!lastSlots.containsKey(slot)) {
        lastSlots.put(slot, previous);
      }
      slots.put(slot, h);
      if (previous != null && releasable(previous)) {
        previous.released = true;
        live--;
        countReleased(previous, 1);
        lastReleased.add(previous);
      }
    }
  }

  /** Whether {@code change} wins over {@code held} when both are compacted: by seq, else by arrival. */
  private static boolean newer(RowChange change, RowChange held) {
    return change.version().hasSeq() && held.version().hasSeq() ? change.version().seq() > held.version().seq() : true;
  }

  private static boolean releasable(Held h) {
    List<RowChange> changes = h.parsed.changes();
    // A child that moved to another parent stays: the write must know the document it left (see ViewWriter's clean-up).
    return changes.size() == 1 && changes.get(0).kind() == RowChange.Kind.UPSERT && changes.get(0).leftParent() == null;
  }

  /**
   * Takes back the records of the last {@link #add}, as if it had not happened: those of a put() that
   * Connect will deliver again. The records it released are held again.
   */
  void undoLastAdd() {
    for (int i = 0; i < lastAdded; i++) {
      Held h = held.remove(held.size() - 1);
      if (h.released) {
        countReleased(h, -1);
      } else {
        live--;
      }
    }
    for (Held h : lastReleased) {
      // Those released by records of the same put() were removed with them above.
      if (h.ordinal < lastFirstOrdinal) {
        h.released = false;
        countReleased(h, -1);
        live++;
      }
    }
    lastSlots.forEach((slot, previous) -> {
      if (previous == null) {
        slots.remove(slot);
      } else {
        slots.put(slot, previous);
      }
    });
    epoch = lastEpoch;
    clearUndo();
    if (held.isEmpty()) {
      oldest = null;
    }
  }

  /**
   * Forgets how to take back the last add(), and with it the contents of the records it released; drops the entries
   * of released records once they outnumber the held ones (their counts per partition remain).
   */
  private void clearUndo() {
    for (Held h : lastReleased) {
      if (h.released) {
        h.parsed = null;
      }
    }
    lastAdded = 0;
    lastReleased.clear();
    lastSlots.clear();
    if (held.size() - live > Math.max(PURGE_MIN, live)) {
      held.removeIf(h -> h.released);
    }
  }

  private void countReleased(Held h, int delta) {
    releasedBy.merge(new TopicPartition(h.topic, h.partition), (long) delta, (a, b) -> a + b == 0 ? null : a + b);
  }

  /** How long the oldest held record may still wait; zero when it is due or nothing is held. */
  Duration remaining() {
    if (held.isEmpty()) {
      return Duration.ZERO;
    }
    Duration left = maxWait.minus(Duration.between(oldest, clock.instant()));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The held records, oldest first, parsed; the released ones left out. A copy. */
  List<ViewSink.Parsed> parsed() {
    List<ViewSink.Parsed> out = new ArrayList<>(live);
    for (Held h : held) {
      if (!h.released) {
        out.add(h.parsed);
      }
    }
    return out;
  }

  /** How many records are held (released ones not counted). */
  int size() {
    return live;
  }

  /** How many records were released since the window was last taken (restored ones included). */
  long released() {
    return sum(releasedBy);
  }

  private static long sum(Map<TopicPartition, Long> counts) {
    long n = 0;
    for (long c : counts.values()) {
      n += c;
    }
    return n;
  }

  private void sample(ViewSink.Parsed parsed) {
    samples++;
    averageBytes += (RecordHeap.estimate(parsed) - averageBytes) / Math.min(samples, AVERAGE_OVER);
  }

  /** The estimated heap of the held records and their parsed changes, in bytes: their number times the sampled average. */
  long bytes() {
    return (long) (live * averageBytes);
  }

  /** True when nothing is held. */
  boolean isEmpty() {
    return held.isEmpty();
  }

  /**
   * Forgets the records of some partitions, released ones included.
   *
   * @return how many were forgotten
   */
  int drop(Collection<TopicPartition> partitions) {
    if (held.isEmpty() || partitions.isEmpty()) {
      return 0;
    }
    Set<TopicPartition> gone = partitions instanceof Set<TopicPartition> set ? set : new HashSet<>(partitions);
    clearUndo();
    List<Held> kept = new ArrayList<>(held.size());
    int dropped = 0;
    for (Held h : held) {
      if (!gone.contains(new TopicPartition(h.topic, h.partition))) {
        kept.add(h);
      } else if (!h.released) {
        // Released ones are counted below, by partition.
        live--;
        dropped++;
      }
    }
    for (TopicPartition tp : gone) {
      Long n = releasedBy.remove(tp);
      if (n != null) {
        dropped += n;
      }
    }
    held = kept;
    slots.keySet().removeIf(slot -> gone.contains(new TopicPartition(slot.topic(), slot.partition())));
    if (held.isEmpty()) {
      oldest = null;
    }
    return dropped;
  }

  /**
   * Hands over every held record, oldest first, parsed, with the count of those released meanwhile, and starts empty
   * again: {@link #snapshot} and {@link #reset}.
   */
  Taken take() {
    Taken taken = snapshot();
    reset();
    return taken;
  }

  /** What {@link #take} would hand over now, leaving the window as it is. */
  Taken snapshot() {
    return new Taken(parsed(), Map.copyOf(releasedBy));
  }

  /** Starts empty again; the caller has the {@link #snapshot} of what was held, taken since the last change. */
  void reset() {
    held = new ArrayList<>(Math.max(16, live));
    slots = new HashMap<>();
    live = 0;
    releasedBy = new HashMap<>();
    epoch = 0;
    clearUndo();
    oldest = null;
  }

  /**
   * Puts records taken earlier back in front of the held ones, as they were older: those of a write
   * that failed, which Connect does not deliver again. They release nothing and are released by
   * nothing (the write compacts them with the rest). The window's time restarts when it was empty.
   */
  void restore(Taken older) {
    if (older.records() == 0) {
      return;
    }
    if (held.isEmpty()) {
      oldest = clock.instant();
    }
    List<Held> front = new ArrayList<>(older.parsed().size() + held.size());
    for (ViewSink.Parsed p : older.parsed()) {
      front.add(new Held(p, -1));
    }
    front.addAll(held);
    held = front;
    live += older.parsed().size();
    older.releasedBy().forEach((tp, n) -> releasedBy.merge(tp, n, Long::sum));
  }
}
