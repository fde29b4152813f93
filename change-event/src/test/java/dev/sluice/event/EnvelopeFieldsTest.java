package dev.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.event.Envelope.Operation;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class EnvelopeFieldsTest {

  @Test
  void readsOpDbAndTableFromASluiceStruct() {
    Struct value = TestEvents.sluiceCreate(1);

    assertThat(EnvelopeFields.op(value)).contains(Operation.CREATE);
    assertThat(EnvelopeFields.db(value)).contains("inventory");
    assertThat(EnvelopeFields.table(value)).contains("customers");
  }

  @Test
  void readsOpDbAndTableFromADebeziumStruct() {
    Struct value = TestEvents.debeziumUpdate();

    assertThat(EnvelopeFields.op(value)).contains(Operation.UPDATE);
    assertThat(EnvelopeFields.db(value)).contains("inventory");
    assertThat(EnvelopeFields.table(value)).contains("customers");
  }

  @Test
  void readsOpDbAndTableFromSchemalessMaps() {
    assertThat(EnvelopeFields.op(TestEvents.sluiceDeleteMap(1L))).contains(Operation.DELETE);
    assertThat(EnvelopeFields.op(TestEvents.debeziumTruncateMap())).contains(Operation.TRUNCATE);
    assertThat(EnvelopeFields.db(TestEvents.debeziumTruncateMap())).contains("inventory");
    assertThat(EnvelopeFields.table(TestEvents.sluiceDeleteMap(1L))).contains("customers");
  }

  @Test
  void absentOptionalTableIsEmpty() {
    SourceInfo noTable = TestEvents.source(1).toBuilder().table(null).build();
    Struct value = TestEvents.ENVELOPE.truncate(noTable.toStruct(), 0);

    assertThat(EnvelopeFields.table(value)).isEmpty();
    assertThat(EnvelopeFields.db(value)).contains("inventory");
  }

  @Test
  void unknownOpCodeIsEmpty() {
    Map<String, Object> value = new HashMap<>(TestEvents.sluiceDeleteMap(1L));
    value.put("op", "m");

    assertThat(EnvelopeFields.op(value)).isEmpty();
  }

  @Test
  void nonEnvelopeValuesYieldNothingEvenIfTheyHaveAnOpField() {
    Map<String, Object> notAnEvent = new HashMap<>();
    notAnEvent.put("op", "c");
    notAnEvent.put("db", "inventory");
    Schema row = SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA).build();

    assertThat(EnvelopeFields.op(notAnEvent)).isEmpty();
    assertThat(EnvelopeFields.op(new Struct(row).put("op", "c"))).isEmpty();
    assertThat(EnvelopeFields.db(notAnEvent)).isEmpty();
    assertThat(EnvelopeFields.table("text")).isEmpty();
  }

  @Test
  void tombstonesYieldNothing() {
    assertThat(EnvelopeFields.op(null)).isEmpty();
    assertThat(EnvelopeFields.db(null)).isEmpty();
    assertThat(EnvelopeFields.table(null)).isEmpty();
  }

  @Test
  void wrongFieldTypesInMapsYieldNothing() {
    Map<String, Object> value = TestEvents.sluiceDeleteMap(1L);
    @SuppressWarnings("unchecked")
    Map<String, Object> source = (Map<String, Object>) value.get("source");
    source.put("db", 5);

    assertThat(EnvelopeFields.db(value)).isEmpty();
    assertThat(EnvelopeFields.table(value)).contains("customers");
  }
}
