package dev.sluice.converters.protobuf.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Field numbers of one message across schema versions: a field keeps its number by Connect field
 * name, a new field takes the highest number ever used plus one, a removed field's number is
 * reserved (and remembered by name, so the field gets it back if it returns). Nothing is ever
 * renumbered.
 */
final class FieldNumbering {
  /** Protobuf reserves these numbers for its own use. */
  private static final int RESERVED_FIRST = 19_000;
  private static final int RESERVED_LAST = 19_999;
  private static final int MAX = 536_870_911;

  private final Map<String, Integer> previous;
  private final Map<String, Integer> retired;
  private final TreeSet<Integer> reserved;
  private final Map<String, Integer> assigned = new HashMap<>();
  private int max;

  private FieldNumbering(Map<String, Integer> previous, Map<String, Integer> retired, TreeSet<Integer> reserved, int max) {
    this.previous = previous;
    this.retired = retired;
    this.reserved = reserved;
    this.max = max;
  }

  /** Numbering for a message that has no earlier version. */
  static FieldNumbering fresh() {
    return new FieldNumbering(Map.of(), new TreeMap<>(), new TreeSet<>(), 0);
  }

  /**
   * Numbering continuing an earlier version of the same message.
   *
   * @param earlier the message in the latest registered version, or null
   */
  static FieldNumbering continuing(Descriptor earlier) {
    if (earlier == null) {
      return fresh();
    }
    Map<String, Integer> byName = new HashMap<>();
    int max = 0;
    for (FieldDescriptor f : earlier.getFields()) {
      byName.put(connectName(f), f.getNumber());
      max = Math.max(max, f.getNumber());
    }
    SchemaMeta meta = SchemaMeta.ofMessage(earlier);
    Map<String, Integer> retired = new TreeMap<>(meta.retired);
    for (int n : retired.values()) {
      max = Math.max(max, n);
    }
    TreeSet<Integer> reserved = new TreeSet<>();
    for (DescriptorProto.ReservedRange r : earlier.toProto().getReservedRangeList()) {
      // Ranges are small in practice: each is a removed field or a few.
      int end = Math.min(r.getEnd() - 1, MAX);
      for (int n = r.getStart(); n <= end && n - r.getStart() < 100_000; n++) {
        reserved.add(n);
      }
      max = Math.max(max, end);
    }
    return new FieldNumbering(byName, retired, reserved, max);
  }

  /** The Connect field name a field stands for. */
  static String connectName(FieldDescriptor f) {
    SchemaMeta meta = SchemaMeta.ofField(f);
    return meta.field != null ? meta.field : f.getName();
  }

  /** The number of the field with this Connect name. */
  int numberFor(String connectName) {
    Integer n = previous.get(connectName);
    if (n == null) {
      n = retired.remove(connectName);
      if (n != null) {
        reserved.remove(n);
      }
    }
    if (n == null) {
      n = ++max;
      if (n >= RESERVED_FIRST && n <= RESERVED_LAST) {
        n = max = RESERVED_LAST + 1;
      }
    }
    assigned.put(connectName, n);
    return n;
  }

  /**
   * Retires the earlier fields that are gone, once every current field has its number.
   *
   * @return the reserved numbers as ranges {@code [start, endInclusive]}, ascending
   */
  List<int[]> finish(Set<String> currentNames) {
    for (Map.Entry<String, Integer> e : previous.entrySet()) {
      if (!currentNames.contains(e.getKey())) {
        retired.put(e.getKey(), e.getValue());
        reserved.add(e.getValue());
      }
    }
    reserved.removeAll(assigned.values());
    List<int[]> ranges = new ArrayList<>();
    for (int n : reserved) {
      if (!ranges.isEmpty() && ranges.get(ranges.size() - 1)[1] == n - 1) {
        ranges.get(ranges.size() - 1)[1] = n;
      } else {
        ranges.add(new int[] {n, n});
      }
    }
    return ranges;
  }

  /** Removed fields by Connect name, after {@link #finish}. */
  Map<String, Integer> retired() {
    return retired;
  }
}
