package dev.sluice.transforms.row;

import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/** Struct and schema helpers shared by the transformations. */
public final class Structs {

  private Structs() {}

  /**
   * The value stored in a field, without {@link Struct#get(Field)}'s substitution of the schema
   * default for null: a NULL column must stay null after a transformation. Required fields keep
   * the substitution, because a required field cannot hold null.
   *
   * @param struct the struct
   * @param field a field of the struct's schema (or of an equal schema)
   * @return the raw value
   */
  public static Object raw(Struct struct, Field field) {
    Object value = struct.get(field);
    if (value != null && field.schema().isOptional() && field.schema().defaultValue() != null) {
      return struct.getWithoutDefault(field.name());
    }
    return value;
  }

  /**
   * A builder of the same type as {@code schema} with its name, version, doc, parameters and
   * optionality; fields, key/value schemas and the default are not copied, because the caller
   * changes what they would have to match.
   *
   * @param schema a STRUCT schema
   * @return a struct builder
   */
  public static SchemaBuilder structLike(Schema schema) {
    SchemaBuilder builder = SchemaBuilder.struct();
    copyBasics(schema, builder);
    return builder;
  }

  /**
   * Copies name, version, doc, parameters and optionality.
   *
   * @param from the schema to copy from
   * @param to the builder to copy to
   * @return {@code to}
   */
  public static SchemaBuilder copyBasics(Schema from, SchemaBuilder to) {
    if (from.name() != null) {
      to.name(from.name());
    }
    if (from.version() != null) {
      to.version(from.version());
    }
    if (from.doc() != null) {
      to.doc(from.doc());
    }
    Map<String, String> parameters = from.parameters();
    if (parameters != null && !parameters.isEmpty()) {
      to.parameters(parameters);
    }
    if (from.isOptional()) {
      to.optional();
    }
    return to;
  }

  /**
   * A builder for a primitive type, optional when {@code like} is optional.
   *
   * @param type the type
   * @param like the schema whose optionality to copy
   * @return the builder
   */
  public static SchemaBuilder primitiveLike(Schema.Type type, Schema like) {
    SchemaBuilder builder = SchemaBuilder.type(type);
    if (like.isOptional()) {
      builder.optional();
    }
    return builder;
  }

  /** The schema's logical name, or {@code type} for unnamed schemas; for error messages. */
  public static String describe(Schema schema) {
    return schema.name() == null ? schema.type().toString() : schema.type() + " (" + schema.name() + ")";
  }

  /**
   * The schema as optional, for fields that some values leave null; optional schemas are
   * returned as they are.
   *
   * @param schema any schema
   * @return an optional schema of the same type, name, parameters and (for structs, arrays and
   *     maps) contents
   */
  public static Schema optional(Schema schema) {
    if (schema.isOptional()) {
      return schema;
    }
    SchemaBuilder builder =
        switch (schema.type()) {
          case STRUCT -> {
            SchemaBuilder struct = structLike(schema);
            for (Field field : schema.fields()) {
              struct.field(field.name(), field.schema());
            }
            yield struct;
          }
          case ARRAY -> copyBasics(schema, SchemaBuilder.array(schema.valueSchema()));
          case MAP -> copyBasics(schema, SchemaBuilder.map(schema.keySchema(), schema.valueSchema()));
          default -> copyBasics(schema, SchemaBuilder.type(schema.type()));
        };
    return builder.optional().build();
  }
}
