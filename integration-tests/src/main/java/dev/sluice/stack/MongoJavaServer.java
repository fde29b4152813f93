package dev.sluice.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol endpoint ({@code de.bwaldvogel:mongo-java-server}) in its own JVM, backed by
 * an H2 MVStore file so that a stop and start keeps the data, as a real server would. It supports no
 * update pipelines and no transactions: the sink uses neither.
 */
public final class MongoJavaServer implements MongoEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(MongoJavaServer.class);
  private final Path baseDir;
  private final int port;
  private final ManagedProcess process;
  private Duration lastStartup = Duration.ZERO;

  public MongoJavaServer(Path baseDir) {
    this.baseDir = baseDir;
    this.port = FreePorts.next();
    this.process = new ManagedProcess("mongo-java-server",
        Jvm.command(Jvm.ownClasspath(), "512m", Jvm.flightRecording(baseDir, "mongo"), MongoEndpointMain.class.getName(),
            List.of(Integer.toString(port), baseDir.resolve("mongo.mv.db").toString())),
        Map.of(), baseDir, baseDir.resolve("mongo.log"));
  }

  @Override
  public synchronized void start() {
    long started = System.nanoTime();
    process.start();
    process.awaitPort(port, Duration.ofSeconds(60));
    lastStartup = Duration.ofNanos(System.nanoTime() - started);
    LOG.info("mongo-java-server on 127.0.0.1:{} ready in {} ms", port, lastStartup.toMillis());
  }

  @Override
  public synchronized void stop() {
    process.stop(Duration.ofSeconds(30));
  }

  public synchronized void kill() {
    process.kill();
  }

  public int port() {
    return port;
  }

  public Duration lastStartup() {
    return lastStartup;
  }

  public ManagedProcess process() {
    return process;
  }

  @Override
  public String connectionString() {
    return "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=5000";
  }

  @Override
  public boolean isLocal() {
    return true;
  }

  @Override
  public void close() {
    stop();
  }
}
