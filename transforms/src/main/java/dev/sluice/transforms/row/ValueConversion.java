package dev.sluice.transforms.row;

import java.util.function.UnaryOperator;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts the values of one field: masking, hashing, casting and the like. Implementations are
 * immutable and thread-safe. Null values are never passed in: nulls stay null.
 */
public interface ValueConversion {

  /**
   * Plans the conversion of a field with a schema, once per input schema.
   *
   * @param input the field's schema
   * @param path the field's path, for error messages
   * @return the output schema (optional when {@code input} is) and the function for values
   * @throws org.apache.kafka.connect.errors.DataException naming the path and type when the
   *     conversion cannot handle this type
   */
  Planned plan(Schema input, String path);

  /**
   * Converts one schemaless value; its Java type stands in for the schema.
   *
   * @param value a non-null value
   * @param path the field's path, for error messages
   * @return the converted value
   * @throws org.apache.kafka.connect.errors.DataException naming the path when the value's type
   *     is not supported
   */
  Object convertSchemaless(Object value, String path);

  /**
   * The result of {@link #plan}.
   *
   * @param schema the output schema of the field
   * @param function converts one non-null value
   */
  record Planned(Schema schema, UnaryOperator<Object> function) {}
}
