package dev.sluice.source.mysql.schema;

/**
 * How DATE, TIME, DATETIME and TIMESTAMP are emitted.
 *
 * <p>{@link #ADAPTIVE} (the default) is Debezium's {@code adaptive_time_microseconds}: every value is
 * exact. {@link #CONNECT} uses Kafka Connect's built-in logical types, which only hold milliseconds
 * and times of day.
 */
public enum TemporalPrecision {
  /**
   * DATE: {@code io.debezium.time.Date} (int32 days since the epoch); TIME:
   * {@code io.debezium.time.MicroTime} (int64 microseconds, negative and beyond 24 h allowed);
   * DATETIME(0..3): {@code io.debezium.time.Timestamp} (int64 milliseconds of the wall-clock time
   * read as UTC); DATETIME(4..6): {@code io.debezium.time.MicroTimestamp} (int64 microseconds);
   * TIMESTAMP: {@code io.debezium.time.ZonedTimestamp} (ISO-8601 text in UTC with exactly the
   * column's fractional digits).
   */
  ADAPTIVE,
  /**
   * DATE: Connect {@code Date}; TIME: Connect {@code Time} (a TIME outside 00:00:00..23:59:59.999
   * is rejected with an error naming the column); DATETIME: Connect {@code Timestamp} of the
   * wall-clock time read as UTC; TIMESTAMP: Connect {@code Timestamp} of the instant. Fractional
   * digits beyond milliseconds are truncated.
   */
  CONNECT;

  public static TemporalPrecision parse(String value) {
    return Options.parse(TemporalPrecision.class, value);
  }

  public static String validValues() {
    return Options.validValues(TemporalPrecision.class);
  }
}
