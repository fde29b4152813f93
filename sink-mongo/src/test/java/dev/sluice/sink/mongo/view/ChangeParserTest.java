package dev.sluice.sink.mongo.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sink.mongo.TopicConfig;
import dev.sluice.sink.mongo.namespace.Namespace;
import dev.sluice.sink.mongo.testsupport.Shop;
import dev.sluice.sink.mongo.testsupport.TestTable;
import dev.sluice.sink.mongo.view.RowChange.Kind;
import dev.sluice.sink.mongo.writemodel.ParentDeleteMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class ChangeParserTest {
  private final TestTable orders = Shop.orders();
  private final TestTable customers = Shop.customers();
  private final TestTable lines = Shop.lines();

  private static ChangeParser parser(String... kv) {
    Map<String, String> props = new HashMap<>();
    props.put("database", "views");
    for (int i = 0; i < kv.length; i += 2) {
      props.put(kv[i], kv[i + 1]);
    }
    return new ChangeParser(new TopicConfig("t", props), null);
  }

  @Test
  void sluiceInsertsAreUpsertsVersionedBySeqWithTheKeyAsId() {
    List<RowChange> changes = parser().parse(orders.insert(7, 42, Shop.order(orders, 5, "ada", "1.50")), 0);
    assertThat(changes).hasSize(1);
    RowChange c = changes.get(0);
    assertThat(c.kind()).isEqualTo(Kind.UPSERT);
    assertThat(c.namespace()).isEqualTo(new Namespace("views", "orders"));
    assertThat(c.id()).isEqualTo(new BsonInt64(5));
    assertThat(c.version()).isEqualTo(Version.ofSeq(42, Shop.ORDERS_TOPIC + "/0", 7));
    assertThat(c.row().getString("customer")).isEqualTo(new BsonString("ada"));
    assertThat(c.eventTimeMs()).isEqualTo(1_700_000_000_042L);
  }

  @Test
  void aCompositeKeyGivesASubDocumentIdInKeyOrder() {
    Struct row = customers.row("region", "eu", "id", 3, "name", "x");
    RowChange c = parser().parse(customers.insert(0, 1, row), 0).get(0);
    assertThat(c.id()).isEqualTo(new BsonDocument("region", new BsonString("eu")).append("id", new BsonInt32(3)));
    assertThat(new java.util.ArrayList<>(c.id().asDocument().keySet())).containsExactly("region", "id");
  }

  @Test
  void idFieldsTakeTheIdFromTheRow() {
    RowChange c = parser("id.strategy", "fields", "id.fields", "customer").parse(orders.insert(0, 1, Shop.order(orders, 5, "ada", "1")), 0).get(0);
    assertThat(c.id()).isEqualTo(new BsonString("ada"));
  }

  @Test
  void aPrimaryKeyChangeIsADeleteOfTheOldKeyAndAnUpsertOfTheNewOne() {
    Struct before = Shop.order(orders, 5, "ada", "1");
    Struct after = Shop.order(orders, 6, "ada", "1");
    List<RowChange> changes = parser().parse(orders.update(3, 9, before, after), 0);
    assertThat(changes).extracting(RowChange::kind).containsExactly(Kind.DELETE, Kind.UPSERT);
    assertThat(changes).extracting(RowChange::id).containsExactly(new BsonInt64(5), new BsonInt64(6));
    assertThat(changes).extracting(RowChange::version).containsOnly(Version.ofSeq(9, Shop.ORDERS_TOPIC + "/0", 3));
    assertThat(changes.get(0).row()).as("the delete keeps the whole before row").isEqualTo(
        parser().parse(orders.delete(3, 9, before), 0).get(0).row());
  }

  @Test
  void anUpdateOfOtherColumnsIsOneUpsert() {
    Struct before = Shop.order(orders, 5, "ada", "1");
    Struct after = Shop.order(orders, 5, "ada", "2");
    assertThat(parser().parse(orders.update(3, 9, before, after), 0)).extracting(RowChange::kind).containsExactly(Kind.UPSERT);
  }

  @Test
  void deletesKeepTheBeforeRowAndSnapshotReadsAreUpserts() {
    Struct row = Shop.order(orders, 5, "ada", "1");
    RowChange delete = parser().parse(orders.delete(4, 10, row), 0).get(0);
    assertThat(delete.kind()).isEqualTo(Kind.DELETE);
    assertThat(delete.row().getString("customer")).isEqualTo(new BsonString("ada"));
    assertThat(parser().parse(orders.read(0, 1, row), 0).get(0).kind()).isEqualTo(Kind.UPSERT);
  }

  @Test
  void truncatesAreTruncatesUnlessIgnored() {
    assertThat(parser().parse(orders.truncate(0, 5), 0)).extracting(RowChange::kind).containsExactly(Kind.TRUNCATE);
    assertThat(parser("truncate.mode", "ignore").parse(orders.truncate(0, 5), 0)).isEmpty();
  }

  @Test
  void debeziumEventsAreVersionedByTheirKafkaPosition() {
    RowChange c = parser().parse(orders.debeziumInsert(11, Shop.order(orders, 5, "ada", "1")), 0).get(0);
    assertThat(c.version()).isEqualTo(Version.ofPosition(Shop.ORDERS_TOPIC + "/0", 11));
    assertThat(c.namespace().collection()).isEqualTo("orders");
  }

  @Test
  void debeziumPostgresEventsParseByTheirEnvelopeWhateverTheirSourceBlock() {
    Schema pgSource = org.apache.kafka.connect.data.SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
        .field("version", Schema.STRING_SCHEMA).field("connector", Schema.STRING_SCHEMA).field("name", Schema.STRING_SCHEMA)
        .field("ts_ms", Schema.INT64_SCHEMA).field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).field("db", Schema.STRING_SCHEMA)
        .field("sequence", Schema.OPTIONAL_STRING_SCHEMA).field("schema", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA)
        .field("txId", Schema.OPTIONAL_INT64_SCHEMA).field("lsn", Schema.OPTIONAL_INT64_SCHEMA).field("xmin", Schema.OPTIONAL_INT64_SCHEMA)
        .build();
    dev.sluice.event.Envelope pg = dev.sluice.event.Envelope.builder().schemaName("pg.public.orders.Envelope").rowSchema(Shop.ORDER_ROW)
        .sourceSchema(pgSource).build();
    Struct source = new Struct(pgSource).put("version", "3.3.1.Final").put("connector", "postgresql").put("name", "pg")
        .put("ts_ms", 1_700_000_000_500L).put("db", "shop").put("schema", "public").put("table", "orders").put("lsn", 123L);
    Struct before = Shop.order(orders, 5, "ada", "1");
    Struct value = pg.delete(before, source, 0L);
    RowChange c = parser().parse(new SinkRecord("pg.public.orders", 2, orders.keySchema(), orders.key(before), pg.schema(), value, 40), 0).get(0);
    assertThat(c.kind()).isEqualTo(Kind.DELETE);
    assertThat(c.version()).isEqualTo(Version.ofPosition("pg.public.orders/2", 40));
    assertThat(c.namespace().collection()).isEqualTo("orders");
    assertThat(c.eventTimeMs()).isEqualTo(1_700_000_000_500L);
  }

  @Test
  void plainRowsAreUpsertsAndTheirTombstonesDeletes() {
    ChangeParser p = parser("collection", "${topic}");
    Struct row = Shop.order(orders, 5, "ada", "1");
    RowChange upsert = p.parse(orders.plain(0, row), 0).get(0);
    assertThat(upsert.kind()).isEqualTo(Kind.UPSERT);
    assertThat(upsert.namespace().collection()).isEqualTo(Shop.ORDERS_TOPIC);
    RowChange delete = p.parse(orders.plainTombstone(1, orders.key(row)), 1).get(0);
    assertThat(delete.kind()).isEqualTo(Kind.DELETE);
    assertThat(delete.id()).isEqualTo(new BsonInt64(5));
    assertThat(delete.version()).isEqualTo(Version.ofPosition(Shop.ORDERS_TOPIC + "/0", 1));
  }

  @Test
  void tombstonesAfterChangeEventsAreIgnoredInAutoMode() {
    ChangeParser p = parser();
    Struct row = Shop.order(orders, 5, "ada", "1");
    p.parse(orders.delete(0, 1, row), 0);
    assertThat(p.parse(orders.tombstone(1, row), 1)).isEmpty();
    // A fresh task that starts on the tombstone recognises change-event keys by their schema name.
    assertThat(parser().parse(orders.tombstone(1, row), 0)).isEmpty();
    assertThat(parser("tombstones", "delete").parse(orders.tombstone(1, row), 0)).extracting(RowChange::kind).containsExactly(Kind.DELETE);
    assertThat(parser("tombstones", "ignore").parse(orders.plainTombstone(1, 5L), 0)).isEmpty();
    assertThat(parser().parse(orders.plainTombstone(1, 5L), 0)).as("a plain tombstone with a primitive key").extracting(RowChange::id)
        .containsExactly(new BsonInt64(5));
  }

  @Test
  void anUnwrappedDeleteIsADeleteInAutoModeEvenAsTheFirstRecordATaskSees() {
    // What Sluice's Unwrap makes of a delete (delete.tombstone.handling.mode=tombstone, the default): the source's key, named
    // *.Key, and a null value that keeps the row's schema. A task that starts (or restarts, or gets the partition in a rebalance) on it
    // has seen no other record of the partition yet.
    Struct row = Shop.order(orders, 5, "ada", "1");
    SinkRecord unwrappedDelete = new SinkRecord(orders.topic(), 0, orders.keySchema(), orders.key(row), orders.rowSchema(), null, 9,
        1_700_000_000_000L, null);
    assertThat(orders.keySchema().name()).endsWith(".Key");

    List<RowChange> changes = parser().parse(unwrappedDelete, 0);

    assertThat(changes).extracting(RowChange::kind).containsExactly(Kind.DELETE);
    assertThat(changes.get(0).id()).isEqualTo(new BsonInt64(5));
    // The tombstone after a change event has no value schema: still ignored.
    assertThat(parser().parse(orders.tombstone(10, row), 0)).isEmpty();
  }

  @Test
  void schemalessChangeEventsParseLikeStructs() {
    Struct row = Shop.order(orders, 5, "ada", "1");
    SinkRecord struct = orders.insert(3, 8, row);
    @SuppressWarnings("unchecked")
    Map<String, Object> value = (Map<String, Object>) TestTable.schemaless(struct.value());
    Object key = TestTable.schemaless(struct.key());
    RowChange c = parser().parse(new SinkRecord(struct.topic(), 0, null, key, null, value, 3), 0).get(0);
    assertThat(c.version()).isEqualTo(Version.ofSeq(8, Shop.ORDERS_TOPIC + "/0", 3));
    assertThat(c.id()).isEqualTo(new BsonInt64(5));
    assertThat(c.row().getString("customer")).isEqualTo(new BsonString("ada"));
  }

  @Test
  void childRowsCarryTheirKeyDocumentAndTheirParentsId() {
    Map<String, String> props = new HashMap<>(Shop.embedLines("keep"));
    props.put("database", "views");
    props.put("collection", "orders");
    TopicConfig config = new TopicConfig(Shop.LINES_TOPIC, props);
    EmbedSpec spec = new EmbedSpec(Shop.LINES_TOPIC, new Namespace("views", "orders"), "lines",
        List.of(new EmbedSpec.ParentKeyColumn("order_id", "order_id")), ParentDeleteMode.KEEP);
    ChangeParser p = new ChangeParser(config, spec);
    RowChange c = p.parse(lines.insert(0, 1, Shop.line(lines, 11, 7L, "a", 1)), 0).get(0);
    assertThat(c.isChild()).isTrue();
    assertThat(c.id()).isEqualTo(new BsonDocument("line_id", new BsonInt64(11)));
    assertThat(c.parentId()).isEqualTo(new BsonInt64(7));
    assertThat(p.parse(lines.insert(1, 2, Shop.line(lines, 12, null, "a", 1)), 1).get(0).parentId()).isNull();
    assertThat(p.parse(lines.tombstone(2, Shop.line(lines, 12, null, "a", 1)), 2)).isEmpty();
  }

  @Test
  void childChangesNameTheParentTheyLeaveWhenDeletedOrMovedAndNoneOtherwise() {
    Map<String, String> props = new HashMap<>(Shop.embedLines("keep"));
    props.put("database", "views");
    props.put("collection", "orders");
    EmbedSpec spec = new EmbedSpec(Shop.LINES_TOPIC, new Namespace("views", "orders"), "lines",
        List.of(new EmbedSpec.ParentKeyColumn("order_id", "order_id")), ParentDeleteMode.KEEP);
    ChangeParser p = new ChangeParser(new TopicConfig(Shop.LINES_TOPIC, props), spec);
    Struct inSeven = Shop.line(lines, 11, 7L, "a", 1);
    Struct inEight = Shop.line(lines, 11, 8L, "a", 1);
    Struct orphan = Shop.line(lines, 11, null, "a", 1);

    assertThat(p.parse(lines.insert(0, 1, inSeven), 0).get(0).leftParent()).as("insert").isNull();
    RowChange same = p.parse(lines.update(1, 2, inSeven, Shop.line(lines, 11, 7L, "a", 2)), 1).get(0);
    assertThat(same.formerParentId()).isEqualTo(new BsonInt64(7));
    assertThat(same.leftParent()).as("update within order 7").isNull();
    assertThat(p.parse(lines.update(2, 3, inSeven, inEight), 2).get(0).leftParent()).as("moved to order 8").isEqualTo(new BsonInt64(7));
    assertThat(p.parse(lines.update(3, 4, inEight, orphan), 3).get(0).leftParent()).as("foreign key set to null")
        .isEqualTo(new BsonInt64(8));
    assertThat(p.parse(lines.update(4, 5, orphan, inSeven), 4).get(0).leftParent()).as("from no parent").isNull();
    assertThat(p.parse(lines.delete(5, 6, inSeven), 5).get(0).leftParent()).as("delete").isEqualTo(new BsonInt64(7));
    List<RowChange> keyChange = p.parse(lines.update(6, 7, inSeven, Shop.line(lines, 12, 8L, "a", 1)), 6);
    assertThat(keyChange).extracting(RowChange::kind).containsExactly(RowChange.Kind.DELETE, RowChange.Kind.UPSERT);
    assertThat(keyChange.get(0).leftParent()).as("the old key's delete").isEqualTo(new BsonInt64(7));
    assertThat(p.parse(lines.debeziumDelete(7, inEight), 7).get(0).leftParent()).as("Debezium delete").isEqualTo(new BsonInt64(8));
  }

  @Test
  void recordsTheSinkCannotUseAreErrorsSayingWhatIsMissing() {
    ChangeParser p = parser();
    Struct row = Shop.order(orders, 5, "ada", "1");
    SinkRecord good = orders.insert(0, 1, row);
    SinkRecord noKey = new SinkRecord(good.topic(), 0, null, null, good.valueSchema(), good.value(), 0);
    assertThatThrownBy(() -> p.parse(noKey, 0)).isInstanceOf(DataException.class).hasMessageContaining("no key")
        .hasMessageContaining("id.strategy=fields");
    Struct bad = new Struct(good.valueSchema()).put("source", ((Struct) good.value()).getStruct("source")).put("op", "x");
    assertThatThrownBy(() -> p.parse(new SinkRecord(good.topic(), 0, good.keySchema(), good.key(), good.valueSchema(), bad, 0), 0))
        .isInstanceOf(DataException.class).hasMessageContaining("unknown op 'x'");
    Struct noAfter = new Struct(good.valueSchema()).put("source", ((Struct) good.value()).getStruct("source")).put("op", "c");
    assertThatThrownBy(() -> p.parse(new SinkRecord(good.topic(), 0, good.keySchema(), good.key(), good.valueSchema(), noAfter, 0), 0))
        .isInstanceOf(DataException.class).hasMessageContaining("no 'after'");
    assertThatThrownBy(() -> parser("id.strategy", "fields", "id.fields", "nope").parse(good, 0))
        .isInstanceOf(DataException.class).hasMessageContaining("'nope'");
    assertThatThrownBy(() -> p.parse(new SinkRecord("t", 0, null, 5, Schema.STRING_SCHEMA, "a string value", 0), 0))
        .isInstanceOf(DataException.class).hasMessageContaining("Struct or a Map");
  }
}
