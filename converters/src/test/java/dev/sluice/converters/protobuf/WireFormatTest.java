package dev.sluice.converters.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.converters.protobuf.store.InProcessSchemaStore;
import dev.sluice.converters.protobuf.store.RegisteredSchema;
import dev.sluice.converters.protobuf.store.SchemaText;
import dev.sluice.converters.protobuf.testsupport.Converters;
import dev.sluice.converters.protobuf.wire.WireFormat;
import dev.sluice.converters.protobuf.wire.WireFormatException;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/**
 * Byte vectors written by hand from Confluent's published description of the wire format: magic
 * byte 0, the schema id as 4 bytes big-endian, the message indexes (count then indexes, each a
 * zig-zag varint; [0] as the single byte 0), then the Protobuf message.
 */
class WireFormatTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] hex(String s) {
    return HEX.parseHex(s.replace(" ", ""));
  }

  @Test
  void firstMessageIsTheSingleZeroByte() {
    assertThat(WireFormat.messageIndexes(List.of(0))).isEqualTo(hex("00"));
    assertThat(WireFormat.header(42, List.of(0))).isEqualTo(hex("00 0000002a 00"));
  }

  @Test
  void otherPathsAreCountThenIndexesAsZigZagVarints() {
    assertThat(WireFormat.messageIndexes(List.of(1))).isEqualTo(hex("02 02"));
    assertThat(WireFormat.messageIndexes(List.of(1, 2))).isEqualTo(hex("04 02 04"));
    assertThat(WireFormat.messageIndexes(List.of(0, 0))).isEqualTo(hex("04 00 00"));
    // 64 as zig-zag is 128: two varint bytes.
    assertThat(WireFormat.messageIndexes(List.of(64))).isEqualTo(hex("02 8001"));
    assertThat(WireFormat.header(0x01020304, List.of(3, 1))).isEqualTo(hex("00 01020304 04 06 02"));
  }

  @Test
  void headersParseBackIncludingTheLongFormOfZero() {
    WireFormat.Header h = WireFormat.read(hex("00 0000002a 04 02 04 0801"), WireFormat.Framing.CONFLUENT);
    assertThat(h.schemaId()).isEqualTo(42);
    assertThat(h.messageIndexes()).containsExactly(1, 2);
    assertThat(h.indexesEnd()).isEqualTo(8);
    assertThat(WireFormat.read(hex("00 0000002a 02 00 0801"), WireFormat.Framing.CONFLUENT).messageIndexes()).containsExactly(0);
    assertThat(WireFormat.read(hex("00 7fffffff 00"), WireFormat.Framing.CONFLUENT).schemaId()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void malformedHeadersFailWithTheReason() {
    assertThatThrownBy(() -> WireFormat.read(hex("00 0000"), WireFormat.Framing.AUTO))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("fewer than the 5");
    assertThatThrownBy(() -> WireFormat.read(hex("01 0000002a 00"), WireFormat.Framing.AUTO))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("magic byte 1");
    assertThatThrownBy(() -> WireFormat.read(hex("00 0000002a 03 02"), WireFormat.Framing.CONFLUENT))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("count -2");
    assertThatThrownBy(() -> WireFormat.read(hex("00 0000002a 02 01"), WireFormat.Framing.CONFLUENT))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("negative");
    assertThatThrownBy(() -> WireFormat.read(hex("00 0000002a 04 02"), WireFormat.Framing.CONFLUENT))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("ends inside");
  }

  @Test
  void aRecordIsMagicIdZeroIndexAndThePlainProtobufMessage() {
    String store = Converters.freshStore();
    ProtobufConverter converter = Converters.inProcess(store, false);
    Schema schema = SchemaBuilder.struct().name("shop.Item").field("id", Schema.INT32_SCHEMA).field("name", Schema.STRING_SCHEMA).build();

    byte[] bytes = converter.fromConnectData("items", schema, new Struct(schema).put("id", 1).put("name", "a"));

    int id = InProcessSchemaStore.named(store).latest("items-value").orElseThrow().id();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(new byte[] {0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
    // [0], then field 1 varint 1, field 2 length 1 "a".
    expected.writeBytes(hex("00 0801 120161"));
    assertThat(bytes).isEqualTo(expected.toByteArray());
  }

  private static final String TWO_MESSAGES = """
      syntax = "proto3";
      package shop;
      message First { int32 a = 1; }
      message Second {
        string b = 1;
        message Inner { bool c = 1; }
      }
      """;

  @Test
  void messageIndexesSelectTopLevelAndNestedMessages() {
    String store = Converters.freshStore();
    RegisteredSchema r = InProcessSchemaStore.named(store).register("shop-value", new SchemaText(TWO_MESSAGES, List.of()));
    ProtobufConverter converter = Converters.inProcess(store, false);
    String id = String.format("%08x", r.id());

    SchemaAndValue first = converter.toConnectData("shop", hex("00" + id + "00 0805"));
    SchemaAndValue second = converter.toConnectData("shop", hex("00" + id + "02 02 0a026869"));
    SchemaAndValue inner = converter.toConnectData("shop", hex("00" + id + "04 02 00 0801"));

    assertThat(first.schema().name()).isEqualTo("shop.First");
    assertThat(((Struct) first.value()).getInt32("a")).isEqualTo(5);
    assertThat(second.schema().name()).isEqualTo("shop.Second");
    assertThat(((Struct) second.value()).getString("b")).isEqualTo("hi");
    assertThat(inner.schema().name()).isEqualTo("shop.Second.Inner");
    assertThat(((Struct) inner.value()).getBoolean("c")).isTrue();
    assertThatThrownBy(() -> converter.toConnectData("shop", hex("00" + id + "02 06 0805")))
        .isInstanceOf(DataException.class).hasMessageContaining("topic 'shop'").hasMessageContaining("message indexes [3]");
  }

  @Test
  void apicurioDefaultFramingIsReadToo() {
    String store = Converters.freshStore();
    RegisteredSchema r = InProcessSchemaStore.named(store).register("shop-value", new SchemaText(TWO_MESSAGES, List.of()));
    ProtobufConverter converter = Converters.inProcess(store, false);
    String id = String.format("%08x", r.id());

    // Magic byte, 4-byte id, then a length-delimited Ref { name: "Second" } instead of indexes.
    SchemaAndValue v = converter.toConnectData("shop", hex("00" + id + "08 0a06" + HEX.formatHex("Second".getBytes()) + " 0a026869"));

    assertThat(v.schema().name()).isEqualTo("shop.Second");
    assertThat(((Struct) v.value()).getString("b")).isEqualTo("hi");
  }

  @Test
  void apicurioIdsInRecordHeadersAreReadToo() {
    String store = Converters.freshStore();
    RegisteredSchema r = InProcessSchemaStore.named(store).register("shop-value", new SchemaText(TWO_MESSAGES, List.of()));
    ProtobufConverter converter = Converters.inProcess(store, false);
    org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
    headers.add("apicurio.value.globalId", java.nio.ByteBuffer.allocate(8).putLong(r.id()).array());

    // No magic byte and no id in the payload: Ref { name: "First" }, then the message.
    SchemaAndValue v = converter.toConnectData("shop", headers, hex("07 0a05" + HEX.formatHex("First".getBytes()) + " 0809"));

    assertThat(v.schema().name()).isEqualTo("shop.First");
    assertThat(((Struct) v.value()).getInt32("a")).isEqualTo(9);
  }

  @Test
  void confluentOnlyFramingRejectsApicurioRecords() {
    String store = Converters.freshStore();
    RegisteredSchema r = InProcessSchemaStore.named(store).register("shop-value", new SchemaText(TWO_MESSAGES, List.of()));
    ProtobufConverter converter = Converters.inProcess(store, false, ProtobufConverterConfig.READ_FRAMING_CONFIG, "confluent");
    String id = String.format("%08x", r.id());

    assertThatThrownBy(() -> converter.toConnectData("shop", hex("00" + id + "08 0a06" + HEX.formatHex("Second".getBytes()) + " 0a026869")))
        .isInstanceOf(DataException.class).hasMessageContaining("topic 'shop'");
  }
}
