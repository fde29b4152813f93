package dev.sluice.converters.protobuf.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a new version of a schema would break for readers of the latest one: a field number that
 * belonged to another field (or is reserved), or a field whose wire kind changes. Messages are
 * matched by full name, fields by number; names are Connect field names.
 */
public final class SchemaDiff {

  /** Kinds of conflicts. */
  public enum Kind {
    /** A number that another field had in the latest version. */
    REUSED_NUMBER,
    /** A number the latest version reserved for a removed field. */
    REUSED_RESERVED,
    /** The same field with another wire kind (e.g. int64 to string, singular to repeated). */
    CHANGED_KIND
  }

  /**
   * One conflict.
   *
   * @param kind what kind
   * @param message the message's full name
   * @param field the Connect field name in the new version
   * @param number the field number
   * @param description a sentence naming the field, the number and what changed
   */
  public record Conflict(Kind kind, String message, String field, int number, String description) {}

  private SchemaDiff() {}

  /** The conflicts of {@code proposed} against {@code latest}; empty if readers of latest are safe. */
  public static List<Conflict> between(FileDescriptor latest, FileDescriptor proposed) {
    Map<String, Descriptor> old = new HashMap<>();
    for (Descriptor d : latest.getMessageTypes()) {
      index(d, old);
    }
    List<Conflict> conflicts = new ArrayList<>();
    for (Descriptor d : proposed.getMessageTypes()) {
      compare(d, old, conflicts);
    }
    return conflicts;
  }

  private static void index(Descriptor d, Map<String, Descriptor> map) {
    map.put(d.getFullName(), d);
    for (Descriptor n : d.getNestedTypes()) {
      index(n, map);
    }
  }

  private static void compare(Descriptor d, Map<String, Descriptor> old, List<Conflict> conflicts) {
    Descriptor before = old.get(d.getFullName());
    if (before != null && !d.getOptions().getMapEntry()) {
      SchemaMeta beforeMeta = SchemaMeta.ofMessage(before);
      for (FieldDescriptor f : d.getFields()) {
        String name = FieldNumbering.connectName(f);
        FieldDescriptor was = before.findFieldByNumber(f.getNumber());
        if (was != null) {
          String wasName = FieldNumbering.connectName(was);
          if (!wasName.equals(name)) {
            conflicts.add(new Conflict(Kind.REUSED_NUMBER, d.getFullName(), name, f.getNumber(),
                "field '" + name + "' of " + d.getFullName() + " takes number " + f.getNumber()
                    + ", which belongs to field '" + wasName + "' in the latest version"));
          } else if (!kind(was).equals(kind(f))) {
            conflicts.add(new Conflict(Kind.CHANGED_KIND, d.getFullName(), name, f.getNumber(),
                "field '" + name + "' of " + d.getFullName() + " (number " + f.getNumber() + ") changes from "
                    + kind(was) + " to " + kind(f) + ", which readers of the latest version cannot read"));
          }
        } else if (isReserved(before.toProto(), f.getNumber())
            && !Integer.valueOf(f.getNumber()).equals(beforeMeta.retired.get(name))) {
          conflicts.add(new Conflict(Kind.REUSED_RESERVED, d.getFullName(), name, f.getNumber(),
              "field '" + name + "' of " + d.getFullName() + " takes number " + f.getNumber()
                  + ", which the latest version reserved for a removed field"));
        }
      }
    }
    for (Descriptor n : d.getNestedTypes()) {
      compare(n, old, conflicts);
    }
  }

  private static boolean isReserved(DescriptorProto message, int number) {
    for (DescriptorProto.ReservedRange r : message.getReservedRangeList()) {
      if (number >= r.getStart() && number < r.getEnd()) {
        return true;
      }
    }
    return false;
  }

  /** The wire kind of a field: what a reader must expect, e.g. {@code varint}, {@code repeated string}. */
  static String kind(FieldDescriptor f) {
    String base = switch (f.getType()) {
      case INT32, INT64, UINT32, UINT64, ENUM -> "varint";
      case BOOL -> "bool";
      case SINT32, SINT64 -> "zigzag varint";
      case FIXED32, SFIXED32 -> "fixed32";
      case FIXED64, SFIXED64 -> "fixed64";
      case FLOAT -> "float";
      case DOUBLE -> "double";
      case STRING -> "string";
      case BYTES -> "bytes";
      case MESSAGE, GROUP -> "message";
    };
    return f.isRepeated() ? "repeated " + base : base;
  }
}
