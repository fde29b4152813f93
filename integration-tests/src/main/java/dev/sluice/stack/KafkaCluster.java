package dev.sluice.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Kafka brokers in KRaft mode, each a combined broker+controller in its own JVM, on free
 * loopback ports and temp dirs. Replication settings follow the broker count: with three brokers
 * internal topics get replication factor 3 and {@code min.insync.replicas=2}, as in production.
 */
public final class KafkaCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);
  private static final String STARTED_LINE = "Kafka Server started";

  private final KafkaDistribution distribution;
  private final Path baseDir;
  private final int size;
  private final String clusterId;
  private final int[] brokerPorts;
  private final int[] controllerPorts;
  private final List<ManagedProcess> brokers = new ArrayList<>();
  private final List<Duration> startupTimes = new ArrayList<>();
  private List<Path> classpath;

  public KafkaCluster(KafkaDistribution distribution, Path baseDir, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a Kafka cluster needs at least one broker, got " + size);
    }
    this.distribution = distribution;
    this.baseDir = baseDir;
    this.size = size;
    this.clusterId = newClusterId();
    this.brokerPorts = IntStream.range(0, size).map(i -> FreePorts.next()).toArray();
    this.controllerPorts = IntStream.range(0, size).map(i -> FreePorts.next()).toArray();
  }

  /** Formats each broker's storage, starts all brokers in parallel and waits until each one is serving. */
  public KafkaCluster start() {
    classpath = distribution.brokerClasspath();
    for (int i = 0; i < size; i++) {
      Path dir = baseDir.resolve("broker-" + i);
      Path config = writeConfig(i, dir);
      format(i, dir, config);
      brokers.add(new ManagedProcess("kafka-" + i,
          Jvm.command(classpath, "768m", distribution.loggingJvmArgs(dir), "kafka.Kafka", List.of(config.toString())),
          Map.of(), dir, dir.resolve("broker.log")));
      startupTimes.add(Duration.ZERO);
    }
    List<Runnable> starts = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int index = i;
      starts.add(() -> startBroker(index));
    }
    Parallel.run("start-kafka", starts);
    return this;
  }

  /** Starts broker {@code index} again after {@link #kill(int)} or {@link #stop(int)}, on the same ports and data. */
  public void startBroker(int index) {
    long started = System.nanoTime();
    ManagedProcess broker = brokers.get(index);
    long linesBefore = countStartedLines(broker.logFile());
    broker.start();
    broker.awaitPort(brokerPorts[index], Duration.ofSeconds(120));
    broker.awaitCondition("'" + STARTED_LINE + "' in its log", Duration.ofSeconds(120),
        () -> countStartedLines(broker.logFile()) > linesBefore);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    synchronized (startupTimes) {
      startupTimes.set(index, took);
    }
    LOG.info("{} broker {} on 127.0.0.1:{} ready in {} ms", distribution, index, brokerPorts[index], took.toMillis());
  }

  public void kill(int index) {
    brokers.get(index).kill();
  }

  public void stop(int index) {
    brokers.get(index).stop(Duration.ofSeconds(30));
  }

  public String bootstrapServers() {
    return IntStream.of(brokerPorts).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  public String clusterId() {
    return clusterId;
  }

  public int size() {
    return size;
  }

  public List<Integer> ports() {
    List<Integer> ports = new ArrayList<>();
    IntStream.of(brokerPorts).forEach(ports::add);
    IntStream.of(controllerPorts).forEach(ports::add);
    return ports;
  }

  public List<Duration> startupTimes() {
    synchronized (startupTimes) {
      return List.copyOf(startupTimes);
    }
  }

  public ManagedProcess process(int index) {
    return brokers.get(index);
  }

  public KafkaDistribution distribution() {
    return distribution;
  }

  /** The replication factor internal topics get: 3 where there are three brokers, else all there are. */
  public int replicationFactor() {
    return Math.min(3, size);
  }

  @Override
  public void close() {
    // Stop brokers in parallel: a lone broker waiting for its peers' controlled shutdown would stall.
    Parallel.run("stop-kafka", brokers.stream().<Runnable>map(b -> () -> b.stop(Duration.ofSeconds(30))).toList());
  }

  private Path writeConfig(int index, Path dir) {
    int rf = replicationFactor();
    int minIsr = Math.min(2, size);
    String voters = IntStream.range(0, size).mapToObj(i -> i + "@127.0.0.1:" + controllerPorts[i]).collect(Collectors.joining(","));
    String text = String.join("\n",
        "process.roles=broker,controller",
        "node.id=" + index,
        "controller.quorum.voters=" + voters,
        "listeners=PLAINTEXT://127.0.0.1:" + brokerPorts[index] + ",CONTROLLER://127.0.0.1:" + controllerPorts[index],
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPorts[index],
        "inter.broker.listener.name=PLAINTEXT",
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + dir.resolve("data"),
        "num.partitions=1",
        "default.replication.factor=" + rf,
        "min.insync.replicas=" + minIsr,
        "offsets.topic.replication.factor=" + rf,
        "offsets.topic.num.partitions=10",
        "transaction.state.log.replication.factor=" + rf,
        "transaction.state.log.min.isr=" + minIsr,
        "transaction.state.log.num.partitions=10",
        "share.coordinator.state.topic.replication.factor=" + rf,
        "share.coordinator.state.topic.min.isr=" + minIsr,
        "group.initial.rebalance.delay.ms=0",
        "num.network.threads=2",
        "num.io.threads=4",
        "log.flush.interval.messages=9223372036854775807",
        "unclean.leader.election.enable=false",
        "");
    try {
      Files.createDirectories(dir);
      Path config = dir.resolve("server.properties");
      Files.writeString(config, text, StandardCharsets.UTF_8);
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The {@code transaction.version} feature the brokers are formatted with ({@code -Dsluice.kafka.transaction.version},
   * 1 by default). Kafka 4.3.1's coordinator under transactions V2 (KIP-890, the default of new 4.x clusters) once
   * answered an exactly-once source task's commit with INVALID_TXN_STATE ("state is COMPLETE_COMMIT, but received
   * transaction marker result to send: COMMIT"), which producers treat as fatal, so Connect failed the task in the
   * middle of a test. Version 1 keeps the tests on the long-standing protocol; 2 runs them on the new one. Kafka 3.x
   * has neither feature level to set and is formatted without it.
   */
  static final String TRANSACTION_VERSION = System.getProperty("sluice.kafka.transaction.version", "1");

  private void format(int index, Path dir, Path config) {
    if (Files.exists(dir.resolve("data").resolve("meta.properties"))) {
      return;
    }
    List<String> args = new ArrayList<>(List.of("format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"));
    if (distribution.major() >= 4) {
      args.addAll(List.of("--feature", "transaction.version=" + TRANSACTION_VERSION));
    }
    ManagedProcess format = new ManagedProcess("kafka-storage-format-" + index,
        Jvm.command(classpath, "256m", distribution.loggingJvmArgs(dir), "kafka.tools.StorageTool", args),
        Map.of(), dir, dir.resolve("format.log")).start();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (format.isAlive() && System.nanoTime() < deadline) {
      ManagedProcess.sleep(100);
    }
    if (format.isAlive()) {
      format.kill();
      throw new StackException("formatting broker " + index + " storage took over 2 minutes; log " + format.logFile());
    }
    if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
      throw new StackException("formatting broker " + index + " storage failed; log " + format.logFile() + ":\n" + format.logTail(30));
    }
  }

  private static long countStartedLines(Path log) {
    try {
      if (!Files.exists(log)) {
        return 0;
      }
      try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
        return lines.filter(l -> l.contains(STARTED_LINE)).count();
      }
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  /** A KRaft cluster id: 16 random bytes, base64url without padding (Kafka's Uuid text form). */
  private static String newClusterId() {
    SecureRandom random = new SecureRandom();
    while (true) {
      byte[] bytes = new byte[16];
      random.nextBytes(bytes);
      String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      // Kafka refuses ids starting with '-': a command line would read them as an option.
      if (!id.startsWith("-")) {
        return id;
      }
    }
  }
}
