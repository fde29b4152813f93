package dev.sluice.source.mysql.schema;

import static dev.sluice.source.mysql.schema.ColumnMappings.schema;

import dev.sluice.source.mysql.schema.ColumnMappings.Simple;
import dev.sluice.source.mysql.value.MysqlDate;
import dev.sluice.source.mysql.value.MysqlDateTime;
import dev.sluice.source.mysql.value.MysqlTime;
import dev.sluice.source.mysql.value.MysqlTimestamp;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * DATE, TIME, DATETIME and TIMESTAMP. Binlog cells arrive as the exact value types of
 * {@code dev.sluice.source.mysql.value}; JDBC cells are read as the server's text and parsed into
 * the same types, so both paths share one conversion.
 */
final class TemporalMappings {
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

  private TemporalMappings() {
  }

  static ColumnMapping forColumn(ColumnInfo c, TypeMappingOptions options) {
    boolean connect = options.temporalPrecision() == TemporalPrecision.CONNECT;
    boolean epoch = options.zeroDateMode() == ZeroDateMode.EPOCH;
    // Zero dates map to null unless EPOCH is chosen: such columns are optional even when NOT NULL.
    boolean optional = c.nullable() || !epoch;
    return switch (c.realType()) {
      case ColumnMappings.DATE, ColumnMappings.NEWDATE -> date(connect, epoch, optional);
      case ColumnMappings.TIME, ColumnMappings.TIME2 -> time(connect, c.nullable());
      case ColumnMappings.DATETIME, ColumnMappings.DATETIME2 -> datetime(c.fsp(), connect, epoch, optional);
      default -> timestamp(c.fsp(), connect, epoch, optional);
    };
  }

  private static ColumnMapping date(boolean connect, boolean epoch, boolean optional) {
    SchemaBuilder builder = connect ? org.apache.kafka.connect.data.Date.builder() : SemanticTypes.date();
    ColumnMappings.BinlogFn convert = v -> {
      MysqlDate d = (MysqlDate) v;
      if (!d.isValid()) {
        return epoch ? (connect ? new Date(0) : (Object) 0) : null;
      }
      long days = d.epochDay();
      return connect ? new Date(days * MILLIS_PER_DAY) : (Object) Math.toIntExact(days);
    };
    return new Simple(schema(builder, optional), convert, (rs, i) -> {
      String s = rs.getString(i);
      return s == null ? null : convert.apply(MysqlDate.parse(s));
    });
  }

  private static ColumnMapping time(boolean connect, boolean optional) {
    SchemaBuilder builder = connect ? Time.builder() : SemanticTypes.microTime();
    ColumnMappings.BinlogFn convert = v -> {
      long micros = ((MysqlTime) v).micros();
      if (!connect) {
        return micros;
      }
      if (micros < 0 || micros >= MICROS_PER_DAY) {
        throw new DataException("TIME " + v + " is not a time of day, which is all a Connect Time can hold; "
            + "the adaptive temporal precision carries any TIME exactly");
      }
      return new Date(micros / 1_000);
    };
    return new Simple(schema(builder, optional), convert, (rs, i) -> {
      String s = rs.getString(i);
      return s == null ? null : convert.apply(MysqlTime.parse(s));
    });
  }

  private static ColumnMapping datetime(int fsp, boolean connect, boolean epoch, boolean optional) {
    boolean micros = fsp > 3;
    SchemaBuilder builder = connect ? Timestamp.builder() : micros ? SemanticTypes.microTimestamp() : SemanticTypes.timestamp();
    ColumnMappings.BinlogFn convert = v -> {
      MysqlDateTime dt = (MysqlDateTime) v;
      if (!dt.isValid()) {
        return epoch ? (connect ? new Date(0) : (Object) 0L) : null;
      }
      long epochMicros = dt.epochMicros();
      if (connect) {
        return new Date(Math.floorDiv(epochMicros, 1_000));
      }
      return micros ? epochMicros : Math.floorDiv(epochMicros, 1_000);
    };
    return new Simple(schema(builder, optional), convert, (rs, i) -> {
      MysqlDateTime dt = dateTimeFromJdbc(rs, i);
      return dt == null ? null : convert.apply(dt);
    });
  }

  /**
   * A DATETIME or TIMESTAMP cell of a JDBC row as the server's wall-clock text shows it. The date
   * part comes from the text (zero dates included); the time, for valid dates, from the driver's
   * LocalDateTime: MariaDB Connector/J 3.5 renders fractions below 6 digits without their leading
   * zeros in getString ({@code .001} as {@code .1000}) but parses them correctly.
   */
  static MysqlDateTime dateTimeFromJdbc(ResultSet rs, int i) throws SQLException {
    String text = rs.getString(i);
    if (text == null) {
      return null;
    }
    int space = text.indexOf(' ');
    MysqlDate date = MysqlDate.parse(space < 0 ? text : text.substring(0, space));
    if (!date.isValid()) {
      // Zero or invalid: only the date part decides what it maps to.
      return new MysqlDateTime(date.year(), date.month(), date.day(), 0, 0, 0, 0);
    }
    LocalDateTime t = rs.getObject(i, LocalDateTime.class);
    return new MysqlDateTime(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1_000);
  }

  private static ColumnMapping timestamp(int fsp, boolean connect, boolean epoch, boolean optional) {
    SchemaBuilder builder = connect ? Timestamp.builder() : SemanticTypes.zonedTimestamp();
    ColumnMappings.BinlogFn convert = v -> {
      MysqlTimestamp ts = (MysqlTimestamp) v;
      if (ts.isZero() && !epoch) {
        return null;
      }
      if (connect) {
        return new Date(ts.epochSecond() * 1_000 + ts.micros() / 1_000);
      }
      return zoned(ts, fsp);
    };
    return new Simple(schema(builder, optional), convert, (rs, i) -> {
      MysqlDateTime dt = dateTimeFromJdbc(rs, i);
      return dt == null ? null : convert.apply(timestampFromUtcWallClock(dt));
    });
  }

  /**
   * A TIMESTAMP from a JDBC result: the server renders it in the session time zone, which
   * {@link TableSchema#rowFromJdbc} requires to be UTC.
   */
  static MysqlTimestamp timestampFromUtcWallClock(MysqlDateTime dt) {
    if (dt.year() == 0 && dt.month() == 0 && dt.day() == 0) {
      return new MysqlTimestamp(0, 0);
    }
    if (!dt.isValid()) {
      throw new DataException("TIMESTAMP " + dt + " is not a date-time");
    }
    Instant instant = LocalDateTime.of(dt.year(), dt.month(), dt.day(), dt.hour(), dt.minute(), dt.second(), dt.micros() * 1_000)
        .toInstant(ZoneOffset.UTC);
    return MysqlTimestamp.of(instant);
  }

  /** ISO-8601 in UTC with exactly {@code fsp} fractional digits, e.g. {@code 2038-01-19T03:14:07.999999Z}. */
  static String zoned(MysqlTimestamp ts, int fsp) {
    LocalDateTime utc = LocalDateTime.ofEpochSecond(ts.epochSecond(), 0, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(32);
    pad(sb, utc.getYear(), 4).append('-');
    pad(sb, utc.getMonthValue(), 2).append('-');
    pad(sb, utc.getDayOfMonth(), 2).append('T');
    pad(sb, utc.getHour(), 2).append(':');
    pad(sb, utc.getMinute(), 2).append(':');
    pad(sb, utc.getSecond(), 2);
    if (fsp > 0) {
      sb.append('.');
      pad(sb, ts.micros() / POWERS_OF_TEN[6 - fsp], fsp);
    }
    return sb.append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder sb, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(digits);
  }
}
