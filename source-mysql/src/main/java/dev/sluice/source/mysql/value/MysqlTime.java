package dev.sluice.source.mysql.value;

import java.io.Serializable;

/**
 * A TIME value: a signed duration in microseconds, from {@code -838:59:59.000000} to
 * {@code 838:59:59.000000}. MySQL's TIME is a duration, not a time of day, so it can be negative
 * and longer than 24 hours.
 */
public record MysqlTime(long micros) implements Serializable {
  /** Largest magnitude MySQL accepts: 838:59:59 (fractional part excluded). */
  public static final long MAX_MICROS = ((838L * 60 + 59) * 60 + 59) * 1_000_000L;

  /**
   * Parses MySQL's text form {@code [-]H...H:MM:SS[.ffffff]} (what a text-protocol JDBC result
   * returns).
   */
  public static MysqlTime parse(String text) {
    int i = 0;
    boolean negative = false;
    if (!text.isEmpty() && text.charAt(0) == '-') {
      negative = true;
      i = 1;
    }
    int firstColon = text.indexOf(':', i);
    int secondColon = firstColon < 0 ? -1 : text.indexOf(':', firstColon + 1);
    if (firstColon < 0 || secondColon < 0) {
      throw new IllegalArgumentException("not a MySQL TIME value: '" + text + "'");
    }
    long hours = Calendar.digits(text, i, firstColon);
    long minutes = Calendar.digits(text, firstColon + 1, secondColon);
    int dot = text.indexOf('.', secondColon + 1);
    long seconds = Calendar.digits(text, secondColon + 1, dot < 0 ? text.length() : dot);
    long fraction = dot < 0 ? 0 : Calendar.fractionMicros(text, dot + 1, text.length());
    long micros = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000L + fraction;
    return new MysqlTime(negative ? -micros : micros);
  }

  @Override
  public String toString() {
    long abs = Math.abs(micros);
    long seconds = abs / 1_000_000L;
    return String.format("%s%02d:%02d:%02d.%06d", micros < 0 ? "-" : "", seconds / 3600, (seconds / 60) % 60, seconds % 60,
        abs % 1_000_000L);
  }
}
