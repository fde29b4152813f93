package dev.sluice.source.mysql.binlog;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import dev.sluice.source.mysql.ErrorClassifier;
import dev.sluice.source.mysql.MySqlSourceConfig;
import dev.sluice.source.mysql.metrics.SourceMetrics;
import dev.sluice.source.mysql.offset.SourceOffset;
import dev.sluice.source.mysql.value.BinlogDeserialization;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one owner of {@link BinaryLogClient}: builds it (deserializer, TLS, server id, start
 * position), connects, listens, and reconnects with bounded exponential backoff when the connection
 * is lost — always at the handler's {@link BinlogEventHandler#connectPosition()}, so a reconnect
 * behaves exactly like a restart. Fatal failures (credentials, privileges, purged binlog,
 * undecodable data) and reconnection that keeps failing past {@code reconnect.max.duration.ms} are
 * handed to {@code onFatal}, which fails the task.
 */
public final class BinlogReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BinlogReader.class);
  /**
   * Decoded events the binlog client's thread may be ahead of the handler thread: enough to keep
   * both busy, few enough that decoded rows waiting for a full record queue cost little heap (a
   * row event holds up to about 8 KB of rows, several times that decoded).
   */
  static final int EVENT_QUEUE = 32;
  private static final List<EventType> ROW_EVENTS = List.of(EventType.WRITE_ROWS, EventType.EXT_WRITE_ROWS, EventType.UPDATE_ROWS,
      EventType.EXT_UPDATE_ROWS, EventType.DELETE_ROWS, EventType.EXT_DELETE_ROWS);

  private final MySqlSourceConfig config;
  private final BinlogEventHandler handler;
  private final SourceMetrics metrics;
  private final Consumer<Throwable> onFatal;
  private final Map<String, String> mdc;
  private volatile boolean running;
  private volatile BinaryLogClient client;
  private volatile Session session;
  private Thread supervisor;

  public BinlogReader(MySqlSourceConfig config, BinlogEventHandler handler, SourceMetrics metrics, Consumer<Throwable> onFatal) {
    this.config = config;
    this.handler = handler;
    this.metrics = metrics;
    this.onFatal = onFatal;
    Map<String, String> context = MDC.getCopyOfContextMap();
    this.mdc = context == null ? Map.of() : Map.copyOf(context);
  }

  /** Starts reading at {@code from} on a supervisor thread; returns at once. */
  public synchronized void start(SourceOffset from) {
    if (running) {
      throw new IllegalStateException("already started");
    }
    handler.resetTo(from);
    running = true;
    supervisor = new Thread(this::supervise, "sluice-binlog-" + config.topicPrefix());
    supervisor.setDaemon(true);
    supervisor.start();
  }

  private void supervise() {
    MDC.setContextMap(mdc);
    Backoff backoff = new Backoff(config.reconnectBackoffInitial(), config.reconnectBackoffMax());
    long failingSince = -1;
    while (running) {
      SourceOffset position = handler.connectPosition();
      handler.resetTo(position);
      Session current = new Session();
      session = current;
      BinaryLogClient c = newClient(position, current);
      client = c;
      current.startHandling();
      try {
        c.connect(config.connectTimeout().toMillis());
        metrics.connected(true);
        LOG.info("reading the binlog of {}:{} from {}", config.hostname(), config.port(), describe(position));
        backoff.reset();
        failingSince = -1;
        current.awaitEnd();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        current.fail(e);
      } catch (Exception e) {
        current.fail(e);
      } finally {
        disconnect(c);
        // The handler's position is what it handled: events still queued are read again.
        current.stopHandling();
        metrics.connected(false);
      }
      if (!running) {
        break;
      }
      Throwable cause = current.failure();
      if (cause == null) {
        cause = new IOException("the server closed the binlog connection");
      }
      if (ErrorClassifier.classify(cause) == ErrorClassifier.Kind.FATAL) {
        running = false;
        onFatal.accept(new ConnectException(ErrorClassifier.describeFatal(cause, config.hostname(), config.port(), config.user(),
            handler.connectPosition()), cause));
        break;
      }
      long now = System.nanoTime();
      if (failingSince < 0) {
        failingSince = now;
      }
      Duration failingFor = Duration.ofNanos(now - failingSince);
      if (failingFor.compareTo(config.reconnectMaxDuration()) > 0) {
        running = false;
        onFatal.accept(new ConnectException("could not read the binlog of " + config.hostname() + ":" + config.port() + " as '"
            + config.user() + "' for " + failingFor.toSeconds() + " s (" + MySqlSourceConfig.RECONNECT_MAX_DURATION_CONFIG + "); last error: "
            + cause, cause));
        break;
      }
      Duration wait = backoff.next();
      LOG.warn("binlog connection to {}:{} lost ({}); reconnecting in {} ms", config.hostname(), config.port(), cause.toString(), wait.toMillis());
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }

  private BinaryLogClient newClient(SourceOffset position, Session s) {
    BinaryLogClient c = new BinaryLogClient(config.hostname(), config.port(), config.user(), config.password().value());
    c.setServerId(config.serverId());
    c.setKeepAlive(false);
    c.setConnectTimeout(config.connectTimeout().toMillis());
    // The server sends heartbeats when idle: the handler can emit its own heartbeats and a dead
    // connection is noticed.
    long heartbeat = config.heartbeatInterval().toMillis();
    c.setHeartbeatInterval(heartbeat > 0 ? Math.min(heartbeat, 5_000L) : 5_000L);
    c.setSSLMode(sslMode(config.sslMode()));
    c.setUseSendAnnotateRowsEvent(config.includeQuery());
    c.setThreadFactory(r -> {
      Thread t = new Thread(() -> {
        MDC.setContextMap(mdc);
        r.run();
      }, "sluice-binlog-client-" + config.topicPrefix());
      t.setDaemon(true);
      return t;
    });
    Map<Long, TableMapEventData> tableMaps = BinlogDeserialization.newTableMapCache();
    EventDeserializer deserializer = BinlogDeserialization.newEventDeserializer(tableMaps);
    CapturedTables captured = new CapturedTables(tableMaps, config.captureFilter());
    for (EventType type : ROW_EVENTS) {
      deserializer.setEventDataDeserializer(type, new CapturedRowsDeserializer(deserializer.getEventDataDeserializer(type), captured));
    }
    c.setEventDeserializer(deserializer);
    if (position.hasGtids()) {
      c.setGtidSet(position.gtids());
    } else {
      c.setBinlogFilename(position.file());
      c.setBinlogPosition(position.position());
    }
    c.registerEventListener(s::onEvent);
    c.registerLifecycleListener(s);
    return c;
  }

  private static SSLMode sslMode(String mode) {
    return switch (mode) {
      case "disabled" -> SSLMode.DISABLED;
      case "preferred" -> SSLMode.PREFERRED;
      case "required" -> SSLMode.REQUIRED;
      case "verify_ca" -> SSLMode.VERIFY_CA;
      case "verify_identity" -> SSLMode.VERIFY_IDENTITY;
      default -> throw new IllegalArgumentException("unknown " + MySqlSourceConfig.SSL_MODE_CONFIG + " '" + mode + "'");
    };
  }

  private static String describe(SourceOffset p) {
    return (p.hasGtids() ? "GTID set " + p.gtids() : "binlog " + p.file() + ":" + p.position())
        + (p.txEmitted() > 0 ? " (skipping " + p.txEmitted() + " records already delivered)" : "");
  }

  private void disconnect(BinaryLogClient c) {
    try {
      c.disconnect();
    } catch (IOException e) {
      LOG.warn("closing the binlog connection to {}:{} failed: {}", config.hostname(), config.port(), e.toString());
    }
  }

  public boolean isRunning() {
    return running;
  }

  /** Stops reading; idempotent. */
  @Override
  public void close() {
    Thread s;
    synchronized (this) {
      running = false;
      s = supervisor;
      supervisor = null;
    }
    Session current = session;
    if (current != null) {
      current.end();
    }
    BinaryLogClient c = client;
    if (c != null) {
      disconnect(c);
    }
    if (s != null) {
      s.interrupt();
      try {
        s.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * One connection's life: events go to the handler until it fails or ends. The client's thread
   * reads and decodes events and queues them; a handler thread of the session turns them into
   * records ({@link EventPipe}), so decoding the next events overlaps with building the records of
   * the last ones.
   */
  private final class Session implements BinaryLogClient.LifecycleListener {
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final EventPipe pipe = new EventPipe("sluice-binlog-handler-" + config.topicPrefix(), EVENT_QUEUE, mdc, handler::handle,
        () -> running && failure.get() == null, this::fail);

    void startHandling() {
      pipe.start();
    }

    /** On the client's thread: queues the event, waiting while the handler is behind. */
    void onEvent(Event event) {
      try {
        // After a failure nothing more is queued: the next connection resumes from the position.
        pipe.put(event);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(e);
      }
    }

    /** Stops the handler thread after the event it is handling, dropping queued events; waits for it. */
    void stopHandling() {
      // When the task stops, what the handler is doing now is dropped anyway: do not wait for queue room.
      pipe.stop(!running);
    }

    void fail(Throwable t) {
      failure.compareAndSet(null, t);
      ended.countDown();
    }

    void end() {
      ended.countDown();
    }

    Throwable failure() {
      return failure.get();
    }

    void awaitEnd() throws InterruptedException {
      ended.await();
    }

    @Override
    public void onConnect(BinaryLogClient c) {
      // connection state is tracked by the supervisor
    }

    @Override
    public void onCommunicationFailure(BinaryLogClient c, Exception ex) {
      fail(ex);
    }

    @Override
    public void onEventDeserializationFailure(BinaryLogClient c, Exception ex) {
      // The client would go on with the next event: that would lose this one. Stop instead.
      fail(new org.apache.kafka.connect.errors.DataException("cannot decode a binlog event after " + describe(handler.connectPosition())
          + ": " + ex.getMessage(), ex));
    }

    @Override
    public void onDisconnect(BinaryLogClient c) {
      end();
    }
  }

  /** Exponential backoff between reconnection attempts, reset after a successful connection. */
  static final class Backoff {
    private final long initial;
    private final long max;
    private long next;

    Backoff(Duration initial, Duration max) {
      this.initial = initial.toMillis();
      this.max = Math.max(max.toMillis(), this.initial);
      this.next = this.initial;
    }

    Duration next() {
      long current = next;
      next = Math.min(max, next * 2);
      return Duration.ofMillis(current);
    }

    void reset() {
      next = initial;
    }
  }
}
