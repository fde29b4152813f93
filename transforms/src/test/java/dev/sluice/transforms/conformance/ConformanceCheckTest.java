package dev.sluice.transforms.conformance;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.transforms.conformance.Cases.Case;
import dev.sluice.transforms.conformance.Fixtures.Fixture;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;

/** The conformance checks catch each kind of misbehaviour; otherwise the suite proves nothing. */
class ConformanceCheckTest {

  private static final Fixture ROW =
      new Fixture("nested struct row", () -> Fixtures.record(
          Fixtures.KEY_SCHEMA, Fixtures.key(), Fixtures.ROW_SCHEMA, Fixtures.row(1)));
  private static final Case VALID = Case.of("any", Map.of());

  @Test
  void aWellBehavedTransformationPasses() {
    assertThatCode(() -> Conformance.check(() -> new Bad(Bad.Flaw.NONE), "good", VALID, ROW))
        .doesNotThrowAnyException();
  }

  @Test
  void catchesAMutatedValue() {
    assertThatThrownBy(() -> Conformance.check(() -> new Bad(Bad.Flaw.MUTATES_VALUE), "bad", VALID, ROW))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("value");
  }

  @Test
  void catchesMutatedHeaders() {
    assertThatThrownBy(() -> Conformance.check(() -> new Bad(Bad.Flaw.MUTATES_HEADERS), "bad", VALID, ROW))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("headers");
  }

  @Test
  void catchesSharedHeaders() {
    assertThatThrownBy(() -> Conformance.check(() -> new Bad(Bad.Flaw.SHARES_HEADERS), "bad", VALID, ROW))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("headers object");
  }

  @Test
  void catchesASchemaBuiltPerRecord() {
    assertThatThrownBy(() -> Conformance.check(() -> new Bad(Bad.Flaw.NEW_SCHEMA), "bad", VALID, ROW))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("value schema of an equal record");
  }

  @Test
  void catchesAValueThatDoesNotMatchItsSchema() {
    assertThatThrownBy(() -> Conformance.check(() -> new Bad(Bad.Flaw.WRONG_SCHEMA), "bad", VALID, ROW))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("matches its schema");
  }

  @Test
  void catchesUndeclaredDataExceptionsAndOtherExceptions() {
    assertThatThrownBy(() -> Conformance.check(() -> new Bad(Bad.Flaw.DATA_EXCEPTION), "bad", VALID, ROW))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("does not declare invalid");
    assertThatThrownBy(() -> Conformance.check(() -> new Bad(Bad.Flaw.NPE), "bad", VALID, ROW))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void aDeclaredDataExceptionMustNameTheTopic() {
    Case invalid = new Case("invalid", Map.of(), f -> true);
    assertThatThrownBy(() -> Conformance.check(() -> new Bad(Bad.Flaw.DATA_EXCEPTION), "bad", invalid, ROW))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("names where the record comes from");
  }

  /** A transformation with one chosen flaw. */
  static final class Bad implements Transformation<SinkRecord> {
    enum Flaw { NONE, MUTATES_VALUE, MUTATES_HEADERS, SHARES_HEADERS, NEW_SCHEMA, WRONG_SCHEMA,
      DATA_EXCEPTION, NPE }

    private final Flaw flaw;

    Bad(Flaw flaw) {
      this.flaw = flaw;
    }

    @Override
    public SinkRecord apply(SinkRecord record) {
      Struct value = (Struct) record.value();
      switch (flaw) {
        case MUTATES_VALUE -> value.put("email", "changed@example.com");
        case MUTATES_HEADERS -> record.headers().addString("added", "x");
        case SHARES_HEADERS -> {
          return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(),
              record.key(), record.valueSchema(), value, record.timestamp(), record.headers());
        }
        case NEW_SCHEMA -> {
          Schema schema = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
          return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(),
              record.key(), schema, new Struct(schema).put("id", 1), record.timestamp());
        }
        case WRONG_SCHEMA -> {
          return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(),
              record.key(), Schema.STRING_SCHEMA, 42, record.timestamp());
        }
        case DATA_EXCEPTION -> throw new DataException("bad input somewhere");
        case NPE -> throw new NullPointerException("oops");
        default -> {
          // well-behaved
        }
      }
      return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(),
          record.key(), record.valueSchema(), value, record.timestamp());
    }

    @Override
    public ConfigDef config() {
      return new ConfigDef();
    }

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
  }
}
