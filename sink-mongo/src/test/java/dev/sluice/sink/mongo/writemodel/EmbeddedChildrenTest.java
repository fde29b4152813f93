package dev.sluice.sink.mongo.writemodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sink.mongo.testsupport.Shop;
import dev.sluice.sink.mongo.testsupport.SinkHarness;
import dev.sluice.sink.mongo.testsupport.TestMongo;
import dev.sluice.sink.mongo.testsupport.TestTable;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Child rows embedded as array elements of their parent's document. */
class EmbeddedChildrenTest {
  private static TestMongo mongo;
  private final TestTable orders = Shop.orders();
  private final TestTable lines = Shop.lines();
  private SinkHarness sink;

  @BeforeAll
  static void startMongo() {
    mongo = TestMongo.start();
  }

  @AfterAll
  static void stopMongo() {
    mongo.close();
  }

  @BeforeEach
  void newSink() {
    sink = new SinkHarness(mongo, TestMongo.freshDatabase("embed"), Shop.embedLines("keep"));
  }

  @AfterEach
  void closeSink() {
    sink.close();
  }

  private static List<Long> lineIds(BsonDocument order) {
    return order.getArray("lines").stream().map(v -> v.asDocument().getInt64("line_id").getValue()).toList();
  }

  @Test
  void childInsertsLandSortedInTheirParentsArray() {
    Struct o1 = Shop.order(orders, 1, "ada", "10.00");
    sink.put(orders.insert(0, 1, o1),
        lines.insert(0, 2, Shop.line(lines, 12, 1L, "b", 1)),
        lines.insert(1, 3, Shop.line(lines, 11, 1L, "a", 2)));

    BsonDocument doc = sink.document("orders", 1L);
    assertThat(doc.getString("customer").getValue()).isEqualTo("ada");
    assertThat(lineIds(doc)).containsExactly(11L, 12L);
    BsonDocument first = doc.getArray("lines").get(0).asDocument();
    assertThat(first.getString("sku").getValue()).isEqualTo("a");
    assertThat(first.getDocument("_sluice").getInt64("seq").getValue()).isEqualTo(3L);
    assertThat(sink.documents("order_lines")).as("children make no documents of their own").isEmpty();
  }

  @Test
  void childrenBeforeTheirParentCreateTheDocumentAndTheParentFillsItIn() {
    sink.put(lines.insert(0, 2, Shop.line(lines, 11, 1L, "a", 2)));
    BsonDocument stub = sink.document("orders", 1L);
    assertThat(stub.keySet()).containsExactlyInAnyOrder("_id", "lines");

    sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "10.00")));
    BsonDocument doc = sink.document("orders", 1L);
    assertThat(doc.getString("customer").getValue()).isEqualTo("ada");
    assertThat(lineIds(doc)).containsExactly(11L);
  }

  @Test
  void anUpdatedChildIsReplacedInPlaceAndAStaleOneIsSkipped() {
    Struct v1 = Shop.line(lines, 11, 1L, "a", 1);
    Struct v2 = Shop.line(lines, 11, 1L, "a", 5);
    sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")), lines.insert(0, 2, v1));
    sink.put(lines.update(1, 3, v1, v2));
    sink.put(lines.update(1, 3, v1, v2), lines.insert(0, 2, v1));

    BsonDocument doc = sink.document("orders", 1L);
    assertThat(doc.getArray("lines")).hasSize(1);
    assertThat(doc.getArray("lines").get(0).asDocument().getInt32("qty").getValue()).isEqualTo(5);
    // The batch's replayed update is stale; the older insert was compacted away behind it.
    assertThat(sink.metrics().getSkippedStale()).isEqualTo(1);
    assertThat(sink.metrics().getCompacted()).isEqualTo(1);
  }

  @Test
  void aForeignKeyChangeMovesTheChildToItsNewParent() {
    Struct v1 = Shop.line(lines, 11, 1L, "a", 1);
    Struct v2 = Shop.line(lines, 11, 2L, "a", 1);
    sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")), orders.insert(1, 2, Shop.order(orders, 2, "bob", "2")),
        lines.insert(0, 3, v1));
    sink.put(lines.update(1, 4, v1, v2));

    assertThat(sink.document("orders", 1L).getArray("lines")).isEmpty();
    assertThat(lineIds(sink.document("orders", 2L))).containsExactly(11L);

    // A replay of the insert into order 1 changes nothing.
    sink.put(lines.insert(0, 3, v1));
    assertThat(sink.document("orders", 1L).getArray("lines")).isEmpty();
    assertThat(lineIds(sink.document("orders", 2L))).containsExactly(11L);
  }

  @Test
  void aDeletedChildDisappearsAndItsReplayedInsertStaysOut() {
    Struct v1 = Shop.line(lines, 11, 1L, "a", 1);
    sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")), lines.insert(0, 2, v1));
    sink.put(lines.delete(1, 3, v1), lines.tombstone(2, v1));
    assertThat(sink.document("orders", 1L).getArray("lines")).isEmpty();

    sink.put(lines.insert(0, 2, v1));
    assertThat(sink.document("orders", 1L).getArray("lines")).isEmpty();
  }

  @Test
  void aDeleteReplayedAfterItsTombstoneButBeforeItsPullStillRemovesTheChild() {
    Struct v1 = Shop.line(lines, 11, 1L, "a", 1);
    sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")), lines.insert(0, 2, v1));
    BsonDocument beforeDelete = sink.document("orders", 1L);
    sink.put(lines.delete(1, 3, v1), lines.tombstone(2, v1));
    // The state a crash between the two writes leaves: the tombstone is written, the $pull is not.
    sink.collection("orders").replaceOne(new BsonDocument("_id", beforeDelete.get("_id")), beforeDelete);
    assertThat(lineIds(sink.document("orders", 1L))).containsExactly(11L);

    sink.put(lines.delete(1, 3, v1), lines.tombstone(2, v1));
    assertThat(sink.document("orders", 1L).getArray("lines")).as("the replayed delete is redone, not skipped as stale").isEmpty();
  }

  @Test
  void keepModeLeavesChildrenOfADeletedParentUntilTheirOwnDeletes() {
    Struct o1 = Shop.order(orders, 1, "ada", "1");
    Struct l11 = Shop.line(lines, 11, 1L, "a", 1);
    sink.put(orders.insert(0, 1, o1), lines.insert(0, 2, l11), orders.delete(1, 3, o1));

    BsonDocument orphan = sink.document("orders", 1L);
    assertThat(orphan.keySet()).containsExactlyInAnyOrder("_id", "lines");
    assertThat(lineIds(orphan)).containsExactly(11L);

    sink.put(lines.delete(1, 4, l11));
    assertThat(sink.document("orders", 1L)).as("no parent, no children: no document").isNull();
  }

  @Test
  void cascadeModeRemovesOlderChildrenWithTheParentButKeepsNewerOnes() {
    sink.close();
    sink = new SinkHarness(mongo, TestMongo.freshDatabase("embed"), Shop.embedLines("cascade"));
    Struct o1 = Shop.order(orders, 1, "ada", "1");
    Struct l11 = Shop.line(lines, 11, 1L, "a", 1);
    Struct l12 = Shop.line(lines, 12, 1L, "b", 1);
    sink.put(orders.insert(0, 1, o1), lines.insert(0, 2, l11), orders.delete(1, 3, o1));
    assertThat(sink.document("orders", 1L)).isNull();

    // A child written after the parent's delete (an orphan in the source) stays; an older one cannot come back.
    sink.put(lines.insert(1, 4, l12), lines.insert(0, 2, l11));
    BsonDocument orphan = sink.document("orders", 1L);
    assertThat(lineIds(orphan)).containsExactly(12L);
  }

  @Test
  void aTruncateOfTheChildTableEmptiesTheArraysAndRemovesParentlessDocuments() {
    sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")),
        lines.insert(0, 2, Shop.line(lines, 11, 1L, "a", 1)), lines.insert(1, 3, Shop.line(lines, 12, 2L, "b", 1)));
    sink.put(lines.truncate(2, 4), lines.insert(3, 5, Shop.line(lines, 13, 1L, "c", 1)));
    assertThat(lineIds(sink.document("orders", 1L))).containsExactly(13L);
    assertThat(sink.document("orders", 2L)).as("only children, all truncated").isNull();
    sink.put(lines.insert(0, 2, Shop.line(lines, 11, 1L, "a", 1)));
    assertThat(lineIds(sink.document("orders", 1L))).as("a replayed insert from before the truncate").containsExactly(13L);
  }

  @Test
  void aParentAlwaysHasItsArrayEvenWithoutChildren() {
    sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")));
    assertThat(sink.document("orders", 1L).getArray("lines")).isEmpty();
  }

  @Test
  void aChildWithoutForeignKeyBelongsToNoDocument() {
    Struct v1 = Shop.line(lines, 11, 1L, "a", 1);
    Struct v2 = Shop.line(lines, 11, null, "a", 1);
    sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")), lines.insert(0, 2, v1));
    sink.put(lines.update(1, 3, v1, v2));
    assertThat(sink.document("orders", 1L).getArray("lines")).isEmpty();
    sink.put(lines.insert(0, 2, v1));
    assertThat(sink.document("orders", 1L).getArray("lines")).as("replayed older insert").isEmpty();
  }
}
