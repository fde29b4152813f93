package dev.sluice.sink.mongo.writemodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sink.mongo.testsupport.Shop;
import dev.sluice.sink.mongo.testsupport.SinkHarness;
import dev.sluice.sink.mongo.testsupport.TestMongo;
import dev.sluice.sink.mongo.testsupport.TestTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Only the newest change per key is written; keys go in one unordered bulk, order per key kept. */
class CompactionTest {
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

  @Test
  void manyChangesToOneKeyCostOneWrite() {
    try (SinkHarness sink = new SinkHarness(mongo, TestMongo.freshDatabase("compact"), Map.of())) {
      List<SinkRecord> batch = new ArrayList<>();
      Struct previous = Shop.order(orders, 1, "ada", "0");
      batch.add(orders.insert(0, 1, previous));
      for (int i = 1; i < 100; i++) {
        Struct next = Shop.order(orders, 1, "ada", i + ".00");
        batch.add(orders.update(i, i + 1, previous, next));
        previous = next;
      }
      batch.add(orders.insert(100, 101, Shop.order(orders, 2, "bob", "1")));
      sink.put(batch);

      assertThat(sink.document("orders", 1L).getDecimal128("total").getValue().toString()).isEqualTo("99.00");
      assertThat(sink.metrics().getWritesReplace()).isEqualTo(2);
      assertThat(sink.metrics().getCompacted()).isEqualTo(99);
      assertThat(sink.metrics().getCompactionRatio()).isEqualTo(101.0 / 2);
    }
  }

  @Test
  void theNewestChangeWinsEvenWhenItIsADeleteFollowedByNothing() {
    try (SinkHarness sink = new SinkHarness(mongo, TestMongo.freshDatabase("compact"), Map.of())) {
      Struct row = Shop.order(orders, 1, "ada", "1");
      sink.put(orders.insert(0, 1, row), orders.update(1, 2, row, row), orders.delete(2, 3, row), orders.tombstone(3, row));
      assertThat(sink.documents("orders")).isEmpty();
      assertThat(sink.metrics().getWritesDelete()).isEqualTo(1);
      assertThat(sink.metrics().getWritesReplace()).isZero();
    }
  }

  @Test
  void withSeqTheHighestSeqWinsWhateverTheArrivalOrder() {
    try (SinkHarness sink = new SinkHarness(mongo, TestMongo.freshDatabase("compact"), Map.of())) {
      // The same key from two partitions (e.g. after a repartition): seq decides, not arrival.
      sink.put(orders.onPartition(1).insert(5, 9, Shop.order(orders, 1, "newer", "1")),
          Shop.orders().insert(0, 3, Shop.order(orders, 1, "older", "1")));
      assertThat(sink.document("orders", 1L).getString("customer").getValue()).isEqualTo("newer");
    }
  }
}
