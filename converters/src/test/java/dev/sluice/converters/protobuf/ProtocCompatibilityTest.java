package dev.sluice.converters.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import dev.sluice.converters.protobuf.schema.ConnectMeta;
import dev.sluice.converters.protobuf.schema.ConnectToProto;
import dev.sluice.converters.protobuf.schema.ProtoSchema;
import dev.sluice.converters.protobuf.testsupport.Protoc;
import dev.sluice.converters.protobuf.testsupport.RandomConnect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

/** The .proto text Sluice prints compiles with the real protoc into exactly the descriptor Sluice uses. */
class ProtocCompatibilityTest {

  @Test
  void theOptionsFileCompilesToTheDescriptorTheConverterUses() throws Exception {
    Map<String, FileDescriptorProto> compiled = Protoc.fromBuild()
        .compile(Map.of(ConnectMeta.FILE_NAME, ConnectMeta.TEXT), List.of(ConnectMeta.FILE_NAME));

    assertThat(compiled.get(ConnectMeta.FILE_NAME)).isEqualTo(ConnectMeta.FILE.toProto());
  }

  @Test
  void randomSchemasCompileToTheSameDescriptors() throws Exception {
    RandomConnect random = new RandomConnect(20_251_123L);
    Map<String, String> files = new LinkedHashMap<>();
    files.put(ConnectMeta.FILE_NAME, ConnectMeta.TEXT);
    List<ProtoSchema> schemas = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Schema schema = random.topLevel();
      ProtoSchema proto = ConnectToProto.translate(schema, "random.s" + i, "Value", null, ConnectToProto.NullHandling.KEEP);
      files.put(proto.proto().getName(), proto.text());
      schemas.add(proto);
    }
    List<String> names = schemas.stream().map(s -> s.proto().getName()).toList();
    assertThat(names).doesNotHaveDuplicates();

    Map<String, FileDescriptorProto> compiled = Protoc.fromBuild().compile(files, names);

    for (ProtoSchema s : schemas) {
      assertThat(compiled.get(s.proto().getName())).as(s.text()).isEqualTo(s.proto());
    }
  }
}
