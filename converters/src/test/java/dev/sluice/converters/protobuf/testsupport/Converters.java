package dev.sluice.converters.protobuf.testsupport;

import dev.sluice.converters.protobuf.ProtobufConverter;
import dev.sluice.converters.protobuf.ProtobufConverterConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Converters configured for unit tests. */
public final class Converters {
  private Converters() {}

  /** A fresh in-process store name, so tests do not see each other's schemas. */
  public static String freshStore() {
    return "test-" + UUID.randomUUID();
  }

  /** A value converter on an in-process store, with extra settings. */
  public static ProtobufConverter inProcess(String store, boolean isKey, String... keyValues) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProtobufConverterConfig.SCHEMA_STORE_CONFIG, "in-process");
    config.put(ProtobufConverterConfig.IN_PROCESS_NAME_CONFIG, store);
    for (int i = 0; i < keyValues.length; i += 2) {
      config.put(keyValues[i], keyValues[i + 1]);
    }
    ProtobufConverter c = new ProtobufConverter();
    c.configure(config, isKey);
    return c;
  }
}
