package dev.sluice.sink.mongo.writemodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sink.mongo.testsupport.Shop;
import dev.sluice.sink.mongo.testsupport.SinkHarness;
import dev.sluice.sink.mongo.testsupport.TestMongo;
import dev.sluice.sink.mongo.testsupport.TestTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replay or redelivery never moves a view backwards — and, documented here as tests, exactly what
 * a replay can show across a hard delete with and without tombstones.
 */
class ReplaySafetyTest {
  private static TestMongo mongo;
  private final TestTable orders = Shop.orders();

  @BeforeAll
  static void startMongo() {
    mongo = TestMongo.start();
  }

  @AfterAll
  static void stopMongo() {
    mongo.close();
  }

  private static SinkHarness sink(Map<String, String> props) {
    return new SinkHarness(mongo, TestMongo.freshDatabase("replay"), props);
  }

  private List<SinkRecord> history(Struct v1, Struct v2, Struct v3) {
    return List.of(orders.insert(0, 1, v1), orders.update(1, 2, v1, v2), orders.update(2, 3, v2, v3));
  }

  @Test
  void aReplayOfOlderChangesIsSkippedAndCountedNotWritten() {
    try (SinkHarness sink = sink(Map.of())) {
      Struct v1 = Shop.order(orders, 1, "ada", "1");
      Struct v2 = Shop.order(orders, 1, "ada", "2");
      Struct v3 = Shop.order(orders, 1, "ada", "3");
      for (SinkRecord r : history(v1, v2, v3)) {
        sink.put(r);
      }
      BsonDocument before = sink.document("orders", 1L);
      for (SinkRecord r : history(v1, v2, v3)) {
        sink.put(r);
      }
      assertThat(sink.document("orders", 1L)).isEqualTo(before);
      assertThat(sink.metrics().getSkippedStale()).isEqualTo(3);
      assertThat(sink.metrics().getChangesWritten()).isEqualTo(3);
    }
  }

  @Test
  void changesWithoutSeqAreOrderedByTheirOffsetWithinTheirPartition() {
    try (SinkHarness sink = sink(Map.of())) {
      Struct v1 = Shop.order(orders, 1, "ada", "1");
      Struct v2 = Shop.order(orders, 1, "bob", "2");
      sink.put(orders.debeziumInsert(10, v1), orders.debeziumUpdate(11, v1, v2));
      sink.put(orders.debeziumInsert(10, v1));
      assertThat(sink.document("orders", 1L).getString("customer").getValue()).isEqualTo("bob");
      assertThat(sink.metrics().getSkippedStale()).isEqualTo(1);
      // Another partition's record is not comparable: the last writer wins.
      sink.put(orders.onPartition(1).debeziumInsert(0, v1));
      assertThat(sink.document("orders", 1L).getString("customer").getValue()).isEqualTo("ada");
    }
  }

  @Test
  void aReplayAcrossAHardDeleteCannotResurrectTheRowWhileItsTombstoneIsKept() {
    try (SinkHarness sink = sink(Map.of())) {
      Struct v1 = Shop.order(orders, 1, "ada", "1");
      sink.put(orders.insert(0, 1, v1), orders.delete(1, 2, v1), orders.tombstone(2, v1));
      assertThat(sink.documents("orders")).isEmpty();
      assertThat(sink.documents("_sluice_tombstones")).hasSize(1);

      sink.put(orders.insert(0, 1, v1));
      assertThat(sink.documents("orders")).as("the replayed insert is older than the tombstone").isEmpty();

      // A real re-insert (newer seq) is written.
      sink.put(orders.insert(3, 4, v1));
      assertThat(sink.documents("orders")).hasSize(1);
    }
  }

  @Test
  void withoutTombstonesAReplayShowsTheDeletedRowUntilItReachesTheDeleteAgain() {
    try (SinkHarness sink = sink(Map.of("tombstones.retention.ms", "0"))) {
      Struct v1 = Shop.order(orders, 1, "ada", "1");
      sink.put(orders.insert(0, 1, v1), orders.delete(1, 2, v1));
      assertThat(sink.documents("_sluice_tombstones")).isEmpty();

      sink.put(orders.insert(0, 1, v1));
      assertThat(sink.documents("orders")).as("documented: the delete's version went with the document").hasSize(1);
      sink.put(orders.delete(1, 2, v1));
      assertThat(sink.documents("orders")).as("the replay reaches the delete").isEmpty();
    }
  }

  @Test
  void expiredTombstonesArePurgedAndThenNoLongerProtect() {
    try (SinkHarness sink = sink(Map.of("tombstones.retention.ms", "600000"))) {
      Struct v1 = Shop.order(orders, 1, "ada", "1");
      Struct v2 = Shop.order(orders, 2, "bob", "1");
      sink.put(orders.insert(0, 1, v1), orders.delete(1, 2, v1));
      sink.clock().advance(Duration.ofMinutes(11));
      sink.put(orders.insert(2, 3, v2));
      assertThat(sink.documents("_sluice_tombstones")).as("purged after the retention").isEmpty();
      sink.put(orders.insert(0, 1, v1));
      assertThat(sink.documents("orders")).hasSize(2);
    }
  }

  @Test
  void aBatchDeliveredTwiceChangesNothingTheSecondTime() {
    try (SinkHarness sink = sink(Map.of())) {
      List<SinkRecord> batch = new ArrayList<>();
      for (int i = 1; i <= 50; i++) {
        batch.add(orders.insert(i, i, Shop.order(orders, i % 7, "c" + i, i + ".00")));
      }
      sink.put(batch);
      List<BsonDocument> first = sink.documents("orders");
      sink.restart();
      sink.put(batch);
      assertThat(sink.documents("orders")).isEqualTo(first);
      assertThat(sink.metrics().getChangesWritten()).isZero();
      assertThat(sink.metrics().getSkippedStale()).isEqualTo(7);
      assertThat(sink.metrics().getCompacted()).isEqualTo(43);
    }
  }

  @Test
  void aTombstoneAnotherTaskWritesAfterThisSinkFoundNoneStillKeepsAReplayedInsertOut() {
    // The sink skips the per-key tombstone lookup while its database holds no tombstone at all; that must be
    // checked on every batch, not remembered: here another task's delete brings the first tombstone.
    String database = TestMongo.freshDatabase("replay");
    try (SinkHarness first = new SinkHarness(mongo, database, Map.of());
        SinkHarness second = new SinkHarness(mongo, database, Map.of())) {
      Struct v1 = Shop.order(orders, 1, "ada", "1");
      Struct other = Shop.order(orders, 2, "bob", "1");
      first.put(orders.insert(0, 1, v1), orders.insert(1, 2, other));
      second.put(orders.delete(2, 3, v1));
      assertThat(first.document("orders", 1L)).isNull();

      first.put(orders.insert(0, 1, v1));

      assertThat(first.document("orders", 1L)).as("not resurrected by the replayed insert").isNull();
      assertThat(first.metrics().getSkippedStale()).isEqualTo(1);
      first.put(orders.insert(0, 1, v1));
      assertThat(first.document("orders", 1L)).as("nor by a second replay, now that the sink knows of tombstones").isNull();
    }
  }
}
