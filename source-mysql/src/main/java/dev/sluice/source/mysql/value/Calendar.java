package dev.sluice.source.mysql.value;

/** Calendar arithmetic and text parsing shared by the temporal value types (proleptic Gregorian, like MySQL). */
final class Calendar {
  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private Calendar() {
  }

  static boolean isValid(int year, int month, int day) {
    if (year < 0 || month < 1 || month > 12 || day < 1) {
      return false;
    }
    int max = DAYS_IN_MONTH[month - 1];
    if (month == 2 && isLeap(year)) {
      max = 29;
    }
    return day <= max;
  }

  static boolean isLeap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  }

  /** Days since 1970-01-01 (Howard Hinnant's days_from_civil, valid for every proleptic Gregorian date). */
  static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1L : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long mp = (month + 9) % 12;
    long doy = (153 * mp + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  /** {@code YYYY-MM-DD} in {@code text[from, to)} as {year, month, day}. */
  static int[] parseDate(String text, int from, int to) {
    int first = text.indexOf('-', from);
    int second = first < 0 ? -1 : text.indexOf('-', first + 1);
    if (first < 0 || second < 0 || second >= to) {
      throw new IllegalArgumentException("not a MySQL date: '" + text + "'");
    }
    return new int[] {(int) digits(text, from, first), (int) digits(text, first + 1, second), (int) digits(text, second + 1, to)};
  }

  /** {@code HH:MM:SS[.ffffff]} in {@code text[from, to)} as {hour, minute, second, micros}. */
  static int[] parseClock(String text, int from, int to) {
    int first = text.indexOf(':', from);
    int second = first < 0 ? -1 : text.indexOf(':', first + 1);
    if (first < 0 || second < 0 || second >= to) {
      throw new IllegalArgumentException("not a MySQL time of day: '" + text + "'");
    }
    int dot = text.indexOf('.', second + 1);
    int secondsEnd = dot < 0 || dot > to ? to : dot;
    int micros = secondsEnd == to ? 0 : (int) fractionMicros(text, dot + 1, to);
    return new int[] {(int) digits(text, from, first), (int) digits(text, first + 1, second), (int) digits(text, second + 1, secondsEnd),
        micros};
  }

  static long digits(String text, int from, int to) {
    if (from >= to) {
      throw new IllegalArgumentException("missing digits in '" + text + "' at " + from);
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("unexpected '" + c + "' in '" + text + "' at " + i);
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Up to six fraction digits as microseconds ({@code "5"} is 500000). */
  static long fractionMicros(String text, int from, int to) {
    if (to - from > 6) {
      throw new IllegalArgumentException("more than six fraction digits in '" + text + "'");
    }
    long value = from == to ? 0 : digits(text, from, to);
    for (int i = to - from; i < 6; i++) {
      value *= 10;
    }
    return value;
  }
}
