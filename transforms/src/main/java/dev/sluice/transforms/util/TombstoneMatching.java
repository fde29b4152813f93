package dev.sluice.transforms.util;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a predicate with a {@code tombstones} setting answers for tombstones, which carry no
 * information to test (see {@link NullPolicy}).
 */
public enum TombstoneMatching {
  /** Tombstones match: the predicate answers true. */
  MATCH("match"),
  /** Tombstones do not match: the predicate answers false. */
  SKIP("skip");

  private final String code;

  TombstoneMatching(String code) {
    this.code = code;
  }

  /** The value users write in the configuration. */
  public String code() {
    return code;
  }

  /** The predicate's answer for a tombstone. */
  public boolean matches() {
    return this == MATCH;
  }

  /** The valid values, comma separated. */
  public static String validCodes() {
    return Arrays.stream(values()).map(TombstoneMatching::code).collect(Collectors.joining(", "));
  }

  /**
   * Parses a configured value; surrounding blanks and case are ignored.
   *
   * @throws IllegalArgumentException naming the bad value and the valid ones
   */
  public static TombstoneMatching parse(String code) {
    String normalized = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
    for (TombstoneMatching value : values()) {
      if (value.code.equals(normalized)) {
        return value;
      }
    }
    throw new IllegalArgumentException(
        "Unknown tombstone handling '" + code + "'; valid values are: " + validCodes());
  }
}
