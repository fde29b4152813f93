package dev.sluice.benchmarks.embedded;

import dev.sluice.embedded.pipeline.AcknowledgementListener;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The join of one trial: change number {@code n} (a column the workload writes into every row it
 * touches) -> when its transaction committed (the workload notes it) and when MongoDB acknowledged
 * it (the pipeline's {@link AcknowledgementListener}), both on {@link System#nanoTime()} of this
 * JVM, plus, when {@link PollStamp} runs, when it passed the transform chain.
 *
 * <p>A change acknowledged twice (a redelivery) keeps its first acknowledgement. Records without the
 * column, or with a change number out of range, are counted, never silently dropped.
 */
final class LatencyRecorder implements AcknowledgementListener {
  private final String column;
  private final int changes;
  private final AtomicLongArray committed;
  private final AtomicLongArray acknowledged;
  private final AtomicLongArray transformed;
  private final AtomicLong ackedChanges = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong unjoinable = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong batchRecords = new AtomicLong();
  private final AtomicLong largestBatch = new AtomicLong();

  /**
   * @param changes the workload's change numbers are 0 .. changes - 1
   * @param column  the row column holding the change number (an integer column of the {@code after} image)
   */
  LatencyRecorder(int changes, String column) {
    this.changes = changes;
    this.column = column;
    this.committed = new AtomicLongArray(changes);
    this.acknowledged = new AtomicLongArray(changes);
    this.transformed = new AtomicLongArray(changes);
  }

  /** The workload: change {@code n} committed at {@code nanos}. */
  void committed(int n, long nanos) {
    committed.set(n, nanos);
  }

  @Override
  public void acknowledged(List<SinkRecord> records) {
    long now = System.nanoTime();
    batches.incrementAndGet();
    batchRecords.addAndGet(records.size());
    largestBatch.accumulateAndGet(records.size(), Math::max);
    for (SinkRecord r : records) {
      long n = changeNumber(r);
      if (n < 0 || n >= changes) {
        unjoinable.incrementAndGet();
        continue;
      }
      int i = (int) n;
      if (acknowledged.compareAndSet(i, 0, now)) {
        ackedChanges.incrementAndGet();
        Header stamp = r.headers().lastWithName(PollStamp.HEADER);
        if (stamp != null && stamp.value() instanceof Long t) {
          transformed.set(i, t);
        }
      } else {
        duplicates.incrementAndGet();
      }
    }
  }

  private long changeNumber(SinkRecord r) {
    if (!(r.value() instanceof Struct value)) {
      return -1;
    }
    Field after = value.schema().field("after");
    if (after == null || !(value.get(after) instanceof Struct row)) {
      return -1;
    }
    Field f = row.schema().field(column);
    return f != null && row.get(f) instanceof Number number ? number.longValue() : -1;
  }

  /** How many distinct changes were acknowledged so far. */
  long ackedChanges() {
    return ackedChanges.get();
  }

  /** True when every committed change in {@code [from, to)} was acknowledged. */
  boolean allCommittedAcknowledged(int from, int to) {
    for (int i = from; i < to; i++) {
      if (committed.get(i) != 0 && acknowledged.get(i) == 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * What happened to the changes {@code [from, to)} (the measured window).
   *
   * @param measured          changes in the window
   * @param committed         of those, committed by the workload
   * @param missing           committed but never acknowledged
   * @param achievedRate      commits per second over the window: (committed - 1) / (last commit - first commit)
   * @param commitToView      commit -> acknowledgement, of every acknowledged change
   * @param commitToTransform commit -> transform chain, where stamped
   * @param transformToView   transform chain -> acknowledgement, where stamped
   */
  record Window(int measured, int committed, int missing, double achievedRate, Percentiles commitToView, Percentiles commitToTransform,
      Percentiles transformToView) {}

  /** The window {@code [from, to)}; read it after the workload finished. */
  Window window(int from, int to) {
    int measured = to - from;
    int committedCount = 0;
    int missing = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long[] total = new long[measured];
    long[] source = new long[measured];
    long[] sink = new long[measured];
    int nTotal = 0;
    int nSplit = 0;
    for (int i = from; i < to; i++) {
      long c = committed.get(i);
      if (c == 0) {
        continue;
      }
      committedCount++;
      first = Math.min(first, c);
      last = Math.max(last, c);
      long a = acknowledged.get(i);
      if (a == 0) {
        missing++;
        continue;
      }
      total[nTotal++] = a - c;
      long t = transformed.get(i);
      if (t != 0) {
        source[nSplit] = t - c;
        sink[nSplit++] = a - t;
      }
    }
    double rate = committedCount > 1 && last > first ? (committedCount - 1) / ((last - first) / 1e9) : 0;
    return new Window(measured, committedCount, missing, rate, Percentiles.ofNanos(Arrays.copyOf(total, nTotal)),
        Percentiles.ofNanos(Arrays.copyOf(source, nSplit)), Percentiles.ofNanos(Arrays.copyOf(sink, nSplit)));
  }

  /** Nanos of change {@code n}'s commit, 0 when it did not commit. */
  long committedAt(int n) {
    return committed.get(n);
  }

  /** Nanos of change {@code n}'s acknowledgement, 0 when none came. */
  long acknowledgedAt(int n) {
    return acknowledged.get(n);
  }

  /** Nanos when change {@code n} passed the transform chain, 0 when unknown. */
  long transformedAt(int n) {
    return transformed.get(n);
  }

  /** Acknowledgements of a change already acknowledged. */
  long duplicates() {
    return duplicates.get();
  }

  /** Acknowledged records that carried no usable change number. */
  long unjoinable() {
    return unjoinable.get();
  }

  /** Batches acknowledged. */
  long batches() {
    return batches.get();
  }

  /** Records in all acknowledged batches. */
  long batchRecords() {
    return batchRecords.get();
  }

  /** The largest acknowledged batch. */
  long largestBatch() {
    return largestBatch.get();
  }
}
