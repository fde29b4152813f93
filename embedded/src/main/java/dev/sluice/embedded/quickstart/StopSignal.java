package dev.sluice.embedded.quickstart;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C as a request to wrap up rather than an exit: the first SIGINT ends the quickstart's change
 * stream, after which it lets the pipeline catch up, verifies the views and stops the servers. A
 * second SIGINT exits at once (the stack's own shutdown hook then kills the servers).
 */
final class StopSignal {
  private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);
  private final CountDownLatch requested = new CountDownLatch(1);

  private StopSignal() {
  }

  /** Installs the SIGINT handler; without signal support (some JVMs), Ctrl-C simply ends the JVM. */
  static StopSignal install() {
    StopSignal stop = new StopSignal();
    try {
      Signal interrupt = new Signal("INT");
      Signal.handle(interrupt, sig -> {
        Signal.handle(interrupt, SignalHandler.SIG_DFL);
        System.out.println();
        System.out.println("Ctrl-C: stopping the change stream, then verifying the views (Ctrl-C again to quit at once)");
        stop.requested.countDown();
      });
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      LOG.debug("no SIGINT handler on this JVM ({}); Ctrl-C ends the quickstart without verifying", e.toString());
    }
    return stop;
  }

  /** Waits up to {@code timeout}; true once a stop was requested. */
  boolean await(Duration timeout) throws InterruptedException {
    return requested.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  boolean requested() {
    return requested.getCount() == 0;
  }
}
