package dev.sluice.source.mysql.metrics;

import dev.sluice.event.Envelope;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanRegistrationException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.NotCompliantMBeanException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters and gauges of one source task, registered as an MXBean. Written by the binlog thread,
 * read by JMX; counters are LongAdders and gauges volatile.
 */
public final class SourceMetrics implements SourceMetricsMXBean, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SourceMetrics.class);

  private final Clock clock;
  private final LongAdder seen = new LongAdder();
  private final LongAdder emitted = new LongAdder();
  private final LongAdder filtered = new LongAdder();
  private final LongAdder suppressed = new LongAdder();
  private final LongAdder heartbeats = new LongAdder();
  private final LongAdder inserts = new LongAdder();
  private final LongAdder updates = new LongAdder();
  private final LongAdder deletes = new LongAdder();
  private volatile long lastEventMillis;
  private volatile boolean connected;
  private volatile String lastGtid = "";
  private volatile IntSupplier queueSize = () -> 0;
  private volatile int queueCapacity;
  private volatile LongSupplier lastSeq = () -> 0;
  private ObjectName name;

  public SourceMetrics(Clock clock) {
    this.clock = clock;
  }

  /** Registers the MXBean; a name clash (a task not yet unregistered) is logged, not fatal. */
  public void register(String connector, int task) {
    try {
      name = new ObjectName("dev.sluice:type=source-mysql,connector=" + ObjectName.quote(connector) + ",task=" + task);
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
      server.registerMBean(this, name);
    } catch (MalformedObjectNameException | InstanceAlreadyExistsException | MBeanRegistrationException | NotCompliantMBeanException
        | InstanceNotFoundException e) {
      LOG.warn("JMX metrics of connector {} task {} not registered: {}", connector, task, e.toString());
      name = null;
    }
  }

  public void bindQueue(IntSupplier size, int capacity) {
    this.queueSize = size;
    this.queueCapacity = capacity;
  }

  public void bindSeq(LongSupplier seq) {
    this.lastSeq = seq;
  }

  public void eventSeen(long eventTimestampMillis) {
    seen.increment();
    if (eventTimestampMillis > 0) {
      lastEventMillis = eventTimestampMillis;
    }
  }

  public void rowEventFiltered() {
    filtered.increment();
  }

  public void suppressed() {
    suppressed.increment();
  }

  public void heartbeat() {
    heartbeats.increment();
  }

  public void changeEmitted(Envelope.Operation op) {
    emitted.increment();
    switch (op) {
      case CREATE -> inserts.increment();
      case UPDATE -> updates.increment();
      case DELETE -> deletes.increment();
      default -> {
        // truncates and reads are counted in emitted only
      }
    }
  }

  public void lastGtid(String gtid) {
    this.lastGtid = gtid;
  }

  public void connected(boolean value) {
    this.connected = value;
  }

  @Override
  public long getEventsSeen() {
    return seen.sum();
  }

  @Override
  public long getEventsEmitted() {
    return emitted.sum();
  }

  @Override
  public long getEventsFiltered() {
    return filtered.sum();
  }

  @Override
  public long getEventsSuppressed() {
    return suppressed.sum();
  }

  @Override
  public long getHeartbeats() {
    return heartbeats.sum();
  }

  @Override
  public long getInserts() {
    return inserts.sum();
  }

  @Override
  public long getUpdates() {
    return updates.sum();
  }

  @Override
  public long getDeletes() {
    return deletes.sum();
  }

  @Override
  public long getMilliSecondsBehindSource() {
    long last = lastEventMillis;
    return last == 0 ? -1 : Math.max(0, clock.millis() - last);
  }

  @Override
  public int getQueueSize() {
    return queueSize.getAsInt();
  }

  @Override
  public int getQueueCapacity() {
    return queueCapacity;
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  @Override
  public String getLastGtid() {
    return lastGtid;
  }

  @Override
  public long getLastSeq() {
    return lastSeq.getAsLong();
  }

  @Override
  public void close() {
    if (name == null) {
      return;
    }
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    } catch (InstanceNotFoundException | MBeanRegistrationException e) {
      LOG.debug("JMX metrics {} already unregistered: {}", name, e.toString());
    }
    name = null;
  }
}
