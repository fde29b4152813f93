package dev.sluice.source.mysql.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.TransactionContext;
import org.junit.jupiter.api.Test;

/** Where the queue between the binlog thread and poll() lets Kafka transactions end. */
class RecordQueueTest {
  private final List<String> commits = new ArrayList<>();
  private final TransactionContext transactions = new TransactionContext() {
    @Override
    public void commitTransaction() {
      commits.add("batch");
    }

    @Override
    public void commitTransaction(SourceRecord record) {
      commits.add((String) record.value());
    }

    @Override
    public void abortTransaction() {
      commits.add("abort");
    }

    @Override
    public void abortTransaction(SourceRecord record) {
      commits.add("abort " + record.value());
    }
  };

  private static SourceRecord record(String name) {
    return new SourceRecord(Map.of("server", "s"), Map.of("seq", 1L), "t", null, Schema.STRING_SCHEMA, name);
  }

  private static List<Object> values(List<SourceRecord> batch) {
    return batch.stream().map(SourceRecord::value).toList();
  }

  @Test
  void aBatchCommitsAfterItsLastCompleteMySqlTransactionAndLeavesTheOpenOneOpen() throws Exception {
    RecordQueue q = new RecordQueue(100, () -> false);
    // tx1 = a1 a2, tx2 = b1, tx3 = c1 c2 (c2 not read yet)
    for (String name : List.of("a1", "a2", "b1", "c1")) {
      SourceRecord r = record(name);
      if (name.equals("a2") || name.equals("b1")) {
        q.markBoundary(r);
      }
      q.put(r);
    }
    List<SourceRecord> batch = q.poll(Duration.ofMillis(10), 10, transactions);
    assertThat(values(batch)).containsExactly("a1", "a2", "b1", "c1");
    // One Kafka transaction for tx1 and tx2; c1 stays in the open one.
    assertThat(commits).containsExactly("b1");

    SourceRecord c2 = record("c2");
    q.markBoundary(c2);
    q.put(c2);
    assertThat(values(q.poll(Duration.ofMillis(10), 10, transactions))).containsExactly("c2");
    assertThat(commits).containsExactly("b1", "c2");
  }

  @Test
  void aBatchInsideALargeMySqlTransactionRequestsNoCommit() throws Exception {
    RecordQueue q = new RecordQueue(100, () -> false);
    for (int i = 0; i < 5; i++) {
      q.put(record("x" + i));
    }
    assertThat(q.poll(Duration.ofMillis(10), 3, transactions)).hasSize(3);
    assertThat(q.poll(Duration.ofMillis(10), 3, transactions)).hasSize(2);
    assertThat(commits).isEmpty();
  }

  @Test
  void theBatchSizeCutsBetweenBoundariesAndEachBatchCommitsAtItsOwnLastOne() throws Exception {
    RecordQueue q = new RecordQueue(100, () -> false);
    for (String name : List.of("a", "b", "c", "d")) {
      SourceRecord r = record(name);
      q.markBoundary(r);
      q.put(r);
    }
    q.poll(Duration.ofMillis(10), 3, transactions);
    q.poll(Duration.ofMillis(10), 3, transactions);
    assertThat(commits).containsExactly("c", "d");
    assertThat(q.poll(Duration.ofMillis(10), 3, transactions)).isNull();
  }

  @Test
  void withoutConnectorDefinedBoundariesNothingIsAskedOfConnect() throws Exception {
    RecordQueue q = new RecordQueue(100, () -> false);
    SourceRecord r = record("a");
    q.markBoundary(r);
    q.put(r);
    assertThat(values(q.poll(Duration.ofMillis(10), 3, null))).containsExactly("a");
    assertThat(commits).isEmpty();
  }

  @Test
  void aPutWaitingForRoomGivesUpWhenTheTaskStops() throws Exception {
    AtomicBoolean closed = new AtomicBoolean();
    RecordQueue q = new RecordQueue(1, closed::get);
    q.put(record("a"));
    closed.set(true);
    assertThatThrownBy(() -> q.put(record("b"))).isInstanceOf(InterruptedException.class).hasMessageContaining("stopping");
    assertThat(q.size()).isEqualTo(1);
  }

  @Test
  void withOneKafkaTransactionPerMySqlTransactionEachBatchEndsAtItsFirstBoundary() throws Exception {
    RecordQueue q = new RecordQueue(100, () -> false, true);
    // tx1 = a1 a2, tx2 = b1, tx3 = c1 (open)
    for (String name : List.of("a1", "a2", "b1", "c1")) {
      SourceRecord r = record(name);
      if (name.equals("a2") || name.equals("b1")) {
        q.markBoundary(r);
      }
      q.put(r);
    }
    assertThat(values(q.poll(Duration.ofMillis(10), 10, transactions))).containsExactly("a1", "a2");
    assertThat(commits).containsExactly("a2");
    assertThat(q.size()).as("b1 and c1 wait for the next batches").isEqualTo(2);
    assertThat(values(q.poll(Duration.ofMillis(10), 10, transactions))).containsExactly("b1");
    assertThat(commits).containsExactly("a2", "b1");
    SourceRecord c2 = record("c2");
    q.markBoundary(c2);
    q.put(c2);
    SourceRecord d1 = record("d1");
    q.put(d1);
    // The carried c1 comes first, then the queue's c2 (a boundary), and d1 waits.
    assertThat(values(q.poll(Duration.ofMillis(10), 10, transactions))).containsExactly("c1", "c2");
    assertThat(commits).containsExactly("a2", "b1", "c2");
    assertThat(values(q.poll(Duration.ofMillis(10), 10, transactions))).containsExactly("d1");
    assertThat(commits).hasSize(3);
    assertThat(q.poll(Duration.ofMillis(10), 10, transactions)).isNull();
  }

  @Test
  void aCarriedBatchStillRespectsTheBatchSize() throws Exception {
    RecordQueue q = new RecordQueue(100, () -> false, true);
    for (int i = 0; i < 6; i++) {
      q.put(record("r" + i));
    }
    assertThat(values(q.poll(Duration.ofMillis(10), 4, transactions))).containsExactly("r0", "r1", "r2", "r3");
    assertThat(values(q.poll(Duration.ofMillis(10), 4, transactions))).containsExactly("r4", "r5");
    assertThat(commits).isEmpty();
  }

  @Test
  void putAllMovesRecordsInOrderAndLeavesTheListEmpty() throws Exception {
    RecordQueue q = new RecordQueue(100, () -> false);
    List<SourceRecord> handed = new ArrayList<>(List.of(record("a"), record("b"), record("c")));
    q.putAll(handed);
    assertThat(handed).isEmpty();
    assertThat(values(q.poll(Duration.ofMillis(10), 2, transactions))).containsExactly("a", "b");
    assertThat(values(q.poll(Duration.ofMillis(10), 2, transactions))).containsExactly("c");
  }

  @Test
  void putAllOfMoreThanTheCapacityWaitsForPollAndKeepsTheOrder() throws Exception {
    RecordQueue q = new RecordQueue(2, () -> false);
    List<SourceRecord> handed = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      handed.add(record("r" + i));
    }
    Thread producer = new Thread(() -> {
      try {
        q.putAll(handed);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    producer.start();
    List<Object> got = new ArrayList<>();
    while (got.size() < 7) {
      List<SourceRecord> batch = q.poll(Duration.ofSeconds(5), 10, transactions);
      assertThat(batch).as("records after " + got).isNotNull();
      assertThat(batch.size()).as("never more than the capacity queued").isLessThanOrEqualTo(2);
      got.addAll(values(batch));
    }
    producer.join(5_000);
    assertThat(got).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6");
    assertThat(handed).isEmpty();
  }

  @Test
  void aPutAllStoppedByTheTaskKeepsWhatItDidNotQueue() throws Exception {
    AtomicBoolean closed = new AtomicBoolean();
    RecordQueue q = new RecordQueue(2, closed::get);
    List<SourceRecord> handed = new ArrayList<>(List.of(record("a"), record("b"), record("c"), record("d")));
    closed.set(true);
    assertThatThrownBy(() -> q.putAll(handed)).isInstanceOf(InterruptedException.class).hasMessageContaining("stopping");
    assertThat(values(handed)).containsExactly("c", "d");
    assertThat(values(q.poll(Duration.ofMillis(10), 10, transactions))).containsExactly("a", "b");
  }
}
