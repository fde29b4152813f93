package dev.sluice.sink.mongo.retry;

import java.time.Duration;

/**
 * Bounded exponential backoff: attempt n (from 1) waits {@code initial * 2^(n-1)}, at most
 * {@code max}; after {@code maxAttempts} failed attempts the caller gives up.
 *
 * @param maxAttempts attempts per batch, at least 1
 * @param initialBackoff wait after the first failure
 * @param maxBackoff the longest wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  /** Validates the bounds. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff, got " + initialBackoff + " and " + maxBackoff);
    }
  }

  /** The wait after failed attempt {@code attempt} (1-based). */
  public Duration backoff(int attempt) {
    long factor = 1L << Math.min(Math.max(attempt - 1, 0), 30);
    long millis = initialBackoff.toMillis() * factor;
    if (millis < 0 || millis > maxBackoff.toMillis()) {
      return maxBackoff;
    }
    return Duration.ofMillis(millis);
  }
}
