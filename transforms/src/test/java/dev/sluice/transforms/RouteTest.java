package dev.sluice.transforms;

import static dev.sluice.event.Envelope.Operation.CREATE;
import static dev.sluice.event.Envelope.Operation.DELETE;
import static dev.sluice.event.Envelope.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.event.Envelope.Operation;
import dev.sluice.event.SourceInfo;
import dev.sluice.transforms.conformance.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RouteTest {

  static Route<SinkRecord> route(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    Route<SinkRecord> route = new Route<>();
    route.configure(props);
    return route;
  }

  /** An event of {@code db.table} on the topic {@code shop.db.table}. */
  static SinkRecord event(Operation op, String db, String table) {
    Struct before = op == UPDATE || op == DELETE ? Fixtures.row(1) : null;
    Struct after = op == DELETE ? null : Fixtures.row(1);
    Struct source =
        SourceInfo.builder().version("0.1.0").connector("mysql").name("shop").db(db).table(table)
            .file("binlog.000001").seq(9).build().toStruct();
    Struct value = Fixtures.SLUICE.value(op, before, after, source, 1L, null);
    return new SinkRecord("shop." + db + "." + table, 0, Fixtures.KEY_SCHEMA, Fixtures.key(),
        value.schema(), value, 1L, 1L, TimestampType.CREATE_TIME, new ConnectHeaders());
  }

  static SinkRecord tombstoneOf(String db, String table) {
    return new SinkRecord("shop." + db + "." + table, 0, Fixtures.KEY_SCHEMA, Fixtures.key(),
        null, null, 2L, 1L, TimestampType.CREATE_TIME, new ConnectHeaders());
  }

  @Test
  void topicComesFromTheTemplate() {
    SinkRecord routed = route("topic.template", "${server}.${db}.all").apply(event(CREATE, "inventory", "orders"));

    assertThat(routed.topic()).isEqualTo("shop.inventory.all");
    assertThat(routed.value()).isEqualTo(event(CREATE, "inventory", "orders").value());
  }

  @Test
  void mergesShardsIntoOneTopicWithAKeyFieldThatKeepsRowsApart() {
    Route<SinkRecord> route = route(
        "table.regex", "shop_\\d+\\.(orders)_\\d+",
        "topic.template", "${server}.shop.all_$1",
        "shard.key.field", "__shard");

    SinkRecord first = route.apply(event(CREATE, "shop_1", "orders_1"));
    SinkRecord second = route.apply(event(CREATE, "shop_2", "orders_7"));

    assertThat(first.topic()).isEqualTo("shop.shop.all_orders").isEqualTo(second.topic());
    assertThat(((Struct) first.key()).getString("__shard")).isEqualTo("shop_1.orders_1");
    assertThat(((Struct) second.key()).getString("__shard")).isEqualTo("shop_2.orders_7");
    assertThat(((Struct) first.key()).getInt32("id")).isEqualTo(1);
    assertThat(first.key()).isNotEqualTo(second.key());
    assertThat(first.keySchema()).as("key schema built once").isSameAs(second.keySchema());
  }

  @Test
  void interleavedTablesEachGetTheirOwnTopicAndShardKey() {
    Route<SinkRecord> route = route(
        "table.regex", "shop_\\d+\\.(orders|items)_\\d+",
        "topic.template", "all_$1",
        "shard.key.field", "__shard");

    for (int i = 0; i < 3; i++) {
      assertThat(route.apply(event(CREATE, "shop_1", "orders_1")).topic()).isEqualTo("all_orders");
      assertThat(route.apply(event(CREATE, "crm", "people")).topic()).isEqualTo("shop.crm.people");
      SinkRecord item = route.apply(event(CREATE, "shop_2", "items_4"));
      assertThat(item.topic()).isEqualTo("all_items");
      assertThat(((Struct) item.key()).getString("__shard")).isEqualTo("shop_2.items_4");
    }
  }

  @Test
  void tablesTheRegexDoesNotMatchPassThroughUnchanged() {
    SinkRecord other = event(CREATE, "crm", "customers");

    assertThat(route("table.regex", "shop_\\d+\\..*", "topic.template", "x").apply(other)).isSameAs(other);
  }

  @Test
  void tombstonesFollowTheirRowsToTopicAndShardKey() {
    Route<SinkRecord> route = route(
        "table.regex", "shop_\\d+\\.(orders)_\\d+",
        "topic.template", "merged.$1",
        "shard.key.field", "__shard");

    SinkRecord delete = route.apply(event(DELETE, "shop_3", "orders_3"));
    SinkRecord tombstone = route.apply(tombstoneOf("shop_3", "orders_3"));

    assertThat(tombstone.topic()).isEqualTo(delete.topic()).isEqualTo("merged.orders");
    assertThat(tombstone.key()).isEqualTo(delete.key());
    assertThat(tombstone.value()).isNull();
  }

  @Test
  void partitionsWithKafkasOwnMurmur2() {
    Route<SinkRecord> route = route("partition.fields", "email", "partition.count", "12");

    SinkRecord routed = route.apply(event(CREATE, "inventory", "orders"));

    byte[] email = "ada@example.com".getBytes(StandardCharsets.UTF_8);
    assertThat(routed.kafkaPartition())
        .as("where Kafka's default partitioner puts a record keyed by the same string")
        .isEqualTo(BuiltInPartitioner.partitionForKey(email, 12));
  }

  @Test
  void tombstonesLandInTheirRowsPartitionFromTheKey() {
    Route<SinkRecord> route = route("partition.fields", "id", "partition.count", "7");

    SinkRecord row = route.apply(event(UPDATE, "inventory", "orders"));
    SinkRecord tombstone = route.apply(tombstoneOf("inventory", "orders"));

    assertThat(row.kafkaPartition()).isEqualTo(BuiltInPartitioner.partitionForKey("1".getBytes(StandardCharsets.UTF_8), 7));
    assertThat(tombstone.kafkaPartition()).isEqualTo(row.kafkaPartition());
  }

  @Test
  void tombstonesFollowTheDeleteBeforeThemWhenTheKeyLacksTheFields() {
    Route<SinkRecord> route = route("partition.fields", "email,status", "partition.count", "50");
    Route<SinkRecord> fresh = route("partition.fields", "email,status", "partition.count", "50");

    SinkRecord delete = route.apply(event(DELETE, "inventory", "orders"));
    SinkRecord tombstone = route.apply(tombstoneOf("inventory", "orders"));
    SinkRecord unplaced = fresh.apply(tombstoneOf("inventory", "orders"));

    assertThat(delete.kafkaPartition()).isNotEqualTo(0);
    assertThat(tombstone.kafkaPartition()).isEqualTo(delete.kafkaPartition());
    assertThat(unplaced.kafkaPartition()).as("nothing to go by: unchanged").isEqualTo(0);
  }

  @Test
  void routesUnwrappedRowsByUnwrapsHeaders() {
    Unwrap<SinkRecord> unwrap = UnwrapTest.unwrap("add.headers", "db,table");
    Route<SinkRecord> route = route("topic.template", "views.${db}.${table}");

    SinkRecord row = route.apply(unwrap.apply(event(CREATE, "inventory", "orders")));

    assertThat(row.topic()).isEqualTo("views.inventory.orders");
  }

  @Test
  void worksOnSchemalessEventsAndMapKeys() {
    SinkRecord routed = route("topic.template", "all.${table}", "shard.key.field", "__shard")
        .apply(Fixtures.schemalessEvent(UPDATE, true));

    assertThat(routed.topic()).isEqualTo("all.orders");
    assertThat(((Map<?, ?>) routed.key()).get("__shard")).isEqualTo("inventory.orders");
  }

  @Test
  void recordsWithoutATableStayWhereTheyAre() {
    SinkRecord heartbeat = new SinkRecord("__heartbeats", 0, null, null, null, Map.of("ts", 1L), 0L);

    assertThat(route("topic.template", "x").apply(heartbeat)).isSameAs(heartbeat);
  }

  @Test
  void aShardKeyOnAStringKeyIsRejectedWithWhereItIs() {
    SinkRecord stringKey = new SinkRecord("shop.inventory.orders", 3, null, "k", null, null, 99L);

    assertThatThrownBy(() -> route("shard.key.field", "__shard").apply(stringKey))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("shard.key.field")
        .hasMessageContaining("topic 'shop.inventory.orders', partition 3, offset 99");
  }

  @Test
  void configErrorsNameTheSettingAndWhatIsValid() {
    assertThatThrownBy(() -> route("partition.fields", "id"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("partition.count");
    assertThatThrownBy(() -> route("topic.template", "${schema}.x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("topic.template")
        .hasMessageContaining("${schema}")
        .hasMessageContaining("${db}");
    assertThatThrownBy(() -> route("table.regex", "(a)\\.b", "topic.template", "$2"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("group 2")
        .hasMessageContaining("groups 1 to 1");
    assertThatThrownBy(() -> route("topic.naming.regex", "(.*)"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("(?<db>");
    assertThatThrownBy(() -> route("partition.fields", "id", "partition.count", "0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("at least 1");
  }

  @Test
  void dollarDollarIsALiteralDollar() {
    assertThat(route("topic.template", "a$$b.${table}").apply(event(CREATE, "inventory", "orders")).topic())
        .isEqualTo("a$b.orders");
  }

  @Test
  void headerBasedRoutingNeedsNoEnvelope() {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("__db", "crm").addString("__table", "leads");
    SinkRecord row = new SinkRecord("anything", 0, null, null, null, Map.of("id", 1), 0L, 0L,
        TimestampType.CREATE_TIME, headers);

    assertThat(route("topic.template", "${db}_${table}").apply(row).topic()).isEqualTo("crm_leads");
  }
}
