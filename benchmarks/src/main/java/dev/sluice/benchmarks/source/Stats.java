package dev.sluice.benchmarks.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/** The little arithmetic of the report. */
final class Stats {
  private Stats() {
  }

  /** The median; the mean of the middle two for an even count; empty for no values. */
  static OptionalDouble median(List<Double> values) {
    if (values.isEmpty()) {
      return OptionalDouble.empty();
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return OptionalDouble.of(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
  }

  /** {@code a / b}, empty when either is missing or {@code b} is zero. */
  static OptionalDouble ratio(OptionalDouble a, OptionalDouble b) {
    if (a.isEmpty() || b.isEmpty() || b.getAsDouble() == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(a.getAsDouble() / b.getAsDouble());
  }

  static String mib(long bytes) {
    return String.format("%.0f MiB", bytes / (1024.0 * 1024.0));
  }
}
