package dev.sluice.converters.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.converters.protobuf.store.InProcessSchemaStore;
import dev.sluice.converters.protobuf.testsupport.Converters;
import dev.sluice.converters.protobuf.testsupport.StandInSchemaRegistry;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class ProtobufConverterTest {

  /** A Debezium MySQL change event, as Debezium's own connector builds it. */
  private static final Schema DBZ_ROW = SchemaBuilder.struct().name("dbserver1.inventory.customers.Value").optional()
      .field("id", Schema.INT32_SCHEMA)
      .field("created", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1).build())
      .field("updated", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").version(1).optional().build())
      .field("size", SchemaBuilder.string().name("io.debezium.data.Enum").version(1).parameter("allowed", "small,medium,large").optional().build())
      .field("attrs", SchemaBuilder.string().name("io.debezium.data.Json").version(1).optional().build())
      .field("ratio", SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal").version(1).doc("Variable scaled decimal")
          .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).optional().build())
      .field("amount", Decimal.builder(4).parameter("connect.decimal.precision", "10").optional().build())
      .field("flag", SchemaBuilder.int16().optional().defaultValue((short) 0).build())
      .build();
  private static final Schema DBZ_SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mysql.Source")
      .field("version", Schema.STRING_SCHEMA).field("connector", Schema.STRING_SCHEMA).field("name", Schema.STRING_SCHEMA)
      .field("ts_ms", Schema.INT64_SCHEMA)
      .field("snapshot", SchemaBuilder.string().optional().name("io.debezium.data.Enum").version(1)
          .parameter("allowed", "true,last,false,incremental").defaultValue("false").build())
      .field("db", Schema.STRING_SCHEMA).field("table", Schema.OPTIONAL_STRING_SCHEMA)
      .field("server_id", Schema.INT64_SCHEMA).field("gtid", Schema.OPTIONAL_STRING_SCHEMA)
      .field("file", Schema.STRING_SCHEMA).field("pos", Schema.INT64_SCHEMA).field("row", Schema.INT32_SCHEMA)
      .build();
  private static final Schema DBZ_ENVELOPE = SchemaBuilder.struct().name("dbserver1.inventory.customers.Envelope").version(2)
      .field("before", DBZ_ROW).field("after", DBZ_ROW).field("source", DBZ_SOURCE)
      .field("op", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
      .build();

  private static Struct dbzEvent() {
    Struct after = new Struct(DBZ_ROW).put("id", 1001).put("created", 1_700_000_000_123_456L).put("updated", "2023-11-14T22:13:20Z")
        .put("size", "medium").put("attrs", "{\"a\":1}")
        .put("ratio", new Struct(DBZ_ROW.field("ratio").schema()).put("scale", 3).put("value", new byte[] {1, 2}))
        .put("amount", new BigDecimal("-12.3400"));
    Struct source = new Struct(DBZ_SOURCE).put("version", "3.3.1.Final").put("connector", "mysql").put("name", "dbserver1")
        .put("ts_ms", 1L).put("db", "inventory").put("table", "customers").put("server_id", 223344L).put("file", "mysql-bin.000003")
        .put("pos", 154L).put("row", 0);
    return new Struct(DBZ_ENVELOPE).put("after", after).put("source", source).put("op", "c").put("ts_ms", 2L);
  }

  @Test
  void debeziumEventsKeepTheirSemanticTypesAndRoundTripExactly() {
    String store = Converters.freshStore();
    ProtobufConverter converter = Converters.inProcess(store, false);

    byte[] bytes = converter.fromConnectData("dbserver1.inventory.customers", DBZ_ENVELOPE, dbzEvent());
    SchemaAndValue back = Converters.inProcess(store, false).toConnectData("dbserver1.inventory.customers", bytes);

    assertThat(back.schema()).isEqualTo(DBZ_ENVELOPE);
    assertThat(((Struct) back.value()).getStruct("after").getInt64("created")).isEqualTo(1_700_000_000_123_456L);
    assertThat(((Struct) back.value()).getStruct("after").get("amount")).isEqualTo(new BigDecimal("-12.3400"));
    assertThat(((Struct) back.value()).getStruct("source").get("snapshot")).isEqualTo("false");
    String proto = InProcessSchemaStore.named(store).latest("dbserver1.inventory.customers-value").orElseThrow().schema().schema();
    assertThat(proto)
        .doesNotContain("optional int64 created")
        .contains("int64 created = 2 [(sluice.connect.field) = { name: \"io.debezium.time.MicroTimestamp\" version: 1 }]")
        .contains("name: \"io.debezium.data.Enum\" version: 1 parameters { key: \"allowed\" value: \"small,medium,large\" }")
        .contains("optional string amount = 7 [(sluice.connect.field) = { name: \"org.apache.kafka.connect.data.Decimal\" version: 1 parameters { key: \"connect.decimal.precision\" value: \"10\" } parameters { key: \"scale\" value: \"4\" } }]")
        .contains("message VariableScaleDecimal {")
        .contains("default_json: \"\\\"false\\\"\"");
  }

  @Test
  void nullsStayNullAndTombstonesStayTombstones() {
    String store = Converters.freshStore();
    ProtobufConverter converter = Converters.inProcess(store, false);
    Schema schema = SchemaBuilder.struct().name("n.Row").field("a", Schema.OPTIONAL_INT32_SCHEMA).field("b", Schema.OPTIONAL_STRING_SCHEMA).build();

    byte[] bytes = converter.fromConnectData("n", schema, new Struct(schema).put("a", 0));
    Struct back = (Struct) converter.toConnectData("n", bytes).value();

    assertThat(back.get("a")).isEqualTo(0);
    assertThat(back.get("b")).isNull();
    assertThat(converter.fromConnectData("n", schema, null)).isNull();
    assertThat(converter.toConnectData("n", null)).isEqualTo(SchemaAndValue.NULL);
  }

  @Test
  void defaultNullHandlingDeclaresPlainFieldsAndReadsNullsAsDefaults() {
    String store = Converters.freshStore();
    ProtobufConverter converter = Converters.inProcess(store, false, ProtobufConverterConfig.NULL_HANDLING_CONFIG, "default");
    Schema schema = SchemaBuilder.struct().name("n.Row").field("a", Schema.OPTIONAL_INT32_SCHEMA).field("b", Schema.OPTIONAL_STRING_SCHEMA).build();

    SchemaAndValue back = converter.toConnectData("n", converter.fromConnectData("n", schema, new Struct(schema).put("a", 5)));

    assertThat(back.schema()).isEqualTo(schema);
    assertThat(((Struct) back.value()).get("a")).isEqualTo(5);
    assertThat(((Struct) back.value()).get("b")).isEqualTo("");
    assertThat(InProcessSchemaStore.named(store).latest("n-value").orElseThrow().schema().schema())
        .contains("  int32 a = 1 [(sluice.connect.field) = { optional: true }];").doesNotContain("optional int32");
  }

  @Test
  void keysUseTheKeySubject() {
    String store = Converters.freshStore();
    ProtobufConverter keys = Converters.inProcess(store, true);
    Schema key = SchemaBuilder.struct().name("shop.items.Key").field("id", Schema.INT64_SCHEMA).build();

    byte[] bytes = keys.fromConnectData("shop.items", key, new Struct(key).put("id", 9L));

    assertThat(InProcessSchemaStore.named(store).latest("shop.items-key")).isPresent();
    assertThat(keys.toConnectData("shop.items", bytes).value()).isEqualTo(new Struct(key).put("id", 9L));
  }

  @Test
  void nonStructValuesAndSchemalessValuesAreWrapped() {
    String store = Converters.freshStore();
    ProtobufConverter converter = Converters.inProcess(store, true);

    SchemaAndValue s = converter.toConnectData("plain", converter.fromConnectData("plain", Schema.STRING_SCHEMA, "k-1"));
    SchemaAndValue inferred = converter.toConnectData("plain2", converter.fromConnectData("plain2", null, List.of(1, 2)));

    assertThat(s).isEqualTo(new SchemaAndValue(Schema.STRING_SCHEMA, "k-1"));
    assertThat(inferred.value()).isEqualTo(List.of(1, 2));
    assertThat(inferred.schema().type()).isEqualTo(Schema.Type.ARRAY);
    assertThatThrownBy(() -> converter.fromConnectData("plain3", null, Map.of("a", 1, "b", "x")))
        .isInstanceOf(DataException.class).hasMessageContaining("topic 'plain3'").hasMessageContaining("no schema");
  }

  @Test
  void headersConvertWithTheirOwnSubjects() {
    String store = Converters.freshStore();
    ProtobufConverter headers = new ProtobufConverter();
    headers.configure(Map.of(ProtobufConverterConfig.SCHEMA_STORE_CONFIG, "in-process", ProtobufConverterConfig.IN_PROCESS_NAME_CONFIG, store,
        "converter.type", "header"));

    byte[] op = headers.fromConnectHeader("orders", "op", Schema.STRING_SCHEMA, "u");
    byte[] seq = headers.fromConnectHeader("orders", "seq", null, 42L);

    assertThat(headers.toConnectHeader("orders", "op", op)).isEqualTo(new SchemaAndValue(Schema.STRING_SCHEMA, "u"));
    assertThat(headers.toConnectHeader("orders", "seq", seq).value()).isEqualTo(42L);
    assertThat(InProcessSchemaStore.named(store).latest("orders-header-op")).isPresent();
    assertThat(InProcessSchemaStore.named(store).latest("orders-header-seq")).isPresent();
  }

  @Test
  void valuesThatDoNotFitTheirSchemaNameTopicAndFieldPath() {
    ProtobufConverter converter = Converters.inProcess(Converters.freshStore(), false);
    Schema inner = SchemaBuilder.struct().name("x.Inner").field("n", Schema.INT16_SCHEMA).build();
    Schema schema = SchemaBuilder.struct().name("x.Outer").field("inner", inner).field("list", SchemaBuilder.array(Schema.STRING_SCHEMA).build()).build();
    Struct bad = new Struct(schema).put("inner", new Struct(inner).put("n", (short) 1)).put("list", List.of("a"));
    // Bypass Struct validation the way a buggy transform could: a wrong Java type inside a list.
    @SuppressWarnings({"unchecked", "rawtypes"})
    List<Object> list = new java.util.ArrayList<>((List) List.of("a", 7));
    bad.put("list", List.of("a"));
    Struct worse = new Struct(schema).put("inner", new Struct(inner).put("n", (short) 1));
    setRaw(worse, "list", list);

    assertThatThrownBy(() -> converter.fromConnectData("bad.topic", schema, worse))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("topic 'bad.topic'")
        .hasMessageContaining("field list")
        .hasMessageContaining("java.lang.String");
  }

  private static void setRaw(Struct s, String field, Object value) {
    try {
      java.lang.reflect.Field values = Struct.class.getDeclaredField("values");
      values.setAccessible(true);
      ((Object[]) values.get(s))[s.schema().field(field).index()] = value;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void equalSchemaInstancesAreCompiledAndRegisteredOnce() throws Exception {
    try (StandInSchemaRegistry registry = StandInSchemaRegistry.http()) {
      ProtobufConverter converter = new ProtobufConverter();
      converter.configure(new HashMap<>(Map.of(ProtobufConverterConfig.REGISTRY_URL_CONFIG, registry.url().toString())), false);
      for (int i = 0; i < 500; i++) {
        // A new but equal schema instance each time, as some transforms produce.
        Schema schema = SchemaBuilder.struct().name("c.Row").field("id", Schema.INT32_SCHEMA).build();
        converter.fromConnectData("cache", schema, new Struct(schema).put("id", i));
      }
      assertThat(registry.requests("GET /subjects/cache-value/versions/latest")).isEqualTo(1);
      assertThat(registry.requests("POST /subjects/cache-value/versions")).isEqualTo(1);
    }
  }

  @Test
  void replaceNullWithDefaultCanBeTurnedOff() {
    String store = Converters.freshStore();
    Schema schema = SchemaBuilder.struct().name("d.Row").field("a", SchemaBuilder.int32().optional().defaultValue(7).build()).build();
    ProtobufConverter keep = Converters.inProcess(store, false, ProtobufConverterConfig.REPLACE_NULL_CONFIG, "false");
    ProtobufConverter replace = Converters.inProcess(store, false);

    assertThat(((Struct) keep.toConnectData("d", keep.fromConnectData("d", schema, new Struct(schema))).value()).getWithoutDefault("a")).isNull();
    assertThat(((Struct) replace.toConnectData("d", replace.fromConnectData("d", schema, new Struct(schema))).value()).getWithoutDefault("a")).isEqualTo(7);
  }
}
