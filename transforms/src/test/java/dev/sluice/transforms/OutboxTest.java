package dev.sluice.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.event.Envelope.Operation;
import dev.sluice.transforms.conformance.Fixtures;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class OutboxTest {

  static Outbox<SinkRecord> outbox(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    Outbox<SinkRecord> outbox = new Outbox<>();
    outbox.configure(props);
    return outbox;
  }

  private static SinkRecord outboxEvent(Operation op, String payload) {
    SinkRecord insert = Fixtures.outboxInsert();
    Struct value = (Struct) insert.value();
    Struct row = value.getStruct("after");
    if (payload == null) {
      row = new Struct(row.schema()).put("id", "e-2").put("aggregatetype", "order")
          .put("aggregateid", "o-17").put("type", "OrderDeleted").put("payload", null);
    }
    Struct changed = Fixtures.OUTBOX.value(
        op, op == Operation.CREATE ? null : row, op == Operation.DELETE ? null : row,
        value.getStruct("source"), 5L, null);
    return insert.newRecord(insert.topic(), 0, insert.keySchema(), insert.key(), changed.schema(),
        changed, insert.timestamp());
  }

  @Test
  void routesAnInsertByAggregateTypeWithTheAggregateIdAsKey() {
    SinkRecord event = outbox().apply(Fixtures.outboxInsert());

    assertThat(event.topic()).isEqualTo("outbox.event.order");
    assertThat(event.key()).isEqualTo("o-17");
    assertThat(event.keySchema()).isEqualTo(Schema.STRING_SCHEMA);
    assertThat(event.value()).isEqualTo("{\"id\":17}");
    assertThat(event.valueSchema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
    assertThat(event.headers().lastWithName("id").value()).isEqualTo("e-1");
    assertThat(event.headers().lastWithName("trace").value()).isEqualTo("t-1");
    assertThat(event.timestamp()).as("the change event's ts_ms").isEqualTo(5L);
  }

  @Test
  void placesColumnsAsHeadersEnvelopeFieldsAndPartition() {
    Outbox<SinkRecord> outbox = outbox(
        "table.fields.additional.placement", "type:header:eventType,type:envelope:kind,aggregateid:header");

    SinkRecord event = outbox.apply(Fixtures.outboxInsert());
    Struct value = (Struct) event.value();

    assertThat(event.headers().lastWithName("eventType").value()).isEqualTo("OrderCreated");
    assertThat(event.headers().lastWithName("aggregateid").value()).isEqualTo("o-17");
    assertThat(value.getString("payload")).isEqualTo("{\"id\":17}");
    assertThat(value.getString("kind")).isEqualTo("OrderCreated");
    assertThat(outbox.apply(Fixtures.outboxInsert()).valueSchema()).isSameAs(event.valueSchema());
    assertThat(outbox.schemaBuilds()).isEqualTo(1);
  }

  @Test
  void customRegexAndReplacementChooseTheTopic() {
    SinkRecord event = outbox(
        "route.topic.regex", "(?<agg>ord)er", "route.topic.replacement", "${db}.events.${agg}")
        .apply(Fixtures.outboxInsert());

    assertThat(event.topic()).isEqualTo("inventory.events.ord");
  }

  @Test
  void deletesAreDroppedAndUpdatesFollowTheInvalidOpBehavior() {
    assertThat(outbox().apply(outboxEvent(Operation.DELETE, "{}"))).isNull();
    assertThat(outbox().apply(outboxEvent(Operation.UPDATE, "{}"))).isNull();
    assertThatThrownBy(() -> outbox("table.op.invalid.behavior", "fatal").apply(outboxEvent(Operation.UPDATE, "{}")))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("update of an outbox row")
        .hasMessageContaining("topic 'shop.inventory.outbox'");
  }

  @Test
  void emptyPayloadsBecomeTombstonesWhenAsked() {
    SinkRecord tombstone = outbox("route.tombstone.on.empty.payload", "true")
        .apply(outboxEvent(Operation.CREATE, null));
    SinkRecord nullValue = outbox().apply(outboxEvent(Operation.CREATE, null));

    assertThat(tombstone.value()).isNull();
    assertThat(tombstone.valueSchema()).isNull();
    assertThat(tombstone.key()).isEqualTo("o-17");
    assertThat(nullValue.value()).isNull();
    assertThat(nullValue.valueSchema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
  }

  @Test
  void routesSchemalessOutboxRows() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", "e-9");
    row.put("aggregatetype", "customer");
    row.put("aggregateid", "c-1");
    row.put("payload", "{}");
    row.put("created_ms", 123L);
    Map<String, Object> source = new LinkedHashMap<>(Map.of("db", "inventory", "table", "outbox", "name", "shop"));
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("before", null);
    value.put("after", row);
    value.put("source", source);
    value.put("op", "c");
    SinkRecord input = Fixtures.record(null, null, null, value);

    SinkRecord event = outbox("table.field.event.timestamp", "created_ms").apply(input);

    assertThat(event.topic()).isEqualTo("outbox.event.customer");
    assertThat(event.key()).isEqualTo("c-1");
    assertThat(event.value()).isEqualTo("{}");
    assertThat(event.headers().lastWithName("id").value()).isEqualTo("e-9");
    assertThat(event.timestamp()).isEqualTo(123L);
  }

  @Test
  void anEventOfAnotherTableNamesTheMissingColumnAndTheRecord() {
    assertThatThrownBy(() -> outbox().apply(Fixtures.sluice(Operation.CREATE)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("aggregateid")
        .hasMessageContaining("table.field.event.key")
        .hasMessageContaining("topic 'shop.inventory.orders'");
  }

  @Test
  void tombstonesAndPlainValuesPassThrough() {
    SinkRecord tombstone = Fixtures.tombstone();
    SinkRecord plain = Fixtures.record(null, null, null, Map.of("a", 1));

    assertThat(outbox().apply(tombstone)).isSameAs(tombstone);
    assertThat(outbox().apply(plain)).isSameAs(plain);
  }

  @Test
  void configErrorsNameTheSetting() {
    assertThatThrownBy(() -> outbox("table.fields.additional.placement", "type:body"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("table.fields.additional.placement")
        .hasMessageContaining("header, envelope, partition");
    assertThatThrownBy(() -> outbox("route.topic.replacement", "x.${nope}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("route.topic.replacement")
        .hasMessageContaining("${routedByValue}");
    assertThatThrownBy(() -> outbox("table.op.invalid.behavior", "ignore"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("warn, error, fatal");
    assertThatThrownBy(() -> outbox("table.fields.additional.placement", "type:envelope:payload"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("payload");
  }
}
