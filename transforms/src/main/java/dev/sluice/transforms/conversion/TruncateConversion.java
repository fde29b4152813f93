package dev.sluice.transforms.conversion;

import dev.sluice.transforms.row.Structs;
import dev.sluice.transforms.row.ValueConversion;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Keeps a prefix: the first N characters of a string (whole Unicode code points, never half a
 * surrogate pair), the first N bytes of a byte array, the first N elements of an array. Shorter
 * values are unchanged. The schema does not change.
 */
public final class TruncateConversion implements ValueConversion {

  private final int length;

  /**
   * A truncation.
   *
   * @param length how much to keep; at least 0
   */
  public TruncateConversion(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative, got " + length);
    }
    this.length = length;
  }

  @Override
  public Planned plan(Schema input, String path) {
    boolean logical = input.name() != null && input.name().startsWith("org.apache.kafka.connect.data.");
    switch (input.type()) {
      case STRING, ARRAY:
        return new Planned(input, value -> convertSchemaless(value, path));
      case BYTES:
        if (!logical) {
          return new Planned(input, value -> convertSchemaless(value, path));
        }
        break;
      default:
        break;
    }
    throw new DataException(
        "Truncate cannot shorten '" + path + "' of type " + Structs.describe(input)
            + "; it keeps prefixes of STRING, BYTES and ARRAY fields");
  }

  @Override
  public Object convertSchemaless(Object value, String path) {
    if (value instanceof String s) {
      if (s.length() <= length || s.codePointCount(0, s.length()) <= length) {
        return s;
      }
      return s.substring(0, s.offsetByCodePoints(0, length));
    }
    if (value instanceof byte[] bytes) {
      return bytes.length <= length ? bytes : Arrays.copyOf(bytes, length);
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer view = buffer.duplicate();
      if (view.remaining() <= length) {
        return buffer;
      }
      byte[] prefix = new byte[length];
      view.get(prefix);
      return prefix;
    }
    if (value instanceof List<?> list) {
      return list.size() <= length ? list : new ArrayList<>(list.subList(0, length));
    }
    throw new DataException(
        "Truncate cannot shorten '" + path + "' holding a " + value.getClass().getName()
            + "; it keeps prefixes of strings, byte arrays and lists");
  }
}
