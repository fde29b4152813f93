package dev.sluice.converters.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.sluice.converters.protobuf.codec.CodecCompiler;
import dev.sluice.converters.protobuf.codec.RootCodec;
import dev.sluice.converters.protobuf.schema.ConnectMeta;
import dev.sluice.converters.protobuf.schema.ProtoToConnect;
import dev.sluice.converters.protobuf.schema.SchemaDiff;
import dev.sluice.converters.protobuf.store.InProcessSchemaStore;
import dev.sluice.converters.protobuf.store.RegisteredSchema;
import dev.sluice.converters.protobuf.testsupport.Converters;
import dev.sluice.converters.protobuf.text.ProtoFiles;
import dev.sluice.event.Envelope;
import dev.sluice.event.SourceInfo;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/**
 * Field numbers never shift: kept by name across versions, new fields take new numbers, removed
 * numbers are reserved, and a diff refuses versions that would break readers of the latest.
 */
class StableFieldNumbersTest {
  private static final String TOPIC = "shop.inventory.items";

  private static Schema row(String... columns) {
    SchemaBuilder b = SchemaBuilder.struct().name("shop.inventory.items.Value").optional();
    for (String c : columns) {
      switch (c) {
        case "id" -> b.field("id", Schema.INT64_SCHEMA);
        case "price" -> b.field("price", Decimal.builder(2).optional().build());
        case "qty" -> b.field("qty", Schema.INT32_SCHEMA);
        case "qty_text" -> b.field("qty", Schema.STRING_SCHEMA);
        default -> b.field(c, Schema.OPTIONAL_STRING_SCHEMA);
      }
    }
    return b.build();
  }

  private static Struct source(long seq) {
    return SourceInfo.builder().connector("mariadb").name("shop").db("inventory").table("items").file("binlog.000001")
        .pos(4 + seq).seq(seq).tsMs(1_700_000_000_000L).serverId(1).build().toStruct();
  }

  private static Struct rowValue(Schema row, Object... values) {
    Struct s = new Struct(row);
    for (int i = 0; i < values.length; i += 2) {
      s.put((String) values[i], values[i + 1]);
    }
    return s;
  }

  private static Envelope envelope(Schema row) {
    return Envelope.builder().schemaName(Envelope.schemaName("shop", "inventory", "items")).rowSchema(row).build();
  }

  private static FileDescriptor fileOf(String store, String subject, int version) {
    RegisteredSchema r = InProcessSchemaStore.named(store).version(subject, version).orElseThrow();
    return ProtoFiles.parseAndBuild("v" + version + ".proto", r.schema().schema(), n -> ConnectMeta.FILE);
  }

  private static Descriptor rowMessage(FileDescriptor file) {
    return file.getMessageTypes().get(0).findNestedTypeByName("Value");
  }

  @Test
  void aColumnAddedAfterTheFirstKeepsEveryOldFieldReadableWithTheOldDescriptor() throws Exception {
    String store = Converters.freshStore();
    ProtobufConverter converter = Converters.inProcess(store, false);
    Schema v1 = row("id", "name", "email", "price");
    Envelope e1 = envelope(v1);
    converter.fromConnectData(TOPIC, e1.schema(), e1.create(rowValue(v1, "id", 7L, "name", "pen", "email", "a@b.c",
        "price", new BigDecimal("1.50")), source(1), 1L));

    // ALTER TABLE items ADD COLUMN colour VARCHAR(20) AFTER id
    Schema v2 = row("id", "colour", "name", "email", "price");
    Envelope e2 = envelope(v2);
    byte[] newRecord = converter.fromConnectData(TOPIC, e2.schema(), e2.create(rowValue(v2, "id", 8L, "colour", "red",
        "name", "ink", "email", "x@y.z", "price", new BigDecimal("12.25")), source(2), 2L));

    FileDescriptor old = fileOf(store, TOPIC + "-value", 1);
    FileDescriptor current = fileOf(store, TOPIC + "-value", 2);
    assertThat(numbers(rowMessage(old))).containsExactly("id=1", "name=2", "email=3", "price=4");
    assertThat(numbers(rowMessage(current))).containsExactly("id=1", "colour=5", "name=2", "email=3", "price=4");

    // A consumer holding the OLD descriptor (as generated code would) parses the new record.
    byte[] payload = Arrays.copyOfRange(newRecord, 6, newRecord.length);
    DynamicMessage parsed = DynamicMessage.parseFrom(old.getMessageTypes().get(0), payload);
    DynamicMessage after = (DynamicMessage) parsed.getField(old.getMessageTypes().get(0).findFieldByName("after"));
    Descriptor oldRow = rowMessage(old);
    assertThat(after.getField(oldRow.findFieldByName("id"))).isEqualTo(8L);
    assertThat(after.getField(oldRow.findFieldByName("name"))).isEqualTo("ink");
    assertThat(after.getField(oldRow.findFieldByName("email"))).isEqualTo("x@y.z");
    assertThat(after.getField(oldRow.findFieldByName("price"))).isEqualTo("12.25");
    assertThat(after.getUnknownFields().hasField(5)).as("the new column is an unknown field to old readers").isTrue();

    // And Sluice's own reader, compiled for the old schema, reads every old field of the new record.
    Schema oldConnect = ProtoToConnect.toConnect(old.getMessageTypes().get(0));
    RootCodec oldReader = CodecCompiler.compile(old.getMessageTypes().get(0), oldConnect, true);
    Struct read = (Struct) oldReader.read(newRecord, 6, newRecord.length - 6);
    Struct readAfter = read.getStruct("after");
    assertThat(readAfter.getInt64("id")).isEqualTo(8L);
    assertThat(readAfter.getString("name")).isEqualTo("ink");
    assertThat(readAfter.getString("email")).isEqualTo("x@y.z");
    assertThat(readAfter.get("price")).isEqualTo(new BigDecimal("12.25"));
    assertThat(read.getStruct("source").getInt64("seq")).isEqualTo(2L);
  }

  @Test
  void aRemovedFieldsNumberIsReservedAndComesBackWithItsName() {
    String store = Converters.freshStore();
    ProtobufConverter converter = Converters.inProcess(store, false);
    String topic = "reserve";
    Schema v1 = row("id", "a", "b", "c");
    converter.fromConnectData(topic, v1, rowValue(v1, "id", 1L));
    Schema v2 = row("id", "a", "c");
    converter.fromConnectData(topic, v2, rowValue(v2, "id", 1L));
    Schema v3 = row("id", "a", "b", "c", "d");
    byte[] v3Record = converter.fromConnectData(topic, v3, rowValue(v3, "id", 1L, "b", "back"));

    String v2Text = InProcessSchemaStore.named(store).version(topic + "-value", 2).orElseThrow().schema().schema();
    assertThat(v2Text).contains("reserved 3;").contains("retired { key: \"b\" value: 3 }");
    Descriptor third = fileOf(store, topic + "-value", 3).getMessageTypes().get(0);
    assertThat(numbers(third)).containsExactly("id=1", "a=2", "b=3", "c=4", "d=5");
    assertThat(((Struct) converter.toConnectData(topic, v3Record).value()).getString("b")).isEqualTo("back");
  }

  @Test
  void aChangedWireKindIsRefusedNamingTheField() {
    String store = Converters.freshStore();
    ProtobufConverter converter = Converters.inProcess(store, false);
    Schema v1 = row("id", "qty");
    converter.fromConnectData("kinds", v1, rowValue(v1, "id", 1L, "qty", 3));
    Schema v2 = row("id", "qty_text");

    assertThatThrownBy(() -> converter.fromConnectData("kinds", v2, rowValue(v2, "id", 1L, "qty", "3")))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("topic 'kinds'")
        .hasMessageContaining("field 'qty'")
        .hasMessageContaining("changes from varint to string")
        .hasMessageContaining("field.conflict.action=warn");
    assertThat(InProcessSchemaStore.named(store).latest("kinds-value").orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void warnModeRegistersAChangedWireKindAnyway() {
    String store = Converters.freshStore();
    ProtobufConverter converter = Converters.inProcess(store, false, ProtobufConverterConfig.CONFLICT_ACTION_CONFIG, "warn");
    Schema v1 = row("id", "qty");
    converter.fromConnectData("kinds", v1, rowValue(v1, "id", 1L, "qty", 3));
    Schema v2 = row("id", "qty_text");

    byte[] bytes = converter.fromConnectData("kinds", v2, rowValue(v2, "id", 1L, "qty", "3"));

    assertThat(InProcessSchemaStore.named(store).latest("kinds-value").orElseThrow().version()).isEqualTo(2);
    assertThat(((Struct) converter.toConnectData("kinds", bytes).value()).getString("qty")).isEqualTo("3");
  }

  @Test
  void theDiffNamesReusedAndReservedNumbers() {
    FileDescriptor latest = ProtoFiles.parseAndBuild("a.proto", """
        syntax = "proto3";
        package p;
        message Row { string a = 1; string b = 2; reserved 3; }
        """, n -> null);
    FileDescriptor proposed = ProtoFiles.parseAndBuild("b.proto", """
        syntax = "proto3";
        package p;
        message Row { string a = 1; string c = 2; int64 d = 3; }
        """, n -> null);

    List<SchemaDiff.Conflict> conflicts = SchemaDiff.between(latest, proposed);

    assertThat(conflicts).extracting(SchemaDiff.Conflict::kind)
        .containsExactly(SchemaDiff.Kind.REUSED_NUMBER, SchemaDiff.Kind.REUSED_RESERVED);
    assertThat(conflicts.get(0).description()).contains("field 'c'").contains("number 2").contains("field 'b'");
    assertThat(conflicts.get(1).description()).contains("field 'd'").contains("number 3").contains("reserved");
  }

  private static List<String> numbers(Descriptor d) {
    return d.getFields().stream().map(f -> ProtoToConnect.connectName(f) + "=" + f.getNumber()).toList();
  }

}
