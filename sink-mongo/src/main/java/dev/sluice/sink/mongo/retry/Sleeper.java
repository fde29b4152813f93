package dev.sluice.sink.mongo.retry;

import java.time.Duration;

/** Waits between attempts; a seam so tests run without real waiting. */
@FunctionalInterface
public interface Sleeper {
  /** Thread.sleep. */
  Sleeper THREAD = d -> Thread.sleep(d.toMillis());

  /** Waits {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;
}
