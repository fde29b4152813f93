package dev.sluice.benchmarks.source;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches the heap of this JVM while a reader runs: the used heap sampled every few milliseconds and
 * right before each collection (the true peak of "used"), and the heap left after each collection
 * (what the reader really keeps: its queue, caches and in-flight records, plus garbage not yet
 * reached by a young collection).
 */
final class HeapSampler implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final AtomicLong gcCount = new AtomicLong();
  private final AtomicLong gcMillis = new AtomicLong();
  private final List<Runnable> unregister = new ArrayList<>();
  private final Thread sampler;
  private volatile boolean running = true;

  HeapSampler(long intervalMillis) {
    NotificationListener listener = this::onGc;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        unregister.add(() -> {
          try {
            emitter.removeNotificationListener(listener);
          } catch (ListenerNotFoundException e) {
            throw new IllegalStateException("the GC listener of " + gc.getName() + " vanished", e);
          }
        });
      }
    }
    sampler = new Thread(() -> {
      while (running) {
        sample();
        try {
          Thread.sleep(intervalMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
  }

  private void onGc(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    GcInfo gc = info.getGcInfo();
    peakUsed.accumulateAndGet(heapTotal(gc.getMemoryUsageBeforeGc()), Math::max);
    peakAfterGc.accumulateAndGet(heapTotal(gc.getMemoryUsageAfterGc()), Math::max);
    gcCount.incrementAndGet();
    gcMillis.addAndGet(gc.getDuration());
  }

  private long heapTotal(Map<String, MemoryUsage> byPool) {
    long total = 0;
    for (Map.Entry<String, MemoryUsage> e : byPool.entrySet()) {
      if (heapPools.contains(e.getKey())) {
        total += e.getValue().getUsed();
      }
    }
    return total;
  }

  /** The figures so far. */
  Peak peak() {
    sample();
    return new Peak(peakUsed.get(), peakAfterGc.get(), memory.getHeapMemoryUsage().getMax(), gcCount.get(), gcMillis.get());
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    unregister.forEach(Runnable::run);
  }

  /**
   * Heap figures of one run.
   *
   * @param usedBytes     highest used heap seen (samples and before each GC)
   * @param afterGcBytes  highest heap left after a GC
   * @param maxBytes      the heap limit ({@code -Xmx})
   * @param collections   GCs during the run
   * @param gcMillis      their total duration
   */
  record Peak(long usedBytes, long afterGcBytes, long maxBytes, long collections, long gcMillis) {
    static final Peak NONE = new Peak(0, 0, 0, 0, 0);
  }
}
