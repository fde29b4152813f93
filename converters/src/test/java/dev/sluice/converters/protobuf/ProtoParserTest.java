package dev.sluice.converters.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.sluice.converters.protobuf.store.InProcessSchemaStore;
import dev.sluice.converters.protobuf.store.RegisteredSchema;
import dev.sluice.converters.protobuf.store.SchemaText;
import dev.sluice.converters.protobuf.testsupport.Converters;
import dev.sluice.converters.protobuf.testsupport.Protoc;
import dev.sluice.converters.protobuf.text.ProtoFiles;
import dev.sluice.converters.protobuf.text.ProtoParser;
import dev.sluice.converters.protobuf.text.ProtoPrinter;
import dev.sluice.converters.protobuf.text.ProtoSyntaxException;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** Schemas written by others (registries hand out .proto text) parse exactly as protoc compiles them, and their records read. */
class ProtoParserTest {

  static final String FOREIGN = """
      // A schema another producer registered.
      syntax = "proto3";
      package acme.orders.v1;

      import "google/protobuf/timestamp.proto";
      import "google/protobuf/descriptor.proto";

      option java_package = "com.acme.orders";
      option java_multiple_files = true;
      option go_package = "acme/orders/v1;ordersv1";

      extend google.protobuf.FieldOptions { string pii = 50001; }

      /* The order. */
      message Order {
        option deprecated = false;
        enum Status { STATUS_UNSPECIFIED = 0; NEW = 1; PAID = 2 [deprecated = true]; reserved 5 to 7; reserved "OLD"; }
        message Line { string sku = 1; uint32 qty = 2; sint64 delta = 3; fixed64 big = 4; }
        int64 id = 1 [json_name = "orderId"];
        Status status = 2;
        repeated Line lines = 3;
        map<string, int64> counters = 4;
        google.protobuf.Timestamp created = 5;
        oneof payment { string card = 6 [(pii) = "yes"]; string iban = 7; }
        optional double discount = 8;
        repeated int32 scores = 9 [packed = false];
        bytes blob = 10;
        reserved 11, 15 to max;
        reserved "legacy";
      }

      service Orders {
        rpc Get (Order) returns (Order);
        rpc Watch (stream Order) returns (stream Order) { option deprecated = true; }
      }
      """;

  @Test
  void aForeignSchemaParsesToWhatProtocCompiles() throws Exception {
    Map<String, FileDescriptorProto> compiled = Protoc.fromBuild().compile(Map.of("acme/orders.proto", FOREIGN), List.of("acme/orders.proto"));

    ProtoParser.Parsed parsed = ProtoParser.parse("acme/orders.proto", FOREIGN);
    FileDescriptorProto mine = parsed.resolve(List.of(ProtoFiles.wellKnown("google/protobuf/timestamp.proto"),
        ProtoFiles.wellKnown("google/protobuf/descriptor.proto")));

    // protoc knows the (pii) extension as a typed option; compare the bytes, which carry it either way.
    FileDescriptorProto theirs = compiled.get("acme/orders.proto");
    assertThat(com.google.protobuf.TextFormat.printer().printToString(FileDescriptorProto.parseFrom(mine.toByteString())))
        .isEqualTo(com.google.protobuf.TextFormat.printer().printToString(FileDescriptorProto.parseFrom(theirs.toByteString())));
    assertThat(mine.toByteString()).isEqualTo(theirs.toByteString());
  }

  @Test
  void printedTextParsesBackToTheSameDescriptor() {
    FileDescriptor file = ProtoFiles.parseAndBuild("acme/orders.proto", FOREIGN, n -> null);
    List<FileDescriptor> deps = file.getDependencies();

    String printed = ProtoPrinter.print(file.toProto(), deps);
    FileDescriptorProto again = ProtoParser.parse("acme/orders.proto", printed).resolve(deps);

    assertThat(again.toByteString()).isEqualTo(file.toProto().toByteString());
  }

  @Test
  void recordsOfAForeignSchemaReadAsPlainConnectData() throws Exception {
    String store = Converters.freshStore();
    RegisteredSchema r = InProcessSchemaStore.named(store).register("orders-value", new SchemaText(FOREIGN, List.of()));
    Descriptor order = ProtoFiles.parseAndBuild("x.proto", FOREIGN, n -> null).findMessageTypeByName("Order");
    Descriptor line = order.findNestedTypeByName("Line");
    DynamicMessage message = DynamicMessage.newBuilder(order)
        .setField(order.findFieldByName("id"), 7L)
        .setField(order.findFieldByName("status"), order.findEnumTypeByName("Status").findValueByName("PAID"))
        .addRepeatedField(order.findFieldByName("lines"), DynamicMessage.newBuilder(line)
            .setField(line.findFieldByName("sku"), "A-1").setField(line.findFieldByName("qty"), -1)
            .setField(line.findFieldByName("delta"), -5L).build())
        .setField(order.findFieldByName("iban"), "DE00")
        .addRepeatedField(order.findFieldByName("scores"), 3)
        .build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(0);
    bytes.write(java.nio.ByteBuffer.allocate(4).putInt(r.id()).array());
    bytes.write(0);
    message.writeTo(bytes);

    SchemaAndValue v = Converters.inProcess(store, false).toConnectData("orders", bytes.toByteArray());

    Struct s = (Struct) v.value();
    assertThat(v.schema().name()).isEqualTo("acme.orders.v1.Order");
    assertThat(s.getInt64("id")).isEqualTo(7L);
    assertThat(s.getString("status")).isEqualTo("PAID");
    Struct firstLine = (Struct) s.getArray("lines").get(0);
    assertThat(firstLine.getInt64("qty")).as("uint32 reads as its unsigned value").isEqualTo(4_294_967_295L);
    assertThat(firstLine.getInt64("delta")).isEqualTo(-5L);
    assertThat(s.getString("iban")).isEqualTo("DE00");
    assertThat(s.get("card")).isNull();
    assertThat(s.get("discount")).isNull();
    assertThat(s.schema().field("discount").schema().isOptional()).isTrue();
    assertThat(s.getArray("scores")).containsExactly(3);
    assertThat(s.schema().field("created").schema().type()).isEqualTo(Schema.Type.STRUCT);
  }

  @Test
  void syntaxErrorsNameLineAndColumn() {
    assertThatThrownBy(() -> ProtoParser.parse("bad.proto", "syntax = \"proto3\";\nmessage A {\n  int32 x = ;\n}\n"))
        .isInstanceOf(ProtoSyntaxException.class).hasMessageContaining("line 3");
    assertThatThrownBy(() -> ProtoParser.parse("e.proto", "edition = \"2023\";"))
        .isInstanceOf(ProtoSyntaxException.class).hasMessageContaining("editions are not supported");
    assertThatThrownBy(() -> ProtoFiles.parseAndBuild("u.proto", "syntax = \"proto3\";\nmessage A { Missing m = 1; }", n -> null))
        .isInstanceOf(ProtoSyntaxException.class).hasMessageContaining("'Missing' is not defined");
  }
}
