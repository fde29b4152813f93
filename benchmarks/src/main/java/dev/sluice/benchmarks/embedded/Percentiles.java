package dev.sluice.benchmarks.embedded;

import java.util.Arrays;

/**
 * Latency percentiles in milliseconds (nearest rank: the smallest value with at least p % of the
 * values at or below it).
 *
 * @param count how many latencies
 * @param p50   median
 * @param p90   90th percentile
 * @param p99   99th percentile
 * @param max   largest
 */
record Percentiles(int count, double p50, double p90, double p99, double max) {
  /** No values. */
  static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /** The percentiles of latencies given in nanoseconds (the array is sorted in place). */
  static Percentiles ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return NONE;
    }
    Arrays.sort(nanos);
    return new Percentiles(nanos.length, ms(rank(nanos, 50)), ms(rank(nanos, 90)), ms(rank(nanos, 99)), ms(nanos[nanos.length - 1]));
  }

  static long rank(long[] sorted, double percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** {@code p50 / p90 / p99 / max} in ms. */
  String line() {
    return count == 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%7.1f %7.1f %7.1f %8.1f", p50, p90, p99, max);
  }
}
