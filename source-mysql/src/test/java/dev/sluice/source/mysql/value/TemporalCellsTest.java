package dev.sluice.source.mysql.value;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemporalCellsTest {

  private static Serializable decode(ColumnType type, int meta, byte[] bytes) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    Serializable value = TemporalCells.decode(type, meta, in);
    assertThat(in.available()).as("every byte of the cell is consumed").isZero();
    return value;
  }

  private static long micros(int h, int m, int s, int us) {
    return ((h * 60L + m) * 60 + s) * 1_000_000L + us;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  void timeKeepsItsSignAndHoursBeyondADayAtEveryPrecision(int fsp) throws IOException {
    int unit = (int) Math.pow(10, 6 - fsp);
    int frac = 123_456 / unit * unit;
    assertThat(decode(ColumnType.TIME_V2, fsp, BinlogBytes.time2(true, 838, 59, 59, 0, fsp))).isEqualTo(new MysqlTime(-micros(838, 59, 59, 0)));
    assertThat(decode(ColumnType.TIME_V2, fsp, BinlogBytes.time2(false, 838, 59, 59, 0, fsp))).isEqualTo(new MysqlTime(micros(838, 59, 59, 0)));
    assertThat(decode(ColumnType.TIME_V2, fsp, BinlogBytes.time2(false, 25, 0, 1, frac, fsp))).isEqualTo(new MysqlTime(micros(25, 0, 1, frac)));
    assertThat(decode(ColumnType.TIME_V2, fsp, BinlogBytes.time2(true, 1, 2, 3, frac, fsp))).isEqualTo(new MysqlTime(-micros(1, 2, 3, frac)));
    assertThat(decode(ColumnType.TIME_V2, fsp, BinlogBytes.time2(false, 0, 0, 0, 0, fsp))).isEqualTo(new MysqlTime(0));
  }

  @Test
  void timeJustBelowZeroIsNegative() throws IOException {
    assertThat(decode(ColumnType.TIME_V2, 6, BinlogBytes.time2(true, 0, 0, 0, 1, 6))).isEqualTo(new MysqlTime(-1));
    assertThat(decode(ColumnType.TIME_V2, 3, BinlogBytes.time2(true, 0, 0, 0, 1_000, 3))).isEqualTo(new MysqlTime(-1_000));
    assertThat(decode(ColumnType.TIME_V2, 1, BinlogBytes.time2(true, 0, 0, 1, 500_000, 1))).isEqualTo(new MysqlTime(-1_500_000));
    assertThat(decode(ColumnType.TIME_V2, 4, BinlogBytes.time2(true, 0, 0, 0, 999_900, 4))).isEqualTo(new MysqlTime(-999_900));
  }

  @Test
  void oldTimeFormatIsASignedHhmmssInteger() throws IOException {
    assertThat(decode(ColumnType.TIME, 0, BinlogBytes.le(-8385959 & 0xFFFFFF, 3))).isEqualTo(new MysqlTime(-micros(838, 59, 59, 0)));
    assertThat(decode(ColumnType.TIME, 0, BinlogBytes.le(123456, 3))).isEqualTo(new MysqlTime(micros(12, 34, 56, 0)));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  void datetimeIsExactAtEveryPrecision(int fsp) throws IOException {
    int unit = (int) Math.pow(10, 6 - fsp);
    int frac = 999_999 / unit * unit;
    assertThat(decode(ColumnType.DATETIME_V2, fsp, BinlogBytes.datetime2(9999, 12, 31, 23, 59, 59, frac, fsp)))
        .isEqualTo(new MysqlDateTime(9999, 12, 31, 23, 59, 59, frac));
    assertThat(decode(ColumnType.DATETIME_V2, fsp, BinlogBytes.datetime2(1000, 1, 1, 0, 0, 0, 0, fsp)))
        .isEqualTo(new MysqlDateTime(1000, 1, 1, 0, 0, 0, 0));
  }

  @Test
  void zeroDatetimeAndZeroPartsAreKept() throws IOException {
    assertThat(decode(ColumnType.DATETIME_V2, 0, BinlogBytes.datetime2(0, 0, 0, 0, 0, 0, 0, 0))).isEqualTo(new MysqlDateTime(0, 0, 0, 0, 0, 0, 0));
    MysqlDateTime zeroMonth = (MysqlDateTime) decode(ColumnType.DATETIME_V2, 2, BinlogBytes.datetime2(2024, 0, 15, 10, 0, 0, 500_000, 2));
    assertThat(zeroMonth).isEqualTo(new MysqlDateTime(2024, 0, 15, 10, 0, 0, 500_000));
    assertThat(zeroMonth.isValid()).isFalse();
  }

  @Test
  void oldDatetimeFormatIsAYyyymmddhhmmssInteger() throws IOException {
    assertThat(decode(ColumnType.DATETIME, 0, BinlogBytes.le(20240229235958L, 8))).isEqualTo(new MysqlDateTime(2024, 2, 29, 23, 59, 58, 0));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  void timestampIsUtcSecondsPlusFraction(int fsp) throws IOException {
    int unit = (int) Math.pow(10, 6 - fsp);
    int frac = 999_999 / unit * unit;
    assertThat(decode(ColumnType.TIMESTAMP_V2, fsp, BinlogBytes.timestamp2(2_147_483_647L, frac, fsp)))
        .isEqualTo(new MysqlTimestamp(2_147_483_647L, frac));
    MysqlTimestamp zero = (MysqlTimestamp) decode(ColumnType.TIMESTAMP_V2, fsp, BinlogBytes.timestamp2(0, 0, fsp));
    assertThat(zero.isZero()).isTrue();
  }

  @Test
  void oldTimestampFormatIsLittleEndianSeconds() throws IOException {
    assertThat(decode(ColumnType.TIMESTAMP, 0, BinlogBytes.le(1, 4))).isEqualTo(new MysqlTimestamp(1, 0));
  }

  @Test
  void dateUnpacksDayMonthYearIncludingZeroParts() throws IOException {
    assertThat(decode(ColumnType.DATE, 0, BinlogBytes.date(9999, 12, 31))).isEqualTo(new MysqlDate(9999, 12, 31));
    assertThat(decode(ColumnType.DATE, 0, BinlogBytes.date(0, 0, 0))).isEqualTo(new MysqlDate(0, 0, 0));
    assertThat(decode(ColumnType.DATE, 0, BinlogBytes.date(2024, 0, 10))).isEqualTo(new MysqlDate(2024, 0, 10));
  }

  @Test
  void yearZeroStaysZeroAndOthersAreOffsetFrom1900() throws IOException {
    assertThat(decode(ColumnType.YEAR, 0, new byte[] {0})).isEqualTo(0);
    assertThat(decode(ColumnType.YEAR, 0, new byte[] {1})).isEqualTo(1901);
    assertThat(decode(ColumnType.YEAR, 0, new byte[] {(byte) 255})).isEqualTo(2155);
  }
}
