package dev.sluice.transforms.predicates;

import static dev.sluice.event.Envelope.Operation.CREATE;
import static dev.sluice.event.Envelope.Operation.DELETE;
import static dev.sluice.event.Envelope.Operation.READ;
import static dev.sluice.event.Envelope.Operation.TRUNCATE;
import static dev.sluice.event.Envelope.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.event.Envelope.Operation;
import dev.sluice.transforms.ChangeEventRecords;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class OperationIsTest {

  private static OperationIs<SinkRecord> predicate(String operations) {
    OperationIs<SinkRecord> predicate = new OperationIs<>();
    predicate.configure(Map.of("operations", operations));
    return predicate;
  }

  @Test
  void matchesSluiceStructEventsWithAListedOperation() {
    OperationIs<SinkRecord> deletesAndTruncates = predicate("d,t");

    assertThat(deletesAndTruncates.test(ChangeEventRecords.sluiceStruct(DELETE, "db", "t"))).isTrue();
    assertThat(deletesAndTruncates.test(ChangeEventRecords.sluiceStruct(TRUNCATE, "db", "t"))).isTrue();
    assertThat(deletesAndTruncates.test(ChangeEventRecords.sluiceStruct(CREATE, "db", "t"))).isFalse();
    assertThat(deletesAndTruncates.test(ChangeEventRecords.sluiceStruct(UPDATE, "db", "t"))).isFalse();
    assertThat(deletesAndTruncates.test(ChangeEventRecords.sluiceStruct(READ, "db", "t"))).isFalse();
  }

  @Test
  void matchesDebeziumStructEventsWithoutSeq() {
    OperationIs<SinkRecord> updates = predicate("u");

    assertThat(updates.test(ChangeEventRecords.debeziumStruct(UPDATE, "db", "t"))).isTrue();
    assertThat(updates.test(ChangeEventRecords.debeziumStruct(CREATE, "db", "t"))).isFalse();
  }

  @Test
  void matchesSchemalessEventsOfBothProducers() {
    OperationIs<SinkRecord> reads = predicate("r");

    assertThat(reads.test(ChangeEventRecords.sluiceMap(READ, "db", "t"))).isTrue();
    assertThat(reads.test(ChangeEventRecords.debeziumMap(READ, "db", "t"))).isTrue();
    assertThat(reads.test(ChangeEventRecords.sluiceMap(CREATE, "db", "t"))).isFalse();
  }

  @Test
  void eventsWithNullKeyAreOrdinaryEvents() {
    assertThat(predicate("c").test(ChangeEventRecords.nullKey(CREATE, "db", "t"))).isTrue();
  }

  @Test
  void tombstonesNeverMatchEvenWhenDeletesAreListed() {
    OperationIs<SinkRecord> all = predicate("c,u,d,r,t");

    assertThat(all.test(ChangeEventRecords.tombstone())).isFalse();
  }

  @Test
  void valuesThatAreNotChangeEventsNeverMatch() {
    OperationIs<SinkRecord> all = predicate("c,u,d,r,t");

    assertThat(all.test(ChangeEventRecords.plainStruct())).isFalse();
    assertThat(all.test(ChangeEventRecords.plainMap())).isFalse();
  }

  @Test
  void acceptsBlanksAndUpperCaseInTheList() {
    OperationIs<SinkRecord> predicate = predicate(" C , U ");

    assertThat(predicate.test(ChangeEventRecords.sluiceStruct(UPDATE, "db", "t"))).isTrue();
    assertThat(predicate.test(ChangeEventRecords.sluiceStruct(CREATE, "db", "t"))).isTrue();
  }

  @Test
  void neverMutatesTheRecord() {
    OperationIs<SinkRecord> all = predicate("c,u,d,r,t");
    for (Supplier<SinkRecord> factory : ChangeEventRecords.allShapes()) {
      SinkRecord record = factory.get();

      all.test(record);

      assertThat(record).isEqualTo(factory.get());
    }
  }

  @Test
  void missingOperationsIsAnErrorNamingTheSetting() {
    OperationIs<SinkRecord> predicate = new OperationIs<>();

    assertThatThrownBy(() -> predicate.configure(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("operations");
  }

  @Test
  void emptyOperationsIsAnErrorNamingTheSettingAndValidCodes() {
    assertThatThrownBy(() -> predicate(""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("operations")
        .hasMessageContaining("at least one")
        .hasMessageContaining(Operation.validCodes());
  }

  @Test
  void unknownOperationIsAnErrorNamingTheSettingTheValueAndValidCodes() {
    assertThatThrownBy(() -> predicate("c,x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("operations")
        .hasMessageContaining("'x'")
        .hasMessageContaining("c, u, d, r, t");
  }

  @Test
  void exposesItsConfigDefAndVersion() {
    OperationIs<SinkRecord> predicate = new OperationIs<>();

    assertThat(predicate.config()).isSameAs(OperationIs.CONFIG_DEF);
    assertThat(predicate.config().names()).containsExactly("operations");
    assertThat(predicate.version()).isNotBlank();
    assertThat(OperationIs.OVERVIEW_DOC).contains("operations");
  }
}
