package dev.sluice.embedded.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class CanonicalTest {
  private final Canonical dates = new Canonical(VerifyOptions.defaults());
  private final Canonical strings = new Canonical(new VerifyOptions(VerifyOptions.Temporal.STRING, VerifyOptions.Binary.BASE64, true,
      "_sluice", Set.of(), Set.of(), 1000, 5, false));

  private static TableColumn col(ColumnKind kind, String type) {
    return new TableColumn("c", kind, type, 0, 0);
  }

  @Test
  void integersMatchWhateverNumericBsonTypeHoldsThem() {
    TableColumn c = col(ColumnKind.INTEGER, "int");
    assertThat(dates.fromText(c, "42")).isEqualTo(dates.fromBson(c, new BsonInt32(42)))
        .isEqualTo(dates.fromBson(c, new BsonInt64(42))).isEqualTo(dates.fromBson(c, new BsonDecimal128(Decimal128.parse("42.00"))));
    assertThat(dates.fromText(c, "42")).isNotEqualTo(dates.fromBson(c, new BsonInt32(43)));
    assertThat(dates.fromText(c, "42")).isNotEqualTo(dates.fromBson(c, new BsonString("forty-two")));
  }

  @Test
  void bigintUnsignedBeyondLongMatchesItsDecimal128() {
    TableColumn c = col(ColumnKind.INTEGER, "bigint(20) unsigned");
    assertThat(dates.fromText(c, "18446744073709551615"))
        .isEqualTo(dates.fromBson(c, new BsonDecimal128(new Decimal128(new BigDecimal("18446744073709551615")))));
  }

  @Test
  void decimalsCompareByValueNotByScale() {
    TableColumn c = col(ColumnKind.DECIMAL, "decimal(12,2)");
    assertThat(dates.fromText(c, "12.50")).isEqualTo(dates.fromBson(c, new BsonDecimal128(Decimal128.parse("12.5"))))
        .isEqualTo(dates.fromBson(c, new BsonString("12.500")));
    assertThat(dates.fromText(c, "0.00")).isEqualTo(dates.fromBson(c, new BsonDecimal128(Decimal128.parse("-0.0"))));
    assertThat(dates.fromText(c, "12.50")).isNotEqualTo(dates.fromBson(c, new BsonDecimal128(Decimal128.parse("12.51"))));
  }

  @Test
  void floatComparesAtSinglePrecisionAndDoubleAtDouble() {
    TableColumn f = col(ColumnKind.FLOAT, "float");
    // The sink writes FLOAT 0.1f as the double 0.1 (its shortest decimal form).
    assertThat(dates.fromText(f, Double.toString((double) 0.1f))).isEqualTo(dates.fromBson(f, new BsonDouble(0.1)));
    TableColumn d = col(ColumnKind.DOUBLE, "double");
    assertThat(dates.fromText(d, "0.1")).isEqualTo(dates.fromBson(d, new BsonDouble(0.1)));
    assertThat(dates.fromText(d, "0.1")).isNotEqualTo(dates.fromBson(d, new BsonDouble(0.1000000001)));
  }

  @Test
  void tinyint1IsComparedAsTheBooleanTheSourceMakesOfIt() {
    TableColumn c = col(ColumnKind.BOOLEAN, "tinyint(1)");
    assertThat(dates.fromText(c, "1")).isEqualTo(dates.fromBson(c, BsonBoolean.TRUE));
    assertThat(dates.fromText(c, "0")).isEqualTo(dates.fromBson(c, BsonBoolean.FALSE));
    assertThat(dates.fromText(c, "0")).isNotEqualTo(dates.fromBson(c, BsonBoolean.TRUE));
  }

  @Test
  void textAndNullAreDistinct() {
    TableColumn c = col(ColumnKind.TEXT, "varchar(10)");
    assertThat(dates.fromText(c, "grüße 🐟")).isEqualTo(dates.fromBson(c, new BsonString("grüße 🐟")));
    assertThat(dates.fromText(c, null)).isEqualTo(dates.fromBson(c, BsonNull.VALUE)).isEqualTo(Canonical.NULL);
    assertThat(dates.fromText(c, "null")).isNotEqualTo(dates.fromBson(c, BsonNull.VALUE));
    assertThat(dates.fromBson(c, null)).isEqualTo(Canonical.ABSENT).isNotEqualTo(Canonical.NULL);
  }

  @Test
  void zeroAndImpossibleDatesAreNullAsTheSourceMapsThem() {
    TableColumn date = col(ColumnKind.DATE, "date");
    assertThat(dates.fromText(date, "0000-00-00")).isEqualTo(Canonical.NULL);
    assertThat(dates.fromText(date, "2024-02-30")).isEqualTo(Canonical.NULL);
    TableColumn dt = col(ColumnKind.DATETIME, "datetime");
    assertThat(dates.fromText(dt, "0000-00-00 00:00:00")).isEqualTo(Canonical.NULL);
  }

  @Test
  void datesMatchBsonDatesAtMidnightUtcAndIsoStrings() {
    TableColumn c = col(ColumnKind.DATE, "date");
    assertThat(dates.fromText(c, "2024-01-31")).isEqualTo(dates.fromBson(c, new BsonDateTime(19753L * 86_400_000L)))
        .isEqualTo(dates.fromBson(c, new BsonString("2024-01-31")));
    assertThat(dates.fromText(c, "1969-12-31")).isEqualTo(dates.fromBson(c, new BsonDateTime(-86_400_000L)));
  }

  @Test
  void datetimeComparesAtMillisecondsForBsonDatesAndMicrosecondsForStrings() {
    TableColumn c = col(ColumnKind.DATETIME, "datetime(6)");
    long ms = Instant.parse("2024-02-29T23:59:59.123Z").toEpochMilli();
    assertThat(dates.fromText(c, "2024-02-29 23:59:59.123456")).isEqualTo(dates.fromBson(c, new BsonDateTime(ms)));
    assertThat(dates.fromText(c, "2024-02-29 23:59:59.124")).isNotEqualTo(dates.fromBson(c, new BsonDateTime(ms)));
    assertThat(strings.fromText(c, "2024-02-29 23:59:59.123456")).isEqualTo(strings.fromBson(c, new BsonString("2024-02-29T23:59:59.123456")));
    assertThat(strings.fromText(c, "2024-02-29 23:59:59.123456")).isNotEqualTo(strings.fromBson(c, new BsonString("2024-02-29T23:59:59.123")));
    // Before the epoch the millisecond is the floor, as the sink computes it.
    assertThat(dates.fromText(c, "1969-12-31 23:59:59.999999")).isEqualTo(dates.fromBson(c, new BsonDateTime(-1)));
  }

  @Test
  void timestampsAreInstantsFromDatesOrZonedStrings() {
    TableColumn c = col(ColumnKind.TIMESTAMP, "timestamp(3)");
    long ms = Instant.parse("2038-01-19T03:14:07.019Z").toEpochMilli();
    assertThat(dates.fromText(c, "2038-01-19 03:14:07.019")).isEqualTo(dates.fromBson(c, new BsonDateTime(ms)))
        .isEqualTo(dates.fromBson(c, new BsonString("2038-01-19T03:14:07.019Z")));
    assertThat(dates.fromText(c, "2038-01-19 03:14:07.190")).isNotEqualTo(dates.fromBson(c, new BsonDateTime(ms)));
  }

  @Test
  void timeIsASignedDurationBeyondOneDay() {
    TableColumn c = col(ColumnKind.TIME, "time(6)");
    assertThat(dates.fromText(c, "-838:59:59.000000")).isEqualTo(dates.fromBson(c, new BsonDateTime(-3_020_399_000L)));
    assertThat(strings.fromText(c, "100:00:00.5")).isEqualTo(strings.fromBson(c, new BsonString("100:00:00.500000")));
    assertThat(strings.fromText(c, "00:00:01.000001")).isNotEqualTo(strings.fromBson(c, new BsonString("00:00:01")));
  }

  @Test
  void jsonComparesValuesIgnoringKeyOrderAndNumberSpelling() {
    TableColumn c = col(ColumnKind.JSON, "longtext");
    BsonDocument doc = new BsonDocument("tags", new BsonArray(java.util.List.of(new BsonString("q1"))))
        .append("gift", BsonBoolean.TRUE).append("n", new BsonInt32(1));
    assertThat(dates.fromText(c, "{\"n\": 1.0, \"gift\": true, \"tags\": [\"q1\"]}")).isEqualTo(dates.fromBson(c, doc))
        .isEqualTo(dates.fromBson(c, new BsonString("{\"gift\":true,\"tags\":[\"q1\"],\"n\":1}")));
    assertThat(dates.fromText(c, "{\"n\": 2, \"gift\": true, \"tags\": [\"q1\"]}")).isNotEqualTo(dates.fromBson(c, doc));
    assertThat(dates.fromText(c, "[1, 2]")).isNotEqualTo(dates.fromText(c, "[2, 1]"));
  }

  @Test
  void bitsAreLittleEndianInTheViewAndBigEndianInMySql() {
    TableColumn c = new TableColumn("c", ColumnKind.BIT, "bit(10)", 10, 0);
    // b'1000000001' = 513: bytes 02 01 from MySQL, 01 02 in the view.
    assertThat(new java.math.BigInteger(1, new byte[] {2, 1}).toString())
        .isEqualTo(dates.fromBson(c, new BsonBinary(new byte[] {1, 2})));
    TableColumn one = new TableColumn("c", ColumnKind.BIT, "bit(1)", 1, 0);
    assertThat(dates.fromBson(one, BsonBoolean.TRUE)).isEqualTo("true");
  }

  @Test
  void binaryMatchesBytesOrTheConfiguredTextForm() {
    TableColumn c = col(ColumnKind.BINARY, "varbinary(4)");
    assertThat(dates.fromBson(c, new BsonBinary(new byte[] {0, (byte) 0xff}))).isEqualTo("0x00ff");
    assertThat(strings.fromBson(c, new BsonString("AP8="))).isEqualTo("0x00ff");
    assertThat(dates.fromBson(c, new BsonString("AP8="))).isNotEqualTo("0x00ff");
  }

  @Test
  void yearIsAnInteger() {
    TableColumn c = col(ColumnKind.YEAR, "year(4)");
    assertThat(dates.fromText(c, "2024")).isEqualTo(dates.fromBson(c, new BsonInt32(2024)));
    assertThat(dates.fromText(c, "0000")).isEqualTo(dates.fromBson(c, new BsonInt32(0)));
  }

  @Test
  void unreadableMySqlTextNamesTheColumn() {
    TableColumn c = new TableColumn("qty", ColumnKind.INTEGER, "int", 0, 0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> dates.fromText(c, "12x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("qty").hasMessageContaining("int");
  }
}
