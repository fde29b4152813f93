package dev.sluice.source.mysql.schema;

/**
 * What DATE, DATETIME and TIMESTAMP values that are not calendar dates become: the zero date
 * {@code 0000-00-00}, dates with a zero month or day ({@code 2024-00-15}, allowed without
 * {@code NO_ZERO_IN_DATE}) and impossible dates ({@code 2024-02-30}, allowed with
 * {@code ALLOW_INVALID_DATES}).
 */
public enum ZeroDateMode {
  /** {@code null}; such columns are optional in the schema even when declared NOT NULL. */
  NULL,
  /** The epoch: 1970-01-01 (00:00:00 UTC); columns keep their declared nullability. */
  EPOCH;

  public static ZeroDateMode parse(String value) {
    return Options.parse(ZeroDateMode.class, value);
  }

  public static String validValues() {
    return Options.validValues(ZeroDateMode.class);
  }
}
