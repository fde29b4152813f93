package dev.sluice.source.mysql.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The hand-over between the binlog reading thread and the handler thread. */
class EventPipeTest {
  private final List<Long> handled = new CopyOnWriteArrayList<>();
  private final List<String> threads = new CopyOnWriteArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CountDownLatch failed = new CountDownLatch(1);

  private static Event event(long position) {
    EventHeaderV4 header = new EventHeaderV4();
    header.setNextPosition(position);
    return new Event(header, null);
  }

  private EventPipe pipe(int capacity, EventPipe.Handler handler) {
    return new EventPipe("handler-under-test", capacity, Map.of(), handler, () -> failure.get() == null, t -> {
      failure.compareAndSet(null, t);
      failed.countDown();
    });
  }

  private static long position(Event e) {
    return ((EventHeaderV4) e.getHeader()).getNextPosition();
  }

  @Test
  void eventsAreHandledInOrderOnThePipesThread() throws Exception {
    CountDownLatch all = new CountDownLatch(100);
    EventPipe pipe = pipe(4, e -> {
      handled.add(position(e));
      threads.add(Thread.currentThread().getName());
      all.countDown();
    });
    pipe.start();
    for (long p = 1; p <= 100; p++) {
      pipe.put(event(p));
    }
    assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
    pipe.stop(false);
    assertThat(handled).hasSize(100).isSorted();
    assertThat(threads).containsOnly("handler-under-test");
    assertThat(failure.get()).isNull();
  }

  @Test
  void anErrorOnTheHandlerThreadIsReportedAndNothingMoreIsHandled() throws Exception {
    EventPipe pipe = pipe(8, e -> {
      if (position(e) == 3) {
        throw new LinkageError("a class of the plugin went missing");
      }
      handled.add(position(e));
    });
    pipe.start();
    for (long p = 1; p <= 5; p++) {
      pipe.put(event(p));
    }
    assertThat(failed.await(10, TimeUnit.SECONDS)).as("the failure reaches the connection").isTrue();
    assertThat(failure.get()).isInstanceOf(LinkageError.class);
    // Puts after the failure return at once instead of waiting for room.
    for (long p = 6; p <= 50; p++) {
      pipe.put(event(p));
    }
    pipe.stop(false);
    assertThat(handled).containsExactly(1L, 2L);
  }

  @Test
  void stopFinishesTheEventBeingHandledAndDropsTheQueuedOnes() throws Exception {
    CountDownLatch inFirst = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    EventPipe pipe = pipe(8, e -> {
      if (position(e) == 1) {
        inFirst.countDown();
        release.await();
      }
      handled.add(position(e));
    });
    pipe.start();
    pipe.put(event(1));
    assertThat(inFirst.await(10, TimeUnit.SECONDS)).isTrue();
    for (long p = 2; p <= 5; p++) {
      pipe.put(event(p));
    }
    Thread stopper = new Thread(() -> pipe.stop(false));
    stopper.start();
    Thread.sleep(200);
    assertThat(stopper.isAlive()).as("stop waits for the event being handled").isTrue();
    release.countDown();
    stopper.join(10_000);
    assertThat(stopper.isAlive()).isFalse();
    assertThat(handled).containsExactly(1L);
    assertThat(failure.get()).isNull();
  }

  @Test
  void stopWithInterruptEndsAHandlerWaitingForRoom() throws Exception {
    CountDownLatch inFirst = new CountDownLatch(1);
    EventPipe pipe = pipe(2, e -> {
      inFirst.countDown();
      // Like a put into a full record queue while the task stops.
      new CountDownLatch(1).await();
    });
    pipe.start();
    pipe.put(event(1));
    assertThat(inFirst.await(10, TimeUnit.SECONDS)).isTrue();
    Thread stopper = new Thread(() -> pipe.stop(true));
    stopper.start();
    stopper.join(10_000);
    assertThat(stopper.isAlive()).isFalse();
    assertThat(failure.get()).isInstanceOf(InterruptedException.class);
  }
}
