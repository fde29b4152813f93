package dev.sluice.source.mysql.binlog;

import com.github.shyiko.mysql.binlog.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The hand-over between the thread that reads and decodes binlog events and the thread that turns
 * them into records, for one connection: a bounded queue and the handler thread. Events are handled
 * one after the other in the order they were put; the handler takes them several at a time.
 *
 * <p>Whatever ends the handler thread (an exception, an interrupt, an Error) goes to
 * {@code onFailure}: the stream never stalls silently. {@link #stop} lets the handler finish the
 * event it is handling and drops the rest, so the handler's position is exactly what it handled.
 */
final class EventPipe {
  private static final Logger LOG = LoggerFactory.getLogger(EventPipe.class);

  /** Handles one event; runs on the pipe's thread. */
  @FunctionalInterface
  interface Handler {
    void handle(Event event) throws InterruptedException;
  }

  private final BlockingQueue<Event> events;
  private final int capacity;
  private final Handler handler;
  private final BooleanSupplier open;
  private final Consumer<Throwable> onFailure;
  private final Map<String, String> mdc;
  private final Thread thread;
  private volatile boolean stopping;

  /**
   * @param open      whether the connection still wants events (false after a failure or when
   *                  the task stops): checked before every event and while waiting for room
   * @param onFailure told what ended the handler thread
   */
  EventPipe(String threadName, int capacity, Map<String, String> mdc, Handler handler, BooleanSupplier open,
      Consumer<Throwable> onFailure) {
    this.events = new ArrayBlockingQueue<>(capacity);
    this.capacity = capacity;
    this.handler = handler;
    this.open = open;
    this.onFailure = onFailure;
    this.mdc = mdc;
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private boolean live() {
    return !stopping && open.getAsBoolean();
  }

  /** Queues {@code event}, waiting while the queue is full; drops it once the pipe is no longer live. */
  void put(Event event) throws InterruptedException {
    while (live()) {
      if (events.offer(event, 100, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
  }

  private void run() {
    MDC.setContextMap(mdc);
    List<Event> batch = new ArrayList<>();
    try {
      while (live()) {
        Event first = events.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        events.drainTo(batch, capacity);
        for (Event event : batch) {
          if (!live()) {
            return;
          }
          handler.handle(event);
        }
        batch.clear();
      }
    } catch (Throwable t) {
      onFailure.accept(t);
    }
  }

  /**
   * Stops the handler thread after the event it is handling and drops the queued ones; waits for
   * it. With {@code interrupt} (the task stops), also interrupts it, so that it does not wait for
   * room in a full record queue.
   */
  void stop(boolean interrupt) {
    stopping = true;
    if (interrupt) {
      thread.interrupt();
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(30));
        if (thread.isAlive()) {
          LOG.warn("{} is still busy 30 s after its connection ended; waiting for it", thread.getName());
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    events.clear();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
