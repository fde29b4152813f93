package dev.sluice.source.mysql.schema;

import static dev.sluice.source.mysql.schema.ColumnMappings.schema;

import dev.sluice.source.mysql.schema.ColumnMappings.Simple;
import dev.sluice.source.mysql.value.MysqlDate;
import dev.sluice.source.mysql.value.MysqlDateTime;
import dev.sluice.source.mysql.value.MysqlTime;
import dev.sluice.source.mysql.value.MysqlTimestamp;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import org.apache.kafka.connect.data.Schema;
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
    return new AsText(schema(builder, optional), convert, (rs, i) -> {
      MysqlDateTime dt = dateTimeFromJdbc(rs, i);
      return dt == null ? null : convert.apply(dt);
    }, text -> convert.apply(MysqlDateTime.parse(text)));
  }

  /**
   * A temporal column that the snapshot's select list reads as the server's text,
   * {@code CAST(c AS CHAR)}: one exact rendering ({@code YYYY-MM-DD HH:MM:SS[.f]} with exactly the
   * column's fractional digits, zero dates as stored), parsed once by {@code text}. The driver's own
   * DATETIME decoding costs a formatted string plus a second parse per cell and is inexact in
   * {@code getString}. A plain column (e.g. {@code SELECT *}) is read through {@code jdbc}.
   */
  private record AsText(Schema schema, ColumnMappings.BinlogFn binlog, ColumnMappings.JdbcFn jdbc, TextFn text) implements ColumnMapping {
    @Override
    public Object fromBinlog(Object value) {
      return binlog.apply(value);
    }

    @Override
    public Object fromJdbc(ResultSet rs, int index) throws SQLException {
      return jdbc.read(rs, index);
    }

    @Override
    public String selectExpression(String quotedName) {
      return "CAST(" + quotedName + " AS CHAR)";
    }

    @Override
    public JdbcCell jdbcCell(ResultSetMetaData metaData, int index) throws SQLException {
      if (!isText(metaData.getColumnType(index))) {
        return rs -> jdbc.read(rs, index);
      }
      return rs -> {
        String s = rs.getString(index);
        return s == null ? null : text.parse(s);
      };
    }

    private static boolean isText(int sqlType) {
      return sqlType == Types.VARCHAR || sqlType == Types.CHAR || sqlType == Types.LONGVARCHAR || sqlType == Types.NVARCHAR
          || sqlType == Types.NCHAR || sqlType == Types.LONGNVARCHAR;
    }
  }

  /** The Connect value of a temporal cell from the server's text rendering of it. */
  @FunctionalInterface
  private interface TextFn {
    Object parse(String text);
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
    return new AsText(schema(builder, optional), convert, (rs, i) -> {
      MysqlDateTime dt = dateTimeFromJdbc(rs, i);
      return dt == null ? null : convert.apply(timestampFromUtcWallClock(dt));
    }, text -> convert.apply(timestampFromUtcWallClock(MysqlDateTime.parse(text))));
  }

  /**
   * A TIMESTAMP from a JDBC result: the server renders it in the session time zone, which
   * {@link TableSchema#rowFromJdbc} requires to be UTC.
   */
  static MysqlTimestamp timestampFromUtcWallClock(MysqlDateTime dt) {
    if (dt.year() == 0 && dt.month() == 0 && dt.day() == 0) {
      return new MysqlTimestamp(0, 0);
    }
    if (!dt.isValid() || dt.hour() > 23 || dt.minute() > 59 || dt.second() > 59 || dt.micros() < 0 || dt.micros() > 999_999) {
      throw new DataException("TIMESTAMP " + dt + " is not a date-time");
    }
    long epochMicros = dt.epochMicros();
    return new MysqlTimestamp(Math.floorDiv(epochMicros, 1_000_000L), (int) Math.floorMod(epochMicros, 1_000_000L));
  }

  /** ISO-8601 in UTC with exactly {@code fsp} fractional digits, e.g. {@code 2038-01-19T03:14:07.999999Z}. */
  static String zoned(MysqlTimestamp ts, int fsp) {
    LocalDateTime utc = LocalDateTime.ofEpochSecond(ts.epochSecond(), 0, ZoneOffset.UTC);
    int year = utc.getYear();
    if (year < 0 || year > 9999 || ts.micros() < 0 || ts.micros() > 999_999) {
      return zonedSlow(utc, ts.micros(), fsp);
    }
    // Hot in snapshots and streaming alike: fixed width, written straight into a char array.
    char[] c = new char[fsp > 0 ? 21 + fsp : 20];
    digits(c, 0, year, 4);
    c[4] = '-';
    digits(c, 5, utc.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, utc.getDayOfMonth(), 2);
    c[10] = 'T';
    digits(c, 11, utc.getHour(), 2);
    c[13] = ':';
    digits(c, 14, utc.getMinute(), 2);
    c[16] = ':';
    digits(c, 17, utc.getSecond(), 2);
    if (fsp > 0) {
      c[19] = '.';
      digits(c, 20, ts.micros() / POWERS_OF_TEN[6 - fsp], fsp);
    }
    c[c.length - 1] = 'Z';
    return new String(c);
  }

  /** {@code value} as exactly {@code width} decimal digits at {@code c[from]}; {@code value} has at most that many. */
  private static void digits(char[] c, int from, int value, int width) {
    for (int i = from + width - 1; i >= from; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  private static String zonedSlow(LocalDateTime utc, int micros, int fsp) {
    StringBuilder sb = new StringBuilder(32);
    pad(sb, utc.getYear(), 4).append('-');
    pad(sb, utc.getMonthValue(), 2).append('-');
    pad(sb, utc.getDayOfMonth(), 2).append('T');
    pad(sb, utc.getHour(), 2).append(':');
    pad(sb, utc.getMinute(), 2).append(':');
    pad(sb, utc.getSecond(), 2);
    if (fsp > 0) {
      sb.append('.');
      pad(sb, micros / POWERS_OF_TEN[6 - fsp], fsp);
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
