package dev.sluice.transforms.predicates;

import static dev.sluice.event.Envelope.Operation.DELETE;
import static dev.sluice.event.Envelope.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.transforms.conformance.Fixtures;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class FieldValueMatchesTest {

  private static <P extends FieldValueMatches<SinkRecord>> P configured(P predicate, String... keyValues) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    predicate.configure(props);
    return predicate;
  }

  @Test
  void matchesAnExactValueAtANestedPath() {
    FieldValueMatches<SinkRecord> berlin =
        configured(new FieldValueMatches.Value<>(), "field", "after.address.city", "value", "Berlin");

    assertThat(berlin.test(Fixtures.sluice(UPDATE))).isTrue();
    assertThat(berlin.test(Fixtures.schemalessEvent(UPDATE, true))).isTrue();
    assertThat(berlin.test(Fixtures.sluice(DELETE))).as("a delete has no after").isFalse();
  }

  @Test
  void matchesARegexAgainstTheWholeText() {
    FieldValueMatches<SinkRecord> shipped =
        configured(new FieldValueMatches.Value<>(), "field", "status", "regex", "ship.*");
    FieldValueMatches<SinkRecord> partial =
        configured(new FieldValueMatches.Value<>(), "field", "status", "regex", "ship");
    SinkRecord row = Fixtures.record(null, null, Fixtures.ROW_SCHEMA, Fixtures.row(1));

    assertThat(shipped.test(row)).isTrue();
    assertThat(partial.test(row)).as("full match, not find").isFalse();
  }

  @Test
  void comparesNumbersAndDecimalsAsPlainText() {
    SinkRecord row = Fixtures.record(null, null, Fixtures.ROW_SCHEMA, Fixtures.row(1));

    assertThat(configured(new FieldValueMatches.Value<>(), "field", "price", "value", "12.35").test(row)).isTrue();
    assertThat(configured(new FieldValueMatches.Value<>(), "field", "id", "value", "1").test(row)).isTrue();
    assertThat(configured(new FieldValueMatches.Value<>(), "field", "op", "value", "u")
        .test(Fixtures.sluice(UPDATE))).isTrue();
  }

  @Test
  void missingFieldsNullsStructsAndTombstonesNeverMatchTheValue() {
    FieldValueMatches<SinkRecord> any = configured(new FieldValueMatches.Value<>(), "field", "note", "regex", ".*");
    FieldValueMatches<SinkRecord> missing = configured(new FieldValueMatches.Value<>(), "field", "nope", "regex", ".*");
    FieldValueMatches<SinkRecord> struct = configured(new FieldValueMatches.Value<>(), "field", "address", "regex", ".*");
    SinkRecord row = Fixtures.record(null, null, Fixtures.ROW_SCHEMA, Fixtures.row(1));

    assertThat(any.test(row)).as("null").isFalse();
    assertThat(missing.test(row)).isFalse();
    assertThat(struct.test(row)).isFalse();
    assertThat(any.test(Fixtures.tombstone())).isFalse();
  }

  @Test
  void keyVariantTestsTombstonesByTheirKey() {
    FieldValueMatches<SinkRecord> key = configured(new FieldValueMatches.Key<>(), "field", "id", "value", "1");

    assertThat(key.test(Fixtures.tombstone())).isTrue();
    assertThat(key.test(Fixtures.record(null, null, null, null))).isFalse();
  }

  @Test
  void needsExactlyOneOfValueAndRegex() {
    assertThatThrownBy(() -> configured(new FieldValueMatches.Value<>(), "field", "id"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("neither is set");
    assertThatThrownBy(() -> configured(new FieldValueMatches.Value<>(), "field", "id", "value", "1", "regex", "1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("both are set");
    assertThatThrownBy(() -> configured(new FieldValueMatches.Value<>(), "field", "id", "regex", "(("))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("regex");
    assertThatThrownBy(() -> configured(new FieldValueMatches.Value<>(), "value", "1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("field");
  }
}
