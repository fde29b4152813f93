package dev.sluice.source.mysql.schema;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Shared parsing of the option enums: case-insensitive, errors list the valid values. */
final class Options {
  private Options() {
  }

  static <E extends Enum<E>> E parse(Class<E> type, String value) {
    if (value != null) {
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase(value.trim())) {
          return e;
        }
      }
    }
    throw new IllegalArgumentException("'" + value + "' is not one of " + validValues(type));
  }

  static <E extends Enum<E>> String validValues(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ", "[", "]"));
  }
}
