package dev.sluice.source.mysql.schema;

import static dev.sluice.source.mysql.value.BinlogBytes.DATE;
import static dev.sluice.source.mysql.value.BinlogBytes.DATETIME2;
import static dev.sluice.source.mysql.value.BinlogBytes.TIME2;
import static dev.sluice.source.mysql.value.BinlogBytes.TIMESTAMP2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.source.mysql.value.BinlogBytes.Col;
import dev.sluice.source.mysql.value.MysqlDate;
import dev.sluice.source.mysql.value.MysqlDateTime;
import dev.sluice.source.mysql.value.MysqlTime;
import dev.sluice.source.mysql.value.MysqlTimestamp;
import java.io.Serializable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JDBC read path of snapshots: DATETIME and TIMESTAMP selected as the server's text
 * ({@code CAST(c AS CHAR)}), parsed once, must give the Struct the binlog path gives for the same
 * stored value. The texts are what MariaDB renders: exactly the column's fractional digits.
 */
class JdbcRowReaderTest {
  private static final TypeMappingOptions EPOCH = TypeMappingOptions.defaults().withZeroDateMode(ZeroDateMode.EPOCH);

  /** One row {@code (1, text)} of a table {@code (id INT, c <col>)} read as a snapshot reads it. */
  private static Struct readText(TableSchema schema, String text) throws SQLException {
    return readAll(schema, new String[] {text}).get(0);
  }

  private static List<Struct> readAll(TableSchema schema, String[] texts) throws SQLException {
    TextResult result = new TextResult().column("id", Types.INTEGER).column("c", Types.VARCHAR);
    for (String t : texts) {
      result.row("1", t);
    }
    ResultSet rs = result.open();
    JdbcRowReader reader = schema.jdbcReader(rs);
    List<Struct> rows = new ArrayList<>();
    while (rs.next()) {
      rows.add(reader.read());
    }
    return rows;
  }

  private static String fraction(int fsp) {
    // The last fractional digit set, every other one zero: the case Connector/J's getString renders wrongly.
    return fsp == 0 ? "" : "." + "0".repeat(fsp - 1) + "1";
  }

  private static int fractionMicros(int fsp) {
    return fsp == 0 ? 0 : (int) Math.pow(10, 6 - fsp);
  }

  @Test
  void selectListReadsDatetimeAndTimestampAsServerText() {
    TableSchema s = Tables.withColumns(Col.of("dt", DATETIME2, 3), Col.of("ts", TIMESTAMP2, 6), Col.of("d", DATE), Col.of("t", TIME2, 0));
    assertThat(s.selectList()).isEqualTo("`id`, CAST(`dt` AS CHAR) AS `dt`, CAST(`ts` AS CHAR) AS `ts`, `d`, `t`");
  }

  @ParameterizedTest(name = "fsp {0}")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  void datetimeTextOfEveryPrecisionEqualsTheBinlogValue(int fsp) throws SQLException {
    TableSchema s = Tables.withColumns(Col.of("c", DATETIME2, fsp));
    Struct jdbc = readText(s, "2024-02-29 23:59:59" + fraction(fsp));
    Struct binlog = Tables.row(s, 1, new MysqlDateTime(2024, 2, 29, 23, 59, 59, fractionMicros(fsp)));
    assertThat(jdbc).isEqualTo(binlog);
    long micros = LocalDateTime.of(2024, 2, 29, 23, 59, 59).toEpochSecond(ZoneOffset.UTC) * 1_000_000 + fractionMicros(fsp);
    assertThat(jdbc.get("c")).isEqualTo(fsp > 3 ? micros : micros / 1_000);
  }

  @ParameterizedTest(name = "fsp {0}")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  void timestampTextOfEveryPrecisionEqualsTheBinlogValue(int fsp) throws SQLException {
    TableSchema s = Tables.withColumns(Col.of("c", TIMESTAMP2, fsp));
    Struct jdbc = readText(s, "2038-01-19 03:14:07" + fraction(fsp));
    assertThat(jdbc).isEqualTo(Tables.row(s, 1, new MysqlTimestamp(Integer.MAX_VALUE, fractionMicros(fsp))));
    assertThat(jdbc.get("c")).isEqualTo("2038-01-19T03:14:07" + fraction(fsp) + "Z");
    Struct earliest = readText(s, "1970-01-01 00:00:01" + fraction(fsp));
    assertThat(earliest).isEqualTo(Tables.row(s, 1, new MysqlTimestamp(1, fractionMicros(fsp))));
  }

  @Test
  void zeroAndInvalidDatesAreNullByDefaultAsOnTheBinlogPath() throws SQLException {
    TableSchema datetime = Tables.withColumns(Col.of("c", DATETIME2, 3).notNull());
    assertThat(readText(datetime, "0000-00-00 00:00:00.000")).isEqualTo(Tables.row(datetime, 1, new MysqlDateTime(0, 0, 0, 0, 0, 0, 0)));
    assertThat(readText(datetime, "0000-00-00 00:00:00.000").get("c")).isNull();
    assertThat(readText(datetime, "2024-00-15 10:00:00.000").get("c")).isNull();
    assertThat(readText(datetime, "2024-02-30 10:00:00.500").get("c")).isNull();
    TableSchema timestamp = Tables.withColumns(Col.of("c", TIMESTAMP2, 0).notNull());
    assertThat(readText(timestamp, "0000-00-00 00:00:00")).isEqualTo(Tables.row(timestamp, 1, new MysqlTimestamp(0, 0)));
    assertThat(readText(timestamp, "0000-00-00 00:00:00").get("c")).isNull();
  }

  @Test
  void zeroDatesAreTheEpochInEpochMode() throws SQLException {
    TableSchema datetime = Tables.withColumns(EPOCH, Col.of("c", DATETIME2, 6).notNull());
    assertThat(readText(datetime, "0000-00-00 00:00:00.000000").get("c")).isEqualTo(0L);
    TableSchema timestamp = Tables.withColumns(EPOCH, Col.of("c", TIMESTAMP2, 2).notNull());
    assertThat(readText(timestamp, "0000-00-00 00:00:00.00").get("c")).isEqualTo("1970-01-01T00:00:00.00Z");
  }

  @Test
  void sqlNullIsAnAbsentFieldAndNotNullColumnsRejectIt() throws SQLException {
    TableSchema nullable = Tables.withColumns(EPOCH, Col.of("c", DATETIME2, 3));
    assertThat(readText(nullable, null).get("c")).isNull();
    assertThat(readText(nullable, null)).isEqualTo(Tables.row(nullable, 1, (Serializable) null));
    TableSchema required = Tables.withColumns(EPOCH, Col.of("c", TIMESTAMP2, 3).notNull());
    assertThatThrownBy(() -> readText(required, null)).isInstanceOf(DataException.class)
        .hasMessageContaining("db.t.c").hasMessageContaining("NOT NULL");
  }

  @Test
  void dateAndTimeKeepTheirTextReadingIncludingNegativeAndLongTimes() throws SQLException {
    TableSchema time = Tables.withColumns(Col.of("c", TIME2, 6));
    assertThat(readText(time, "-838:59:59.000000")).isEqualTo(Tables.row(time, 1, new MysqlTime(-MysqlTime.MAX_MICROS)));
    assertThat(readText(time, "838:59:59.000000").get("c")).isEqualTo(MysqlTime.MAX_MICROS);
    assertThat(readText(time, "-00:00:00.000001").get("c")).isEqualTo(-1L);
    TableSchema date = Tables.withColumns(Col.of("c", DATE));
    assertThat(readText(date, "0000-00-00")).isEqualTo(Tables.row(date, 1, new MysqlDate(0, 0, 0)));
  }

  @Test
  void oneReaderReadsEveryRowOfItsResult() throws SQLException {
    TableSchema s = Tables.withColumns(Col.of("c", TIMESTAMP2, 3));
    List<Struct> rows = readAll(s, new String[] {"2001-02-03 04:05:06.007", null, "0000-00-00 00:00:00.000", "1999-12-31 23:59:59.999"});
    assertThat(rows).extracting(r -> r.get("c")).containsExactly("2001-02-03T04:05:06.007Z", null, null, "1999-12-31T23:59:59.999Z");
  }

  @Test
  void textThatIsNotADateTimeIsAnErrorNamingTheColumn() {
    TableSchema s = Tables.withColumns(Col.of("c", DATETIME2, 0));
    assertThatThrownBy(() -> readText(s, "2024-01-0x 00:00:00")).isInstanceOf(DataException.class)
        .hasMessageContaining("db.t.c").hasMessageContaining("2024-01-0x");
    TableSchema ts = Tables.withColumns(Col.of("c", TIMESTAMP2, 0));
    assertThatThrownBy(() -> readText(ts, "2024-01-01 24:00:00")).isInstanceOf(DataException.class)
        .hasMessageContaining("db.t.c").hasMessageContaining("not a date-time");
  }

  @Test
  void aResultWithoutOneOfTheColumnsIsAnErrorNamingIt() throws SQLException {
    TableSchema s = Tables.withColumns(Col.of("c", DATETIME2, 0));
    ResultSet rs = new TextResult().column("id", Types.INTEGER).row("1").open();
    assertThatThrownBy(() -> s.jdbcReader(rs)).isInstanceOf(SQLException.class).hasMessageContaining("db.t.c");
  }

  @Test
  void zonedTextMatchesJavaTimeForEveryPrecision() {
    for (long second : new long[] {1, 59, 86_399, 951_782_400, 1_709_251_199, Integer.MAX_VALUE}) {
      for (int micros : new int[] {0, 1, 10, 999, 123_456, 999_999}) {
        for (int fsp = 0; fsp <= 6; fsp++) {
          LocalDateTime utc = LocalDateTime.ofEpochSecond(second, micros * 1_000, ZoneOffset.UTC);
          String pattern = "yyyy-MM-dd'T'HH:mm:ss" + (fsp == 0 ? "" : "." + "S".repeat(fsp)) + "'Z'";
          assertThat(TemporalMappings.zoned(new MysqlTimestamp(second, micros), fsp)).as(second + "." + micros + " fsp " + fsp)
              .isEqualTo(utc.format(DateTimeFormatter.ofPattern(pattern)));
        }
      }
    }
  }
}
