package dev.sluice.sink.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.sluice.sink.mongo.testsupport.Shop;
import dev.sluice.sink.mongo.testsupport.SinkHarness.MutableClock;
import dev.sluice.sink.mongo.testsupport.TestMongo;
import dev.sluice.sink.mongo.testsupport.TestTable;
import dev.sluice.sink.mongo.view.ChangeParser;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The task's compaction window and its writer thread, driven as a Connect worker drives them (put,
 * preCommit, close, stop, redelivery after RetriableException) against a real in-process MongoDB
 * server. What the collection holds is read after {@code awaitWrite()}, so that a window handed to
 * the writer shows as written and a held one as not written, whatever the timing.
 */
class CompactionWindowTaskTest {
  private static final TopicPartition TP0 = new TopicPartition(Shop.ORDERS_TOPIC, 0);
  private static final TopicPartition TP1 = new TopicPartition(Shop.ORDERS_TOPIC, 1);
  /** The smallest put() that can count as a backlog, and so be held. */
  private static final int B = CompactionWindow.BACKLOG_BATCH_MIN;

  private TestMongo mongo;
  private final TestTable orders = Shop.orders();
  private final TestTable orders1 = Shop.orders().onPartition(1);
  private final SinkTaskContext context = mock(SinkTaskContext.class);
  private final ErrantRecordReporter reporter = mock(ErrantRecordReporter.class);
  private final List<SinkRecord> reported = new ArrayList<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final SluiceMongoSinkTask task = new SluiceMongoSinkTask(clock);
  private String database;

  @BeforeEach
  void setUp() {
    mongo = TestMongo.start();
    database = TestMongo.freshDatabase("window");
    when(reporter.report(any(), any())).thenAnswer(inv -> {
      reported.add(inv.getArgument(0));
      return CompletableFuture.completedFuture(null);
    });
    when(context.errantRecordReporter()).thenReturn(reporter);
    task.initialize(context);
  }

  @AfterEach
  void tearDown() {
    task.stop();
    mongo.close();
  }

  private void start(String... kv) {
    task.start(props(kv));
  }

  private Map<String, String> props(String... kv) {
    Map<String, String> props = new HashMap<>();
    props.put("name", "window-view");
    props.put("connection.uri", mongo.uri());
    props.put("database", database);
    props.put("retry.max.attempts", "2");
    props.put("retry.backoff.initial.ms", "10");
    props.put("retry.backoff.max.ms", "20");
    for (int i = 0; i < kv.length; i += 2) {
      props.put(kv[i], kv[i + 1]);
    }
    return props;
  }

  /** What the window estimates for {@code records}: each record with the changes the task parses from it. */
  private long heap(List<SinkRecord> records) {
    SluiceMongoSinkConfig config = new SluiceMongoSinkConfig(props());
    ChangeParser parser = new ChangeParser(config.topicConfig(Shop.ORDERS_TOPIC), EmbedRegistry.from(config).forTopic(Shop.ORDERS_TOPIC));
    return records.stream().mapToLong(r -> RecordHeap.estimate(new ViewSink.Parsed(r, parser.parse(r, 0), null))).sum();
  }

  private SinkRecord order(TestTable table, long offset, long id, String total) {
    return table.insert(offset, 1_000 + offset, Shop.order(table, id, "c" + id, total));
  }

  /** {@code n} inserts of ids {@code firstId...} at offsets {@code fromOffset...}, seq = 1000 + offset. */
  private List<SinkRecord> orders(TestTable table, long fromOffset, long firstId, int n, String total) {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(order(table, fromOffset + i, firstId + i, total));
    }
    return records;
  }

  private static List<SinkRecord> concat(List<SinkRecord> a, List<SinkRecord> b) {
    List<SinkRecord> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<Long> range(long from, long to) {
    return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
  }

  private List<BsonDocument> documents() {
    task.awaitWrite();
    return mongo.database(database).getCollection("orders", BsonDocument.class).find().sort(new BsonDocument("_id", new BsonInt64(1)))
        .into(new ArrayList<>());
  }

  private List<Long> ids() {
    return documents().stream().map(d -> d.getInt64("_id").getValue()).toList();
  }

  private Object metric(String attribute) throws Exception {
    return ManagementFactory.getPlatformMBeanServer().getAttribute(
        new ObjectName("dev.sluice:type=sink-mongo-task-metrics,connector=\"window-view\",task=\"0\""), attribute);
  }

  private static Map<TopicPartition, OffsetAndMetadata> offsets(Object... tpAndOffset) {
    Map<TopicPartition, OffsetAndMetadata> map = new HashMap<>();
    for (int i = 0; i < tpAndOffset.length; i += 2) {
      map.put((TopicPartition) tpAndOffset[i], new OffsetAndMetadata((Long) tpAndOffset[i + 1]));
    }
    return map;
  }

  @Test
  void changesOfOneKeyInSeveralPutsCostOneWriteAtTheNextCommitAndAreNotCommittableBefore() throws Exception {
    start();
    task.put(orders(orders, 0, 1, B, "1"));
    task.put(orders(orders, B, 1, B, "2"));
    task.put(orders(orders, 2 * B, 1, B, "3"));

    assertThat(documents()).as("held, not written yet").isEmpty();
    assertThat(metric("BufferedRecords")).as("the newest change of each key; the older ones are released").isEqualTo((long) B);
    verify(context, atLeastOnce()).timeout(1_000L);

    assertThat(task.preCommit(offsets(TP0, 3L * B))).isEqualTo(offsets(TP0, 3L * B));
    assertThat(ids()).isEqualTo(range(1, B));
    assertThat(documents()).allSatisfy(d -> assertThat(d.get("total").asDecimal128().getValue().bigDecimalValue()).isEqualByComparingTo("3"));
    assertThat(metric("ChangesWritten")).isEqualTo((long) B);
    assertThat(metric("Compacted")).isEqualTo(2L * B);
    assertThat(metric("BufferedRecords")).isEqualTo(0L);
  }

  @Test
  void aPutSmallerThanTheLargestSoFarMeansCaughtUpAndWritesAtOnce() {
    start();
    task.put(orders(orders, 0, 1, B + 1, "1"));
    assertThat(documents()).isEmpty();
    task.put(orders(orders, B + 1, B + 2, B, "1"));
    assertThat(ids()).isEqualTo(range(1, 2L * B + 1));
  }

  @Test
  void aPutOfFewerThanTheBacklogMinimumIsWrittenAtOnceAsATrickleAtTheEndOfTheLog() {
    start();
    task.put(orders(orders, 0, 1, 1, "1"));
    assertThat(ids()).containsExactly(1L);
    task.put(orders(orders, 1, 2, B - 1, "1"));
    assertThat(ids()).isEqualTo(range(1, B));
  }

  @Test
  void anEmptyPutAfterRecordsMeansCaughtUpAndWritesAtOnce() {
    start();
    task.put(orders(orders, 0, 1, B, "1"));
    assertThat(documents()).isEmpty();
    task.put(List.of());
    assertThat(ids()).isEqualTo(range(1, B));
  }

  @Test
  void aFullWindowIsHandedToTheWriterInsidePutAndConnectIsAskedBackSoon() {
    start("compaction.window.records", String.valueOf(B + B / 2));
    task.put(orders(orders, 0, 1, B, "1"));
    assertThat(documents()).isEmpty();
    task.put(orders(orders, B, B + 1, B, "1"));
    // Even when no records come, put() is called again soon to complete the write (offsets, records released).
    verify(context).timeout(200L);
    assertThat(ids()).isEqualTo(range(1, 2L * B));
  }

  @Test
  void aWindowFullByItsEstimatedHeapIsWrittenInsidePutAndItsBytesAreAMetric() throws Exception {
    List<SinkRecord> first = orders(orders, 0, 1, B, "1");
    long firstBytes = heap(first);
    start("compaction.window.bytes", String.valueOf(firstBytes + firstBytes / 2));
    task.put(first);
    assertThat(documents()).isEmpty();
    assertThat((Long) metric("BufferedBytes")).as("sampled, so about the sum").isCloseTo(firstBytes, withinPercentage(5));
    task.put(orders(orders, B, B + 1, B, "1"));
    assertThat(ids()).as("far fewer records than compaction.window.records, but more bytes than allowed").isEqualTo(range(1, 2L * B));
    assertThat(metric("BufferedBytes")).isEqualTo(0L);
  }

  @Test
  void theOldestRecordWaitsNoLongerThanTheWindowTime() {
    start("compaction.window.ms", "500");
    task.put(orders(orders, 0, 1, B, "1"));
    verify(context).timeout(500L);
    clock.advance(Duration.ofMillis(200));
    task.put(orders(orders, B, B + 1, B, "1"));
    assertThat(documents()).isEmpty();
    verify(context).timeout(300L);
    clock.advance(Duration.ofMillis(300));
    task.put(orders(orders, 2 * B, 2 * B + 1, B, "1"));
    assertThat(ids()).isEqualTo(range(1, 3L * B));
  }

  @Test
  void aWindowOfZeroRecordsZeroMillisecondsOrZeroBytesWritesEveryPut() {
    start("compaction.window.records", "0");
    task.put(orders(orders, 0, 1, B, "1"));
    assertThat(ids()).isEqualTo(range(1, B));
    task.stop();
    start("compaction.window.ms", "0");
    task.put(orders(orders, B, B + 1, B, "1"));
    assertThat(ids()).isEqualTo(range(1, 2L * B));
    task.stop();
    start("compaction.window.bytes", "0");
    task.put(orders(orders, 2 * B, 2 * B + 1, B, "1"));
    assertThat(ids()).isEqualTo(range(1, 3L * B));
  }

  @Test
  void aWriteThatFailsInFlightPutsItsRecordsBackInFrontAndThePutThatFindsItThrowsWithoutHoldingItsBatch() throws Exception {
    Assumptions.assumeTrue(mongo.isLocal(), "needs the in-process server to stop it; SLUICE_MONGODB_URI points at an external MongoDB");
    start("compaction.window.records", String.valueOf(2 * B));
    List<SinkRecord> first = orders(orders, 0, 1, B, "1");
    task.put(first);
    mongo.stopServer();
    List<SinkRecord> second = orders(orders, B, B + 1, B, "1");
    task.put(second);
    assertThat(metric("BufferedRecords")).as("handed to the writer, not acknowledged").isEqualTo(2L * B);

    // Smaller than the largest put so far: caught up, so the window is due and the failed write is waited for.
    List<SinkRecord> third = orders(orders, 2 * B, 2 * B + 1, B - 1, "1");
    assertThatThrownBy(() -> task.put(third)).isInstanceOf(RetriableException.class);
    assertThat(metric("BufferedRecords")).as("the failed write's records, once; not the third put()'s").isEqualTo(2L * B);
    assertThat((Long) metric("BufferedBytes")).isCloseTo(heap(concat(first, second)), withinPercentage(5));
    verify(context).timeout(20L);

    mongo.restart();
    task.put(third);

    assertThat(ids()).as("the failed write's records were kept and written with the redelivered batch").isEqualTo(range(1, 3L * B - 1));
    assertThat(metric("Compacted")).as("nothing was held twice").isEqualTo(0L);
    assertThat(metric("RecordsIn")).as("each record counted once").isEqualTo(3L * B - 1);
    assertThat(task.preCommit(offsets(TP0, 3L * B - 1))).isEqualTo(offsets(TP0, 3L * B - 1));
  }

  @Test
  void aWriteFoundFailedAtTheStartOfAPutIsThrownBeforeTheBatchIsHeld() throws Exception {
    Assumptions.assumeTrue(mongo.isLocal(), "needs the in-process server to stop it; SLUICE_MONGODB_URI points at an external MongoDB");
    start("compaction.window.records", String.valueOf(B));
    mongo.stopServer();
    task.put(orders(orders, 0, 1, B, "1"));
    List<SinkRecord> next = orders(orders, B, B + 1, B, "1");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    RetriableException thrown = null;
    while (thrown == null && System.nanoTime() < deadline) {
      try {
        task.put(List.of());
        Thread.sleep(5);
      } catch (RetriableException e) {
        thrown = e;
      }
    }
    assertThat(thrown).as("the failed write surfaces in a put()").isNotNull();
    assertThat(metric("BufferedRecords")).isEqualTo((long) B);

    mongo.restart();
    task.put(next);
    assertThat(task.preCommit(offsets(TP0, 2L * B))).isEqualTo(offsets(TP0, 2L * B));
    assertThat(ids()).isEqualTo(range(1, 2L * B));
  }

  @Test
  void writesInFlightKeepTheOrderOfTheChangesOfAKey() throws Exception {
    // Every window is full at once: the next one is parsed while the previous one is written.
    start("compaction.window.records", String.valueOf(B));
    for (int round = 1; round <= 5; round++) {
      task.put(orders(orders, (round - 1) * B, 1, B, String.valueOf(round)));
    }
    assertThat(task.preCommit(offsets(TP0, 5L * B))).isEqualTo(offsets(TP0, 5L * B));
    assertThat(documents()).hasSize(B).allSatisfy(d -> assertThat(d.get("total").asDecimal128().getValue().bigDecimalValue())
        .isEqualByComparingTo("5"));
    assertThat(metric("SkippedStale")).as("no older change of a key was written after a newer one").isEqualTo(0L);
    assertThat(metric("WritesReplace")).isEqualTo(5L * B);
    assertThat(metric("Batches")).isEqualTo(5L);
  }

  @Test
  void aFailedWriteInPreCommitDropsTheHeldRecordsOfItsPartitionsWhichConnectDeliversAgain() throws Exception {
    Assumptions.assumeTrue(mongo.isLocal(), "needs the in-process server to stop it; SLUICE_MONGODB_URI points at an external MongoDB");
    int half = B / 2;
    start();
    task.put(concat(orders(orders, 0, 1, half, "1"), orders(orders1, 0, 1_001, half, "1")));
    assertThat(task.preCommit(offsets(TP0, (long) half, TP1, (long) half))).isEqualTo(offsets(TP0, (long) half, TP1, (long) half));
    task.put(concat(orders(orders, half, 101, half, "1"), orders(orders1, half, 1_101, half, "1")));
    mongo.stopServer();

    // Closing TP0 for a rebalance: Connect asks about it alone, and leaves TP1 where it is.
    assertThatThrownBy(() -> task.preCommit(offsets(TP0, (long) B))).isInstanceOf(RetriableException.class);
    assertThat(metric("BufferedRecords")).as("TP1's records are not delivered again: they stay").isEqualTo((long) half);

    mongo.restart();
    Map<TopicPartition, OffsetAndMetadata> committable = task.preCommit(offsets(TP0, (long) B, TP1, (long) B));
    assertThat(committable).as("TP0 only up to what MongoDB acknowledged; TP1 written now")
        .isEqualTo(offsets(TP0, (long) half, TP1, (long) B));
    assertThat(ids()).as("the restarted server lost the first writes; TP0's held records were dropped, not written")
        .isEqualTo(range(1_101, 1_100 + half));
  }

  @Test
  void closeDropsTheHeldRecordsOfTheClosedPartitionsOnly() throws Exception {
    int half = B / 2;
    start();
    List<SinkRecord> kept = orders(orders1, 0, 1_001, half, "1");
    task.put(concat(orders(orders, 0, 1, half, "1"), kept));
    task.close(List.of(TP0));
    assertThat(metric("BufferedRecords")).isEqualTo((long) half);
    assertThat((Long) metric("BufferedBytes")).isCloseTo(heap(kept), withinPercentage(5));
    assertThat(task.preCommit(offsets(TP1, (long) half))).isEqualTo(offsets(TP1, (long) half));
    assertThat(ids()).isEqualTo(range(1_001, 1_000 + half));
  }

  @Test
  void closeWaitsForTheWriteInFlightAndKeepsTheRecordsOfOpenPartitionsOfAFailedOne() throws Exception {
    Assumptions.assumeTrue(mongo.isLocal(), "needs the in-process server to stop it; SLUICE_MONGODB_URI points at an external MongoDB");
    int half = B / 2;
    start("compaction.window.records", String.valueOf(B));
    mongo.stopServer();
    task.put(concat(orders(orders, 0, 1, half, "1"), orders(orders1, 0, 1_001, half, "1")));

    task.close(List.of(TP0));
    assertThat(metric("BufferedRecords")).as("TP1's records of the failed write are held again; TP0's are its next owner's")
        .isEqualTo((long) half);

    mongo.restart();
    assertThat(task.preCommit(offsets(TP1, (long) half))).isEqualTo(offsets(TP1, (long) half));
    assertThat(ids()).isEqualTo(range(1_001, 1_000 + half));
  }

  @Test
  void aRecordMongoDbRefusesInTheWriteInFlightFailsTheNextPutNamingTopicPartitionOffset() {
    start("compaction.window.records", String.valueOf(B));
    List<SinkRecord> batch = orders(orders, 0, 1, B, "1");
    Struct huge = orders.row("id", 7L, "customer", "x".repeat(17_000_000), "status", "new");
    batch.set(6, orders.insert(6, 1_006, huge));
    task.put(batch);

    assertThatThrownBy(() -> task.put(orders(orders, B, B + 1, B, "1"))).isInstanceOf(ConnectException.class)
        .isNotInstanceOf(RetriableException.class)
        .hasMessageContaining("topic=" + Shop.ORDERS_TOPIC + " partition=0 offset=6");
    assertThatThrownBy(() -> task.preCommit(offsets(TP0, 2L * B))).as("the refused record is held, never committed")
        .isInstanceOf(ConnectException.class).hasMessageContaining("offset=6");
  }

  @Test
  void whenMongoDbRefusesTheNewestChangeOfAKeyTheChangeItReleasedIsNotWrittenInsteadAndTheDocumentKeepsItsLastState() throws Exception {
    start("errors.tolerance", "all");
    List<SinkRecord> batch = orders(orders, 0, 1, B - 1, "1");
    Struct huge = orders.row("id", 1L, "customer", "x".repeat(17_000_000), "status", "new", "total", new java.math.BigDecimal("2"));
    SinkRecord refused = orders.update(B - 1, 1_000 + B - 1, Shop.order(orders, 1, "c1", "1"), huge);
    batch.add(refused);
    task.put(batch);
    assertThat(metric("BufferedRecords")).as("the insert of key 1 is released by its update").isEqualTo(B - 1L);

    assertThat(task.preCommit(offsets(TP0, (long) B))).as("the refused record went to the dead letter queue")
        .isEqualTo(offsets(TP0, (long) B));
    assertThat(reported).containsExactly(refused);
    assertThat(ids()).as("key 1 keeps its last written state: none; the other keys are written").isEqualTo(range(2, B - 1));
    assertThat(metric("Compacted")).isEqualTo(1L);
    assertThat(metric("RecordsIn")).isEqualTo((long) B);
  }

  @Test
  void stopInterruptsTheWriteInFlightAndCommitsNothingOfIt() {
    start("compaction.window.records", String.valueOf(B));
    task.put(orders(orders, 0, 1, B, "1"));
    long started = System.nanoTime();
    task.stop();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    start();
    assertThat(task.preCommit(offsets(TP0, (long) B))).isEmpty();
  }

  @Test
  void stopDropsHeldRecordsWithoutWritingOrCommittingThem() {
    start();
    task.put(orders(orders, 0, 1, B, "1"));
    task.stop();
    assertThat(documents()).isEmpty();
    start();
    assertThat(task.preCommit(offsets(TP0, (long) B))).isEmpty();
  }

  private SinkRecord malformed(long offset) {
    SinkRecord good = order(orders, offset, 99, "1");
    Struct noAfter = new Struct(good.valueSchema()).put("source", ((Struct) good.value()).getStruct("source")).put("op", "c");
    return new SinkRecord(good.topic(), 0, good.keySchema(), good.key(), good.valueSchema(), noAfter, offset);
  }

  /** A backlog-sized batch whose record at offset 1 has no 'after'. */
  private List<SinkRecord> batchWithPoisonAtOffsetOne() {
    List<SinkRecord> batch = orders(orders, 0, 1, B, "1");
    batch.set(1, malformed(1));
    return batch;
  }

  @Test
  void withToleranceAllAHeldPoisonRecordGoesToTheReporterAloneWhenTheWindowIsWritten() {
    start("errors.tolerance", "all");
    List<SinkRecord> batch = batchWithPoisonAtOffsetOne();
    task.put(batch);
    verify(reporter, never()).report(any(), any());

    assertThat(task.preCommit(offsets(TP0, (long) B))).isEqualTo(offsets(TP0, (long) B));
    assertThat(reported).containsExactly(batch.get(1));
    assertThat(ids()).hasSize(B - 1).contains(1L, 3L).doesNotContain(2L);
  }

  @Test
  void withoutToleranceAHeldPoisonRecordFailsTheCommitAndThenTheTaskNamingTopicPartitionOffset() {
    start();
    task.put(batchWithPoisonAtOffsetOne());

    assertThatThrownBy(() -> task.preCommit(offsets(TP0, (long) B))).isInstanceOf(ConnectException.class)
        .isNotInstanceOf(RetriableException.class)
        .hasMessageContaining("topic=" + Shop.ORDERS_TOPIC + " partition=0 offset=1");
    // Connect only logs a failed commit: the next put() fails the task.
    assertThatThrownBy(() -> task.put(List.of(order(orders, 0, 1, "1")))).isInstanceOf(ConnectException.class)
        .isNotInstanceOf(RetriableException.class)
        .hasMessageContaining("topic=" + Shop.ORDERS_TOPIC + " partition=0 offset=1");
    assertThat(task.preCommit(offsets(TP0, (long) B))).as("nothing of that batch is committable").isEmpty();
  }
}
