package dev.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class SeqTest {

  @Test
  void readsSeqFromASluiceStruct() {
    Struct value = TestEvents.sluiceCreate(42);

    assertThat(Seq.fromStruct(value)).hasValue(42L);
    assertThat(Seq.of(value)).hasValue(42L);
  }

  @Test
  void readsSeqFromASchemalessMap() {
    Map<String, Object> value = TestEvents.sluiceDeleteMap(43L);

    assertThat(Seq.fromMap(value)).hasValue(43L);
    assertThat(Seq.of(value)).hasValue(43L);
  }

  @Test
  void acceptsNarrowIntegralTypesFromSchemalessDeserializers() {
    assertThat(Seq.of(TestEvents.sluiceDeleteMap(44))).hasValue(44L);
    assertThat(Seq.of(TestEvents.sluiceDeleteMap((short) 45))).hasValue(45L);
    assertThat(Seq.of(TestEvents.sluiceDeleteMap((byte) 46))).hasValue(46L);
  }

  @Test
  void debeziumEventsHaveNoSeq() {
    assertThat(Seq.fromStruct(TestEvents.debeziumUpdate())).isEmpty();
    assertThat(Seq.fromMap(TestEvents.debeziumTruncateMap())).isEmpty();
  }

  @Test
  void tombstonesAndNullHaveNoSeq() {
    assertThat(Seq.of(null)).isEmpty();
    assertThat(Seq.fromStruct(null)).isEmpty();
    assertThat(Seq.fromMap(null)).isEmpty();
  }

  @Test
  void nullSeqInAMapIsEmpty() {
    assertThat(Seq.of(TestEvents.sluiceDeleteMap(null))).isEmpty();
  }

  @Test
  void wrongSeqTypesAreEmptyNotErrors() {
    assertThat(Seq.of(TestEvents.sluiceDeleteMap("42"))).isEmpty();
    assertThat(Seq.of(TestEvents.sluiceDeleteMap(42.0d))).isEmpty();
    assertThat(Seq.of(TestEvents.sluiceDeleteMap(BigInteger.TEN))).isEmpty();

    Schema stringSeqSource = SchemaBuilder.struct().field("seq", Schema.STRING_SCHEMA).build();
    Schema valueSchema =
        SchemaBuilder.struct()
            .field("source", stringSeqSource)
            .field("op", Schema.STRING_SCHEMA)
            .build();
    Struct value =
        new Struct(valueSchema)
            .put("source", new Struct(stringSeqSource).put("seq", "42"))
            .put("op", "c");
    assertThat(Seq.fromStruct(value)).isEmpty();
  }

  @Test
  void valuesWithoutASourceBlockHaveNoSeq() {
    Schema plain = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    Map<String, Object> sourceNotAMap = new HashMap<>();
    sourceNotAMap.put("op", "c");
    sourceNotAMap.put("source", "mysql");

    assertThat(Seq.of(new Struct(plain).put("id", 1))).isEmpty();
    assertThat(Seq.of(sourceNotAMap)).isEmpty();
    assertThat(Seq.of(Map.of())).isEmpty();
    assertThat(Seq.of("a string value")).isEmpty();
    assertThat(Seq.of(42L)).isEmpty();
  }
}
