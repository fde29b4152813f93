package dev.sluice.it.support;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Compares a row read back from Kafka (after a converter round trip) with the row the source
 * mapping produces from MariaDB's own answer, field by field and value by value: the schema objects
 * differ after a round trip, the values must not.
 */
public final class RowComparison {
  private RowComparison() {
  }

  /** The differences, empty when the rows are equal; each names the field and both values. */
  public static List<String> differences(Struct expected, Struct actual) {
    List<String> diffs = new ArrayList<>();
    if (expected == null || actual == null) {
      if (expected != actual) {
        diffs.add("expected " + expected + " but was " + actual);
      }
      return diffs;
    }
    List<String> expectedNames = expected.schema().fields().stream().map(Field::name).toList();
    List<String> actualNames = actual.schema().fields().stream().map(Field::name).toList();
    if (!expectedNames.equals(actualNames)) {
      diffs.add("fields " + actualNames + " instead of " + expectedNames);
      return diffs;
    }
    for (Field f : expected.schema().fields()) {
      Object e = normalize(expected.get(f.name()));
      Object a = normalize(actual.get(f.name()));
      if (e instanceof Struct es && a instanceof Struct as) {
        for (String d : differences(es, as)) {
          diffs.add(f.name() + "." + d);
        }
      } else if (!Objects.deepEquals(e, a)) {
        diffs.add(f.name() + ": expected " + show(e) + " but was " + show(a));
      }
    }
    return diffs;
  }

  private static Object normalize(Object v) {
    if (v instanceof ByteBuffer bb) {
      ByteBuffer copy = bb.duplicate();
      byte[] b = new byte[copy.remaining()];
      copy.get(b);
      return b;
    }
    return v;
  }

  private static String show(Object v) {
    if (v instanceof byte[] b) {
      return "bytes" + Arrays.toString(b);
    }
    return v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")";
  }
}
