package dev.sluice.transforms.conversion;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A type to cast to, as written after the colon in {@code Cast}'s {@code spec}: {@code int8},
 * {@code int16}, {@code int32}, {@code int64}, {@code float32}, {@code float64}, {@code boolean},
 * {@code string}, {@code string(S)} (numbers written with exactly S decimals) or {@code
 * decimal(S)} (a Connect Decimal with scale S).
 *
 * @param kind the type
 * @param scale the scale for {@code decimal(S)} and {@code string(S)}, else null
 */
public record CastTarget(Kind kind, Integer scale) {

  /** The target types. */
  public enum Kind {
    /** 8-bit integer. */
    INT8,
    /** 16-bit integer. */
    INT16,
    /** 32-bit integer. */
    INT32,
    /** 64-bit integer. */
    INT64,
    /** 32-bit floating point. */
    FLOAT32,
    /** 64-bit floating point. */
    FLOAT64,
    /** Boolean. */
    BOOLEAN,
    /** String. */
    STRING,
    /** Connect Decimal with a fixed scale. */
    DECIMAL
  }

  /** What may follow the colon, for docs and error messages. */
  public static final String VALID =
      Arrays.stream(Kind.values())
              .filter(k -> k != Kind.DECIMAL)
              .map(k -> k.name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "))
          + ", string(S), decimal(S) (S = scale, 0 to 1000)";

  private static final Pattern SYNTAX = Pattern.compile("([a-z0-9]+)(?:\\((\\d{1,4})\\))?");

  /** Validates the combination. */
  public CastTarget {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.DECIMAL && scale == null) {
      throw new IllegalArgumentException("decimal needs a scale, e.g. decimal(2)");
    }
    if (scale != null && kind != Kind.DECIMAL && kind != Kind.STRING) {
      throw new IllegalArgumentException(
          "only decimal(S) and string(S) take a scale, not " + kind.name().toLowerCase(Locale.ROOT));
    }
    if (scale != null && (scale < 0 || scale > 1000)) {
      throw new IllegalArgumentException("scale must be between 0 and 1000, got " + scale);
    }
  }

  /**
   * Parses a target type.
   *
   * @param text e.g. {@code int64} or {@code decimal(2)}; blanks and case are ignored
   * @return the target
   * @throws IllegalArgumentException naming the text and the valid types
   */
  public static CastTarget parse(String text) {
    String normalized = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    Matcher matcher = SYNTAX.matcher(normalized);
    if (matcher.matches()) {
      for (Kind kind : Kind.values()) {
        if (kind.name().toLowerCase(Locale.ROOT).equals(matcher.group(1))) {
          Integer scale = matcher.group(2) == null ? null : Integer.valueOf(matcher.group(2));
          return new CastTarget(kind, scale);
        }
      }
    }
    throw new IllegalArgumentException(
        "Unknown cast type '" + text + "'; valid types are: " + VALID);
  }

  @Override
  public String toString() {
    String name = kind.name().toLowerCase(Locale.ROOT);
    return scale == null ? name : name + "(" + scale + ")";
  }
}
