package dev.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class EnvelopeShapeTest {

  @Test
  void sluiceEventsInBothShapes() {
    assertThat(EnvelopeShape.of(TestEvents.sluiceCreate(1))).isEqualTo(EnvelopeShape.SLUICE);
    assertThat(EnvelopeShape.of(TestEvents.sluiceDeleteMap(1L))).isEqualTo(EnvelopeShape.SLUICE);
  }

  @Test
  void debeziumEventsInBothShapes() {
    assertThat(EnvelopeShape.of(TestEvents.debeziumUpdate())).isEqualTo(EnvelopeShape.DEBEZIUM);
    assertThat(EnvelopeShape.of(TestEvents.debeziumTruncateMap()))
        .isEqualTo(EnvelopeShape.DEBEZIUM);
  }

  @Test
  void sluiceEventWithUnreadableSeqIsTreatedLikeDebeziumSoTheOffsetGuardApplies() {
    assertThat(EnvelopeShape.of(TestEvents.sluiceDeleteMap("7"))).isEqualTo(EnvelopeShape.DEBEZIUM);
  }

  @Test
  void nullIsATombstone() {
    assertThat(EnvelopeShape.of(null)).isEqualTo(EnvelopeShape.TOMBSTONE);
  }

  @Test
  void valuesWithoutOpOrSourceArePlain() {
    Schema row = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    Schema opIsInt =
        SchemaBuilder.struct()
            .field("op", Schema.INT32_SCHEMA)
            .field("source", SchemaBuilder.struct().field("db", Schema.STRING_SCHEMA).build())
            .build();
    Map<String, Object> opOnly = new HashMap<>();
    opOnly.put("op", "c");
    Map<String, Object> sourceNotAMap = new HashMap<>(TestEvents.sluiceDeleteMap(1L));
    sourceNotAMap.put("source", "mysql");

    assertThat(EnvelopeShape.of(new Struct(row).put("id", 1))).isEqualTo(EnvelopeShape.PLAIN);
    assertThat(EnvelopeShape.of(new Struct(opIsInt))).isEqualTo(EnvelopeShape.PLAIN);
    assertThat(EnvelopeShape.of(opOnly)).isEqualTo(EnvelopeShape.PLAIN);
    assertThat(EnvelopeShape.of(sourceNotAMap)).isEqualTo(EnvelopeShape.PLAIN);
    assertThat(EnvelopeShape.of("text")).isEqualTo(EnvelopeShape.PLAIN);
    assertThat(EnvelopeShape.of(new byte[] {1, 2})).isEqualTo(EnvelopeShape.PLAIN);
    assertThat(EnvelopeShape.of(List.of("op", "source"))).isEqualTo(EnvelopeShape.PLAIN);
  }

  @Test
  void onlySluiceAndDebeziumAreChangeEvents() {
    assertThat(EnvelopeShape.SLUICE.isChangeEvent()).isTrue();
    assertThat(EnvelopeShape.DEBEZIUM.isChangeEvent()).isTrue();
    assertThat(EnvelopeShape.PLAIN.isChangeEvent()).isFalse();
    assertThat(EnvelopeShape.TOMBSTONE.isChangeEvent()).isFalse();
  }
}
