package dev.sluice.source.mysql.value;

import java.io.Serializable;

/**
 * A DATE exactly as MySQL stores it, including the values {@link java.time.LocalDate} cannot hold:
 * the zero date {@code 0000-00-00}, dates with a zero month or day ({@code 2024-00-15}) and, with
 * {@code ALLOW_INVALID_DATES}, impossible ones ({@code 2024-02-30}).
 */
public record MysqlDate(int year, int month, int day) implements Serializable {

  /** Whether this is a real calendar date (not zero, no zero part, not impossible). */
  public boolean isValid() {
    return Calendar.isValid(year, month, day);
  }

  /** Days since 1970-01-01 in the proleptic Gregorian calendar (MySQL's); only for {@link #isValid()} dates. */
  public long epochDay() {
    return Calendar.epochDay(year, month, day);
  }

  /**
   * Parses MySQL's text form {@code YYYY-MM-DD} (what a text-protocol JDBC result returns), zero
   * dates included.
   */
  public static MysqlDate parse(String text) {
    int[] p = Calendar.parseDate(text, 0, text.length());
    return new MysqlDate(p[0], p[1], p[2]);
  }

  @Override
  public String toString() {
    return String.format("%04d-%02d-%02d", year, month, day);
  }
}
