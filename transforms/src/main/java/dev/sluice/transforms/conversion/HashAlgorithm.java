package dev.sluice.transforms.conversion;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The hash functions {@code Hash} offers. */
public enum HashAlgorithm {
  /** SHA-256 over the salt followed by the value. */
  SHA256("sha256"),
  /** HMAC-SHA256 keyed with a secret. */
  HMAC_SHA256("hmac-sha256");

  private final String code;

  HashAlgorithm(String code) {
    this.code = code;
  }

  /** The configured value. */
  public String code() {
    return code;
  }

  /** The valid values, comma separated. */
  public static String validCodes() {
    return Arrays.stream(values()).map(HashAlgorithm::code).collect(Collectors.joining(", "));
  }

  /**
   * Parses a configured value; blanks and case are ignored.
   *
   * @throws IllegalArgumentException naming the value and the valid ones
   */
  public static HashAlgorithm parse(String code) {
    String normalized = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
    for (HashAlgorithm algorithm : values()) {
      if (algorithm.code.equals(normalized)) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException(
        "Unknown hash algorithm '" + code + "'; valid values are: " + validCodes());
  }
}
