package dev.sluice.sink.mongo.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class BsonValueConverterTest {
  private static final BsonValueConverter DATES = BsonValueConverter.defaults();
  private static final BsonValueConverter STRINGS = new BsonValueConverter(TemporalMode.STRING, JsonMode.STRING, DecimalMode.STRING);

  private static Schema named(Schema.Type type, String name) {
    return new SchemaBuilder(type).name(name).build();
  }

  @Test
  void integersKeepTheirWidthAsInt32OrInt64() {
    assertThat(DATES.value((byte) -8, Schema.INT8_SCHEMA, "c")).isEqualTo(new BsonInt32(-8));
    assertThat(DATES.value((short) 300, Schema.INT16_SCHEMA, "c")).isEqualTo(new BsonInt32(300));
    assertThat(DATES.value(Integer.MIN_VALUE, Schema.INT32_SCHEMA, "c")).isEqualTo(new BsonInt32(Integer.MIN_VALUE));
    assertThat(DATES.value(Long.MAX_VALUE, Schema.INT64_SCHEMA, "c")).isEqualTo(new BsonInt64(Long.MAX_VALUE));
  }

  @Test
  void floatsBecomeDoublesOfTheirShortestDecimalForm() {
    assertThat(DATES.value(0.1f, Schema.FLOAT32_SCHEMA, "c")).isEqualTo(new BsonDouble(0.1));
    assertThat(DATES.value(2.5e300, Schema.FLOAT64_SCHEMA, "c")).isEqualTo(new BsonDouble(2.5e300));
  }

  @Test
  void booleansStringsAndBytesMapToTheirBsonTypes() {
    assertThat(DATES.value(true, Schema.BOOLEAN_SCHEMA, "c")).isEqualTo(BsonBoolean.TRUE);
    assertThat(DATES.value("grüße 🐟", Schema.STRING_SCHEMA, "c")).isEqualTo(new BsonString("grüße 🐟"));
    assertThat(DATES.value(new byte[] {1, 2, (byte) 255}, Schema.BYTES_SCHEMA, "c")).isEqualTo(new BsonBinary(new byte[] {1, 2, (byte) 255}));
    assertThat(DATES.value(ByteBuffer.wrap(new byte[] {9}), Schema.BYTES_SCHEMA, "c")).isEqualTo(new BsonBinary(new byte[] {9}));
    assertThat(DATES.value(new byte[] {5}, named(Schema.Type.BYTES, "io.debezium.data.Bits"), "c")).isEqualTo(new BsonBinary(new byte[] {5}));
  }

  @Test
  void columnsConvertsTheNamedColumnsAsRowDoesAndNothingElse() {
    Schema schema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("region", Schema.STRING_SCHEMA)
        .field("blob", Schema.BYTES_SCHEMA).build();
    // A value of the wrong type in a column that is not asked for is not looked at.
    org.apache.kafka.connect.data.Struct row = new org.apache.kafka.connect.data.Struct(schema).put("id", 7L).put("region", "eu")
        .put("blob", new byte[] {1});
    BsonDocument whole = DATES.row(row);
    assertThat(DATES.columns(row, java.util.List.of("region", "id")))
        .isEqualTo(new BsonDocument("region", whole.get("region")).append("id", whole.get("id")));
    assertThat(DATES.columns(row, java.util.List.of("id", "missing"))).isNull();
    assertThat(DATES.columns(java.util.Map.of("id", 7L, "x", "y"), java.util.List.of("id")))
        .isEqualTo(new BsonDocument("id", new BsonInt64(7)));
    assertThat(DATES.columns(java.util.Map.of("x", "y"), java.util.List.of("id"))).isNull();
    assertThatThrownBy(() -> DATES.columns("not a row", java.util.List.of("id")))
        .isInstanceOf(DataException.class).hasMessageContaining("a row must be a Struct or a Map, got java.lang.String");
  }

  @Test
  void nullsAreBsonNull() {
    assertThat(DATES.value(null, Schema.OPTIONAL_STRING_SCHEMA, "c")).isEqualTo(BsonNull.VALUE);
  }

  @Test
  void decimalsAreDecimal128WithTheirScaleOrExactStrings() {
    Schema decimal = Decimal.schema(3);
    assertThat(DATES.value(new BigDecimal("-12.340"), decimal, "c")).isEqualTo(new BsonDecimal128(Decimal128.parse("-12.340")));
    assertThat(STRINGS.value(new BigDecimal("12345678901234567890123456789012345678.5"), Decimal.schema(1), "c"))
        .isEqualTo(new BsonString("12345678901234567890123456789012345678.5"));
  }

  @Test
  void aDecimalBeyondDecimal128IsAnErrorNamingTheFieldAndTheFix() {
    assertThatThrownBy(() -> DATES.value(new BigDecimal("12345678901234567890123456789012345678.5"), Decimal.schema(1), "price"))
        .isInstanceOf(DataException.class).hasMessageContaining("'price'").hasMessageContaining("decimal.mode=string");
  }

  @Test
  void debeziumVariableScaleDecimalsAreDecimal128() {
    Schema vsd = SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal")
        .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build();
    Struct value = new Struct(vsd).put("scale", 2).put("value", new BigInteger("-12345").toByteArray());
    assertThat(DATES.value(value, vsd, "c")).isEqualTo(new BsonDecimal128(Decimal128.parse("-123.45")));
  }

  @Test
  void connectDateTimeAndTimestampAreDatesOrIsoStrings() {
    java.util.Date day = java.util.Date.from(Instant.parse("2024-02-29T00:00:00Z"));
    assertThat(DATES.value(day, Date.SCHEMA, "c")).isEqualTo(new BsonDateTime(day.getTime()));
    assertThat(STRINGS.value(day, Date.SCHEMA, "c")).isEqualTo(new BsonString("2024-02-29"));

    java.util.Date time = new java.util.Date(((13 * 60 + 5) * 60 + 7) * 1000L + 250);
    assertThat(DATES.value(time, Time.SCHEMA, "c")).isEqualTo(new BsonDateTime(time.getTime()));
    assertThat(STRINGS.value(time, Time.SCHEMA, "c")).isEqualTo(new BsonString("13:05:07.250"));

    java.util.Date ts = java.util.Date.from(Instant.parse("2024-05-01T10:15:30.123Z"));
    assertThat(DATES.value(ts, Timestamp.SCHEMA, "c")).isEqualTo(new BsonDateTime(ts.getTime()));
    assertThat(STRINGS.value(ts, Timestamp.SCHEMA, "c")).isEqualTo(new BsonString("2024-05-01T10:15:30.123Z"));
  }

  @Test
  void debeziumDatesAreEpochDays() {
    int days = (int) LocalDate.parse("1969-12-31").toEpochDay();
    assertThat(DATES.value(days, named(Schema.Type.INT32, "io.debezium.time.Date"), "c"))
        .isEqualTo(new BsonDateTime(-86_400_000L));
    assertThat(STRINGS.value(days, named(Schema.Type.INT32, "io.debezium.time.Date"), "c")).isEqualTo(new BsonString("1969-12-31"));
  }

  @Test
  void debeziumTimesKeepNegativeAndOver24HourDurationsAndEveryDigitAsStrings() {
    Schema micro = named(Schema.Type.INT64, "io.debezium.time.MicroTime");
    long minus = -((838L * 3600 + 59 * 60 + 59) * 1_000_000L);
    assertThat(STRINGS.value(minus, micro, "c")).isEqualTo(new BsonString("-838:59:59"));
    assertThat(STRINGS.value((25L * 3600) * 1_000_000L + 5, micro, "c")).isEqualTo(new BsonString("25:00:00.000005"));
    assertThat(STRINGS.value(1_500L, named(Schema.Type.INT32, "io.debezium.time.Time"), "c")).isEqualTo(new BsonString("00:00:01.500"));
    assertThat(STRINGS.value(1L, named(Schema.Type.INT64, "io.debezium.time.NanoTime"), "c")).isEqualTo(new BsonString("00:00:00.000000001"));
    assertThat(DATES.value(1_500_999L, micro, "c")).as("date mode drops digits below the millisecond").isEqualTo(new BsonDateTime(1_500L));
  }

  @Test
  void debeziumWallClockTimestampsAreDatesReadAsUtcOrZonelessStrings() {
    long micros = Instant.parse("2024-05-01T10:15:30.123456Z").toEpochMilli() * 1000 + 456;
    Schema microTs = named(Schema.Type.INT64, "io.debezium.time.MicroTimestamp");
    assertThat(DATES.value(micros, microTs, "c")).isEqualTo(new BsonDateTime(Instant.parse("2024-05-01T10:15:30.123Z").toEpochMilli()));
    assertThat(STRINGS.value(micros, microTs, "c")).isEqualTo(new BsonString("2024-05-01T10:15:30.123456"));
    assertThat(STRINGS.value(-1L, named(Schema.Type.INT64, "io.debezium.time.Timestamp"), "c"))
        .isEqualTo(new BsonString("1969-12-31T23:59:59.999"));
    assertThat(STRINGS.value(7L, named(Schema.Type.INT64, "io.debezium.time.NanoTimestamp"), "c"))
        .isEqualTo(new BsonString("1970-01-01T00:00:00.000000007"));
  }

  @Test
  void zonedTimestampsAreTheirInstantOrTheStringAsItIs() {
    Schema zoned = named(Schema.Type.STRING, "io.debezium.time.ZonedTimestamp");
    assertThat(DATES.value("2024-05-01T12:15:30.5+02:00", zoned, "c"))
        .isEqualTo(new BsonDateTime(Instant.parse("2024-05-01T10:15:30.500Z").toEpochMilli()));
    assertThat(STRINGS.value("2024-05-01T12:15:30.5+02:00", zoned, "c")).isEqualTo(new BsonString("2024-05-01T12:15:30.5+02:00"));
    assertThatThrownBy(() -> DATES.value("yesterday", zoned, "at")).isInstanceOf(DataException.class).hasMessageContaining("'at'");
  }

  @Test
  void jsonColumnsBecomeSubDocumentsOrStayText() {
    Schema json = named(Schema.Type.STRING, "io.debezium.data.Json");
    String text = "{\"a\": [1, 2.5, 12345678901, 123456789012345678901234567890], \"$oid\": \"x\", \"n\": null, \"t\": true}";
    BsonDocument expected = new BsonDocument("a", new BsonArray(List.of(new BsonInt32(1), new BsonDouble(2.5), new BsonInt64(12345678901L),
        new BsonDecimal128(Decimal128.parse("123456789012345678901234567890")))))
        .append("$oid", new BsonString("x")).append("n", BsonNull.VALUE).append("t", BsonBoolean.TRUE);
    assertThat(DATES.value(text, json, "c")).isEqualTo(expected);
    assertThat(DATES.value("[1,\"x\"]", json, "c")).isEqualTo(new BsonArray(List.of(new BsonInt32(1), new BsonString("x"))));
    assertThat(DATES.value("42", json, "c")).isEqualTo(new BsonInt32(42));
    assertThat(STRINGS.value(text, json, "c")).isEqualTo(new BsonString(text));
  }

  @Test
  void malformedJsonIsAnErrorNamingTheFieldAndTheFix() {
    Schema json = named(Schema.Type.STRING, "io.debezium.data.Json");
    assertThatThrownBy(() -> DATES.value("{\"a\": ", json, "payload")).isInstanceOf(DataException.class)
        .hasMessageContaining("'payload'").hasMessageContaining("json.mode=string");
    assertThatThrownBy(() -> DATES.value("{} {}", json, "payload")).isInstanceOf(DataException.class);
  }

  @Test
  void structsArraysAndMapsNest() {
    Schema point = SchemaBuilder.struct().name("io.debezium.data.geometry.Point")
        .field("x", Schema.FLOAT64_SCHEMA).field("y", Schema.FLOAT64_SCHEMA).field("wkb", Schema.OPTIONAL_BYTES_SCHEMA).build();
    Schema row = SchemaBuilder.struct().field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
        .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
        .field("byId", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
        .field("at", point).build();
    Map<String, Integer> attrs = new LinkedHashMap<>();
    attrs.put("w", 3);
    Struct value = new Struct(row).put("tags", List.of("a", "b")).put("attrs", attrs).put("byId", Map.of(7, "seven"))
        .put("at", new Struct(point).put("x", 1.0).put("y", 2.0).put("wkb", new byte[] {1}));
    BsonDocument doc = DATES.row(value);
    assertThat(doc.getArray("tags")).containsExactly(new BsonString("a"), new BsonString("b"));
    assertThat(doc.getDocument("attrs")).isEqualTo(new BsonDocument("w", new BsonInt32(3)));
    assertThat(doc.getArray("byId")).containsExactly(new BsonDocument("key", new BsonInt32(7)).append("value", new BsonString("seven")));
    assertThat(doc.getDocument("at")).isEqualTo(new BsonDocument("x", new BsonDouble(1.0)).append("y", new BsonDouble(2.0))
        .append("wkb", new BsonBinary(new byte[] {1})));
  }

  @Test
  void schemalessValuesMapByTheirJavaType() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("i", 5);
    row.put("l", 5L);
    row.put("d", 1.5);
    row.put("s", "x");
    row.put("b", false);
    row.put("dec", new BigDecimal("1.10"));
    row.put("bytes", new byte[] {1});
    row.put("when", new java.util.Date(1000));
    row.put("list", List.of(1, "two"));
    row.put("nested", Map.of("k", 1));
    row.put("nothing", null);
    BsonDocument doc = DATES.row(row);
    assertThat(doc).containsEntry("i", new BsonInt32(5)).containsEntry("l", new BsonInt64(5)).containsEntry("d", new BsonDouble(1.5))
        .containsEntry("s", new BsonString("x")).containsEntry("b", BsonBoolean.FALSE)
        .containsEntry("dec", new BsonDecimal128(Decimal128.parse("1.10"))).containsEntry("bytes", new BsonBinary(new byte[] {1}))
        .containsEntry("when", new BsonDateTime(1000)).containsEntry("nothing", BsonNull.VALUE);
    assertThat(doc.getArray("list")).containsExactly(new BsonInt32(1), new BsonString("two"));
    assertThat(doc.getDocument("nested")).isEqualTo(new BsonDocument("k", new BsonInt32(1)));
    assertThat(new java.util.ArrayList<>(doc.keySet())).as("column order kept").startsWith("i", "l", "d");
  }

  @Test
  void aValueThatDoesNotMatchItsSchemaIsAnErrorNamingTheField() {
    Schema row = SchemaBuilder.struct().field("qty", Schema.OPTIONAL_INT32_SCHEMA).build();
    assertThatThrownBy(() -> DATES.value("seven", Schema.INT32_SCHEMA, "qty"))
        .isInstanceOf(DataException.class).hasMessageContaining("'qty'").hasMessageContaining("INT32");
    assertThatThrownBy(() -> DATES.row("not a row")).isInstanceOf(DataException.class);
    assertThat(DATES.row(new Struct(row))).isEqualTo(new BsonDocument("qty", BsonNull.VALUE));
  }

  @Test
  void anUnmappableSchemalessValueIsAnErrorNamingTheField() {
    BsonValue ok = DATES.row(Map.of("a", 1)).get("a");
    assertThat(ok).isEqualTo(new BsonInt32(1));
    assertThatThrownBy(() -> DATES.row(Map.of("weird", new Object()))).isInstanceOf(DataException.class).hasMessageContaining("'weird'");
  }

  @Test
  void decimalsBecomeExactlyTheDecimal128TheDriverBuildsForEveryDigitCountSignAndScale() {
    java.util.Random random = new java.util.Random(7);
    List<BigDecimal> values = new java.util.ArrayList<>(List.of(BigDecimal.ZERO, new BigDecimal("0.00"), new BigDecimal("-0.01"),
        new BigDecimal("999999999999999999"), new BigDecimal("-999999999999999999"), new BigDecimal("1000000000000000000"),
        new BigDecimal("9223372036854775807"), new BigDecimal("-9223372036854775808"), new BigDecimal("1E+6111"),
        new BigDecimal("1E+6112"), new BigDecimal("1E-6176"), new BigDecimal("123.4567890123456789012345678901234"),
        BigDecimal.valueOf(12345, -3)));
    for (int i = 0; i < 20_000; i++) {
      long unscaled = random.nextLong() >> random.nextInt(64);
      values.add(BigDecimal.valueOf(unscaled, random.nextInt(60) - 20));
    }
    for (BigDecimal value : values) {
      Decimal128 expected = new Decimal128(value);
      Decimal128 actual = BsonValueConverter.decimal128(value);
      assertThat(actual).as("%s", value).isEqualTo(expected);
      assertThat(actual.getHigh()).as("%s high bits", value).isEqualTo(expected.getHigh());
      assertThat(actual.getLow()).as("%s low bits", value).isEqualTo(expected.getLow());
    }
  }
}
