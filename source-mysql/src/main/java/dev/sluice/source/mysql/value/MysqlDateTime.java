package dev.sluice.source.mysql.value;

import java.io.Serializable;

/**
 * A DATETIME value: wall-clock date and time without a time zone, with microseconds, including the
 * zero value {@code 0000-00-00 00:00:00} and dates with zero or impossible parts.
 */
public record MysqlDateTime(int year, int month, int day, int hour, int minute, int second, int micros) implements Serializable {

  /** Whether the date part is a real calendar date (not zero, no zero part, not impossible). */
  public boolean isValid() {
    return Calendar.isValid(year, month, day);
  }

  /** Microseconds since 1970-01-01T00:00:00 of this wall-clock time read as UTC; only for {@link #isValid()} values. */
  public long epochMicros() {
    long days = Calendar.epochDay(year, month, day);
    return ((days * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L + micros;
  }

  /** Parses MySQL's text form {@code YYYY-MM-DD HH:MM:SS[.ffffff]} (what a text-protocol JDBC result returns). */
  public static MysqlDateTime parse(String text) {
    int n = text.length();
    // The server's own rendering (a snapshot reads every DATETIME/TIMESTAMP cell like this): fixed positions.
    if (n >= 19 && n <= 26 && n != 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == ' '
        && text.charAt(13) == ':' && text.charAt(16) == ':' && (n == 19 || text.charAt(19) == '.')) {
      return new MysqlDateTime((int) Calendar.digits(text, 0, 4), (int) Calendar.digits(text, 5, 7), (int) Calendar.digits(text, 8, 10),
          (int) Calendar.digits(text, 11, 13), (int) Calendar.digits(text, 14, 16), (int) Calendar.digits(text, 17, 19),
          n == 19 ? 0 : (int) Calendar.fractionMicros(text, 20, n));
    }
    int space = text.indexOf(' ');
    if (space < 0) {
      space = text.indexOf('T');
    }
    if (space < 0) {
      throw new IllegalArgumentException("not a MySQL DATETIME value: '" + text + "'");
    }
    int[] d = Calendar.parseDate(text, 0, space);
    int[] t = Calendar.parseClock(text, space + 1, text.length());
    return new MysqlDateTime(d[0], d[1], d[2], t[0], t[1], t[2], t[3]);
  }

  @Override
  public String toString() {
    return String.format("%04d-%02d-%02d %02d:%02d:%02d.%06d", year, month, day, hour, minute, second, micros);
  }
}
