package dev.sluice.converters.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import dev.sluice.converters.protobuf.export.ProtoExportCommand;
import dev.sluice.converters.protobuf.schema.ConnectMeta;
import dev.sluice.converters.protobuf.schema.ConnectToProto;
import dev.sluice.converters.protobuf.schema.ProtoSchema;
import dev.sluice.converters.protobuf.store.InProcessSchemaStore;
import dev.sluice.converters.protobuf.testsupport.Converters;
import dev.sluice.converters.protobuf.testsupport.Protoc;
import dev.sluice.converters.protobuf.testsupport.StandInSchemaRegistry;
import dev.sluice.event.Envelope;
import dev.sluice.event.SourceInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The export command prints a topic's current .proto, and what it writes compiles with protoc to the converter's descriptor. */
class ProtoExportCommandTest {

  private static final Schema ROW = SchemaBuilder.struct().name("shop.inventory.items.Value").optional()
      .field("id", Schema.INT64_SCHEMA)
      .field("price", Decimal.builder(3).optional().build())
      .field("size", SchemaBuilder.string().name("io.debezium.data.Enum").version(1).parameter("allowed", "S,M,L").optional().build())
      .field("updated", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1).optional().build())
      .field("made", Date.builder().optional().build())
      .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
      .build();
  private static final Envelope ENVELOPE = Envelope.builder().schemaName("shop.inventory.items.Envelope").rowSchema(ROW).build();

  private static Struct event() {
    Struct source = SourceInfo.builder().connector("mariadb").name("shop").db("inventory").table("items").file("b.1").build().toStruct();
    return ENVELOPE.create(new Struct(ROW).put("id", 1L), source, 1L);
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = ProtoExportCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void printsTheTopicsCurrentProto() {
    String store = Converters.freshStore();
    Converters.inProcess(store, false).fromConnectData("shop.inventory.items", ENVELOPE.schema(), event());

    Run r = run("--in-process", store, "shop.inventory.items");

    assertThat(r.exit).as(r.err).isZero();
    assertThat(r.out).isEqualTo(InProcessSchemaStore.named(store).latest("shop.inventory.items-value").orElseThrow().schema().schema());
    assertThat(r.out).contains("message Envelope {").contains("import \"sluice/connect.proto\";")
        .contains("name: \"io.debezium.time.MicroTimestamp\"").contains("key: \"allowed\" value: \"S,M,L\"");
  }

  @Test
  void theWrittenFilesCompileWithProtocToTheConvertersDescriptor(@TempDir Path dir) throws Exception {
    try (StandInSchemaRegistry registry = StandInSchemaRegistry.http()) {
      Map<String, Object> config = new HashMap<>(Map.of(ProtobufConverterConfig.REGISTRY_URL_CONFIG, registry.url().toString()));
      ProtobufConverter converter = new ProtobufConverter();
      converter.configure(config, false);
      converter.fromConnectData("shop.inventory.items", ENVELOPE.schema(), event());

      Run r = run("--registry-url", registry.url().toString(), "--output-dir", dir.toString(), "shop.inventory.items");

      assertThat(r.exit).as(r.err).isZero();
      Path main = Path.of(r.out.trim());
      assertThat(main).isEqualTo(dir.resolve("shop/inventory/items/Envelope.proto"));
      assertThat(dir.resolve(ConnectMeta.FILE_NAME)).hasContent(ConnectMeta.TEXT);
      Map<String, String> files = Map.of(
          "shop/inventory/items/Envelope.proto", Files.readString(main),
          ConnectMeta.FILE_NAME, Files.readString(dir.resolve(ConnectMeta.FILE_NAME)));
      Map<String, FileDescriptorProto> compiled = Protoc.fromBuild().compile(files, List.of("shop/inventory/items/Envelope.proto"));
      ProtoSchema expected = ConnectToProto.translate(ENVELOPE.schema(), "shop.inventory.items", "value", null, ConnectToProto.NullHandling.KEEP);
      assertThat(compiled.get("shop/inventory/items/Envelope.proto")).isEqualTo(expected.proto());
      assertThat(compiled.get(ConnectMeta.FILE_NAME)).isEqualTo(ConnectMeta.FILE.toProto());
    }
  }

  @Test
  void anUnknownSubjectExitsNonZeroNamingIt() {
    Run r = run("--in-process", Converters.freshStore(), "--key", "nothing.here");

    assertThat(r.exit).isEqualTo(1);
    assertThat(r.err).contains("'nothing.here-key'").contains("no versions");
  }
}
