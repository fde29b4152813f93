package dev.sluice.event;

import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Null-safe, exception-free field lookup on the two value shapes Connect hands to plugins:
 * a {@link Struct} (with schema) or a {@link Map} (schemaless). Readers of foreign records must not
 * throw, and {@link Struct#get(String)} throws for unknown fields, hence the schema check first.
 */
final class FieldAccess {

  private FieldAccess() {}

  /** The value of {@code name} in a Struct or Map; null when absent, null or not a container. */
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

  /** The value of {@code name} if it is a String, else null. */
  static String getString(Object container, String name) {
    return get(container, name) instanceof String s ? s : null;
  }
}
