package dev.sluice.transforms.conversion;

import dev.sluice.transforms.row.Structs;
import dev.sluice.transforms.row.ValueConversion;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Replaces a value with a fixed one of the same type, so the schema does not change: strings with
 * the configured replacement, numbers with zero, booleans with false, bytes, arrays and maps with
 * empty ones, dates with the epoch. Structs are refused: mask the fields inside them.
 */
public final class MaskConversion implements ValueConversion {

  private static final byte[] NO_BYTES = new byte[0];
  private static final Date EPOCH = new Date(0);

  private final String replacement;

  /**
   * A mask.
   *
   * @param replacement what strings become
   */
  public MaskConversion(String replacement) {
    this.replacement = Objects.requireNonNull(replacement, "replacement");
  }

  @Override
  public Planned plan(Schema input, String path) {
    Object masked = maskedFor(input, path);
    // Every masked value is immutable (an empty byte[] has nothing to change), so one is shared.
    return new Planned(input, value -> masked);
  }

  private Object maskedFor(Schema schema, String path) {
    if (Decimal.LOGICAL_NAME.equals(schema.name())) {
      return BigDecimal.ZERO.setScale(Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD)));
    }
    if (org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(schema.name())
        || org.apache.kafka.connect.data.Time.LOGICAL_NAME.equals(schema.name())
        || org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME.equals(schema.name())) {
      return EPOCH;
    }
    return switch (schema.type()) {
      case INT8 -> (byte) 0;
      case INT16 -> (short) 0;
      case INT32 -> 0;
      case INT64 -> 0L;
      case FLOAT32 -> 0f;
      case FLOAT64 -> 0d;
      case BOOLEAN -> Boolean.FALSE;
      case STRING -> replacement;
      case BYTES -> NO_BYTES;
      case ARRAY -> List.of();
      case MAP -> Map.of();
      case STRUCT ->
          throw new DataException(
              "Mask cannot mask '" + path + "' as a whole because it is a STRUCT ("
                  + Structs.describe(schema) + "); list the fields inside it, e.g. '" + path
                  + ".<field>'");
    };
  }

  @Override
  public Object convertSchemaless(Object value, String path) {
    if (value instanceof String) {
      return replacement;
    }
    if (value instanceof BigDecimal decimal) {
      return BigDecimal.ZERO.setScale(decimal.scale());
    }
    if (value instanceof Byte) {
      return (byte) 0;
    }
    if (value instanceof Short) {
      return (short) 0;
    }
    if (value instanceof Integer) {
      return 0;
    }
    if (value instanceof Long) {
      return 0L;
    }
    if (value instanceof Float) {
      return 0f;
    }
    if (value instanceof Double) {
      return 0d;
    }
    if (value instanceof Boolean) {
      return Boolean.FALSE;
    }
    if (value instanceof byte[] || value instanceof ByteBuffer) {
      return new byte[0];
    }
    if (value instanceof List) {
      return List.of();
    }
    if (value instanceof Map) {
      return Map.of();
    }
    if (value instanceof Date) {
      return new Date(0);
    }
    throw new DataException(
        "Mask cannot mask '" + path + "': unsupported value type " + value.getClass().getName());
  }
}
