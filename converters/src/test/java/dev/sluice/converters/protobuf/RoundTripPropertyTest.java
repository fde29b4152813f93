package dev.sluice.converters.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Descriptors.Descriptor;
import dev.sluice.converters.protobuf.schema.ConnectMeta;
import dev.sluice.converters.protobuf.store.InProcessSchemaStore;
import dev.sluice.converters.protobuf.store.SchemaText;
import dev.sluice.converters.protobuf.text.ProtoFiles;
import dev.sluice.converters.protobuf.testsupport.ConnectValues;
import dev.sluice.converters.protobuf.testsupport.RandomConnect;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.junit.jupiter.api.Test;

/**
 * Property: for random Connect schemas and values (seeded, reproducible), Connect -> Protobuf ->
 * Connect restores the same schema and the same value, and the bytes are valid Protobuf for the
 * registered descriptor.
 */
class RoundTripPropertyTest {
  private static final String STORE = "round-trip";
  private static final long SEED = 0x51_0CE_2025L;
  private static final int SCHEMAS = 2000;
  private static final int VALUES_PER_SCHEMA = 5;

  private static ProtobufConverter converter(String store, boolean isKey) {
    ProtobufConverter c = new ProtobufConverter();
    Map<String, Object> config = new HashMap<>();
    config.put(ProtobufConverterConfig.SCHEMA_STORE_CONFIG, "in-process");
    config.put(ProtobufConverterConfig.IN_PROCESS_NAME_CONFIG, store);
    c.configure(config, isKey);
    return c;
  }

  /**
   * protobuf-java parses the payload with the registered descriptor, and its own serialization of
   * that message reads back to the same Connect value: the bytes are plain, valid Protobuf.
   */
  private static void assertProtobufJavaAgrees(ProtobufConverter reader, String topic, Schema schema, byte[] bytes, Object value, String where) {
    int id = java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt();
    SchemaText text = InProcessSchemaStore.named(STORE).byId(id).orElseThrow();
    Descriptor root = ProtoFiles.parseAndBuild("check.proto", text.schema(), n -> ConnectMeta.FILE).getMessageTypes().get(0);
    DynamicMessage parsed;
    try {
      parsed = DynamicMessage.parseFrom(root, java.util.Arrays.copyOfRange(bytes, 6, bytes.length));
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("protobuf-java cannot parse the payload of " + where, e);
    }
    assertThat(parsed.getUnknownFields().asMap()).as("unknown fields in " + where).isEmpty();
    byte[] reserialized = parsed.toByteArray();
    byte[] framed = new byte[6 + reserialized.length];
    System.arraycopy(bytes, 0, framed, 0, 6);
    System.arraycopy(reserialized, 0, framed, 6, reserialized.length);
    Object again = reader.toConnectData(topic, framed).value();
    String difference = ConnectValues.difference(schema, value, again);
    if (difference != null) {
      fail("protobuf-java's serialization reads back differently for " + where + ": " + difference);
    }
  }

  @Test
  void randomSchemasAndValuesRoundTrip() {
    ProtobufConverter writer = converter(STORE, false);
    ProtobufConverter reader = converter(STORE, false);
    RandomConnect random = new RandomConnect(SEED);
    int values = 0;
    for (int i = 0; i < SCHEMAS; i++) {
      Schema schema = random.topLevel();
      String topic = "topic-" + i;
      for (int v = 0; v < VALUES_PER_SCHEMA; v++) {
        Object value = random.value(schema, 0);
        if (value == null) {
          continue;
        }
        String where = "schema #" + i + " value #" + v + " (seed " + SEED + "): " + schema;
        byte[] bytes;
        try {
          bytes = writer.fromConnectData(topic, schema, value);
        } catch (RuntimeException e) {
          throw new AssertionError("writing failed for " + where + "\nvalue " + value, e);
        }
        SchemaAndValue back;
        try {
          back = reader.toConnectData(topic, bytes);
        } catch (RuntimeException e) {
          throw new AssertionError("reading failed for " + where + "\nvalue " + value, e);
        }
        assertThat(back.schema()).as(where).isEqualTo(schema);
        Object expected = ConnectValues.withDefaults(schema, value);
        String difference = ConnectValues.difference(schema, expected, back.value());
        if (difference != null) {
          fail(where + "\nvalue " + value + "\nread " + back.value() + "\ndifference " + difference + "\nbytes " + Arrays.toString(Arrays.copyOf(bytes, Math.min(bytes.length, 64))));
        }
        if (values % 7 == 0) {
          assertProtobufJavaAgrees(reader, topic, schema, bytes, back.value(), where);
        }
        values++;
      }
    }
    assertThat(values).isGreaterThan(SCHEMAS * 3);
  }
}
