package dev.sluice.source.mysql.schema;

import static dev.sluice.source.mysql.schema.Tables.convert;
import static dev.sluice.source.mysql.value.BinlogBytes.DATE;
import static dev.sluice.source.mysql.value.BinlogBytes.DATETIME2;
import static dev.sluice.source.mysql.value.BinlogBytes.TIME2;
import static dev.sluice.source.mysql.value.BinlogBytes.TIMESTAMP2;
import static dev.sluice.source.mysql.value.BinlogBytes.YEAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.source.mysql.value.BinlogBytes.Col;
import dev.sluice.source.mysql.value.MysqlDate;
import dev.sluice.source.mysql.value.MysqlDateTime;
import dev.sluice.source.mysql.value.MysqlTime;
import dev.sluice.source.mysql.value.MysqlTimestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DATE, TIME, DATETIME, TIMESTAMP and YEAR in both temporal precisions and both zero-date modes. */
class TemporalTypesTest {
  private static final TypeMappingOptions CONNECT = TypeMappingOptions.defaults().withTemporalPrecision(TemporalPrecision.CONNECT);
  private static final TypeMappingOptions EPOCH = TypeMappingOptions.defaults().withZeroDateMode(ZeroDateMode.EPOCH);

  private static Schema fieldSchema(TableSchema s) {
    return s.rowSchema().field("c").schema();
  }

  @Test
  void dateIsDaysSinceTheEpoch() {
    TableSchema s = Tables.withColumns(Col.of("c", DATE));
    assertThat(fieldSchema(s).name()).isEqualTo(SemanticTypes.DATE);
    assertThat(fieldSchema(s).type()).isEqualTo(Schema.Type.INT32);
    assertThat(convert(s, new MysqlDate(1970, 1, 1))).isEqualTo(0);
    assertThat(convert(s, new MysqlDate(1000, 1, 1))).isEqualTo((int) LocalDate.of(1000, 1, 1).toEpochDay());
    assertThat(convert(s, new MysqlDate(9999, 12, 31))).isEqualTo((int) LocalDate.of(9999, 12, 31).toEpochDay());
  }

  @Test
  void zeroDatesAndDatesWithZeroPartsAreNullByDefault() {
    TableSchema s = Tables.withColumns(Col.of("c", DATE).notNull());
    // Optional although NOT NULL: a zero date maps to null.
    assertThat(fieldSchema(s).isOptional()).isTrue();
    assertThat(convert(s, new MysqlDate(0, 0, 0))).isNull();
    assertThat(convert(s, new MysqlDate(2024, 0, 10))).isNull();
    assertThat(convert(s, new MysqlDate(2024, 2, 30))).isNull();
  }

  @Test
  void zeroDatesAreTheEpochInEpochMode() {
    TableSchema date = Tables.withColumns(EPOCH, Col.of("c", DATE).notNull());
    assertThat(fieldSchema(date).isOptional()).isFalse();
    assertThat(convert(date, new MysqlDate(0, 0, 0))).isEqualTo(0);
    TableSchema datetime = Tables.withColumns(EPOCH, Col.of("c", DATETIME2, 6));
    assertThat(convert(datetime, new MysqlDateTime(0, 0, 0, 0, 0, 0, 0))).isEqualTo(0L);
    TableSchema timestamp = Tables.withColumns(EPOCH, Col.of("c", TIMESTAMP2, 2));
    assertThat(convert(timestamp, new MysqlTimestamp(0, 0))).isEqualTo("1970-01-01T00:00:00.00Z");
  }

  @Test
  void timeIsSignedMicrosecondsBeyondADay() {
    TableSchema s = Tables.withColumns(Col.of("c", TIME2, 6));
    assertThat(fieldSchema(s).name()).isEqualTo(SemanticTypes.MICRO_TIME);
    assertThat(fieldSchema(s).type()).isEqualTo(Schema.Type.INT64);
    assertThat(convert(s, new MysqlTime(-MysqlTime.MAX_MICROS))).isEqualTo(-MysqlTime.MAX_MICROS);
    assertThat(convert(s, new MysqlTime(MysqlTime.MAX_MICROS))).isEqualTo(MysqlTime.MAX_MICROS);
    assertThat(convert(s, new MysqlTime(-1))).isEqualTo(-1L);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void datetimeUpToMillisecondsIsEpochMillisOfTheWallClock(int fsp) {
    TableSchema s = Tables.withColumns(Col.of("c", DATETIME2, fsp));
    assertThat(fieldSchema(s).name()).isEqualTo(SemanticTypes.TIMESTAMP);
    long expected = LocalDateTime.of(2024, 2, 29, 23, 59, 59).toInstant(ZoneOffset.UTC).toEpochMilli() + (fsp == 0 ? 0 : 120);
    assertThat(convert(s, new MysqlDateTime(2024, 2, 29, 23, 59, 59, fsp == 0 ? 0 : 120_000))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 5, 6})
  void datetimeWithMicrosecondsIsEpochMicrosOfTheWallClock(int fsp) {
    TableSchema s = Tables.withColumns(Col.of("c", DATETIME2, fsp));
    assertThat(fieldSchema(s).name()).isEqualTo(SemanticTypes.MICRO_TIMESTAMP);
    long expected = LocalDateTime.of(1969, 12, 31, 23, 59, 59).toInstant(ZoneOffset.UTC).toEpochMilli() * 1_000 + 999_900;
    assertThat(convert(s, new MysqlDateTime(1969, 12, 31, 23, 59, 59, 999_900))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  void timestampIsAUtcInstantWithTheColumnsFractionalDigits(int fsp) {
    TableSchema s = Tables.withColumns(Col.of("c", TIMESTAMP2, fsp));
    assertThat(fieldSchema(s).name()).isEqualTo(SemanticTypes.ZONED_TIMESTAMP);
    assertThat(fieldSchema(s).type()).isEqualTo(Schema.Type.STRING);
    int unit = (int) Math.pow(10, 6 - fsp);
    String fraction = fsp == 0 ? "" : "." + "999999".substring(0, fsp);
    assertThat(convert(s, new MysqlTimestamp(2_147_483_647L, 999_999 / unit * unit))).isEqualTo("2038-01-19T03:14:07" + fraction + "Z");
    assertThat(convert(s, new MysqlTimestamp(1, 0))).isEqualTo("1970-01-01T00:00:01" + (fsp == 0 ? "" : "." + "0".repeat(fsp)) + "Z");
    assertThat(convert(s, new MysqlTimestamp(0, 0))).isNull();
  }

  @Test
  void connectPrecisionUsesConnectLogicalTypes() {
    TableSchema date = Tables.withColumns(CONNECT, Col.of("c", DATE));
    assertThat(fieldSchema(date).name()).isEqualTo(org.apache.kafka.connect.data.Date.LOGICAL_NAME);
    assertThat(convert(date, new MysqlDate(2024, 1, 2))).isEqualTo(new Date(LocalDate.of(2024, 1, 2).toEpochDay() * 86_400_000L));
    TableSchema time = Tables.withColumns(CONNECT, Col.of("c", TIME2, 3));
    assertThat(fieldSchema(time).name()).isEqualTo(Time.LOGICAL_NAME);
    assertThat(convert(time, new MysqlTime(3_723_456_000L))).isEqualTo(new Date(3_723_456));
    TableSchema datetime = Tables.withColumns(CONNECT, Col.of("c", DATETIME2, 6));
    assertThat(fieldSchema(datetime).name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(convert(datetime, new MysqlDateTime(2024, 1, 2, 3, 4, 5, 678_999)))
        .isEqualTo(Date.from(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_000_000).toInstant(ZoneOffset.UTC)));
    TableSchema timestamp = Tables.withColumns(CONNECT, Col.of("c", TIMESTAMP2, 6));
    assertThat(fieldSchema(timestamp).name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(convert(timestamp, new MysqlTimestamp(1_700_000_000L, 123_456))).isEqualTo(Date.from(Instant.ofEpochMilli(1_700_000_000_123L)));
  }

  @Test
  void connectTimeRejectsATimeThatIsNotATimeOfDayNamingTheColumn() {
    TableSchema time = Tables.withColumns(CONNECT, Col.of("c", TIME2, 0));
    assertThatThrownBy(() -> convert(time, new MysqlTime(-1_000_000))).isInstanceOf(DataException.class).hasMessageContaining("db.t.c")
        .hasMessageContaining("adaptive");
    assertThatThrownBy(() -> convert(time, new MysqlTime(86_400_000_000L))).isInstanceOf(DataException.class);
  }

  @Test
  void yearIsAnInt32YearIncludingZero() {
    TableSchema s = Tables.withColumns(Col.of("c", YEAR));
    assertThat(fieldSchema(s).name()).isEqualTo(SemanticTypes.YEAR);
    assertThat(convert(s, 0)).isEqualTo(0);
    assertThat(convert(s, 1901)).isEqualTo(1901);
    assertThat(convert(s, 2155)).isEqualTo(2155);
  }

  @Test
  void valuesFromAnUnconfiguredClientAreRejectedWithTheFix() {
    TableSchema s = Tables.withColumns(Col.of("c", TIME2, 0));
    assertThatThrownBy(() -> convert(s, new java.sql.Time(0))).isInstanceOf(DataException.class)
        .hasMessageContaining("BinlogDeserialization.newEventDeserializer()").hasMessageContaining("db.t.c");
  }
}
