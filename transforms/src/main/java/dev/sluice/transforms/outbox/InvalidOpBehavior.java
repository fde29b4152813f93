package dev.sluice.transforms.outbox;

import java.util.Locale;

/** What Outbox does with updates of outbox rows, which should never happen (Debezium's names). */
public enum InvalidOpBehavior {
  /** Drop the event and log a warning. */
  WARN,
  /** Drop the event and log an error. */
  ERROR,
  /** Fail the record with a DataException. */
  FATAL;

  /** The valid values, comma separated. */
  public static String validCodes() {
    return "warn, error, fatal";
  }

  /**
   * Parses a configured value; blanks and case are ignored.
   *
   * @throws IllegalArgumentException naming the value and the valid ones
   */
  public static InvalidOpBehavior parse(String code) {
    String normalized = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
    for (InvalidOpBehavior behavior : values()) {
      if (behavior.name().equals(normalized)) {
        return behavior;
      }
    }
    throw new IllegalArgumentException(
        "Unknown behavior '" + code + "'; valid values are: " + validCodes());
  }
}
