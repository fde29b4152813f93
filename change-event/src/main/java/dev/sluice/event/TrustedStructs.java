package dev.sluice.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills Structs with values whose types the caller already guarantees, without Connect's
 * validation on every {@link Struct#put(Field, Object)}.
 *
 * <p>{@code Struct.put} validates each value against its field's schema, builds a
 * {@code field: "name"} message string on every call, and validates a nested Struct field by field
 * again when it is put into its parent: a change event's row is validated twice, and a profile of
 * the source shows {@code ConnectSchema.validateValue} as its top frame. The source's values come
 * from per-column mappings that produce exactly their schema's Java types (checked by the type
 * mapping tests, which validate the Structs the mappings build) and its nulls are checked against
 * optionality before the put, so that validation finds nothing.
 *
 * <p>Writes the value into the Struct's own value array (a private field of Kafka's {@code Struct},
 * unchanged since Connect's first release), found once. Where it cannot be found (a different
 * Kafka, a security manager), every put falls back to {@code Struct.put}, with full validation.
 */
public final class TrustedStructs {
  private static final Logger LOG = LoggerFactory.getLogger(TrustedStructs.class);
  private static final VarHandle VALUES = valuesHandle();

  private TrustedStructs() {}

  private static VarHandle valuesHandle() {
    try {
      return MethodHandles.privateLookupIn(Struct.class, MethodHandles.lookup()).findVarHandle(Struct.class, "values", Object[].class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.info("Struct values are set through Struct.put, with Connect's validation of every value ({})", e.toString());
      return null;
    }
  }

  /** Whether puts skip Connect's validation (false: they go through {@link Struct#put(Field, Object)}). */
  public static boolean fast() {
    return VALUES != null;
  }

  /**
   * Sets {@code field} of {@code struct} to {@code value}, which must be of the field schema's Java
   * type (or null for an optional field); not validated.
   */
  public static void put(Struct struct, Field field, Object value) {
    if (VALUES == null) {
      struct.put(field, value);
      return;
    }
    ((Object[]) VALUES.get(struct))[field.index()] = value;
  }

  /**
   * Sets every field of {@code struct}: field {@code i} to {@code values[i]}, which must be of that
   * field schema's Java type (or null for an optional field); not validated.
   *
   * @param values one value per field of the struct's schema, in field order
   */
  public static void putAll(Struct struct, Object[] values) {
    List<Field> fields = struct.schema().fields();
    if (values.length != fields.size()) {
      throw new IllegalArgumentException(values.length + " values for the " + fields.size() + " fields of " + struct.schema().name());
    }
    if (VALUES == null) {
      for (Field field : fields) {
        struct.put(field, values[field.index()]);
      }
      return;
    }
    System.arraycopy(values, 0, (Object[]) VALUES.get(struct), 0, values.length);
  }

  /**
   * Sets a Struct-typed field to {@code value}, checking only that its schema is the field's (by
   * identity first, then equality): the nested Struct's own values were set the same trusted way.
   *
   * @throws DataException when the schemas differ
   */
  public static void putStruct(Struct struct, Field field, Struct value) {
    if (value != null) {
      Schema expected = field.schema();
      Schema actual = value.schema();
      if (actual != expected && !Objects.equals(actual, expected)) {
        throw new DataException("field " + field.name() + " of " + struct.schema().name() + " expects a Struct of "
            + expected.name() + " but got one of " + actual.name());
      }
    }
    put(struct, field, value);
  }
}
