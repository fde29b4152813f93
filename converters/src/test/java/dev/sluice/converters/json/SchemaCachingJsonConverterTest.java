package dev.sluice.converters.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.converters.protobuf.testsupport.RandomConnect;
import dev.sluice.event.Envelope;
import dev.sluice.event.SourceInfo;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message is byte for byte what Kafka's JsonConverter writes with the same settings. */
class SchemaCachingJsonConverterTest {
  private static final int SCHEMAS = 150;
  private static final int VALUES_PER_SCHEMA = 6;

  static List<Arguments> settings() {
    List<Arguments> all = new ArrayList<>();
    for (boolean schemas : new boolean[] {true, false}) {
      for (String decimals : new String[] {"BASE64", "NUMERIC"}) {
        for (boolean replaceNull : new boolean[] {true, false}) {
          for (boolean isKey : new boolean[] {false, true}) {
            Map<String, Object> config = new HashMap<>();
            config.put("schemas.enable", Boolean.toString(schemas));
            config.put("decimal.format", decimals);
            config.put("replace.null.with.default", Boolean.toString(replaceNull));
            all.add(Arguments.of(config, isKey));
          }
        }
      }
    }
    return all;
  }

  @ParameterizedTest(name = "{0} key={1}")
  @MethodSource("settings")
  void randomSchemasAndValuesGiveKafkasBytes(Map<String, Object> config, boolean isKey) {
    JsonConverter kafka = new JsonConverter();
    kafka.configure(config, isKey);
    SchemaCachingJsonConverter cached = new SchemaCachingJsonConverter();
    cached.configure(config, isKey);
    RandomConnect random = new RandomConnect(config.hashCode() * 31L + (isKey ? 1 : 0));
    List<Schema> schemas = new ArrayList<>();
    for (int i = 0; i < SCHEMAS; i++) {
      schemas.add(random.topLevel());
    }
    int compared = 0;
    // Two passes: the first message of each schema instance and later ones, interleaved across schemas.
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < SCHEMAS; i++) {
        Schema schema = schemas.get(i);
        for (int v = 0; v < VALUES_PER_SCHEMA; v++) {
          Object value = random.value(schema, 0);
          String topic = "topic-" + i;
          byte[] expected;
          try {
            expected = kafka.fromConnectData(topic, schema, value);
          } catch (DataException e) {
            assertThatThrownBy(() -> cached.fromConnectData(topic, schema, value)).isInstanceOf(DataException.class)
                .hasMessage(e.getMessage());
            continue;
          }
          byte[] actual = cached.fromConnectData(topic, schema, value);
          assertThat(text(actual)).as("schema %s, value %s", schema, value).isEqualTo(text(expected));
          assertThat(actual).isEqualTo(expected);
          if (Boolean.parseBoolean((String) config.get("schemas.enable")) && schema != null) {
            assertThat(cached.writesFromCache(schema)).as("schema bytes cached for %s", schema).isTrue();
          }
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(SCHEMAS * VALUES_PER_SCHEMA);
  }

  @Test
  void changeEventsGiveKafkasBytesAndReadBackTheSame() {
    JsonConverter kafka = converter(new JsonConverter(), Map.of("schemas.enable", "true"));
    SchemaCachingJsonConverter cached = converter(new SchemaCachingJsonConverter(), Map.of("schemas.enable", "true"));
    Schema row = SchemaBuilder.struct().name("shop.sales.orders.Value").optional()
        .field("id", Schema.INT64_SCHEMA)
        .field("note", Schema.OPTIONAL_STRING_SCHEMA)
        .field("amount", Decimal.builder(2).optional().parameter("connect.decimal.precision", "10").build())
        .build();
    Envelope envelope = Envelope.builder().schemaName(Envelope.schemaName("shop", "sales", "orders")).rowSchema(row)
        .sourceSchema(SourceInfo.SCHEMA).build();
    for (int i = 0; i < 50; i++) {
      Struct before = new Struct(row).put("id", (long) i).put("note", "vorher " + i).put("amount", new BigDecimal("1.25"));
      Struct after = new Struct(row).put("id", (long) i).put("note", i % 3 == 0 ? null : "größe 字段 " + i)
          .put("amount", i % 4 == 0 ? null : new BigDecimal(i + ".07"));
      SourceInfo source = new SourceInfo("1.0", "mariadb", "shop", 1_700_000_000_000L + i, SourceInfo.Snapshot.FALSE, "sales",
          "orders", 1, "0-1-" + i, "binlog.000001", 4 + i, 0, null, null, i);
      Struct value = i % 2 == 0 ? envelope.create(after, source.toStruct(), 1_700_000_000_500L)
          : envelope.update(before, after, source.toStruct(), 1_700_000_000_500L);
      byte[] expected = kafka.fromConnectData("shop.sales.orders", envelope.schema(), value);
      byte[] actual = cached.fromConnectData("shop.sales.orders", envelope.schema(), value);
      assertThat(text(actual)).isEqualTo(text(expected));
      SchemaAndValue read = cached.toConnectData("shop.sales.orders", actual);
      assertThat(read).isEqualTo(kafka.toConnectData("shop.sales.orders", expected));
      assertThat(((Struct) read.value()).getStruct("after").getInt64("id")).isEqualTo(i);
    }
    assertThat(cached.writesFromCache(envelope.schema())).isTrue();
    // A tombstone stays a tombstone.
    assertThat(cached.fromConnectData("shop.sales.orders", null, null)).isNull();
  }

  @Test
  void anOptionalSchemaWithANullValueAndSchemalessValuesGiveKafkasBytes() {
    JsonConverter kafka = converter(new JsonConverter(), Map.of("schemas.enable", "true"));
    SchemaCachingJsonConverter cached = converter(new SchemaCachingJsonConverter(), Map.of("schemas.enable", "true"));
    Schema optional = SchemaBuilder.struct().optional().field("a", Schema.INT32_SCHEMA).build();
    for (int i = 0; i < 3; i++) {
      assertThat(cached.fromConnectData("t", optional, null)).isEqualTo(kafka.fromConnectData("t", optional, null));
      Struct value = new Struct(optional).put("a", i);
      assertThat(cached.fromConnectData("t", optional, value)).isEqualTo(kafka.fromConnectData("t", optional, value));
      Map<String, Object> schemaless = Map.of("k", List.of(i, "x"));
      assertThat(cached.fromConnectData("t", null, schemaless)).isEqualTo(kafka.fromConnectData("t", null, schemaless));
    }
  }

  @Test
  void aSchemaBuilderChangedBetweenMessagesIsWrittenAsKafkasConverterWritesIt() {
    JsonConverter kafka = converter(new JsonConverter(), Map.of("schemas.enable", "true"));
    SchemaCachingJsonConverter cached = converter(new SchemaCachingJsonConverter(), Map.of("schemas.enable", "true"));
    SchemaBuilder builder = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA);
    Struct first = new Struct(builder).put("a", 1);
    assertThat(cached.fromConnectData("t", builder, first)).isEqualTo(kafka.fromConnectData("t", builder, first));
    // Not cached by identity here: whatever Kafka's converter makes of the changed builder, so does this one.
    builder.doc("changed after the first message");
    assertThat(text(cached.fromConnectData("t", builder, first))).isEqualTo(text(kafka.fromConnectData("t", builder, first)));
  }

  @Test
  void moreSchemasThanTheCacheHoldsStillGiveKafkasBytes() {
    Map<String, String> config = Map.of("schemas.enable", "true", "schemas.cache.size", "2");
    JsonConverter kafka = converter(new JsonConverter(), config);
    SchemaCachingJsonConverter cached = converter(new SchemaCachingJsonConverter(), config);
    List<Schema> schemas = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      schemas.add(SchemaBuilder.struct().name("s" + i).field("f" + i, Schema.STRING_SCHEMA).build());
    }
    for (int round = 0; round < 4; round++) {
      for (int i = 0; i < schemas.size(); i++) {
        Struct value = new Struct(schemas.get(i)).put("f" + i, "v" + round);
        Schema schema = schemas.get(i);
        assertThat(cached.fromConnectData("t", schema, value)).isEqualTo(kafka.fromConnectData("t", schema, value));
      }
    }
  }

  @Test
  void anEqualSchemaBuiltForEveryRecordIsServedFromTheCache() {
    JsonConverter kafka = converter(new JsonConverter(), Map.of("schemas.enable", "true"));
    SchemaCachingJsonConverter cached = converter(new SchemaCachingJsonConverter(), Map.of("schemas.enable", "true"));
    for (int i = 0; i < 5; i++) {
      Schema schema = SchemaBuilder.struct().name("rebuilt").field("a", Schema.INT32_SCHEMA).field("b", Schema.OPTIONAL_STRING_SCHEMA)
          .build();
      Struct value = new Struct(schema).put("a", i).put("b", "b" + i);
      assertThat(cached.fromConnectData("t", schema, value)).isEqualTo(kafka.fromConnectData("t", schema, value));
      assertThat(cached.writesFromCache(schema)).isTrue();
    }
    Schema other = SchemaBuilder.struct().name("rebuilt").field("a", Schema.INT32_SCHEMA).build();
    assertThat(cached.writesFromCache(other)).as("a schema that is not equal").isFalse();
  }

  @Test
  void aValueThatDoesNotFitItsSchemaFailsAsInKafkasConverter() {
    JsonConverter kafka = converter(new JsonConverter(), Map.of("schemas.enable", "true"));
    SchemaCachingJsonConverter cached = converter(new SchemaCachingJsonConverter(), Map.of("schemas.enable", "true"));
    Schema schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();
    Struct good = new Struct(schema).put("a", 1);
    assertThat(cached.fromConnectData("t", schema, good)).isEqualTo(kafka.fromConnectData("t", schema, good));
    // Cached schema, wrong value: the payload conversion fails with Kafka's message.
    assertThatThrownBy(() -> kafka.fromConnectData("t", schema, "not a struct")).isInstanceOf(DataException.class);
    assertThatThrownBy(() -> cached.fromConnectData("t", schema, "not a struct")).isInstanceOf(DataException.class)
        .hasMessageContaining("STRUCT");
  }

  @Test
  void headersGiveKafkasBytesAndReadBack() {
    JsonConverter kafka = new JsonConverter();
    kafka.configure(Map.of("converter.type", "header"));
    SchemaCachingJsonConverter cached = new SchemaCachingJsonConverter();
    cached.configure(Map.of());
    Schema schema = SchemaBuilder.array(Schema.STRING_SCHEMA).build();
    for (int i = 0; i < 3; i++) {
      List<String> value = List.of("h" + i, "x");
      byte[] expected = kafka.fromConnectHeader("t", "trace", schema, value);
      byte[] actual = cached.fromConnectHeader("t", "trace", schema, value);
      assertThat(actual).isEqualTo(expected);
      assertThat(cached.toConnectHeader("t", "trace", actual)).isEqualTo(kafka.toConnectHeader("t", "trace", expected));
    }
  }

  @Test
  void theSchemaPartIsTakenOnlyFromAMessageOfTheExpectedShape() {
    byte[] payload = utf8(json("{'a':1}"));
    assertThat(text(schemaPart("{'schema':{'type':'struct'},'payload':{'a':1}}", payload))).isEqualTo(json("{'type':'struct'}"));
    assertThat(schemaPart("{'payload':{'a':1},'schema':{'type':'struct'}}", payload)).isNull();
    assertThat(schemaPart("{'schema':{'type':'struct'},'payload':{'a':2}}", payload)).isNull();
    assertThat(schemaPart("{'schema':,'payload':{'a':1}}", payload)).isNull();
    assertThat(schemaPart("{'a':1}", payload)).isNull();
    assertThat(SchemaCachingJsonConverter.schemaPart(null, payload)).isNull();
  }

  @Test
  void readsWhatKafkasConverterWrote() {
    JsonConverter kafka = converter(new JsonConverter(), Map.of("schemas.enable", "true"));
    SchemaCachingJsonConverter cached = converter(new SchemaCachingJsonConverter(), Map.of("schemas.enable", "true"));
    Schema schema = SchemaBuilder.struct().name("r").field("a", Schema.INT32_SCHEMA).field("b", Schema.OPTIONAL_BYTES_SCHEMA)
        .build();
    Struct value = new Struct(schema).put("a", 7).put("b", utf8("bytes"));
    byte[] written = kafka.fromConnectData("t", schema, value);
    assertThat(cached.toConnectData("t", written)).isEqualTo(kafka.toConnectData("t", written));
    assertThat(cached.config().names()).isEqualTo(kafka.config().names());
  }

  private static <C extends Converter> C converter(C converter, Map<String, ?> config) {
    converter.configure(config, false);
    return converter;
  }

  /** {@link SchemaCachingJsonConverter#schemaPart} of {@code message} written with ' for ". */
  private static byte[] schemaPart(String message, byte[] payload) {
    return SchemaCachingJsonConverter.schemaPart(utf8(json(message)), payload);
  }

  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
