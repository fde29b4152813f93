package dev.sluice.source.mysql.value;

import java.io.Serializable;
import java.time.Instant;

/**
 * A TIMESTAMP value: an instant in UTC, seconds since the epoch plus microseconds. MySQL stores
 * TIMESTAMP as UTC seconds, so the binlog value does not depend on any time zone. The zero value
 * {@code 0000-00-00 00:00:00} is stored (and carried here) as second 0, microsecond 0: 1970-01-01
 * 00:00:00 UTC itself is outside TIMESTAMP's range, so the two cannot be confused.
 */
public record MysqlTimestamp(long epochSecond, int micros) implements Serializable {

  public boolean isZero() {
    return epochSecond == 0 && micros == 0;
  }

  public Instant toInstant() {
    return Instant.ofEpochSecond(epochSecond, micros * 1_000L);
  }

  public static MysqlTimestamp of(Instant instant) {
    return new MysqlTimestamp(instant.getEpochSecond(), instant.getNano() / 1_000);
  }

  @Override
  public String toString() {
    return isZero() ? "0000-00-00T00:00:00Z" : toInstant().toString();
  }
}
