package dev.sluice.source.mysql.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TemporalValuesTest {

  @Test
  void datesParseFromServerTextIncludingZeroDates() {
    assertThat(MysqlDate.parse("2024-01-31")).isEqualTo(new MysqlDate(2024, 1, 31));
    assertThat(MysqlDate.parse("0000-00-00")).isEqualTo(new MysqlDate(0, 0, 0));
    assertThat(MysqlDate.parse("2024-00-10").isValid()).isFalse();
    assertThat(MysqlDate.parse("2024-02-30").isValid()).isFalse();
    assertThat(MysqlDate.parse("2024-02-29").isValid()).isTrue();
    assertThat(MysqlDate.parse("1900-02-29").isValid()).isFalse();
  }

  @Test
  void epochDayMatchesTheProlepticGregorianCalendar() {
    for (LocalDate d : new LocalDate[] {LocalDate.of(1, 1, 1), LocalDate.of(1000, 1, 1), LocalDate.of(1582, 10, 4), LocalDate.of(1969, 12, 31),
        LocalDate.of(1970, 1, 1), LocalDate.of(2000, 2, 29), LocalDate.of(9999, 12, 31)}) {
      assertThat(new MysqlDate(d.getYear(), d.getMonthValue(), d.getDayOfMonth()).epochDay()).as(d.toString()).isEqualTo(d.toEpochDay());
    }
  }

  @Test
  void timesParseWithSignHoursBeyondADayAndAnyFractionLength() {
    assertThat(MysqlTime.parse("-838:59:59.000000").micros()).isEqualTo(-((838L * 3600 + 59 * 60 + 59) * 1_000_000));
    assertThat(MysqlTime.parse("838:59:59").micros()).isEqualTo(MysqlTime.MAX_MICROS);
    assertThat(MysqlTime.parse("-00:00:00.000001").micros()).isEqualTo(-1);
    assertThat(MysqlTime.parse("12:00:00.5").micros()).isEqualTo(43_200_500_000L);
    assertThat(MysqlTime.parse("-01:02:03.123").toString()).isEqualTo("-01:02:03.123000");
    assertThatThrownBy(() -> MysqlTime.parse("12-00")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12-00");
  }

  @Test
  void datetimesParseFromServerTextAndConvertAsWallClock() {
    MysqlDateTime dt = MysqlDateTime.parse("2024-02-29 23:59:59.999999");
    assertThat(dt).isEqualTo(new MysqlDateTime(2024, 2, 29, 23, 59, 59, 999_999));
    assertThat(dt.epochMicros()).isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_000).toEpochSecond(ZoneOffset.UTC) * 1_000_000
        + 999_999);
    assertThat(MysqlDateTime.parse("0000-00-00 00:00:00.000").isValid()).isFalse();
    assertThat(MysqlDateTime.parse("1969-12-31 23:59:59.5").epochMicros()).isEqualTo(-500_000);
    assertThatThrownBy(() -> MysqlDateTime.parse("2024-01-01 12:00:00.1234567")).hasMessageContaining("six fraction digits");
  }

  @Test
  void datetimesInTheServersFixedLayoutParseLikeAnyOtherSpelling() {
    for (int fsp = 0; fsp <= 6; fsp++) {
      String fraction = fsp == 0 ? "" : "." + "0".repeat(fsp - 1) + "7";
      int micros = fsp == 0 ? 0 : 7 * (int) Math.pow(10, 6 - fsp);
      // The fixed layout the server renders, and the same value spelled with a 'T' (the general parser).
      assertThat(MysqlDateTime.parse("0999-01-02 03:04:05" + fraction)).as("fsp " + fsp).isEqualTo(new MysqlDateTime(999, 1, 2, 3, 4, 5, micros));
      assertThat(MysqlDateTime.parse("0999-01-02T03:04:05" + fraction)).as("fsp " + fsp).isEqualTo(new MysqlDateTime(999, 1, 2, 3, 4, 5, micros));
    }
    assertThat(MysqlDateTime.parse("0000-00-00 00:00:00")).isEqualTo(new MysqlDateTime(0, 0, 0, 0, 0, 0, 0));
    assertThat(MysqlDateTime.parse("9999-12-31 23:59:59.999999")).isEqualTo(new MysqlDateTime(9999, 12, 31, 23, 59, 59, 999_999));
    assertThat(MysqlDateTime.parse("2024-02-30 10:00:00.5").isValid()).isFalse();
    assertThatThrownBy(() -> MysqlDateTime.parse("2024-01-02 03:04:0x")).hasMessageContaining("'x'");
    assertThatThrownBy(() -> MysqlDateTime.parse("2024-01-02 03:04:05.12345x")).hasMessageContaining("2024-01-02 03:04:05.12345x");
  }

  @Test
  void timestampZeroIsSecondZero() {
    assertThat(new MysqlTimestamp(0, 0).isZero()).isTrue();
    assertThat(new MysqlTimestamp(1, 0).isZero()).isFalse();
    assertThat(new MysqlTimestamp(0, 1).isZero()).isFalse();
  }
}
