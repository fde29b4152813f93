package dev.sluice.benchmarks.sink;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.kafka.connect.sink.MongoSinkTask;
import de.bwaldvogel.mongo.MongoServer;
import dev.sluice.sink.mongo.SluiceMongoSinkTask;
import dev.sluice.stack.AtomicBackends;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.bson.BsonDocument;
import org.bson.types.Decimal128;

/**
 * Sluice's MongoDB sink against the official MongoDB Kafka sink ({@code mongo-kafka-connect} with
 * its Debezium MySQL CDC handler), on the same records, the same MongoDB endpoint and in the same
 * JVM: both SinkTasks are driven as a worker drives them ({@code start}, {@code put} per batch,
 * {@code preCommit}, {@code stop}) with a minimal SinkTaskContext, each with its default settings
 * (for Sluice: its compaction window of 50,000 records / 64 MiB / 1 s, which the final preCommit
 * writes out).
 * docs/s = change records consumed per second of put() time, until the final state is in MongoDB.
 * Before the measured runs, {@code --warmup} runs of each sink on the same workload (into their own
 * databases, dropped after) let the JIT compile both sinks, the driver and the endpoint: without
 * them the first measured runs time the compiler as much as the sinks.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.sink.SinkThroughputBenchmark \
 *     [--changes 100000] [--keys 20000] [--batch 500] [--warmup 2] [--runs 5] [--only sluice|official] [--planner stock|indexed]
 *     [--endpoint jvm|in-process]
 * </pre>
 *
 * The endpoint is a mongo-java-server (memory backend) in a JVM of its own ({@link EndpointJvm}),
 * as MongoDB is a process of its own, or with {@code --endpoint in-process} in the sinks' JVM, or
 * the MongoDB named by {@code SLUICE_MONGODB_URI}. {@code --planner indexed} (the default) answers filters from the
 * collection's indexes ({@code _id} and multikey), as MongoDB does; {@code stock} is mongo-java-server's own
 * planner, which scans the collection for every filter with more than {@code _id} in it (every
 * guarded write of Sluice's sink). Runs alternate which sink goes first; each run writes a fresh
 * database. After each run the two collections are compared: same documents, same values.
 */
public final class SinkThroughputBenchmark {

  private SinkThroughputBenchmark() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int changes = Integer.parseInt(options.getOrDefault("changes", "100000"));
    int keys = Integer.parseInt(options.getOrDefault("keys", "20000"));
    int batch = Integer.parseInt(options.getOrDefault("batch", "500"));
    int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "2"));
    String only = options.getOrDefault("only", "both");
    if (!List.of("both", "sluice", "official").contains(only)) {
      throw new IllegalArgumentException("--only must be sluice or official, got " + only);
    }
    String planner = options.getOrDefault("planner", "indexed");
    if (!planner.equals("indexed") && !planner.equals("stock")) {
      throw new IllegalArgumentException("--planner must be indexed or stock, got " + planner);
    }

    String endpointKind = options.getOrDefault("endpoint", "jvm");
    if (!endpointKind.equals("jvm") && !endpointKind.equals("in-process")) {
      throw new IllegalArgumentException("--endpoint must be jvm or in-process, got " + endpointKind);
    }

    String external = System.getenv("SLUICE_MONGODB_URI");
    MongoServer server = null;
    EndpointJvm endpointJvm = null;
    String uri;
    String endpoint;
    if (external != null && !external.isBlank()) {
      uri = external;
      endpoint = "SLUICE_MONGODB_URI";
    } else if (endpointKind.equals("jvm")) {
      endpointJvm = EndpointJvm.start(planner);
      uri = endpointJvm.uri();
      endpoint = "mongo-java-server in its own JVM (memory backend, " + planner + " planner)";
    } else {
      server = new MongoServer(planner.equals("stock") ? AtomicBackends.memoryStockPlanner() : AtomicBackends.memory());
      InetSocketAddress address = server.bind();
      uri = "mongodb://127.0.0.1:" + address.getPort() + "/";
      endpoint = "mongo-java-server in the sinks' JVM (memory backend, " + planner + " planner)";
    }
    System.out.printf(Locale.ROOT, "endpoint: %s; %d changes over %d keys in batches of %d; %d warm-up and %d measured runs%n",
        endpoint, changes, keys, batch, warmup, runs);
    try (MongoClient client = MongoClients.create(uri)) {
      for (SinkWorkload.Shape shape : SinkWorkload.Shape.values()) {
        List<List<SinkRecord>> batches = SinkWorkload.generate(shape, changes, keys, batch, 42);
        System.out.printf(Locale.ROOT, "%n== %s workload: %d records, %d distinct keys%n", shape, changes, SinkWorkload.distinctKeys(batches));
        for (int w = 0; w < warmup; w++) {
          String db = "bench_warmup_" + shape.name().toLowerCase(Locale.ROOT) + "_" + w;
          double s = only.equals("official") ? 0 : run(new SluiceMongoSinkTask(), sluiceProps(uri, db + "_sluice"), batches);
          double o = only.equals("sluice") ? 0 : run(new MongoSinkTask(), officialProps(uri, db + "_official"), batches);
          System.out.printf(Locale.ROOT, "warm-up %d (not counted): sluice %s, official %s%n", w + 1,
              warmupTime(!only.equals("official"), s), warmupTime(!only.equals("sluice"), o));
          client.getDatabase(db + "_sluice").drop();
          client.getDatabase(db + "_official").drop();
        }
        List<Double> sluice = new ArrayList<>();
        List<Double> official = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
          String sluiceDb = "bench_sluice_" + shape.name().toLowerCase(Locale.ROOT) + "_" + run;
          String officialDb = "bench_official_" + shape.name().toLowerCase(Locale.ROOT) + "_" + run;
          boolean sluiceFirst = run % 2 == 0;
          double s = 0;
          double o = 0;
          if (only.equals("sluice")) {
            s = run(new SluiceMongoSinkTask(), sluiceProps(uri, sluiceDb), batches);
            System.out.printf(Locale.ROOT, "run %d: sluice only %,.0f docs/s (%.2f s)%n", run + 1, changes / s, s);
            client.getDatabase(sluiceDb).drop();
            continue;
          }
          if (only.equals("official")) {
            o = run(new MongoSinkTask(), officialProps(uri, officialDb), batches);
            System.out.printf(Locale.ROOT, "run %d: official only %,.0f docs/s (%.2f s)%n", run + 1, changes / o, o);
            client.getDatabase(officialDb).drop();
            continue;
          }
          if (sluiceFirst) {
            s = run(new SluiceMongoSinkTask(), sluiceProps(uri, sluiceDb), batches);
            o = run(new MongoSinkTask(), officialProps(uri, officialDb), batches);
          } else {
            o = run(new MongoSinkTask(), officialProps(uri, officialDb), batches);
            s = run(new SluiceMongoSinkTask(), sluiceProps(uri, sluiceDb), batches);
          }
          String check = compare(client.getDatabase(sluiceDb).getCollection("orders", BsonDocument.class),
              client.getDatabase(officialDb).getCollection("orders", BsonDocument.class));
          sluice.add(changes / s);
          official.add(changes / o);
          System.out.printf(Locale.ROOT, "run %d (%s first): sluice %,.0f docs/s (%.2f s), official %,.0f docs/s (%.2f s), ratio %.2fx; %s; %s,"
              + " the official sink one write per record%n",
              run + 1, sluiceFirst ? "sluice" : "official", changes / s, s, changes / o, o, o / s, check, lastSluiceWrites);
          client.getDatabase(sluiceDb).drop();
          client.getDatabase(officialDb).drop();
        }
        if (sluice.isEmpty()) {
          continue;
        }
        double ms = median(sluice);
        double mo = median(official);
        System.out.printf(Locale.ROOT, "%s median: sluice %,.0f docs/s, official %,.0f docs/s, ratio %.2fx%n", shape, ms, mo, ms / mo);
      }
    } finally {
      if (server != null) {
        server.shutdownNow();
      }
      if (endpointJvm != null) {
        endpointJvm.close();
      }
    }
  }

  private static Map<String, String> sluiceProps(String uri, String database) {
    Map<String, String> p = new HashMap<>();
    p.put("name", "sluice-bench");
    p.put("topics", SinkWorkload.TOPIC);
    p.put("connection.uri", uri);
    p.put("database", database);
    p.put("collection", "orders");
    return p;
  }

  private static Map<String, String> officialProps(String uri, String database) {
    Map<String, String> p = new HashMap<>();
    p.put("name", "official-bench");
    p.put("topics", SinkWorkload.TOPIC);
    p.put("connection.uri", uri);
    p.put("database", database);
    p.put("collection", "orders");
    p.put("change.data.capture.handler", "com.mongodb.kafka.connect.sink.cdc.debezium.rdbms.mysql.MysqlHandler");
    return p;
  }

  /** Seconds from start() to the last put() returning, preCommit included. */
  private static double run(SinkTask task, Map<String, String> props, List<List<SinkRecord>> batches) {
    task.initialize(new BenchSinkTaskContext(props));
    long started = System.nanoTime();
    task.start(props);
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (List<SinkRecord> batch : batches) {
        task.put(batch);
        SinkRecord last = batch.get(batch.size() - 1);
        offsets.put(new TopicPartition(last.topic(), last.kafkaPartition()), new OffsetAndMetadata(last.kafkaOffset() + 1));
      }
      task.preCommit(offsets);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (task instanceof SluiceMongoSinkTask) {
        lastSluiceWrites = sluiceWrites();
      }
      return seconds;
    } finally {
      task.stop();
    }
  }

  private static String lastSluiceWrites = "";

  /** What the Sluice task's metrics say about its writes (read over JMX before stop() unregisters them). */
  private static String sluiceWrites() {
    try {
      javax.management.MBeanServer mbeans = java.lang.management.ManagementFactory.getPlatformMBeanServer();
      javax.management.ObjectName name = new javax.management.ObjectName(
          "dev.sluice:type=sink-mongo-task-metrics,connector=\"sluice-bench\",task=\"0\"");
      return String.format(Locale.ROOT, "sluice wrote %d documents for %d records in %d batch writes (compaction ratio %.2f)",
          (Long) mbeans.getAttribute(name, "ChangesWritten"), (Long) mbeans.getAttribute(name, "RecordsIn"),
          (Long) mbeans.getAttribute(name, "Batches"), (Double) mbeans.getAttribute(name, "CompactionRatio"));
    } catch (javax.management.JMException e) {
      return "sluice metrics unavailable: " + e;
    }
  }

  /** Both sinks must have written the same rows: same ids, same totals and statuses. */
  private static String compare(MongoCollection<BsonDocument> sluice, MongoCollection<BsonDocument> official) {
    Map<Long, String> a = new HashMap<>();
    for (BsonDocument d : sluice.find()) {
      a.put(d.getInt64("id").getValue(), fingerprint(d));
    }
    Map<Long, String> b = new HashMap<>();
    for (BsonDocument d : official.find()) {
      // The official Debezium handler keeps the key columns in a sub-document _id only.
      b.put(d.getDocument("_id").get("id").asNumber().longValue(), fingerprint(d));
    }
    if (!a.equals(b)) {
      throw new IllegalStateException("the sinks disagree: sluice wrote " + a.size() + " documents, the official sink " + b.size());
    }
    return "both hold the same " + a.size() + " documents";
  }

  private static String fingerprint(BsonDocument d) {
    Decimal128 total = d.get("total").isDecimal128() ? d.getDecimal128("total").getValue() : new Decimal128(new BigDecimal(d.get("total").toString()));
    return d.getString("status").getValue() + "|" + total + "|" + d.get("items").asNumber().intValue() + "|" + d.get("note");
  }

  private static String warmupTime(boolean ran, double seconds) {
    return ran ? String.format(Locale.ROOT, "%.2f s", seconds) : "not run";
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }
}
