package dev.sluice.transforms.util;

import static dev.sluice.event.Envelope.Operation.CREATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.event.EnvelopeShape;
import dev.sluice.transforms.ChangeEventRecords;
import org.junit.jupiter.api.Test;

class NullPolicyTest {

  @Test
  void tombstoneIsANullValueNotANullKey() {
    assertThat(NullPolicy.isTombstone(ChangeEventRecords.tombstone())).isTrue();
    assertThat(NullPolicy.isTombstone(ChangeEventRecords.nullKey(CREATE, "d", "t"))).isFalse();
    assertThat(NullPolicy.isTombstone(ChangeEventRecords.plainStruct())).isFalse();
  }

  @Test
  void changeEventsOfEveryShapeAreRecognised() {
    assertThat(NullPolicy.carriesChangeEvent(ChangeEventRecords.sluiceStruct(CREATE, "d", "t"))).isTrue();
    assertThat(NullPolicy.carriesChangeEvent(ChangeEventRecords.debeziumStruct(CREATE, "d", "t"))).isTrue();
    assertThat(NullPolicy.carriesChangeEvent(ChangeEventRecords.sluiceMap(CREATE, "d", "t"))).isTrue();
    assertThat(NullPolicy.carriesChangeEvent(ChangeEventRecords.debeziumMap(CREATE, "d", "t"))).isTrue();
    assertThat(NullPolicy.carriesChangeEvent(ChangeEventRecords.nullKey(CREATE, "d", "t"))).isTrue();
  }

  @Test
  void tombstonesAndPlainValuesCarryNoChangeEvent() {
    assertThat(NullPolicy.carriesChangeEvent(ChangeEventRecords.tombstone())).isFalse();
    assertThat(NullPolicy.carriesChangeEvent(ChangeEventRecords.plainStruct())).isFalse();
    assertThat(NullPolicy.carriesChangeEvent(ChangeEventRecords.plainMap())).isFalse();
  }

  @Test
  void shapeOfDistinguishesProducers() {
    assertThat(NullPolicy.shapeOf(ChangeEventRecords.sluiceStruct(CREATE, "d", "t")))
        .isEqualTo(EnvelopeShape.SLUICE);
    assertThat(NullPolicy.shapeOf(ChangeEventRecords.debeziumMap(CREATE, "d", "t")))
        .isEqualTo(EnvelopeShape.DEBEZIUM);
    assertThat(NullPolicy.shapeOf(ChangeEventRecords.tombstone())).isEqualTo(EnvelopeShape.TOMBSTONE);
  }
}
