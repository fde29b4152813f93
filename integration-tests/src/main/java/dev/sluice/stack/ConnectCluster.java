package dev.sluice.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Connect workers in distributed mode, each in its own JVM, started from the repository's
 * {@code connect-distributed.properties} with only what a machine must change overridden: the REST
 * listener port, {@code bootstrap.servers}, {@code plugin.path} (the bundle's plugin folder) and,
 * where the Kafka cluster has fewer than three brokers, the internal topics' replication factor.
 */
public final class ConnectCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectCluster.class);

  private final KafkaDistribution distribution;
  private final KafkaCluster kafka;
  private final Path baseDir;
  private final Path workerTemplate;
  private final List<Path> pluginPath;
  private final Map<String, String> extraOverrides;
  private final List<Worker> workers = new ArrayList<>();
  private List<Path> classpath;

  /** One worker: its process, REST port and client. */
  public record Worker(int index, ManagedProcess process, int restPort, ConnectRestClient rest) {
    public URI url() {
      return rest.baseUri();
    }
  }

  public ConnectCluster(KafkaDistribution distribution, KafkaCluster kafka, Path baseDir, Path workerTemplate,
      List<Path> pluginPath, Map<String, String> extraOverrides) {
    this.distribution = distribution;
    this.kafka = kafka;
    this.baseDir = baseDir;
    this.workerTemplate = workerTemplate;
    this.pluginPath = List.copyOf(pluginPath);
    this.extraOverrides = Map.copyOf(extraOverrides);
  }

  /** Adds {@code count} workers and starts them in parallel, waiting until each answers REST and is healthy. */
  public ConnectCluster start(int count) {
    classpath = distribution.connectClasspath();
    List<Worker> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = workers.size();
      int port = FreePorts.next();
      Path dir = baseDir.resolve("worker-" + index);
      Path config = writeConfig(dir, port);
      List<String> jvmArgs = new ArrayList<>(distribution.loggingJvmArgs(dir));
      jvmArgs.addAll(Jvm.flightRecording(dir, "worker"));
      ManagedProcess process = new ManagedProcess("connect-" + index,
          Jvm.command(classpath, "1g", jvmArgs, "org.apache.kafka.connect.cli.ConnectDistributed", List.of(config.toString())),
          Map.of(), dir, dir.resolve("worker.log"));
      Worker worker = new Worker(index, process, port, new ConnectRestClient(URI.create("http://127.0.0.1:" + port + "/")));
      workers.add(worker);
      added.add(worker);
    }
    Parallel.run("start-connect", added.stream().<Runnable>map(w -> () -> startWorker(w.index())).toList());
    return this;
  }

  /** Starts worker {@code index} (again, after a kill) and waits until it is healthy; returns the time it took. */
  public Duration startWorker(int index) {
    Worker w = workers.get(index);
    long started = System.nanoTime();
    w.process().start();
    w.process().awaitPort(w.restPort(), Duration.ofSeconds(180));
    w.process().awaitCondition("REST /health to answer 200", Duration.ofSeconds(180), () -> {
      try {
        w.rest().health();
        return true;
      } catch (ConnectRestClient.ConnectRestException e) {
        if (e.status() == 404) {
          // Workers older than 3.9 have no /health: their connector list answers once the herder runs.
          w.rest().connectors();
          return true;
        }
        return false;
      }
    });
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    LOG.info("{} Connect worker {} on {} ready in {} ms", distribution, index, w.url(), took.toMillis());
    return took;
  }

  public void kill(int index) {
    workers.get(index).process().kill();
  }

  public void stop(int index) {
    workers.get(index).process().stop(Duration.ofSeconds(30));
  }

  public List<Worker> workers() {
    return List.copyOf(workers);
  }

  public Worker worker(int index) {
    return workers.get(index);
  }

  /** A REST client of the first live worker (any worker forwards requests to the leader). */
  public ConnectRestClient rest() {
    return workers.stream().filter(w -> w.process().isAlive()).findFirst()
        .orElseThrow(() -> new StackException("no Connect worker is running"))
        .rest();
  }

  public List<Integer> ports() {
    return workers.stream().map(Worker::restPort).toList();
  }

  @Override
  public void close() {
    Parallel.run("stop-connect", workers.stream().<Runnable>map(w -> () -> w.process().stop(Duration.ofSeconds(30))).toList());
  }

  /**
   * The worker's configuration: the template's settings with the machine-specific ones replaced.
   * Returns the overrides, for documentation and tests.
   */
  Map<String, String> overrides(Path dir, int port) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("bootstrap.servers", kafka.bootstrapServers());
    o.put("listeners", "http://127.0.0.1:" + port);
    o.put("rest.advertised.host.name", "127.0.0.1");
    o.put("rest.advertised.port", Integer.toString(port));
    o.put("rest.advertised.listener", "http");
    o.put("plugin.path", String.join(",", pluginPath.stream().map(Path::toString).toList()));
    if (kafka.size() < 3) {
      String rf = Integer.toString(kafka.replicationFactor());
      o.put("config.storage.replication.factor", rf);
      o.put("offset.storage.replication.factor", rf);
      o.put("status.storage.replication.factor", rf);
    }
    o.putAll(extraOverrides);
    return o;
  }

  private Path writeConfig(Path dir, int port) {
    try {
      Files.createDirectories(dir);
      Properties props = new Properties();
      try (Reader in = Files.newBufferedReader(workerTemplate, StandardCharsets.UTF_8)) {
        props.load(in);
      }
      Map<String, String> overrides = overrides(dir, port);
      overrides.forEach(props::setProperty);
      Path config = dir.resolve("connect-distributed.properties");
      try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
        props.store(out, "generated from " + workerTemplate.getFileName() + "; overridden: " + overrides.keySet());
      }
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("writing the worker configuration under " + dir, e);
    }
  }
}
