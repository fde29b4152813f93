package dev.sluice.sink.mongo.view;

import dev.sluice.sink.mongo.EnumOptions;

/** How date and time columns are written. */
public enum TemporalMode {
  /**
   * BSON Date (UTC milliseconds): DATE is midnight UTC, TIME is that time on 1970-01-01 UTC,
   * DATETIME is its wall-clock value read as UTC, TIMESTAMP is its instant. Digits below the
   * millisecond are dropped, because BSON dates have none.
   */
  DATE,
  /** ISO-8601 strings, every digit kept: {@code 2024-05-01}, {@code -838:59:59.000000}, {@code 2024-05-01T10:15:30.123456}, {@code 2024-05-01T10:15:30.123456Z}. */
  STRING;

  /** Parses a configuration value ({@code date} or {@code string}). */
  public static TemporalMode parse(String value) {
    return EnumOptions.parse(TemporalMode.class, value);
  }
}
