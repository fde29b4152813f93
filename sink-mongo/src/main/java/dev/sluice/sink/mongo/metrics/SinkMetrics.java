package dev.sluice.sink.mongo.metrics;

import dev.sluice.sink.mongo.writemodel.WriteKind;
import dev.sluice.sink.mongo.writemodel.WriteOutcome;
import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The counters of one sink task, readable over JMX once {@link #register()}ed. */
public final class SinkMetrics implements SinkMetricsMBean, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SinkMetrics.class);

  private final LongAdder recordsIn = new LongAdder();
  private final LongAdder changesIn = new LongAdder();
  private final LongAdder changesWritten = new LongAdder();
  private final LongAdder stale = new LongAdder();
  private final LongAdder compacted = new LongAdder();
  private final LongAdder ignored = new LongAdder();
  private final LongAdder errant = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final Map<WriteKind, LongAdder> writes = new EnumMap<>(WriteKind.class);
  private final LongAdder batches = new LongAdder();
  private final LongAdder latencyTotal = new LongAdder();
  private final AtomicLong latencyLast = new AtomicLong();
  private final AtomicLong latencyMax = new AtomicLong();
  private final AtomicLong buffered = new AtomicLong();
  private final AtomicLong bufferedBytes = new AtomicLong();
  private final ObjectName name;
  private boolean registered;

  /** Metrics for task {@code taskId} of connector {@code connector}. */
  public SinkMetrics(String connector, String taskId) {
    for (WriteKind kind : WriteKind.values()) {
      writes.put(kind, new LongAdder());
    }
    try {
      this.name = new ObjectName("dev.sluice:type=sink-mongo-task-metrics,connector=" + ObjectName.quote(connector)
          + ",task=" + ObjectName.quote(taskId));
    } catch (JMException e) {
      throw new IllegalArgumentException("cannot name the metrics MBean of " + connector + "/" + taskId, e);
    }
  }

  /** The MBean's name. */
  public ObjectName objectName() {
    return name;
  }

  /** Registers the MBean, replacing a leftover of a task that was not stopped cleanly. */
  public synchronized void register() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      try {
        server.registerMBean(this, name);
      } catch (InstanceAlreadyExistsException e) {
        server.unregisterMBean(name);
        server.registerMBean(this, name);
      }
      registered = true;
    } catch (JMException e) {
      LOG.warn("metrics of {} are not available over JMX: {}", name, e.toString());
    }
  }

  /** Unregisters the MBean; safe to call more than once. */
  @Override
  public synchronized void close() {
    if (!registered) {
      return;
    }
    registered = false;
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    } catch (JMException e) {
      LOG.warn("could not unregister {}: {}", name, e.toString());
    }
  }

  /** Counts records whose write completed. */
  public void recordsIn(long n) {
    recordsIn.add(n);
  }

  /** Counts parsed changes. */
  public void changesIn(long n) {
    changesIn.add(n);
  }

  /** Counts changes dropped by compaction. */
  public void compacted(long n) {
    compacted.add(n);
  }

  /** Counts ignored tombstones/truncates. */
  public void ignored(long n) {
    ignored.add(n);
  }

  /** Counts a rejected record. */
  public void errant() {
    errant.increment();
  }

  /** Sets the retries counter from the retrier's total. */
  public void retries(long total) {
    retries.reset();
    retries.add(total);
  }

  /** Adds a write outcome. */
  public void outcome(WriteOutcome outcome) {
    outcome.writes().forEach((kind, n) -> writes.get(kind).add(n));
    stale.add(outcome.stale());
    changesWritten.add(outcome.changesWritten());
  }

  /** Sets how many records are not acknowledged yet (held or being written), and the held ones' estimated heap. */
  public void buffered(long records, long bytes) {
    buffered.set(records);
    bufferedBytes.set(bytes);
  }

  /** Records the duration of one write of a batch (one put(), or the records a compaction window held). */
  public void batch(long millis) {
    batches.increment();
    latencyTotal.add(millis);
    latencyLast.set(millis);
    latencyMax.accumulateAndGet(millis, Math::max);
  }

  @Override
  public long getRecordsIn() {
    return recordsIn.sum();
  }

  @Override
  public long getChangesIn() {
    return changesIn.sum();
  }

  @Override
  public long getChangesWritten() {
    return changesWritten.sum();
  }

  @Override
  public long getSkippedStale() {
    return stale.sum();
  }

  @Override
  public long getCompacted() {
    return compacted.sum();
  }

  @Override
  public long getIgnored() {
    return ignored.sum();
  }

  @Override
  public long getErrantRecords() {
    return errant.sum();
  }

  @Override
  public long getRetries() {
    return retries.sum();
  }

  /** Writes of one kind. */
  public long writes(WriteKind kind) {
    return writes.get(kind).sum();
  }

  @Override
  public long getWritesReplace() {
    return writes(WriteKind.REPLACE);
  }

  @Override
  public long getWritesSet() {
    return writes(WriteKind.SET);
  }

  @Override
  public long getWritesDelete() {
    return writes(WriteKind.DELETE);
  }

  @Override
  public long getWritesSoftDelete() {
    return writes(WriteKind.SOFT_DELETE);
  }

  @Override
  public long getWritesTruncate() {
    return writes(WriteKind.TRUNCATE);
  }

  @Override
  public long getWritesElementSet() {
    return writes(WriteKind.ELEMENT_SET);
  }

  @Override
  public long getWritesElementRemove() {
    return writes(WriteKind.ELEMENT_REMOVE);
  }

  @Override
  public long getWritesTombstone() {
    return writes(WriteKind.TOMBSTONE);
  }

  @Override
  public double getCompactionRatio() {
    long in = changesIn.sum();
    long dropped = compacted.sum();
    long kept = in - dropped;
    return kept <= 0 ? 1.0 : (double) in / kept;
  }

  @Override
  public long getBatchLatencyLastMs() {
    return latencyLast.get();
  }

  @Override
  public long getBatchLatencyMaxMs() {
    return latencyMax.get();
  }

  @Override
  public double getBatchLatencyAvgMs() {
    long n = batches.sum();
    return n == 0 ? 0.0 : (double) latencyTotal.sum() / n;
  }

  @Override
  public long getBufferedRecords() {
    return buffered.get();
  }

  @Override
  public long getBufferedBytes() {
    return bufferedBytes.get();
  }

  @Override
  public long getBatches() {
    return batches.sum();
  }
}
