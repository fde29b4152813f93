package dev.sluice.embedded.quickstart;

import java.time.Duration;

/** Where the quickstart's pipeline runs: in this process, or on Kafka Connect workers. */
interface Mode {
  /** Starts the pipeline and returns once its source streams (so the changes made next are captured). */
  void start() throws Exception;

  /** What the progress line shows about the pipeline. */
  String status();

  /** Waits until the pipeline has nothing left to apply, at most {@code max}. */
  void awaitIdle(Duration max) throws InterruptedException;

  /** Stops the pipeline; idempotent. */
  void stop();
}
