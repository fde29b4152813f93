package dev.sluice.sink.mongo;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Maps enum constants to the lower-case, dash-separated words users write in configuration
 * ({@code SOFT_DELETE} is {@code soft-delete}) and back, with errors that list what is valid.
 */
public final class EnumOptions {

  private EnumOptions() {}

  /** The configuration word of a constant. */
  public static String code(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a configuration word; surrounding blanks and case are ignored.
   *
   * @throws IllegalArgumentException naming the bad value and the valid ones
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String value) {
    String normalized = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (code(constant).equals(normalized)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        "'" + value + "' is not valid; valid values are: " + validValues(type));
  }

  /** The valid words, comma separated, for documentation and error messages. */
  public static String validValues(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(EnumOptions::code)
        .collect(Collectors.joining(", "));
  }
}
