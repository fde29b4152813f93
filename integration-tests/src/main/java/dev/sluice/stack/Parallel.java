package dev.sluice.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs start or stop actions of several processes at once: brokers and workers come up together. */
final class Parallel {
  private Parallel() {
  }

  /**
   * Runs every action on its own thread and waits for all; the first failure is rethrown with the
   * others suppressed in it.
   */
  static void run(String what, List<Runnable> actions) {
    List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      Runnable action = actions.get(i);
      Thread t = new Thread(() -> {
        try {
          action.run();
        } catch (RuntimeException e) {
          failures.add(e);
        }
      }, what + "-" + i);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackException("interrupted while waiting for: " + what, e);
      }
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }
}
