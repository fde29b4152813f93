package dev.sluice.embedded.pipeline;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of a running pipeline, for the progress line, the logs and the benchmark: records read
 * from the source, changes MongoDB acknowledged, and the commit-to-view lag of each acknowledged
 * change (acknowledgement time minus {@code source.ts_ms}). Binlog timestamps have one-second
 * resolution on MariaDB, and so has the lag computed from them.
 */
public final class PipelineStats {
  private static final int RESERVOIR = 1 << 16;

  private final AtomicLong received = new AtomicLong();
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong redeliveries = new AtomicLong();
  private volatile long lastAckMs;
  private volatile long lastLagMs = -1;
  private final long[] lags = new long[RESERVOIR];
  private long lagCount;

  /** A consistent-enough view of the counters. */
  public record Snapshot(long received, long applied, long skipped, long batches, long redeliveries, long lastAckMs, long lastLagMs) {}

  void batch(int receivedRecords, int appliedRecords, long ackMs, long[] sourceTimestamps) {
    received.addAndGet(receivedRecords);
    applied.addAndGet(appliedRecords);
    skipped.addAndGet(receivedRecords - appliedRecords);
    batches.incrementAndGet();
    lastAckMs = ackMs;
    synchronized (lags) {
      for (long ts : sourceTimestamps) {
        if (ts > 0) {
          long lag = Math.max(0, ackMs - ts);
          lags[(int) (lagCount++ % RESERVOIR)] = lag;
          lastLagMs = lag;
        }
      }
    }
  }

  void redelivery() {
    redeliveries.incrementAndGet();
  }

  /** The counters now. */
  public Snapshot snapshot() {
    return new Snapshot(received.get(), applied.get(), skipped.get(), batches.get(), redeliveries.get(), lastAckMs, lastLagMs);
  }

  /**
   * Percentiles of the lag over the last {@value #RESERVOIR} changes.
   *
   * @param percentiles values in (0, 100]
   * @return one lag in ms per percentile, or -1 each when no change was applied yet
   */
  public long[] lagPercentiles(double... percentiles) {
    long[] copy;
    synchronized (lags) {
      copy = Arrays.copyOf(lags, (int) Math.min(lagCount, RESERVOIR));
    }
    long[] out = new long[percentiles.length];
    if (copy.length == 0) {
      Arrays.fill(out, -1);
      return out;
    }
    Arrays.sort(copy);
    for (int i = 0; i < percentiles.length; i++) {
      int index = (int) Math.ceil(percentiles[i] / 100.0 * copy.length) - 1;
      out[i] = copy[Math.max(0, Math.min(copy.length - 1, index))];
    }
    return out;
  }
}
