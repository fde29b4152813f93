package dev.sluice.source.mysql.snapshot;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows done, estimated total and rows/s per table, exposed as an MXBean, and an INFO line with an
 * ETA at most every 10 seconds.
 */
public final class SnapshotMetrics implements SnapshotMetricsMXBean, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotMetrics.class);
  private static final long LOG_INTERVAL_MILLIS = 10_000;

  private final Clock clock;
  private final Map<String, AtomicLong> done = new ConcurrentHashMap<>();
  private final Map<String, Long> estimated = new ConcurrentHashMap<>();
  private final Map<String, Long> started = new ConcurrentHashMap<>();
  private final AtomicLong chunks = new AtomicLong();
  private final AtomicLong reread = new AtomicLong();
  private volatile String current = "";
  private volatile int tablesDone;
  private volatile int tablesPending;
  private long lastLog;
  private ObjectName name;

  public SnapshotMetrics(Clock clock) {
    this.clock = clock;
    this.lastLog = clock.millis();
  }

  /** Registers the MXBean; a failure is logged, not fatal. */
  public void register(String connector, int task) {
    try {
      name = new ObjectName("dev.sluice:type=source-mysql-snapshot,connector=" + ObjectName.quote(connector) + ",task=" + task);
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
      server.registerMBean(this, name);
    } catch (JMException e) {
      LOG.warn("snapshot JMX metrics of connector {} task {} not registered: {}", connector, task, e.toString());
    }
  }

  void tableStarted(String table, long estimatedRows) {
    estimated.put(table, estimatedRows);
    // A table copied again on request counts from zero (its previous copy was emitted completely before).
    started.put(table, clock.millis());
    done.put(table, new AtomicLong());
    current = table;
  }

  void tables(int doneCount, int pendingCount) {
    tablesDone = doneCount;
    tablesPending = pendingCount;
  }

  void chunkEmitted(String table, int rows) {
    chunks.incrementAndGet();
    long total = done.computeIfAbsent(table, t -> new AtomicLong()).addAndGet(rows);
    long now = clock.millis();
    if (now - lastLog >= LOG_INTERVAL_MILLIS) {
      lastLog = now;
      double rate = rate(table, total, now);
      long estimate = estimated.getOrDefault(table, 0L);
      String eta = rate > 0 && estimate > total ? format(Duration.ofSeconds((long) ((estimate - total) / rate))) : "unknown";
      LOG.info("snapshot of {}: {} of ~{} rows ({} rows/s, ETA {}); {} tables done, {} pending", table, total, estimate,
          Math.round(rate), eta, tablesDone, tablesPending);
    }
  }

  void chunkReread() {
    reread.incrementAndGet();
  }

  void tableDone(String table) {
    long total = done.getOrDefault(table, new AtomicLong()).get();
    LOG.info("snapshot of {} done: {} rows in {}", table, total,
        format(Duration.ofMillis(clock.millis() - started.getOrDefault(table, clock.millis()))));
    current = "";
  }

  private double rate(String table, long rows, long now) {
    long elapsed = now - started.getOrDefault(table, now);
    return elapsed <= 0 ? 0 : rows * 1000.0 / elapsed;
  }

  private static String format(Duration d) {
    return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
  }

  @Override
  public Map<String, Long> getRowsDone() {
    Map<String, Long> m = new TreeMap<>();
    done.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  @Override
  public Map<String, Long> getRowsEstimated() {
    return new TreeMap<>(estimated);
  }

  @Override
  public Map<String, Double> getRowsPerSecond() {
    long now = clock.millis();
    Map<String, Double> m = new TreeMap<>();
    done.forEach((k, v) -> m.put(k, rate(k, v.get(), now)));
    return m;
  }

  @Override
  public long getChunksEmitted() {
    return chunks.get();
  }

  @Override
  public long getChunksReread() {
    return reread.get();
  }

  @Override
  public String getCurrentTable() {
    return current;
  }

  @Override
  public int getTablesDone() {
    return tablesDone;
  }

  @Override
  public int getTablesPending() {
    return tablesPending;
  }

  @Override
  public void close() {
    if (name != null) {
      try {
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
      } catch (JMException e) {
        LOG.debug("snapshot MXBean {} already gone: {}", name, e.toString());
      }
    }
  }
}
