package dev.sluice.sink.mongo.writemodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sink.mongo.testsupport.Shop;
import dev.sluice.sink.mongo.testsupport.SinkHarness;
import dev.sluice.sink.mongo.testsupport.TestMongo;
import dev.sluice.sink.mongo.testsupport.TestTable;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How each kind of change is written to a document collection. */
class DocumentWritesTest {
  private static TestMongo mongo;
  private final TestTable orders = Shop.orders();
  private final TestTable customers = Shop.customers();

  @BeforeAll
  static void startMongo() {
    mongo = TestMongo.start();
  }

  @AfterAll
  static void stopMongo() {
    mongo.close();
  }

  private static SinkHarness sink(String... kv) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      props.put(kv[i], kv[i + 1]);
    }
    return new SinkHarness(mongo, TestMongo.freshDatabase("docs"), props);
  }

  @Test
  void anInsertReplacesTheDocumentWithExactlyTheRowAndItsVersion() {
    try (SinkHarness sink = sink()) {
      sink.put(orders.insert(3, 17, Shop.order(orders, 1, "ada", "10.50")));
      BsonDocument doc = sink.document("orders", 1L);
      assertThat(doc).isEqualTo(new BsonDocument("_id", new BsonInt64(1)).append("id", new BsonInt64(1))
          .append("customer", new BsonString("ada")).append("total", new BsonDecimal128(Decimal128.parse("10.50")))
          .append("status", new BsonString("new"))
          .append("_sluice", new BsonDocument("seq", new BsonInt64(17)).append("src", new BsonString(Shop.ORDERS_TOPIC + "/0"))
              .append("off", new BsonInt64(3))));
      assertThat(sink.metrics().getWritesReplace()).isEqualTo(1);
    }
  }

  @Test
  void replaceDropsFieldsTheRowNoLongerHasWhileSetKeepsForeignFields() {
    try (SinkHarness replace = sink(); SinkHarness set = sink("write.mode", "set")) {
      for (SinkHarness sink : new SinkHarness[] {replace, set}) {
        sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")));
        sink.collection("orders").updateOne(new BsonDocument("_id", new BsonInt64(1)),
            new BsonDocument("$set", new BsonDocument("note", new BsonString("added by someone else"))));
        sink.put(orders.update(1, 2, Shop.order(orders, 1, "ada", "1"), Shop.order(orders, 1, "ada", "2")));
      }
      assertThat(replace.document("orders", 1L).containsKey("note")).isFalse();
      assertThat(set.document("orders", 1L).getString("note").getValue()).isEqualTo("added by someone else");
      assertThat(set.document("orders", 1L).getDecimal128("total").getValue()).isEqualTo(Decimal128.parse("2"));
      assertThat(set.metrics().getWritesSet()).isEqualTo(2);
    }
  }

  @Test
  void aHardDeleteRemovesTheDocument() {
    try (SinkHarness sink = sink()) {
      Struct row = Shop.order(orders, 1, "ada", "1");
      sink.put(orders.insert(0, 1, row));
      sink.put(orders.delete(1, 2, row), orders.tombstone(2, row));
      assertThat(sink.documents("orders")).isEmpty();
      assertThat(sink.metrics().getWritesDelete()).isEqualTo(1);
      assertThat(sink.metrics().getIgnored()).as("the tombstone after a change-event delete").isEqualTo(1);
    }
  }

  @Test
  void aSoftDeleteKeepsTheRowWithFlagAndSourceTimeAndAReinsertClearsThem() {
    for (String mode : new String[] {"replace", "set"}) {
      try (SinkHarness sink = sink("delete.mode", "soft", "write.mode", mode)) {
        Struct row = Shop.order(orders, 1, "ada", "1");
        sink.put(orders.insert(0, 1, row), orders.delete(1, 2, row), orders.tombstone(2, row));
        BsonDocument deleted = sink.document("orders", 1L);
        assertThat(deleted.getBoolean("__deleted")).as(mode).isEqualTo(BsonBoolean.TRUE);
        assertThat(deleted.getDateTime("__deleted_at")).isEqualTo(new BsonDateTime(1_700_000_000_002L));
        assertThat(deleted.getString("customer").getValue()).isEqualTo("ada");

        sink.put(orders.insert(3, 3, Shop.order(orders, 1, "bob", "2")));
        BsonDocument back = sink.document("orders", 1L);
        assertThat(back.containsKey("__deleted")).as(mode).isFalse();
        assertThat(back.containsKey("__deleted_at")).isFalse();
        assertThat(back.getString("customer").getValue()).isEqualTo("bob");
      }
    }
  }

  @Test
  void aPrimaryKeyChangeMovesTheDocumentToItsNewId() {
    try (SinkHarness sink = sink()) {
      sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")));
      sink.put(orders.update(1, 2, Shop.order(orders, 1, "ada", "1"), Shop.order(orders, 9, "ada", "1")));
      assertThat(sink.documents("orders")).extracting(d -> d.get("_id")).containsExactly(new BsonInt64(9));
    }
  }

  @Test
  void compositeKeysBecomeSubDocumentIds() {
    try (SinkHarness sink = sink()) {
      sink.put(customers.insert(0, 1, customers.row("region", "eu", "id", 3, "name", "x", "since", new java.util.Date(5))));
      BsonDocument doc = sink.documents("customers").get(0);
      assertThat(doc.get("_id")).isEqualTo(new BsonDocument("region", new BsonString("eu")).append("id", new BsonInt32(3)));
      assertThat(doc.getDateTime("since")).isEqualTo(new BsonDateTime(5));
    }
  }

  @Test
  void idFieldsMakeTheIdFromRowColumns() {
    try (SinkHarness sink = sink("id.strategy", "fields", "id.fields", "customer,status")) {
      sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")));
      assertThat(sink.documents("orders").get(0).get("_id"))
          .isEqualTo(new BsonDocument("customer", new BsonString("ada")).append("status", new BsonString("new")));
    }
  }

  @Test
  void aTruncateRemovesOlderDocumentsButKeepsNewerOnes() {
    try (SinkHarness sink = sink()) {
      sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")), orders.insert(1, 2, Shop.order(orders, 2, "bob", "1")));
      sink.put(orders.truncate(2, 3), orders.insert(3, 4, Shop.order(orders, 3, "cy", "1")));
      assertThat(sink.documents("orders")).extracting(d -> d.get("_id")).containsExactly(new BsonInt64(3));
      // A replay of an insert from before the truncate cannot bring its row back.
      sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")));
      assertThat(sink.documents("orders")).extracting(d -> d.get("_id")).containsExactly(new BsonInt64(3));
      assertThat(sink.metrics().getWritesTruncate()).isEqualTo(1);
    }
  }

  @Test
  void plainRecordsAndTheirTombstonesMaintainACollection() {
    try (SinkHarness sink = sink("collection", "plain_orders")) {
      Struct row = Shop.order(orders, 1, "ada", "1");
      sink.put(orders.plain(0, row), orders.plain(1, Shop.order(orders, 2, "bob", "2")));
      sink.put(orders.plainTombstone(2, 1L));
      assertThat(sink.documents("plain_orders")).extracting(d -> d.get("_id")).containsExactly(new BsonInt64(2));
      assertThat(sink.documents("plain_orders").get(0).getDocument("_sluice").containsKey("seq")).isFalse();
    }
  }

  @Test
  void schemalessMapsAreWrittenLikeStructs() {
    try (SinkHarness sink = sink()) {
      SinkRecord struct = orders.insert(0, 5, Shop.order(orders, 1, "ada", "1.25"));
      Object value = TestTable.schemaless(struct.value());
      sink.put(new SinkRecord(struct.topic(), 0, null, TestTable.schemaless(struct.key()), null, value, 0));
      BsonDocument doc = sink.document("orders", 1L);
      assertThat(doc.getString("customer").getValue()).isEqualTo("ada");
      assertThat(doc.getDecimal128("total").getValue()).isEqualTo(Decimal128.parse("1.25"));
      assertThat(doc.getDocument("_sluice").getInt64("seq").getValue()).isEqualTo(5);
    }
  }

  @Test
  void temporalStringModeIsPerTopic() {
    try (SinkHarness sink = sink("topic.override." + Shop.CUSTOMERS_TOPIC + ".temporal.mode", "string")) {
      sink.put(customers.insert(0, 1, customers.row("region", "eu", "id", 1, "since", new java.util.Date(1_500))));
      assertThat(sink.documents("customers").get(0).getString("since").getValue()).isEqualTo("1970-01-01T00:00:01.500Z");
    }
  }

  @Test
  void namespacesFollowTheTemplates() {
    try (SinkHarness sink = sink("database", "ignored", "topic.override." + Shop.ORDERS_TOPIC + ".collection", "orders_v2")) {
      sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")));
      assertThat(mongo.database("ignored").getCollection("orders_v2").countDocuments()).isEqualTo(1);
      mongo.database("ignored").drop();
    }
  }
}
