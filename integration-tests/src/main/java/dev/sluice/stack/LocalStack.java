package dev.sluice.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one launcher of Sluice's real-process stack: MariaDB, Kafka brokers, Connect workers and a
 * MongoDB endpoint, each a process of its own with its log under the run folder. Used by the
 * integration tests, the quickstart and the benchmarks.
 *
 * <p>Environment: {@code SLUICE_MYSQL_URL} and {@code SLUICE_MONGODB_URI} replace the local MariaDB
 * and MongoDB endpoint with external servers. System properties: {@code sluice.stack.dir} (run
 * folders, default {@code target/stack}), {@code sluice.kafka.version}, {@code sluice.mariadb}
 * ({@code maven[:version]} or {@code path}), {@code sluice.repo.root} (where
 * {@code connect-distributed.properties} is) and {@code sluice.bundle.plugin.path}.
 *
 * <p>{@link #close()} stops every process it started, also after a failed start.
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

  private final Builder options;
  private final Path runDir;
  private MySqlEndpoint mysql;
  private KafkaCluster kafka;
  private ConnectCluster connect;
  private MongoEndpoint mongo;
  private final Map<String, Duration> startupTimes = new LinkedHashMap<>();

  private LocalStack(Builder options) {
    this.options = options;
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
    this.runDir = options.baseDir.resolve(options.name + "-" + stamp).toAbsolutePath();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts what the builder asked for: databases and Kafka in parallel, then the Connect workers. */
  public LocalStack start() {
    try {
      Files.createDirectories(runDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LOG.info("starting the local stack in {}", runDir);
    ExecutorService pool = Executors.newFixedThreadPool(3, r -> new Thread(r, "stack-start"));
    try {
      List<Future<?>> started = new ArrayList<>();
      if (options.mysql) {
        started.add(pool.submit(timed("mysql", this::startMySql)));
      }
      if (options.brokers > 0) {
        started.add(pool.submit(timed("kafka", () -> {
          kafka = new KafkaCluster(options.kafkaDistribution, runDir.resolve("kafka"), options.brokers).start();
          List<Duration> each = kafka.startupTimes();
          for (int i = 0; i < each.size(); i++) {
            record("kafka-broker-" + i, each.get(i));
          }
        })));
      }
      if (options.mongo) {
        started.add(pool.submit(timed("mongodb", this::startMongo)));
      }
      for (Future<?> f : started) {
        f.get();
      }
      if (options.workers > 0) {
        if (kafka == null) {
          throw new IllegalStateException("Connect workers need Kafka brokers: call kafkaBrokers(n) with n >= 1");
        }
        long t0 = System.nanoTime();
        connect = new ConnectCluster(options.kafkaDistribution, kafka, runDir.resolve("connect"), options.workerTemplate(),
            options.pluginPath(), options.workerOverrides);
        connect.start(options.workers);
        record("connect-workers (" + options.workers + ", in parallel)", Duration.ofNanos(System.nanoTime() - t0));
      }
      printStartupTimes();
      return this;
    } catch (ExecutionException e) {
      close();
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new StackException("starting the local stack failed", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new StackException("interrupted while starting the local stack", e);
    } catch (RuntimeException e) {
      close();
      throw e;
    } finally {
      pool.shutdownNow();
    }
  }

  private Callable<Void> timed(String what, Runnable action) {
    return () -> {
      long t0 = System.nanoTime();
      action.run();
      if (!what.equals("kafka")) {
        record(what, Duration.ofNanos(System.nanoTime() - t0));
      }
      return null;
    };
  }

  private synchronized void record(String component, Duration took) {
    startupTimes.put(component, took);
  }

  private void startMySql() {
    Optional<String> external = env("SLUICE_MYSQL_URL");
    if (external.isPresent()) {
      ExternalMySql server = ExternalMySql.parse(external.get());
      createConnectorUser(server);
      mysql = server;
      LOG.info("using the external MySQL of SLUICE_MYSQL_URL at {}:{}", server.host(), server.port());
      return;
    }
    MariaDbServer.Builder b = MariaDbServer.builder(runDir.resolve("mariadb")).serverId(options.serverId).generalLog(options.generalLog);
    options.mariaDbArgs.forEach(b::extraArg);
    MariaDbServer server = b.build();
    mysql = server;
    server.start();
  }

  private void startMongo() {
    Optional<String> external = env("SLUICE_MONGODB_URI");
    if (external.isPresent()) {
      mongo = new ExternalMongo(external.get());
      LOG.info("using the external MongoDB of SLUICE_MONGODB_URI");
      return;
    }
    MongoJavaServer server = new MongoJavaServer(runDir.resolve("mongodb"));
    mongo = server;
    server.start();
  }

  private static void createConnectorUser(MySqlEndpoint server) {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(null), server.adminUser(), server.adminPassword());
        Statement s = c.createStatement()) {
      for (String statement : Grants.statements(MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD)) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new StackException("could not create the connector account on " + server.host() + ":" + server.port()
          + " with the admin account of SLUICE_MYSQL_URL", e);
    }
  }

  private void printStartupTimes() {
    StringBuilder report = new StringBuilder("[sluice-stack] start-up times (run folder " + runDir + "):");
    startupTimes.forEach((k, v) -> report.append(String.format("%n  %-36s %6.1f s", k, v.toMillis() / 1000.0)));
    // Printed, not only logged: the build output must show each component's start-up time.
    System.out.println(report);
  }

  public Map<String, Duration> startupTimes() {
    return Map.copyOf(startupTimes);
  }

  public Path runDir() {
    return runDir;
  }

  public MySqlEndpoint mysql() {
    return require(mysql, "mysql");
  }

  /** The local MariaDB, when the stack started one (not with {@code SLUICE_MYSQL_URL}). */
  public Optional<MariaDbServer> mariaDb() {
    return mysql instanceof MariaDbServer m ? Optional.of(m) : Optional.empty();
  }

  public KafkaCluster kafka() {
    return require(kafka, "kafka");
  }

  public ConnectCluster connect() {
    return require(connect, "connect");
  }

  public MongoEndpoint mongo() {
    return require(mongo, "mongodb");
  }

  /** Every loopback port a process of this stack listens on (external servers excluded). */
  public List<Integer> localPorts() {
    List<Integer> ports = new ArrayList<>();
    if (mysql instanceof MariaDbServer m) {
      ports.add(m.port());
    }
    if (kafka != null) {
      ports.addAll(kafka.ports());
    }
    if (connect != null) {
      ports.addAll(connect.ports());
    }
    if (mongo instanceof MongoJavaServer m) {
      ports.add(m.port());
    }
    return ports;
  }

  private static <T> T require(T component, String name) {
    if (component == null) {
      throw new IllegalStateException("the stack was not asked to start " + name);
    }
    return component;
  }

  /** Stops workers, then brokers, then the databases; every stop is attempted even if one fails. */
  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    for (AutoCloseable c : new AutoCloseable[] {connect, kafka, mongo, mysql}) {
      if (c == null) {
        continue;
      }
      try {
        c.close();
      } catch (RuntimeException e) {
        failures.add(e);
      } catch (Exception e) {
        failures.add(new StackException("stopping " + c + " failed", e));
      }
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
    LOG.info("local stack stopped; logs kept in {}", runDir);
  }

  private static Optional<String> env(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** What to start. */
  public static final class Builder {
    private String name = "stack";
    private Path baseDir = Path.of(System.getProperty("sluice.stack.dir", "target/stack"));
    private boolean mysql;
    private boolean generalLog;
    private long serverId = 1;
    private final List<String> mariaDbArgs = new ArrayList<>();
    private int brokers;
    private int workers;
    private boolean mongo;
    private KafkaDistribution kafkaDistribution = KafkaDistribution.fromSystemProperties();
    private final Map<String, String> workerOverrides = new LinkedHashMap<>();
    private final List<Path> extraPluginPaths = new ArrayList<>();

    /** Names the run folder, e.g. after the test class. */
    public Builder name(String value) {
      this.name = value;
      return this;
    }

    public Builder baseDir(Path value) {
      this.baseDir = value;
      return this;
    }

    public Builder mysql() {
      this.mysql = true;
      return this;
    }

    public Builder mariaDbGeneralLog() {
      this.generalLog = true;
      return this;
    }

    public Builder mariaDbArg(String arg) {
      this.mariaDbArgs.add(arg);
      return this;
    }

    public Builder serverId(long value) {
      this.serverId = value;
      return this;
    }

    public Builder kafkaBrokers(int count) {
      this.brokers = count;
      return this;
    }

    public Builder kafkaVersion(String version) {
      this.kafkaDistribution = new KafkaDistribution(version);
      return this;
    }

    public Builder connectWorkers(int count) {
      this.workers = count;
      return this;
    }

    /** A worker setting beyond the machine-specific ones (e.g. a shorter rebalance delay in a test). */
    public Builder workerOverride(String key, String value) {
      this.workerOverrides.put(key, value);
      return this;
    }

    public Builder extraPluginPath(Path path) {
      this.extraPluginPaths.add(path);
      return this;
    }

    public Builder mongo() {
      this.mongo = true;
      return this;
    }

    public LocalStack start() {
      return new LocalStack(this).start();
    }

    Path workerTemplate() {
      Path file = repoRoot().resolve("connect-distributed.properties");
      if (!Files.isRegularFile(file)) {
        throw new StackException("no connect-distributed.properties at " + file + " (set -Dsluice.repo.root)");
      }
      return file;
    }

    List<Path> pluginPath() {
      Path bundle = Path.of(System.getProperty("sluice.bundle.plugin.path", repoRoot().resolve("bundle/target/plugin").toString()));
      if (!Files.isDirectory(bundle)) {
        throw new StackException("the plugin folder " + bundle + " does not exist: build the bundle module first (mvn -pl bundle -am package)");
      }
      List<Path> paths = new ArrayList<>();
      paths.add(bundle.toAbsolutePath());
      paths.addAll(extraPluginPaths);
      return paths;
    }

    static Path repoRoot() {
      String configured = System.getProperty("sluice.repo.root");
      if (configured != null && !configured.isBlank()) {
        return Path.of(configured);
      }
      Path dir = Path.of("").toAbsolutePath();
      while (dir != null) {
        if (Files.isRegularFile(dir.resolve("connect-distributed.properties"))) {
          return dir;
        }
        dir = dir.getParent();
      }
      return Path.of("").toAbsolutePath();
    }
  }
}
