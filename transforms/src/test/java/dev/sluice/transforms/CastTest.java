package dev.sluice.transforms;

import static dev.sluice.transforms.Configured.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.transforms.conformance.Fixtures;
import java.math.BigDecimal;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class CastTest {

  private static final Schema SCHEMA =
      SchemaBuilder.struct()
          .field("amount", Decimal.builder(3).optional().build())
          .field("ratio", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .field("text", Schema.OPTIONAL_STRING_SCHEMA)
          .field("big", Schema.OPTIONAL_INT64_SCHEMA)
          .field("flag", Schema.OPTIONAL_STRING_SCHEMA)
          .field("at", Timestamp.builder().optional().build())
          .field("qty", SchemaBuilder.int32().defaultValue(7).build())
          .build();

  private static SinkRecord record() {
    Struct value = new Struct(SCHEMA)
        .put("amount", new BigDecimal("2.345"))
        .put("ratio", 2.675)
        .put("text", " 19.999 ")
        .put("big", 3_000_000_000L)
        .put("flag", "TRUE")
        .put("at", new Date(1_700_000_000_123L))
        .put("qty", 3);
    return Fixtures.record(null, null, SCHEMA, value);
  }

  private static Struct cast(String spec, String... more) {
    String[] args = new String[more.length + 2];
    args[0] = "spec";
    args[1] = spec;
    System.arraycopy(more, 0, args, 2, more.length);
    return (Struct) with(new Cast.Value<>(), args).apply(record()).value();
  }

  @Test
  void decimalsCastToDoubleAndToStringsWithScaleAndRounding() {
    assertThat(cast("amount:float64").getFloat64("amount")).isEqualTo(2.345);
    assertThat(cast("amount:string").getString("amount")).isEqualTo("2.345");
    assertThat(cast("amount:string(2)").getString("amount")).isEqualTo("2.35");
    assertThat(cast("amount:string(2)", "rounding.mode", "HALF_EVEN").getString("amount")).isEqualTo("2.34");
    assertThat(cast("amount:decimal(1)", "rounding.mode", "DOWN").get("amount")).isEqualTo(new BigDecimal("2.3"));
  }

  @Test
  void doublesAndStringsCastToDecimalsOfAFixedScale() {
    Struct out = cast("ratio:decimal(2),text:decimal(2)");

    assertThat(out.get("ratio")).isEqualTo(new BigDecimal("2.68"));
    assertThat(out.get("text")).isEqualTo(new BigDecimal("20.00"));
    assertThat(out.schema().field("ratio").schema()).isEqualTo(Decimal.builder(2).optional().build());
  }

  @Test
  void integersRoundAndRefuseValuesThatDoNotFit() {
    assertThat(cast("amount:int32").getInt32("amount")).isEqualTo(2);
    assertThat(cast("text:int64").getInt64("text")).isEqualTo(20L);
    assertThatThrownBy(() -> cast("big:int32"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("'big'")
        .hasMessageContaining("does not fit")
        .hasMessageNotContaining("3000000000");
  }

  @Test
  void unnecessaryRoundingFailsInsteadOfRounding() {
    assertThatThrownBy(() -> cast("amount:decimal(2)", "rounding.mode", "UNNECESSARY"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("rounding.mode is UNNECESSARY");
  }

  @Test
  void booleansTimestampsAndDefaults() {
    Struct out = cast("flag:boolean,at:int64,qty:string");

    assertThat(out.getBoolean("flag")).isTrue();
    assertThat(out.getInt64("at")).isEqualTo(1_700_000_000_123L);
    assertThat(out.getString("qty")).isEqualTo("3");
    assertThat(out.schema().field("qty").schema().defaultValue()).isEqualTo("7");
    assertThat(cast("at:string").getString("at")).isEqualTo("2023-11-14T22:13:20.123Z");
  }

  @Test
  void notANumberNamesTheFieldButNotTheValue() {
    Struct value = new Struct(SCHEMA).put("text", "secret-ish").put("qty", 1);
    SinkRecord record = Fixtures.record(null, null, SCHEMA, value);

    assertThatThrownBy(() -> with(new Cast.Value<>(), "spec", "text:decimal(2)").apply(record))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("'text'")
        .hasMessageContaining("not a finite number")
        .hasMessageNotContaining("secret-ish");
  }

  @Test
  void timestampsOnlyCastToInt64OrString() {
    assertThatThrownBy(() -> cast("at:float64"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("Timestamps cast to int64 or string");
  }

  @Test
  void castsSchemalessValuesByTheirJavaType() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("price", 12.345);
    row.put("qty", "4");
    SinkRecord record = Fixtures.record(null, null, null, row);

    Map<?, ?> out = (Map<?, ?>) with(new Cast.Value<>(), "spec", "price:decimal(2),qty:int32").apply(record).value();

    assertThat(out.get("price")).isEqualTo(new BigDecimal("12.35"));
    assertThat(out.get("qty")).isEqualTo(4);
  }

  @Test
  void castsInsideChangeEvents() {
    Struct value = (Struct) with(new Cast.Value<>(), "spec", "price:float64,id:int64")
        .apply(Fixtures.sluice(dev.sluice.event.Envelope.Operation.UPDATE)).value();

    assertThat(value.getStruct("after").getFloat64("price")).isEqualTo(12.35);
    assertThat(value.getStruct("before").getInt64("id")).isEqualTo(1L);
  }

  @Test
  void configErrorsListTheValidTypesAndModes() {
    assertThatThrownBy(() -> with(new Cast.Value<>(), "spec", "price:money"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("spec")
        .hasMessageContaining("decimal(S)");
    assertThatThrownBy(() -> with(new Cast.Value<>(), "spec", "price:decimal"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("decimal needs a scale");
    assertThatThrownBy(() -> with(new Cast.Value<>(), "spec", "price"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("path:type");
    assertThatThrownBy(() -> with(new Cast.Value<>(), "spec", "price:float64", "rounding.mode", "nearest"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("HALF_EVEN");
  }
}
