package dev.sluice.benchmarks.source;

import dev.sluice.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What {@code producer.max.in.flight.requests.per.connection} costs an exactly-once source task's
 * producer: a transactional producer with the worker's producer settings from
 * {@code connect-distributed.properties} (acks=all, idempotence, lz4, linger 10 ms) writes change-event
 * sized JSON values to a fresh topic of the local stack's brokers, committing a Kafka transaction every
 * {@code --commit-every} records as a source task does per batch, once per in-flight setting and run
 * (settings in rotating order), and prints the medians and their ratio.
 *
 * <p>The brokers run on this machine, so a produce request's round trip is a fraction of a millisecond;
 * across a network the round trip is longer and one request in flight costs more than here.
 *
 * <p>With {@code --race-trials N} it shows instead what the setting is for: N times per setting, a
 * producer writes to a topic created a moment before, and the writes that never commit are counted
 * (brokers before Kafka 4.5 can refuse the first request to such a partition for good, KAFKA-15591).
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests -Dsluice.it.skip=true
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.source.ProducerInFlightBenchmark --records 200000 --runs 5
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.source.ProducerInFlightBenchmark --race-trials 30
 * </pre>
 */
@Command(name = "producer-in-flight", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Transactional producer throughput by max.in.flight.requests.per.connection (see benchmarks/README.md).")
public final class ProducerInFlightBenchmark implements Callable<Integer> {
  @Option(names = "--records", description = "Records per trial (default: ${DEFAULT-VALUE}).")
  int records = 200_000;

  @Option(names = "--runs", description = "Trials per setting; medians are reported (default: ${DEFAULT-VALUE}).")
  int runs = 5;

  @Option(names = "--in-flight", split = ",", description = "Settings to compare (default: ${DEFAULT-VALUE}).")
  List<Integer> inFlight = List.of(1, 5);

  @Option(names = "--commit-every", description = "Records per Kafka transaction (default: ${DEFAULT-VALUE}).")
  int commitEvery = 1_000;

  @Option(names = "--brokers", description = "Brokers of the local stack (default: ${DEFAULT-VALUE}).")
  int brokers = 3;

  @Option(names = "--partitions", description = "Partitions of each trial's topic (default: ${DEFAULT-VALUE}).")
  int partitions = 2;

  @Option(names = "--race-trials", description = "Instead of throughput: per setting, this many times create a topic and write to it "
      + "at once, counting the writes that never complete (KAFKA-15591) (default: ${DEFAULT-VALUE}: off).")
  int raceTrials;

  /** A trial's throughput. */
  record Trial(int inFlight, double recordsPerSecond, double mibPerSecond) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new ProducerInFlightBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<byte[]> values = values(10_000, new Random(42));
    try (LocalStack stack = LocalStack.builder().name("ProducerInFlightBenchmark").kafkaBrokers(brokers).start()) {
      String bootstrap = stack.kafka().bootstrapServers();
      if (raceTrials > 0) {
        System.out.printf("%d broker(s) at %s; %d writes of 2,000 records per setting to a topic of %d partitions created at once%n",
            brokers, bootstrap, raceTrials, partitions);
        race(bootstrap, values);
        return 0;
      }
      System.out.printf("%d broker(s) at %s; %d records of ~%d bytes per trial, a transaction every %d records, %d partitions%n", brokers,
          bootstrap, records, values.get(0).length, commitEvery, partitions);
      // One unreported trial per setting: the brokers' and this JVM's JIT warm up.
      for (int n : inFlight) {
        trial(bootstrap, n, 0, values);
      }
      List<Trial> trials = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        for (int i = 0; i < inFlight.size(); i++) {
          int n = inFlight.get((i + run) % inFlight.size());
          Trial t = trial(bootstrap, n, run, values);
          System.out.printf("  run %d, in flight %d: %,.0f records/s, %.1f MiB/s%n", run, n, t.recordsPerSecond(), t.mibPerSecond());
          trials.add(t);
        }
      }
      Map<Integer, OptionalDouble> medians = new LinkedHashMap<>();
      for (int n : inFlight) {
        medians.put(n, Stats.median(trials.stream().filter(t -> t.inFlight() == n).map(Trial::recordsPerSecond).toList()));
        System.out.printf("in flight %d: median %,.0f records/s over %d runs%n", n, medians.get(n).orElse(Double.NaN), runs);
      }
      if (inFlight.size() >= 2) {
        int a = inFlight.get(0);
        int b = inFlight.get(inFlight.size() - 1);
        OptionalDouble ratio = Stats.ratio(medians.get(a), medians.get(b));
        System.out.printf("ratio in flight %d / in flight %d: %.2f%n", a, b, ratio.orElse(Double.NaN));
      }
    }
    return 0;
  }

  /**
   * Per setting and trial: a transaction is begun, a topic created, and 2,000 records written to it at
   * once, in small batches so that several requests per partition can be in flight; a commit that
   * does not complete within 20 s counts as stuck. Settings alternate trial by trial.
   */
  private void race(String bootstrap, List<byte[]> values) throws Exception {
    Map<Integer, Integer> stuck = new LinkedHashMap<>();
    inFlight.forEach(n -> stuck.put(n, 0));
    try (Admin admin = admin(bootstrap)) {
      for (int trial = 1; trial <= raceTrials; trial++) {
        for (int n : inFlight) {
          String topic = "race-" + n + "-" + trial;
          Properties p = producerProperties(bootstrap, "bench-" + topic, n);
          p.put(ProducerConfig.BATCH_SIZE_CONFIG, "2048");
          p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "15000");
          p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
          KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
          boolean ok = false;
          String failure = "";
          try {
            producer.initTransactions();
            producer.beginTransaction();
            createTopic(admin, topic);
            for (int j = 0; j < 2_000; j++) {
              byte[] key = Integer.toString(j).getBytes(StandardCharsets.UTF_8);
              producer.send(new ProducerRecord<>(topic, key, values.get(j % values.size())));
            }
            producer.commitTransaction();
            ok = true;
          } catch (KafkaException e) {
            failure = e.toString();
          } finally {
            producer.close(Duration.ZERO);
          }
          if (!ok) {
            stuck.merge(n, 1, Integer::sum);
          }
          System.out.printf("  trial %d, in flight %d: %s%n", trial, n, ok ? "committed" : "stuck: " + failure);
        }
      }
    }
    stuck.forEach((n, count) -> System.out.printf("in flight %d: %d of %d writes to a just-created topic stuck%n", n, count, raceTrials));
  }

  private static Properties producerProperties(String bootstrap, String transactionalId, int inFlight) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, Integer.toString(inFlight));
    return p;
  }

  private Trial trial(String bootstrap, int n, int run, List<byte[]> values) throws Exception {
    String topic = "in-flight-" + n + "-run-" + run;
    createAndAwait(bootstrap, topic);
    Properties p = producerProperties(bootstrap, "bench-" + topic, n);
    long bytes = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      long t0 = System.nanoTime();
      for (int i = 0; i < records; i += commitEvery) {
        producer.beginTransaction();
        for (int j = i; j < Math.min(records, i + commitEvery); j++) {
          byte[] value = values.get(j % values.size());
          bytes += value.length;
          producer.send(new ProducerRecord<>(topic, Integer.toString(j).getBytes(StandardCharsets.UTF_8), value));
        }
        producer.commitTransaction();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      return new Trial(n, records / seconds, bytes / seconds / (1024 * 1024));
    }
  }

  /**
   * Creates the topic and waits until every partition has a leader, then two seconds more: the
   * trial measures throughput, not the just-created-topic race the in-flight setting guards against.
   */
  private void createAndAwait(String bootstrap, String topic) throws Exception {
    try (Admin admin = admin(bootstrap)) {
      createTopic(admin, topic);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (true) {
        TopicDescription d = null;
        try {
          d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        } catch (ExecutionException e) {
          // The broker asked may not have applied the new topic yet.
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw e;
          }
        }
        if (d != null && d.partitions().size() == partitions && d.partitions().stream().allMatch(pi -> pi.leader() != null)) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("topic " + topic + " has no leader for every partition after 30 s: " + d);
        }
        Thread.sleep(100);
      }
    }
    Thread.sleep(2_000);
  }

  private static Admin admin(String bootstrap) {
    return Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  private void createTopic(Admin admin, String topic) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) Math.min(3, brokers)))).all().get(30, TimeUnit.SECONDS);
  }

  /** Change-event sized JSON values (an insert of a 9-column row with its source block), all different. */
  static List<byte[]> values(int count, Random random) {
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String json = String.format("{\"before\":null,\"after\":{\"id\":%d,\"customer_id\":%d,\"status\":\"%s\",\"total\":\"%d.%02d\","
              + "\"currency\":\"EUR\",\"note\":\"order %d of customer %d\",\"created_at\":%d,\"updated_at\":%d,\"version\":%d},"
              + "\"source\":{\"version\":\"0.1.0\",\"connector\":\"mysql\",\"name\":\"shop\",\"ts_ms\":%d,\"snapshot\":\"false\","
              + "\"db\":\"shop\",\"table\":\"orders\",\"server_id\":1,\"gtid\":\"0-1-%d\",\"file\":\"binlog.000001\",\"pos\":%d,"
              + "\"row\":0,\"seq\":%d},\"op\":\"c\",\"ts_ms\":%d}",
          i, random.nextInt(100_000), random.nextBoolean() ? "NEW" : "PAID", random.nextInt(10_000), random.nextInt(100), i,
          random.nextInt(100_000), 1_700_000_000_000L + random.nextInt(1_000_000_000), 1_700_000_000_000L + random.nextInt(1_000_000_000),
          random.nextInt(10), 1_700_000_000_000L + i, 1000 + i, 4 + 700L * i, i, 1_700_000_000_000L + i);
      out.add(json.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }
}
