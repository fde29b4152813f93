package dev.sluice.converters.protobuf.schema;

import dev.sluice.converters.protobuf.text.ProtoParser;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns Connect names (column names, schema names, topics) into Protobuf identifiers.
 *
 * <p>A name that is already a valid identifier is kept as is. Otherwise every character outside
 * {@code [A-Za-z0-9_]} becomes {@code _} and a leading digit gets a {@code _} prefix. The
 * scrubbing is made reversible by the converter, not by the identifier: whenever the identifier
 * differs from the Connect name, the original is written into the field's or message's
 * {@code sluice.connect} option and restored from there.
 */
public final class ProtoNames {

  private ProtoNames() {}

  /** Whether {@code name} is a valid Protobuf identifier. */
  public static boolean isIdentifier(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    char first = name.charAt(0);
    if (!(isAsciiLetter(first) || first == '_')) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** A valid identifier for any string: invalid characters become {@code _}. */
  public static String identifier(String name) {
    if (isIdentifier(name)) {
      return name;
    }
    if (name == null || name.isEmpty()) {
      return "_";
    }
    StringBuilder b = new StringBuilder(name.length() + 1);
    name.codePoints().forEach(cp -> b.append(cp < 128 && (isAsciiLetter((char) cp) || Character.isDigit(cp) || cp == '_') ? (char) cp : '_'));
    if (Character.isDigit(b.charAt(0))) {
      b.insert(0, '_');
    }
    return b.toString();
  }

  /** An upper-camel type name, e.g. {@code order_lines} -> {@code OrderLines}. */
  public static String typeName(String name) {
    String id = identifier(name);
    StringBuilder b = new StringBuilder(id.length());
    boolean upper = true;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '_') {
        upper = true;
        continue;
      }
      b.append(upper ? Character.toUpperCase(c) : c);
      upper = false;
    }
    if (b.length() == 0 || Character.isDigit(b.charAt(0))) {
      b.insert(0, 'T');
    }
    return b.toString();
  }

  /** A package name: each dot-separated segment made an identifier. */
  public static String packageName(String name) {
    if (name == null || name.isBlank()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (String segment : name.split("\\.", -1)) {
      if (segment.isEmpty()) {
        continue;
      }
      if (b.length() > 0) {
        b.append('.');
      }
      b.append(identifier(segment));
    }
    return b.toString();
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * The names taken in one message scope: fields, their JSON names (proto3 forbids two fields
   * with the same JSON name), oneofs and nested types.
   */
  static final class Scope {
    private final Set<String> symbols = new HashSet<>();
    private final Set<String> jsonNames = new HashSet<>();

    /** Allocates a field name unique in symbol and JSON name, suffixing {@code _2}, {@code _3}... */
    String field(String wanted) {
      String candidate = wanted;
      int n = 2;
      while (symbols.contains(candidate) || jsonNames.contains(ProtoParser.jsonName(candidate))) {
        candidate = wanted + "_" + n++;
      }
      symbols.add(candidate);
      jsonNames.add(ProtoParser.jsonName(candidate));
      return candidate;
    }

    /** Allocates a nested type name. */
    String type(String wanted) {
      String candidate = wanted;
      int n = 2;
      while (symbols.contains(candidate)) {
        candidate = wanted + n++;
      }
      symbols.add(candidate);
      return candidate;
    }

    /** Marks a name as taken. */
    void take(String name) {
      symbols.add(name);
    }

    boolean taken(String name) {
      return symbols.contains(name);
    }
  }
}
