package dev.sluice.transforms;

import static dev.sluice.event.Envelope.Operation.UPDATE;
import static dev.sluice.transforms.Configured.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.transforms.conformance.Fixtures;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class TruncateTest {

  private static final Schema SCHEMA =
      SchemaBuilder.struct()
          .field("zip", Schema.STRING_SCHEMA)
          .field("emoji", Schema.STRING_SCHEMA)
          .field("raw", Schema.BYTES_SCHEMA)
          .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
          .field("n", Schema.INT32_SCHEMA)
          .build();

  private static SinkRecord record() {
    Struct value = new Struct(SCHEMA)
        .put("zip", "10115").put("emoji", "a\uD83D\uDE00b\uD83D\uDE00")
        .put("raw", new byte[] {1, 2, 3, 4}).put("tags", java.util.List.of("a", "b", "c", "d"))
        .put("n", 5);
    return Fixtures.record(null, null, SCHEMA, value);
  }

  @Test
  void keepsPrefixesOfStringsBytesAndArrays() {
    Struct out = (Struct) with(new Truncate.Value<>(), "fields", "zip,raw,tags", "length", "3")
        .apply(record()).value();

    assertThat(out.getString("zip")).isEqualTo("101");
    assertThat(out.getBytes("raw")).containsExactly(1, 2, 3);
    assertThat(out.getArray("tags")).containsExactly("a", "b", "c");
    assertThat(out.schema()).isSameAs(SCHEMA);
  }

  @Test
  void neverSplitsASurrogatePair() {
    Struct out = (Struct) with(new Truncate.Value<>(), "fields", "emoji", "length", "2").apply(record()).value();

    assertThat(out.getString("emoji")).isEqualTo("a\uD83D\uDE00");
  }

  @Test
  void shorterValuesAndBothRowsOfChangeEvents() {
    Struct value = (Struct) with(new Truncate.Value<>(), "fields", "address.zip", "length", "10")
        .apply(Fixtures.sluice(UPDATE)).value();
    Struct cut = (Struct) with(new Truncate.Value<>(), "fields", "address.zip", "length", "2")
        .apply(Fixtures.sluice(UPDATE)).value();

    assertThat(value.getStruct("after").getStruct("address").getString("zip")).isEqualTo("10115");
    assertThat(cut.getStruct("before").getStruct("address").getString("zip")).isEqualTo("10");
    assertThat(cut.getStruct("after").getStruct("address").getString("zip")).isEqualTo("10");
  }

  @Test
  void numbersCannotBeTruncated() {
    assertThatThrownBy(() -> with(new Truncate.Value<>(), "fields", "n", "length", "1").apply(record()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("'n'")
        .hasMessageContaining("INT32")
        .hasMessageContaining("STRING, BYTES and ARRAY");
  }

  @Test
  void lengthMustNotBeNegative() {
    assertThatThrownBy(() -> with(new Truncate.Value<>(), "fields", "zip", "length", "-1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("length");
  }
}
