package dev.sluice.transforms.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * A path to a possibly nested field, written with dots: {@code address.city}.
 *
 * <p>A backslash escapes the next character, so field names that contain dots (or the other
 * characters settings give a meaning, such as {@code :}) can be written: {@code a\.b} is the one
 * field named {@code a.b}, {@code a\\b} the field named {@code a\b}. Empty segments ({@code a..b},
 * a leading or trailing dot) and a trailing lone backslash are errors.
 *
 * @param segments the field names from the outside in; never empty
 */
public record FieldPath(List<String> segments) {

  /** Validates and copies the segments. */
  public FieldPath {
    Objects.requireNonNull(segments, "segments");
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a field path needs at least one field name");
    }
    segments = List.copyOf(segments);
  }

  /**
   * Parses a dotted path.
   *
   * @param text e.g. {@code after.address.city} or {@code odd\.name}
   * @return the path
   * @throws IllegalArgumentException naming the text and the problem
   */
  public static FieldPath parse(String text) {
    List<String> parts = splitUnescaped(text, '.');
    for (String part : parts) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a field path: it has an empty field name (check for '..' or a"
                + " leading or trailing '.'; escape a literal dot as '\\.')");
      }
    }
    return new FieldPath(parts);
  }

  /**
   * Splits text on every unescaped {@code separator} and removes the escapes; a building block
   * for settings like {@code old.path:new} that combine paths with other separators.
   *
   * <p>Escapes are kept in the parts when {@code separator} is not {@code '.'}, so each part can
   * still be parsed with {@link #parse(String)}.
   *
   * @param text the text
   * @param separator the separator
   * @return the parts, at least one
   * @throws IllegalArgumentException for a trailing lone backslash
   */
  public static List<String> splitUnescaped(String text, char separator) {
    Objects.requireNonNull(text, "text");
    boolean unescape = separator == '.';
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        if (i + 1 == text.length()) {
          throw new IllegalArgumentException(
              "'" + text + "' ends with a lone '\\'; write '\\\\' for a literal backslash");
        }
        char next = text.charAt(++i);
        if (!unescape) {
          current.append('\\');
        }
        current.append(next);
      } else if (c == separator) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  /** The first segment. */
  public String head() {
    return segments.get(0);
  }

  /** The last segment: the name of the field the path points at. */
  public String leaf() {
    return segments.get(segments.size() - 1);
  }

  /** The number of segments. */
  public int depth() {
    return segments.size();
  }

  /**
   * Reads the value the path points at in a Struct or Map (nested Structs and Maps are followed;
   * anything else ends the walk).
   *
   * @param root a Struct, a Map or anything else
   * @return the value, or {@link #MISSING} when a segment does not exist; a present field whose
   *     value is null gives null
   */
  public Object get(Object root) {
    Object current = root;
    for (String segment : segments) {
      if (current instanceof Struct struct) {
        Field field = struct.schema().field(segment);
        if (field == null) {
          return MISSING;
        }
        current = Structs.raw(struct, field);
      } else if (current instanceof Map<?, ?> map) {
        if (!map.containsKey(segment)) {
          return MISSING;
        }
        current = map.get(segment);
      } else {
        return MISSING;
      }
    }
    return current;
  }

  /** Returned by {@link #get(Object)} for a path that does not exist in a value. */
  public static final Object MISSING =
      new Object() {
        @Override
        public String toString() {
          return "<missing>";
        }
      };

  /** The path as users write it, with escapes where needed. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (String segment : segments) {
      if (text.length() > 0) {
        text.append('.');
      }
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        if (c == '.' || c == '\\' || c == ':') {
          text.append('\\');
        }
        text.append(c);
      }
    }
    return text.toString();
  }
}
