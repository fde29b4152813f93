package dev.sluice.source.mysql.snapshot;

import java.util.Arrays;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * A primary key by value (byte arrays by content), independent of the key Struct's schema instance,
 * so that keys of streamed rows and of snapshot rows match even when their schemas were built
 * separately.
 */
final class RowKey {
  private final Object[] values;
  private final int hash;

  private RowKey(Object[] values) {
    this.values = values;
    this.hash = Arrays.deepHashCode(values);
  }

  /** The key of a key Struct; null for a null Struct (table without a primary key). */
  static RowKey of(Struct key) {
    if (key == null) {
      return null;
    }
    Object[] values = new Object[key.schema().fields().size()];
    int i = 0;
    for (Field f : key.schema().fields()) {
      values[i++] = key.get(f);
    }
    return new RowKey(values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RowKey other && hash == other.hash && Arrays.deepEquals(values, other.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return Arrays.deepToString(values);
  }
}
