package dev.sluice.converters.protobuf.schema;

import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/** Copies of Connect schemas that differ in optionality or default only. */
final class SchemaCopies {
  private SchemaCopies() {}

  /** The same schema, required and without default. */
  static Schema required(Schema s) {
    return builder(s).build();
  }

  /**
   * The same schema with the given optionality and default.
   *
   * @param defaultValue the default, or null for none
   */
  static Schema with(Schema s, boolean optional, Object defaultValue) {
    if (s.isOptional() == optional && java.util.Objects.deepEquals(s.defaultValue(), defaultValue)) {
      return s;
    }
    SchemaBuilder b = builder(s);
    if (optional) {
      b.optional();
    }
    if (defaultValue != null) {
      b.defaultValue(defaultValue);
    }
    return b.build();
  }

  /** A builder with the schema's type, name, version, doc, parameters and children, required, no default. */
  static SchemaBuilder builder(Schema s) {
    SchemaBuilder b = switch (s.type()) {
      case ARRAY -> SchemaBuilder.array(s.valueSchema());
      case MAP -> SchemaBuilder.map(s.keySchema(), s.valueSchema());
      case STRUCT -> {
        SchemaBuilder sb = SchemaBuilder.struct();
        for (Field f : s.fields()) {
          sb.field(f.name(), f.schema());
        }
        yield sb;
      }
      default -> SchemaBuilder.type(s.type());
    };
    if (s.name() != null) {
      b.name(s.name());
    }
    if (s.version() != null) {
      b.version(s.version());
    }
    if (s.doc() != null) {
      b.doc(s.doc());
    }
    Map<String, String> parameters = s.parameters();
    if (parameters != null && !parameters.isEmpty()) {
      b.parameters(parameters);
    }
    return b;
  }
}
