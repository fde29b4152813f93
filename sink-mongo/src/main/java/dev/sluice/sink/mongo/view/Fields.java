package dev.sluice.sink.mongo.view;

import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/** Field lookup on Structs and schemaless Maps that never throws for absent fields. */
final class Fields {
  private Fields() {}

  static Object get(Object container, String name) {
    if (container instanceof Struct struct) {
      Field field = struct.schema().field(name);
      return field == null ? null : struct.get(field);
    }
    if (container instanceof Map<?, ?> map) {
      return map.get(name);
    }
    return null;
  }
}
