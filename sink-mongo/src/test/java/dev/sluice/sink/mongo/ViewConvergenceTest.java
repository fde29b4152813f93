package dev.sluice.sink.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.Oplog;
import dev.sluice.sink.mongo.testsupport.AtomicMemoryBackend;
import dev.sluice.sink.mongo.testsupport.Shop;
import dev.sluice.sink.mongo.testsupport.SinkHarness;
import dev.sluice.sink.mongo.testsupport.TestMongo;
import dev.sluice.sink.mongo.testsupport.TestTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonArray;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The property behind "exact, replay-safe views": generated change streams over orders, their
 * embedded order_lines and composite-key customers (inserts, updates, deletes with tombstones,
 * foreign-key moves, primary-key changes, children before parents), consumed in many ways — in seq
 * order, parent topic first, child topic first, partitions interleaved at random with random
 * batches and task restarts, consumed twice with rewinds, and fully shuffled — always end in the
 * same collections, equal to a model that applies the changes in seq order.
 */
class ViewConvergenceTest {
  private static final int EVENTS = 400;
  private static final long[] SEEDS = {11, 2024, 77777};
  private static final long[] CONCURRENT_SEEDS = Long.getLong("sluice.concurrent.seeds", 6) > 0
      ? java.util.stream.LongStream.rangeClosed(1, Long.getLong("sluice.concurrent.seeds", 6)).map(i -> i * 7919).toArray() : new long[0];
  private static final long[] FAULT_SEEDS = java.util.stream.LongStream.rangeClosed(1, Long.getLong("sluice.fault.seeds", 3))
      .map(i -> i * 104_729).toArray();
  private static final int CONCURRENT_EVENTS = Integer.getInteger("sluice.concurrent.events", 1500);
  private static TestMongo mongo;

  @BeforeAll
  static void startMongo() {
    mongo = TestMongo.start();
  }

  @AfterAll
  static void stopMongo() {
    mongo.close();
  }

  @ParameterizedTest(name = "embed.parent.delete={0}")
  @ValueSource(strings = {"keep", "cascade"})
  void everyConsumptionOrderEndsInTheSameViewsEqualToTheModel(String parentDelete) {
    for (long seed : SEEDS) {
      History history = History.generate(new Random(seed), EVENTS);
      Map<String, List<BsonDocument>> expected = history.expectedViews(parentDelete.equals("cascade"));
      assertThat(expected.get("orders")).as("the generated history must exercise the views").hasSizeGreaterThan(3);

      Map<String, BiFunction<History, Random, List<List<SinkRecord>>>> deliveries = new LinkedHashMap<>();
      deliveries.put("in seq order", (h, r) -> batches(h.inSeqOrder(), r, 25));
      deliveries.put("parent topic first", (h, r) -> batches(h.topicsInOrder(Shop.ORDERS_TOPIC, Shop.CUSTOMERS_TOPIC, Shop.LINES_TOPIC), r, 40));
      deliveries.put("child topic first", (h, r) -> batches(h.topicsInOrder(Shop.LINES_TOPIC, Shop.CUSTOMERS_TOPIC, Shop.ORDERS_TOPIC), r, 40));
      deliveries.put("partitions interleaved at random", (h, r) -> batches(h.interleaved(r), r, 30));
      deliveries.put("consumed twice with rewinds", (h, r) -> batches(h.withRewinds(r), r, 30));
      deliveries.put("fully shuffled", (h, r) -> {
        List<SinkRecord> all = new ArrayList<>(h.inSeqOrder());
        Collections.shuffle(all, r);
        return batches(all, r, 30);
      });

      Map<String, Map<String, List<BsonDocument>>> results = new LinkedHashMap<>();
      for (Map.Entry<String, BiFunction<History, Random, List<List<SinkRecord>>>> delivery : deliveries.entrySet()) {
        Random random = new Random(seed * 31 + delivery.getKey().hashCode());
        try (SinkHarness sink = new SinkHarness(mongo, TestMongo.freshDatabase("converge"), Shop.embedLines(parentDelete))) {
          List<List<SinkRecord>> batches = delivery.getValue().apply(history, random);
          int restartAt = random.nextInt(batches.size());
          for (int i = 0; i < batches.size(); i++) {
            if (i == restartAt) {
              sink.restart();
            }
            sink.put(batches.get(i));
          }
          Map<String, List<BsonDocument>> views = views(sink);
          assertThat(sink.documents("order_lines")).isEmpty();
          results.put(delivery.getKey(), views);
          Map<String, List<BsonDocument>> actual = stripMeta(views);
          assertThat(actual).as("seed %d, %s: views equal to the model; differences: %s", seed, delivery.getKey(),
              diff(expected, actual)).isEqualTo(expected);
        }
      }
      Map<String, List<BsonDocument>> first = results.values().iterator().next();
      results.forEach((name, views) -> assertThat(views)
          .as("seed %d, %s: identical to the first delivery, metadata included", seed, name).isEqualTo(first));
    }
  }

  @ParameterizedTest(name = "embed.parent.delete={0}")
  @ValueSource(strings = {"keep", "cascade"})
  void twoTasksWritingAtTheSameTimeEndInTheModelViews(String parentDelete) throws Exception {
    // Two tasks as a Connect worker runs them: each owns some topic-partitions, both write the
    // same collections at once (a line's task and its order's task race on one document).
    try (TestMongo server = TestMongo.local(new AtomicMemoryBackend())) {
      for (long seed : CONCURRENT_SEEDS) {
        History history = History.generate(new Random(seed), CONCURRENT_EVENTS);
        Map<String, List<BsonDocument>> expected = history.expectedViews(parentDelete.equals("cascade"));
        String database = TestMongo.freshDatabase("tasks");
        Random random = new Random(seed);
        List<List<SinkRecord>> owned = splitBetweenTwoTasks(history.inSeqOrder());
        List<CompletableFuture<Void>> tasks = new ArrayList<>();
        for (List<SinkRecord> records : owned) {
          List<List<SinkRecord>> batches = batches(records, random, 20);
          tasks.add(CompletableFuture.runAsync(() -> {
            try (SinkHarness task = new SinkHarness(server, database, Shop.embedLines(parentDelete))) {
              batches.forEach(task::put);
            }
          }));
        }
        for (CompletableFuture<Void> task : tasks) {
          task.get();
        }
        try (SinkHarness reader = new SinkHarness(server, database, Shop.embedLines(parentDelete))) {
          Map<String, List<BsonDocument>> actual = stripMeta(views(reader));
          assertThat(actual).as("seed %d: views equal to the model; differences: %s", seed, diff(expected, actual)).isEqualTo(expected);
        }
      }
    }
  }

  @ParameterizedTest(name = "embed.parent.delete={0}, tasks={1}")
  @CsvSource({"keep,1", "cascade,1", "keep,2", "cascade,2"})
  void writesCutShortAtRandomEndInTheModelViews(String parentDelete, int tasks) throws Exception {
    // MongoDB fails updates and deletes at random, some before and some after applying them (a reply
    // lost with the connection). The sink retries; when it gives up, the batch is delivered again, at
    // times to a restarted task, as Connect does after a retriable error. With two tasks, each owns
    // some topic-partitions and both write at once.
    FaultyBackend backend = new FaultyBackend(4242);
    AtomicInteger redelivered = new AtomicInteger();
    try (TestMongo server = TestMongo.local(backend)) {
      for (long seed : FAULT_SEEDS) {
        History history = History.generate(new Random(seed), EVENTS);
        Map<String, List<BsonDocument>> expected = history.expectedViews(parentDelete.equals("cascade"));
        Map<String, String> props = new HashMap<>(Shop.embedLines(parentDelete));
        props.put("retry.max.attempts", "2");
        String database = TestMongo.freshDatabase("faults");
        Random random = new Random(seed * 17);
        List<SinkRecord> interleaved = history.interleaved(random);
        List<List<SinkRecord>> owned = tasks == 1 ? List.of(interleaved) : splitBetweenTwoTasks(interleaved);
        backend.armed.set(true);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int t = 0; t < owned.size(); t++) {
          Random taskRandom = new Random(seed * 31 + t);
          List<List<SinkRecord>> batches = batches(owned.get(t), taskRandom, 30);
          running.add(CompletableFuture.runAsync(() -> {
            try (SinkHarness sink = new SinkHarness(server, database, props)) {
              for (List<SinkRecord> batch : batches) {
                for (int attempt = 0; ; attempt++) {
                  assertThat(attempt).as("seed %d: a batch delivered again and again", seed).isLessThan(50);
                  try {
                    sink.put(batch);
                    break;
                  } catch (RetriableException e) {
                    redelivered.incrementAndGet();
                    if (taskRandom.nextBoolean()) {
                      sink.restart();
                    }
                  }
                }
              }
            }
          }));
        }
        for (CompletableFuture<Void> task : running) {
          task.get();
        }
        backend.armed.set(false);
        try (SinkHarness reader = new SinkHarness(server, database, props)) {
          Map<String, List<BsonDocument>> actual = stripMeta(views(reader));
          assertThat(actual).as("seed %d: views equal to the model after %d injected failures and %d redeliveries; differences: %s",
              seed, backend.injected.get(), redelivered.get(), diff(expected, actual)).isEqualTo(expected);
        }
      }
    }
    assertThat(backend.injected.get()).as("failures were injected").isGreaterThan(20);
    assertThat(redelivered.get()).as("some batches were delivered again").isPositive();
  }

  @ParameterizedTest(name = "embed.parent.delete={0}")
  @ValueSource(strings = {"keep", "cascade"})
  void theTaskDrivenAsAWorkerDrivesItThroughRandomWriteFailuresEndsInTheModelViews(String parentDelete) {
    // The whole task (compaction window, writer thread, offsets) driven as a Connect worker drives it:
    // a batch whose put() fails retriably is delivered again; a failed preCommit rewinds its partitions
    // to the committed offsets; now and then the task is stopped and a new one reads on from the
    // committed offsets. MongoDB fails writes at random throughout.
    FaultyBackend backend = new FaultyBackend(977);
    int redelivered = 0;
    int rewinds = 0;
    int restarts = 0;
    try (TestMongo server = TestMongo.local(backend)) {
      for (long seed : FAULT_SEEDS) {
        History history = History.generate(new Random(seed), CONCURRENT_EVENTS);
        Map<String, List<BsonDocument>> expected = history.expectedViews(parentDelete.equals("cascade"));
        Random random = new Random(seed * 13);
        Map<String, String> props = new HashMap<>(Shop.embedLines(parentDelete));
        props.put("name", "worker-driven");
        props.put("connection.uri", server.uri());
        props.put("database", TestMongo.freshDatabase("worker"));
        props.put("retry.max.attempts", "2");
        props.put("retry.backoff.initial.ms", "1");
        props.put("retry.backoff.max.ms", "2");
        Map<TopicPartition, List<SinkRecord>> partitions = new LinkedHashMap<>();
        history.partitions.values().forEach(records -> partitions.put(
            new TopicPartition(records.get(0).topic(), records.get(0).kafkaPartition()), records));
        Map<TopicPartition, Integer> committed = new HashMap<>();
        Map<TopicPartition, Integer> position = new HashMap<>();
        partitions.keySet().forEach(tp -> {
          committed.put(tp, 0);
          position.put(tp, 0);
        });
        SluiceMongoSinkTask task = startTask(props);
        backend.armed.set(true);
        try {
          for (int round = 0; !committed.equals(sizes(partitions)); round++) {
            assertThat(round).as("seed %d: the task makes progress", seed).isLessThan(20_000);
            if (round % 400 == 399) {
              // Late in the run the faults stop, so that the last offsets can be committed.
              backend.armed.set(round < 4_000);
            }
            List<SinkRecord> batch = poll(partitions, position, random, random.nextInt(4) == 0 ? 250 : 40);
            for (int attempt = 0; ; attempt++) {
              assertThat(attempt).as("seed %d: a batch delivered again and again", seed).isLessThan(200);
              try {
                task.put(batch);
                break;
              } catch (RetriableException e) {
                redelivered++;
              }
            }
            if (batch.isEmpty() || random.nextInt(5) == 0) {
              Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
              position.forEach((tp, p) -> current.put(tp, new OffsetAndMetadata(p)));
              try {
                task.preCommit(current).forEach((tp, o) -> committed.put(tp, (int) o.offset()));
              } catch (RetriableException e) {
                // Connect rewinds the partitions to their committed offsets and delivers again from there.
                rewinds++;
                position.putAll(committed);
              }
            }
            if (random.nextInt(60) == 0) {
              restarts++;
              task.stop();
              position.putAll(committed);
              task = startTask(props);
            }
          }
        } finally {
          task.stop();
          backend.armed.set(false);
        }
        try (SinkHarness reader = new SinkHarness(server, props.get("database"), props)) {
          Map<String, List<BsonDocument>> actual = stripMeta(views(reader));
          assertThat(actual).as("seed %d: views equal to the model after %d injected failures, %d redeliveries, %d rewinds and"
              + " %d restarts; differences: %s", seed, backend.injected.get(), redelivered, rewinds, restarts,
              diff(expected, actual)).isEqualTo(expected);
        }
      }
    }
    System.out.printf("[ViewConvergenceTest] worker-driven task, embed.parent.delete=%s: %d injected failures, %d batches delivered"
        + " again after a failed put, %d rewinds after a failed preCommit, %d task restarts%n", parentDelete, backend.injected.get(),
        redelivered, rewinds, restarts);
    assertThat(backend.injected.get()).as("failures were injected").isGreaterThan(20);
    assertThat(redelivered + rewinds).as("batches were delivered again").isPositive();
    assertThat(restarts).as("tasks were restarted").isPositive();
  }

  private static SluiceMongoSinkTask startTask(Map<String, String> props) {
    SluiceMongoSinkTask task = new SluiceMongoSinkTask();
    task.initialize(mock(SinkTaskContext.class));
    task.start(props);
    return task;
  }

  private static Map<TopicPartition, Integer> sizes(Map<TopicPartition, List<SinkRecord>> partitions) {
    Map<TopicPartition, Integer> sizes = new HashMap<>();
    partitions.forEach((tp, records) -> sizes.put(tp, records.size()));
    return sizes;
  }

  /** What one consumer poll returns: runs of records of partitions picked at random, from where each stands. */
  private static List<SinkRecord> poll(Map<TopicPartition, List<SinkRecord>> partitions, Map<TopicPartition, Integer> position,
      Random random, int max) {
    List<SinkRecord> batch = new ArrayList<>();
    int wanted = 1 + random.nextInt(max);
    List<TopicPartition> tps = new ArrayList<>(partitions.keySet());
    for (int tries = 0; batch.size() < wanted && tries < 4 * tps.size(); tries++) {
      TopicPartition tp = tps.get(random.nextInt(tps.size()));
      List<SinkRecord> records = partitions.get(tp);
      int from = position.get(tp);
      int to = Math.min(records.size(), from + 1 + random.nextInt(Math.max(1, wanted - batch.size())));
      batch.addAll(records.subList(from, to));
      position.put(tp, to);
    }
    return batch;
  }

  /** The records of each of two tasks, which own topic-partitions by hash, in the order given. */
  private static List<List<SinkRecord>> splitBetweenTwoTasks(List<SinkRecord> records) {
    List<List<SinkRecord>> owned = List.of(new ArrayList<>(), new ArrayList<>());
    for (SinkRecord r : records) {
      owned.get(Math.floorMod((r.topic() + "/" + r.kafkaPartition()).hashCode(), 2)).add(r);
    }
    return owned;
  }

  private static Map<String, List<BsonDocument>> views(SinkHarness reader) {
    Map<String, List<BsonDocument>> views = new TreeMap<>();
    views.put("orders", reader.documents("orders"));
    views.put("customers", reader.documents("customers"));
    return views;
  }

  /** mongo-java-server failing updates and deletes at random, before or after applying them, while armed. */
  private static final class FaultyBackend extends AtomicMemoryBackend {
    private final Random faults;
    final AtomicBoolean armed = new AtomicBoolean();
    final AtomicInteger injected = new AtomicInteger();

    FaultyBackend(long seed) {
      this.faults = new Random(seed);
    }

    @Override
    protected void beforeUpdate(MemoryCollection collection, Document update, ArrayFilters arrayFilters, Oplog oplog) {
      maybeFail();
    }

    @Override
    protected void beforeDelete(MemoryCollection collection, Document selector) {
      maybeFail();
    }

    @Override
    protected void afterWrite(MemoryCollection collection) {
      maybeFail();
    }

    private void maybeFail() {
      boolean fail;
      synchronized (faults) {
        fail = armed.get() && faults.nextInt(100) < 2;
      }
      if (fail) {
        injected.incrementAndGet();
        throw new MongoServerError(11600, "InterruptedAtShutdown", "interrupted at shutdown (injected)");
      }
    }
  }

  private static List<List<SinkRecord>> batches(List<SinkRecord> records, Random random, int maxBatch) {
    List<List<SinkRecord>> batches = new ArrayList<>();
    int i = 0;
    while (i < records.size()) {
      int n = 1 + random.nextInt(maxBatch);
      batches.add(new ArrayList<>(records.subList(i, Math.min(records.size(), i + n))));
      i += n;
    }
    return batches;
  }

  /** The documents that differ, for failure messages. */
  static String diff(Map<String, List<BsonDocument>> expected, Map<String, List<BsonDocument>> actual) {
    StringBuilder out = new StringBuilder();
    expected.forEach((name, docs) -> {
      Map<BsonValue, BsonDocument> want = new LinkedHashMap<>();
      docs.forEach(d -> want.put(d.get("_id"), d));
      Map<BsonValue, BsonDocument> got = new LinkedHashMap<>();
      actual.getOrDefault(name, List.of()).forEach(d -> got.put(d.get("_id"), d));
      java.util.Set<BsonValue> ids = new java.util.LinkedHashSet<>(want.keySet());
      ids.addAll(got.keySet());
      for (BsonValue id : ids) {
        if (!java.util.Objects.equals(want.get(id), got.get(id))) {
          out.append(String.format("%n  %s %s: expected %s%n      actual %s", name, id,
              want.get(id) == null ? null : want.get(id).toJson(), got.get(id) == null ? null : got.get(id).toJson()));
        }
      }
    });
    return out.toString();
  }

  private static Map<String, List<BsonDocument>> stripMeta(Map<String, List<BsonDocument>> views) {
    Map<String, List<BsonDocument>> stripped = new TreeMap<>();
    views.forEach((name, docs) -> {
      List<BsonDocument> out = new ArrayList<>();
      for (BsonDocument doc : docs) {
        BsonDocument copy = doc.clone();
        copy.remove("_sluice");
        if (copy.containsKey("lines")) {
          BsonArray elements = new BsonArray();
          for (BsonValue e : copy.getArray("lines")) {
            BsonDocument element = e.asDocument().clone();
            element.remove("_sluice");
            elements.add(element);
          }
          copy.put("lines", elements);
        }
        out.add(copy);
      }
      stripped.put(name, out);
    });
    return stripped;
  }

  /** A generated history: the records of each topic-partition, and the final source state. */
  static final class History {
    private final TestTable orders = Shop.orders();
    private final TestTable lines0 = Shop.lines().onPartition(0);
    private final TestTable lines1 = Shop.lines().onPartition(1);
    private final TestTable customers = Shop.customers();
    private final Map<String, List<SinkRecord>> partitions = new LinkedHashMap<>();
    private final List<SinkRecord> bySeq = new ArrayList<>();
    private final Map<Long, Struct> orderRows = new TreeMap<>();
    private final Map<Long, Long> orderDeletedAt = new HashMap<>();
    private final Map<Long, Struct> lineRows = new TreeMap<>();
    private final Map<Long, Long> lineSeq = new HashMap<>();
    private final Map<String, Struct> customerRows = new TreeMap<>();
    private long seq;

    static History generate(Random random, int events) {
      History h = new History();
      for (int i = 0; i < events; i++) {
        int table = random.nextInt(10);
        if (table < 3) {
          h.orderEvent(random);
        } else if (table < 8) {
          h.lineEvent(random);
        } else {
          h.customerEvent(random);
        }
      }
      return h;
    }

    private void add(SinkRecord... records) {
      for (SinkRecord r : records) {
        partitions.computeIfAbsent(r.topic() + "/" + r.kafkaPartition(), k -> new ArrayList<>()).add(r);
        bySeq.add(r);
      }
    }

    private long offset(String topic, int partition) {
      return partitions.getOrDefault(topic + "/" + partition, List.of()).size();
    }

    private void orderEvent(Random random) {
      long id = 1 + random.nextInt(8);
      Struct current = orderRows.get(id);
      long s = ++seq;
      long off = offset(Shop.ORDERS_TOPIC, 0);
      if (current == null) {
        Struct row = Shop.order(orders, id, "c" + random.nextInt(5), random.nextInt(1000) + ".50");
        orderRows.put(id, row);
        add(orders.insert(off, s, row));
      } else if (random.nextInt(10) < 6) {
        Struct row = orders.row("id", id, "customer", current.get("customer"), "total", new BigDecimal(random.nextInt(1000) + ".25"),
            "status", random.nextBoolean() ? "paid" : "shipped");
        orderRows.put(id, row);
        add(orders.update(off, s, current, row));
      } else {
        orderRows.remove(id);
        orderDeletedAt.put(id, s);
        add(orders.delete(off, s, current), orders.tombstone(off + 1, current));
      }
    }

    private TestTable linesFor(long lineId) {
      return lineId % 2 == 0 ? lines0 : lines1;
    }

    private void lineEvent(Random random) {
      long id = 1 + random.nextInt(25);
      Struct current = lineRows.get(id);
      long s = ++seq;
      TestTable t = linesFor(id);
      long off = offset(Shop.LINES_TOPIC, id % 2 == 0 ? 0 : 1);
      if (current == null) {
        Long parent = random.nextInt(12) == 0 ? null : (long) (1 + random.nextInt(10));
        Struct row = Shop.line(t, id, parent, "sku" + random.nextInt(9), 1 + random.nextInt(5));
        lineRows.put(id, row);
        lineSeq.put(id, s);
        add(t.insert(off, s, row));
        return;
      }
      int what = random.nextInt(20);
      if (what < 9) {
        Struct row = Shop.line(t, id, (Long) current.get("order_id"), current.getString("sku"), 1 + random.nextInt(9));
        lineRows.put(id, row);
        lineSeq.put(id, s);
        add(t.update(off, s, current, row));
      } else if (what < 14) {
        Long parent = random.nextInt(6) == 0 ? null : (long) (1 + random.nextInt(10));
        Struct row = Shop.line(t, id, parent, current.getString("sku"), current.getInt32("qty"));
        lineRows.put(id, row);
        lineSeq.put(id, s);
        add(t.update(off, s, current, row));
      } else if (what < 16) {
        long newId = 26 + random.nextInt(10);
        if (lineRows.containsKey(newId)) {
          return;
        }
        // A primary-key change: one 'u' event on the new key's partition, keyed by the new key.
        TestTable nt = linesFor(newId);
        Struct row = Shop.line(nt, newId, (Long) current.get("order_id"), current.getString("sku"), current.getInt32("qty"));
        lineRows.remove(id);
        lineSeq.put(id, s);
        lineRows.put(newId, row);
        lineSeq.put(newId, s);
        Struct before = Shop.line(nt, id, (Long) current.get("order_id"), current.getString("sku"), current.getInt32("qty"));
        add(nt.update(offset(Shop.LINES_TOPIC, newId % 2 == 0 ? 0 : 1), s, before, row));
      } else {
        lineRows.remove(id);
        lineSeq.put(id, s);
        add(t.delete(off, s, current), t.tombstone(off + 1, current));
      }
    }

    private void customerEvent(Random random) {
      String region = random.nextBoolean() ? "eu" : "us";
      int id = 1 + random.nextInt(5);
      String key = region + "/" + id;
      Struct current = customerRows.get(key);
      long s = ++seq;
      long off = offset(Shop.CUSTOMERS_TOPIC, 0);
      if (current == null || random.nextInt(10) < 6) {
        Struct row = customers.row("region", region, "id", id, "name", "n" + random.nextInt(100),
            "since", new java.util.Date(1_700_000_000_000L + random.nextInt(1_000_000)));
        customerRows.put(key, row);
        add(current == null ? customers.insert(off, s, row) : customers.update(off, s, current, row));
      } else {
        customerRows.remove(key);
        add(customers.delete(off, s, current), customers.tombstone(off + 1, current));
      }
    }

    List<SinkRecord> inSeqOrder() {
      return bySeq;
    }

    List<SinkRecord> topicsInOrder(String... topics) {
      List<SinkRecord> all = new ArrayList<>();
      for (String topic : topics) {
        partitions.forEach((tp, records) -> {
          if (tp.startsWith(topic + "/")) {
            all.addAll(records);
          }
        });
      }
      return all;
    }

    /** Partitions merged at random, each in its own order (what a consumer of several partitions sees). */
    List<SinkRecord> interleaved(Random random) {
      List<List<SinkRecord>> queues = new ArrayList<>();
      partitions.values().forEach(p -> queues.add(new ArrayList<>(p)));
      List<SinkRecord> out = new ArrayList<>();
      int[] next = new int[queues.size()];
      while (true) {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < queues.size(); i++) {
          if (next[i] < queues.get(i).size()) {
            open.add(i);
          }
        }
        if (open.isEmpty()) {
          return out;
        }
        int q = open.get(random.nextInt(open.size()));
        int run = 1 + random.nextInt(15);
        for (int k = 0; k < run && next[q] < queues.get(q).size(); k++) {
          out.add(queues.get(q).get(next[q]++));
        }
      }
    }

    /** Interleaved, with partitions rewound to earlier offsets now and then, then the whole history again. */
    List<SinkRecord> withRewinds(Random random) {
      List<SinkRecord> first = interleaved(random);
      List<SinkRecord> out = new ArrayList<>();
      for (int i = 0; i < first.size(); i++) {
        out.add(first.get(i));
        if (random.nextInt(60) == 0) {
          SinkRecord at = first.get(i);
          List<SinkRecord> partition = partitions.get(at.topic() + "/" + at.kafkaPartition());
          int from = Math.max(0, (int) at.kafkaOffset() - 1 - random.nextInt(40));
          out.addAll(partition.subList(from, (int) at.kafkaOffset() + 1));
        }
      }
      out.addAll(interleaved(random));
      return out;
    }

    /** The views the sink must end with, by applying the final source state. */
    Map<String, List<BsonDocument>> expectedViews(boolean cascade) {
      Map<Long, List<Struct>> children = new TreeMap<>();
      lineRows.forEach((id, row) -> {
        Long parent = (Long) row.get("order_id");
        if (parent == null) {
          return;
        }
        Long deletedAt = orderDeletedAt.get(parent);
        if (cascade && deletedAt != null && lineSeq.get(id) < deletedAt) {
          return;
        }
        children.computeIfAbsent(parent, p -> new ArrayList<>()).add(row);
      });
      List<BsonDocument> orderDocs = new ArrayList<>();
      java.util.TreeSet<Long> ids = new java.util.TreeSet<>(orderRows.keySet());
      ids.addAll(children.keySet());
      for (long id : ids) {
        BsonDocument doc = new BsonDocument("_id", new BsonInt64(id));
        Struct row = orderRows.get(id);
        if (row != null) {
          doc.put("id", new BsonInt64(id));
          doc.put("customer", new BsonString(row.getString("customer")));
          doc.put("total", new BsonDecimal128(new Decimal128((BigDecimal) row.get("total"))));
          doc.put("status", new BsonString(row.getString("status")));
        }
        List<Struct> kids = children.getOrDefault(id, List.of());
        if (row != null || !kids.isEmpty()) {
          BsonArray elements = new BsonArray();
          kids.stream().sorted(Comparator.comparingLong(k -> k.getInt64("line_id"))).forEach(k -> elements.add(
              new BsonDocument("line_id", new BsonInt64(k.getInt64("line_id")))
                  .append("order_id", new BsonInt64((Long) k.get("order_id")))
                  .append("sku", k.getString("sku") == null ? BsonNull.VALUE : new BsonString(k.getString("sku")))
                  .append("qty", new BsonInt32(k.getInt32("qty")))));
          doc.put("lines", elements);
          orderDocs.add(doc);
        }
      }
      List<BsonDocument> customerDocs = new ArrayList<>();
      customerRows.values().stream()
          .sorted(Comparator.comparing((Struct c) -> c.getString("region")).thenComparing(c -> c.getInt32("id")))
          .forEach(c -> customerDocs.add(new BsonDocument("_id",
              new BsonDocument("region", new BsonString(c.getString("region"))).append("id", new BsonInt32(c.getInt32("id"))))
              .append("region", new BsonString(c.getString("region")))
              .append("id", new BsonInt32(c.getInt32("id")))
              .append("name", new BsonString(c.getString("name")))
              .append("since", new org.bson.BsonDateTime(((java.util.Date) c.get("since")).getTime()))));
      Map<String, List<BsonDocument>> views = new TreeMap<>();
      views.put("orders", orderDocs);
      views.put("customers", customerDocs);
      return views;
    }
  }
}
