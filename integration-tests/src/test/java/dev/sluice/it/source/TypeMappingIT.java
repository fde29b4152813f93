package dev.sluice.it.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import dev.sluice.source.mysql.schema.BinaryMode;
import dev.sluice.source.mysql.schema.DecimalMode;
import dev.sluice.source.mysql.schema.InformationSchemaColumnHints;
import dev.sluice.source.mysql.schema.SemanticTypes;
import dev.sluice.source.mysql.schema.TableSchema;
import dev.sluice.source.mysql.schema.TableSchemaFactory;
import dev.sluice.source.mysql.schema.TemporalPrecision;
import dev.sluice.source.mysql.schema.TypeMappingOptions;
import dev.sluice.source.mysql.schema.ZeroDateMode;
import dev.sluice.source.mysql.value.BinlogDeserialization;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.MySqlEndpoint;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact type mapping against a real MariaDB: for every type family, boundary rows, zero dates
 * and NULLs are written, read back from the binlog with the connector account through
 * {@link BinlogDeserialization} and {@link TableSchemaFactory} (with information_schema hints),
 * and each converted row must equal (a) the Struct this test expects and (b) the Struct
 * {@link TableSchema#rowFromJdbc} builds from what MariaDB returns for the same row. ALTER TABLE
 * (ADD COLUMN in the middle and at the end, DROP COLUMN) must yield the new schema on the next row.
 */
class TypeMappingIT {
  private static final String DB = "types_it";
  private static final HexFormat HEX = HexFormat.of();

  private static LocalStack stack;
  private static BinaryLogClient client;
  private static final List<Event> EVENTS = Collections.synchronizedList(new ArrayList<>());
  private static Connection admin;
  private static Connection reader;
  private static InformationSchemaColumnHints hints;

  /** A row the binlog delivered, with the TABLE_MAP that preceded it. */
  record Captured(TableMapEventData tableMap, Serializable[] values, BitSet included) {
  }

  @BeforeAll
  static void startMariaDbAndStreamTheBinlog() throws Exception {
    stack = LocalStack.builder().name("TypeMappingIT").mysql().start();
    MySqlEndpoint db = stack.mysql();
    admin = DriverManager.getConnection(db.jdbcUrl(null), db.adminUser(), db.adminPassword());
    try (Statement s = admin.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DB);
      s.execute("CREATE DATABASE " + DB + " CHARACTER SET utf8mb4");
    }
    // Everything the connector reads, it reads with its own account.
    reader = DriverManager.getConnection(db.jdbcUrl(null), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD);
    TableSchema.prepareSession(reader);
    hints = new InformationSchemaColumnHints(
        () -> DriverManager.getConnection(db.jdbcUrl(null), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD),
        MySqlEndpoint.CONNECTOR_USER + "@" + db.host() + ":" + db.port());
    client = new BinaryLogClient(db.host(), db.port(), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD);
    client.setServerId(66_000 + new Random().nextInt(1_000));
    client.setEventDeserializer(BinlogDeserialization.newEventDeserializer());
    client.registerEventListener(EVENTS::add);
    client.connect(15_000);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (client != null) {
        client.disconnect();
      }
      for (Connection c : new Connection[] {admin, reader}) {
        if (c != null) {
          c.close();
        }
      }
    } finally {
      if (stack != null) {
        stack.close();
      }
    }
  }

  // ---------------------------------------------------------------- integers, BOOLEAN, YEAR

  @Test
  void integersBooleanAndYearAtTheirBoundaries() throws Exception {
    exec("CREATE TABLE " + DB + ".ints (id INT PRIMARY KEY, ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, "
        + "mi MEDIUMINT, miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, b BOOLEAN, y YEAR)",
        "INSERT INTO " + DB + ".ints VALUES (1, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0, 0, 1901)",
        "INSERT INTO " + DB + ".ints VALUES (2, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295, "
            + "9223372036854775807, 18446744073709551615, 1, 2155)",
        "INSERT INTO " + DB + ".ints VALUES (3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0)",
        "INSERT INTO " + DB + ".ints (id) VALUES (4)");
    List<Captured> rows = capture("ints", 4);
    TableSchema schema = schema(rows.get(0), TypeMappingOptions.defaults());
    assertThat(field(schema, "b").type()).as("BOOLEAN is TINYINT(1): a boolean through the information_schema hint")
        .isEqualTo(Schema.Type.BOOLEAN);
    assertThat(field(schema, "biu").name()).isEqualTo("org.apache.kafka.connect.data.Decimal");
    assertThat(field(schema, "y").name()).isEqualTo(SemanticTypes.YEAR);

    List<Struct> expected = List.of(
        struct(schema, "id", 1, "ti", (short) -128, "tiu", (short) 0, "si", (short) -32768, "siu", 0, "mi", -8388608, "miu", 0,
            "i", Integer.MIN_VALUE, "iu", 0L, "bi", Long.MIN_VALUE, "biu", BigDecimal.ZERO, "b", false, "y", 1901),
        struct(schema, "id", 2, "ti", (short) 127, "tiu", (short) 255, "si", (short) 32767, "siu", 65535, "mi", 8388607, "miu", 16777215,
            "i", Integer.MAX_VALUE, "iu", 4294967295L, "bi", Long.MAX_VALUE, "biu", new BigDecimal("18446744073709551615"), "b", true,
            "y", 2155),
        struct(schema, "id", 3, "ti", (short) 0, "tiu", (short) 0, "si", (short) 0, "siu", 0, "mi", 0, "miu", 0, "i", 0, "iu", 0L,
            "bi", 0L, "biu", BigDecimal.ZERO, "b", true, "y", 0),
        struct(schema, "id", 4));
    assertBinlogAndJdbc(rows, TypeMappingOptions.defaults(), "ints", expected);

    // BIGINT UNSIGNED as int64 wraps, TINYINT(1) as int16 keeps the stored number.
    TypeMappingOptions raw = TypeMappingOptions.defaults().withBigintUnsignedAsDecimal(false).withTinyInt1AsBoolean(false);
    TableSchema rawSchema = schema(rows.get(1), raw);
    Struct max = rawSchema.row(rows.get(1).values(), rows.get(1).included());
    assertThat(max.get("biu")).isEqualTo(-1L);
    assertThat(max.get("b")).isEqualTo((short) 1);
    assertThat(rawSchema.row(rows.get(2).values(), rows.get(2).included()).get("b")).isEqualTo((short) 2);
    assertJdbcEquals(rawSchema, "ints", rows, raw);
  }

  // ---------------------------------------------------------------- DECIMAL, FLOAT, DOUBLE

  @Test
  void decimalsInEveryModeAndFloatingPointBitForBit() throws Exception {
    String max = "99999999999999999999999999999999999.999999999999999999999999999999";
    exec("CREATE TABLE " + DB + ".decimals (id INT PRIMARY KEY, d DECIMAL(65,30), du DECIMAL(10,2) UNSIGNED, d0 DECIMAL(5,0), "
        + "f FLOAT, dbl DOUBLE)",
        "INSERT INTO " + DB + ".decimals VALUES (1, " + max + ", 99999999.99, 99999, 1.5, 1.7976931348623157e308)",
        "INSERT INTO " + DB + ".decimals VALUES (2, -" + max + ", 0, -99999, -0.25, -2.2250738585072014e-308)",
        "INSERT INTO " + DB + ".decimals VALUES (3, 0, 0.01, 0, 0, 0)",
        "INSERT INTO " + DB + ".decimals (id) VALUES (4)",
        // FLOAT values with more than six significant digits: the text protocol rounds them (see selectList()).
        "INSERT INTO " + DB + ".decimals VALUES (5, 0.000000000000000000000000000001, 12345678.91, 1, 3.4028235e38, 0.1)",
        "INSERT INTO " + DB + ".decimals VALUES (6, 1, 1, 1, 123.456789, 1e-300)");
    List<Captured> rows = capture("decimals", 6);
    TypeMappingOptions precise = TypeMappingOptions.defaults();
    TableSchema schema = schema(rows.get(0), precise);
    assertThat(field(schema, "d").parameters()).containsEntry("scale", "30").containsEntry(SemanticTypes.PRECISION_PARAMETER, "65");
    List<Struct> expected = List.of(
        struct(schema, "id", 1, "d", new BigDecimal(max), "du", new BigDecimal("99999999.99"), "d0", new BigDecimal("99999"), "f", 1.5f,
            "dbl", Double.MAX_VALUE),
        struct(schema, "id", 2, "d", new BigDecimal("-" + max), "du", new BigDecimal("0.00"), "d0", new BigDecimal("-99999"), "f", -0.25f,
            "dbl", -Double.MIN_NORMAL),
        struct(schema, "id", 3, "d", new BigDecimal("0E-30"), "du", new BigDecimal("0.01"), "d0", BigDecimal.ZERO, "f", 0f, "dbl", 0d),
        struct(schema, "id", 4),
        struct(schema, "id", 5, "d", new BigDecimal("1E-30"), "du", new BigDecimal("12345678.91"), "d0", BigDecimal.ONE, "f", Float.MAX_VALUE,
            "dbl", 0.1),
        struct(schema, "id", 6, "d", new BigDecimal("1.000000000000000000000000000000"), "du", new BigDecimal("1.00"), "d0", BigDecimal.ONE,
            "f", 123.456789f, "dbl", 1e-300));
    assertBinlogEquals(rows, precise, expected);
    // SELECT *: exact for rows whose FLOAT has at most six significant digits; selectList() for all rows.
    assertJdbcEquals(schema, "decimals", rows.subList(0, 4), precise);
    assertJdbcEqualsThroughSelectList(schema, "decimals", rows, precise);
    Map<Integer, Struct> plain = jdbcRows(schema, "SELECT * FROM " + DB + ".decimals", precise);
    assertThat(plain.get(5).get("f")).as("the text protocol's FLOAT: six significant digits").isNotEqualTo(Float.MAX_VALUE);

    TypeMappingOptions asString = TypeMappingOptions.defaults().withDecimalMode(DecimalMode.STRING);
    TableSchema strings = schema(rows.get(0), asString);
    assertThat(strings.row(rows.get(1).values(), rows.get(1).included()).get("d")).isEqualTo("-" + max);
    assertThat(strings.row(rows.get(2).values(), rows.get(2).included()).get("d")).isEqualTo("0.000000000000000000000000000000");
    assertThat(strings.row(rows.get(1).values(), rows.get(1).included()).get("du")).isEqualTo("0.00");
    assertJdbcEqualsThroughSelectList(strings, "decimals", rows, asString);

    TypeMappingOptions asDouble = TypeMappingOptions.defaults().withDecimalMode(DecimalMode.DOUBLE);
    TableSchema doubles = schema(rows.get(0), asDouble);
    assertThat(doubles.row(rows.get(0).values(), rows.get(0).included()).get("du")).isEqualTo(99999999.99);
    assertThat(doubles.row(rows.get(0).values(), rows.get(0).included()).get("d")).isEqualTo(1e35);
    assertJdbcEqualsThroughSelectList(doubles, "decimals", rows, asDouble);
  }

  // ---------------------------------------------------------------- BIT

  @Test
  void bitsAreBooleanOrLittleEndianBytes() throws Exception {
    exec("CREATE TABLE " + DB + ".bits (id INT PRIMARY KEY, b1 BIT(1), b2 BIT(2), b10 BIT(10), b64 BIT(64))",
        "INSERT INTO " + DB + ".bits VALUES (1, b'1', b'11', b'1000000001', b'" + "1".repeat(64) + "')",
        "INSERT INTO " + DB + ".bits VALUES (2, b'0', b'0', b'0', b'0')",
        "INSERT INTO " + DB + ".bits VALUES (3, b'1', b'10', b'0100000000', b'1" + "0".repeat(63) + "')",
        "INSERT INTO " + DB + ".bits (id) VALUES (4)");
    List<Captured> rows = capture("bits", 4);
    TableSchema schema = schema(rows.get(0), TypeMappingOptions.defaults());
    assertThat(field(schema, "b10").name()).isEqualTo(SemanticTypes.BITS);
    assertThat(field(schema, "b10").parameters()).containsEntry("length", "10");
    List<Struct> expected = List.of(
        struct(schema, "id", 1, "b1", true, "b2", hex("03"), "b10", hex("0102"), "b64", hex("ffffffffffffffff")),
        struct(schema, "id", 2, "b1", false, "b2", hex("00"), "b10", hex("0000"), "b64", hex("0000000000000000")),
        struct(schema, "id", 3, "b1", true, "b2", hex("02"), "b10", hex("0001"), "b64", hex("0000000000000080")),
        struct(schema, "id", 4));
    assertBinlogAndJdbc(rows, TypeMappingOptions.defaults(), "bits", expected);
  }

  // ---------------------------------------------------------------- text in several charsets

  @Test
  void textIsDecodedWithEachColumnsCharsetIncludingFourByteCharacters() throws Exception {
    exec("CREATE TABLE " + DB + ".texts (id INT PRIMARY KEY, c CHAR(10) CHARACTER SET utf8mb4, v VARCHAR(100) CHARACTER SET utf8mb4, "
        + "t TEXT CHARACTER SET utf8mb4, lt LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, "
        + "l VARCHAR(20) CHARACTER SET latin1, lc CHAR(5) CHARACTER SET latin1 COLLATE latin1_bin, "
        + "u3 VARCHAR(10) CHARACTER SET utf8mb3, cy VARCHAR(10) CHARACTER SET cp1251, uc CHAR(3) CHARACTER SET ucs2, "
        + "ci VARCHAR(10) COLLATE utf8mb4_uca1400_ai_ci)",
        "INSERT INTO " + DB + ".texts VALUES (1, '🐟𝄞 ab', 'grüße 🐟 𝄞 日本', '😀😀😀', 'bin 🐟', 'é€', 'ÿ', 'ĉ', 'Жук', 'ĉ', 'Ä🐟')",
        "INSERT INTO " + DB + ".texts VALUES (2, '', '', '', '', '', '', '', '', '', '')",
        "INSERT INTO " + DB + ".texts VALUES (3, 'ab  ', ' lead', 'tab\\tnewline\\n', 'x', _latin1 X'81', 'a ', 'z', 'я', 'x ', 'y')",
        "INSERT INTO " + DB + ".texts (id) VALUES (4)");
    List<Captured> rows = capture("texts", 4);
    TableSchema schema = schema(rows.get(0), TypeMappingOptions.defaults());
    assertThat(schema.columns().stream().filter(c -> c.name().equals("l")).findFirst().orElseThrow().charset()).isEqualTo("latin1");
    List<Struct> expected = List.of(
        struct(schema, "id", 1, "c", "🐟𝄞 ab", "v", "grüße 🐟 𝄞 日本", "t", "😀😀😀", "lt", "bin 🐟", "l", "é€", "lc", "ÿ", "u3", "ĉ",
            "cy", "Жук", "uc", "ĉ", "ci", "Ä🐟"),
        struct(schema, "id", 2, "c", "", "v", "", "t", "", "lt", "", "l", "", "lc", "", "u3", "", "cy", "", "uc", "", "ci", ""),
        // CHAR drops trailing spaces (as SELECT does); VARCHAR and TEXT keep what was written.
        struct(schema, "id", 3, "c", "ab", "v", " lead", "t", "tab\tnewline\n", "lt", "x", "l", "\u0081", "lc", "a", "u3", "z", "cy", "я",
            "uc", "x", "ci", "y"),
        struct(schema, "id", 4));
    assertBinlogAndJdbc(rows, TypeMappingOptions.defaults(), "texts", expected);
  }

  // ---------------------------------------------------------------- BINARY, VARBINARY, BLOB

  @Test
  void binariesKeepEveryByteIncludingBinaryPadding() throws Exception {
    byte[] large = new byte[70_000];
    new Random(42).nextBytes(large);
    exec("CREATE TABLE " + DB + ".binaries (id INT PRIMARY KEY, bn BINARY(4), vb VARBINARY(10), bl BLOB, tb TINYBLOB, "
        + "mb MEDIUMBLOB)",
        "INSERT INTO " + DB + ".binaries VALUES (1, 0x0102, 0x00ff00, X'', 0xffffffff, 0x" + HEX.formatHex(large) + ")",
        "INSERT INTO " + DB + ".binaries VALUES (2, 0x00000000, X'', 0x00, X'', X'')",
        "INSERT INTO " + DB + ".binaries VALUES (3, 0xffffffff, 0x20, 0x20, 0x2020, 0x00)",
        "INSERT INTO " + DB + ".binaries (id) VALUES (4)");
    List<Captured> rows = capture("binaries", 4);
    TableSchema schema = schema(rows.get(0), TypeMappingOptions.defaults());
    List<Struct> expected = List.of(
        struct(schema, "id", 1, "bn", hex("01020000"), "vb", hex("00ff00"), "bl", new byte[0], "tb", hex("ffffffff"), "mb", large),
        struct(schema, "id", 2, "bn", hex("00000000"), "vb", new byte[0], "bl", hex("00"), "tb", new byte[0], "mb", new byte[0]),
        struct(schema, "id", 3, "bn", hex("ffffffff"), "vb", hex("20"), "bl", hex("20"), "tb", hex("2020"), "mb", hex("00")),
        struct(schema, "id", 4));
    assertBinlogAndJdbc(rows, TypeMappingOptions.defaults(), "binaries", expected);

    TypeMappingOptions base64 = TypeMappingOptions.defaults().withBinaryMode(BinaryMode.BASE64);
    TableSchema b64 = schema(rows.get(0), base64);
    assertThat(b64.row(rows.get(0).values(), rows.get(0).included()).get("bn")).isEqualTo("AQIAAA==");
    assertJdbcEquals(b64, "binaries", rows, base64);
    TypeMappingOptions hexMode = TypeMappingOptions.defaults().withBinaryMode(BinaryMode.HEX);
    TableSchema hexSchema = schema(rows.get(0), hexMode);
    assertThat(hexSchema.row(rows.get(1).values(), rows.get(1).included()).get("bn")).isEqualTo("00000000");
    assertJdbcEquals(hexSchema, "binaries", rows, hexMode);
  }

  // ---------------------------------------------------------------- DATE, TIME, DATETIME, TIMESTAMP

  @Test
  void temporalValuesAreExactIncludingZeroDatesNegativeTimeAndEveryFraction() throws Exception {
    String t = DB + ".temporal";
    exec("CREATE TABLE " + t + " (id INT PRIMARY KEY, d DATE, t0 TIME, t1 TIME(1), t3 TIME(3), t6 TIME(6), dt0 DATETIME, "
        + "dt3 DATETIME(3), dt6 DATETIME(6), ts0 TIMESTAMP NULL, ts3 TIMESTAMP(3) NULL, ts6 TIMESTAMP(6) NULL)",
        // The session's zone only affects how TIMESTAMP text is read on insert: +05:30 here, UTC instants in the events.
        "SET time_zone = '+05:30'",
        "INSERT INTO " + t + " VALUES (1, '1000-01-01', '-838:59:59', '-838:59:59', '-838:59:59', '-838:59:59', '1000-01-01 00:00:00', "
            + "'1000-01-01 00:00:00.000', '1000-01-01 00:00:00.000000', '1970-01-01 05:30:01', '1970-01-01 05:30:01.001', "
            + "'1970-01-01 05:30:01.000001')",
        "INSERT INTO " + t + " VALUES (2, '9999-12-31', '838:59:59', '838:59:59', '838:59:59', '838:59:59', '9999-12-31 23:59:59', "
            + "'9999-12-31 23:59:59.999', '9999-12-31 23:59:59.999999', '2038-01-19 08:44:07', '2038-01-19 08:44:07.999', "
            + "'2038-01-19 08:44:07.999999')",
        "INSERT INTO " + t + " VALUES (3, '0000-00-00', '00:00:00', '00:00:00', '00:00:00', '00:00:00', '0000-00-00 00:00:00', "
            + "'0000-00-00 00:00:00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', '0000-00-00 00:00:00')",
        "INSERT INTO " + t + " VALUES (4, '2024-00-10', '-00:00:01', '-00:00:00.5', '-00:00:00.001', '-00:00:00.000001', "
            + "'2024-02-00 10:00:00', '2024-02-29 23:59:59.5', '1969-12-31 23:59:59.999999', '2000-02-29 05:30:00', NULL, "
            + "'2024-07-01 05:29:59.123456')",
        "INSERT INTO " + t + " (id, t0, t1, t3, t6) VALUES (5, '100:00:00', '24:00:00.1', '-25:30:00.250', '123:45:56.654321')",
        "INSERT INTO " + t + " (id) VALUES (6)");
    List<Captured> rows = capture("temporal", 6);
    TypeMappingOptions adaptive = TypeMappingOptions.defaults();
    TableSchema schema = schema(rows.get(0), adaptive);
    assertThat(field(schema, "d").name()).isEqualTo(SemanticTypes.DATE);
    assertThat(field(schema, "t6").name()).isEqualTo(SemanticTypes.MICRO_TIME);
    assertThat(field(schema, "dt3").name()).isEqualTo(SemanticTypes.TIMESTAMP);
    assertThat(field(schema, "dt6").name()).isEqualTo(SemanticTypes.MICRO_TIMESTAMP);
    assertThat(field(schema, "ts3").name()).isEqualTo(SemanticTypes.ZONED_TIMESTAMP);
    long maxTime = ((838L * 60 + 59) * 60 + 59) * 1_000_000L;
    List<Struct> expected = List.of(
        struct(schema, "id", 1, "d", days(1000, 1, 1), "t0", -maxTime, "t1", -maxTime, "t3", -maxTime, "t6", -maxTime,
            "dt0", millis(LocalDateTime.of(1000, 1, 1, 0, 0)), "dt3", millis(LocalDateTime.of(1000, 1, 1, 0, 0)),
            "dt6", micros(LocalDateTime.of(1000, 1, 1, 0, 0)), "ts0", "1970-01-01T00:00:01Z", "ts3", "1970-01-01T00:00:01.001Z",
            "ts6", "1970-01-01T00:00:01.000001Z"),
        struct(schema, "id", 2, "d", days(9999, 12, 31), "t0", maxTime, "t1", maxTime, "t3", maxTime, "t6", maxTime,
            "dt0", millis(LocalDateTime.of(9999, 12, 31, 23, 59, 59)), "dt3", millis(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000)),
            "dt6", micros(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)), "ts0", "2038-01-19T03:14:07Z",
            "ts3", "2038-01-19T03:14:07.999Z", "ts6", "2038-01-19T03:14:07.999999Z"),
        // Zero dates: null (the default rule); TIME 00:00:00 is a real value.
        struct(schema, "id", 3, "t0", 0L, "t1", 0L, "t3", 0L, "t6", 0L),
        struct(schema, "id", 4, "t0", -1_000_000L, "t1", -500_000L, "t3", -1_000L, "t6", -1L,
            "dt3", millis(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 500_000_000)), "dt6", -1L, "ts0", "2000-02-29T00:00:00Z",
            "ts6", "2024-06-30T23:59:59.123456Z"),
        struct(schema, "id", 5, "t0", 360_000_000_000L, "t1", 86_400_100_000L, "t3", -91_800_250_000L,
            "t6", ((123L * 60 + 45) * 60 + 56) * 1_000_000L + 654_321),
        struct(schema, "id", 6));
    assertBinlogAndJdbc(rows, adaptive, "temporal", expected);

    // Zero dates as the epoch.
    TypeMappingOptions epoch = TypeMappingOptions.defaults().withZeroDateMode(ZeroDateMode.EPOCH);
    TableSchema epochSchema = schema(rows.get(0), epoch);
    Struct zero = epochSchema.row(rows.get(2).values(), rows.get(2).included());
    assertThat(zero.get("d")).isEqualTo(0);
    assertThat(zero.get("dt0")).isEqualTo(0L);
    assertThat(zero.get("dt6")).isEqualTo(0L);
    assertThat(zero.get("ts0")).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(zero.get("ts6")).isEqualTo("1970-01-01T00:00:00.000000Z");
    assertThat(epochSchema.row(rows.get(3).values(), rows.get(3).included()).get("d")).as("a date with a zero month").isEqualTo(0);
    assertJdbcEquals(epochSchema, "temporal", rows, epoch);

    // Connect's logical types: exact to the millisecond, and a TIME that is no time of day is refused.
    TypeMappingOptions connect = TypeMappingOptions.defaults().withTemporalPrecision(TemporalPrecision.CONNECT);
    TableSchema connectSchema = schema(rows.get(0), connect);
    assertThat(field(connectSchema, "ts6").name()).isEqualTo("org.apache.kafka.connect.data.Timestamp");
    assertThatThrownBy(() -> connectSchema.row(rows.get(0).values(), rows.get(0).included())).isInstanceOf(DataException.class)
        .hasMessageContaining(DB + ".temporal.t0");
    assertThatThrownBy(() -> connectSchema.row(rows.get(4).values(), rows.get(4).included())).isInstanceOf(DataException.class)
        .hasMessageContaining("is not a time of day");
    // Row 3 (zero dates, TIME 00:00:00) converts.
    Struct third = connectSchema.row(rows.get(2).values(), rows.get(2).included());
    assertThat(third.get("t6")).isEqualTo(new Date(0));
    assertThat(third.get("d")).isNull();
  }

  @Test
  void everyFractionalSecondsPrecisionFromZeroToSix() throws Exception {
    String t = DB + ".fractions";
    StringBuilder ddl = new StringBuilder("CREATE TABLE " + t + " (id INT PRIMARY KEY");
    for (int fsp = 0; fsp <= 6; fsp++) {
      ddl.append(", t").append(fsp).append(" TIME(").append(fsp).append(")");
      ddl.append(", dt").append(fsp).append(" DATETIME(").append(fsp).append(")");
      ddl.append(", ts").append(fsp).append(" TIMESTAMP(").append(fsp).append(") NULL");
    }
    ddl.append(")");
    // Per precision: the largest fraction, and the smallest step (negative for TIME), each written at the column's precision.
    StringBuilder large = new StringBuilder("INSERT INTO " + t + " VALUES (1");
    StringBuilder small = new StringBuilder("INSERT INTO " + t + " VALUES (2");
    for (int fsp = 0; fsp <= 6; fsp++) {
      String nines = fsp == 0 ? "" : "." + "987654".substring(0, fsp);
      String step = fsp == 0 ? "" : "." + "0".repeat(fsp - 1) + "1";
      large.append(", '-838:59:58").append(nines).append("', '2024-02-29 23:59:59").append(nines).append("', '2038-01-19 03:14:07")
          .append(nines).append("'");
      small.append(", '").append(fsp == 0 ? "-00:00:01" : "-00:00:00" + step).append("', '1969-12-31 23:59:59").append(nines)
          .append("', '1970-01-01 00:00:01").append(step).append("'");
    }
    exec(ddl.toString(), large.append(")").toString(), small.append(")").toString(), "INSERT INTO " + t + " (id) VALUES (3)");
    List<Captured> rows = capture("fractions", 3);
    TableSchema schema = schema(rows.get(0), TypeMappingOptions.defaults());
    Object[] first = {"id", 1};
    Object[] second = {"id", 2};
    List<Object> a = new ArrayList<>(List.of(first));
    List<Object> b = new ArrayList<>(List.of(second));
    for (int fsp = 0; fsp <= 6; fsp++) {
      long unit = (long) Math.pow(10, 6 - fsp);
      long fraction = fsp == 0 ? 0 : Long.parseLong("987654".substring(0, fsp)) * unit;
      a.addAll(List.of("t" + fsp, -(((838L * 60 + 59) * 60 + 58) * 1_000_000L + fraction)));
      LocalDateTime leapNight = LocalDateTime.of(2024, 2, 29, 23, 59, 59, (int) fraction * 1_000);
      a.addAll(List.of("dt" + fsp, fsp <= 3 ? (Object) millis(leapNight) : (Object) micros(leapNight)));
      a.addAll(List.of("ts" + fsp, "2038-01-19T03:14:07" + (fsp == 0 ? "" : "." + "987654".substring(0, fsp)) + "Z"));
      b.addAll(List.of("t" + fsp, fsp == 0 ? -1_000_000L : -unit));
      LocalDateTime beforeEpoch = LocalDateTime.of(1969, 12, 31, 23, 59, 59, (int) fraction * 1_000);
      b.addAll(List.of("dt" + fsp, fsp <= 3 ? (Object) millis(beforeEpoch) : (Object) micros(beforeEpoch)));
      b.addAll(List.of("ts" + fsp, "1970-01-01T00:00:01" + (fsp == 0 ? "" : "." + "0".repeat(fsp - 1) + "1") + "Z"));
      assertThat(field(schema, "dt" + fsp).name()).isEqualTo(fsp <= 3 ? SemanticTypes.TIMESTAMP : SemanticTypes.MICRO_TIMESTAMP);
    }
    List<Struct> expected = List.of(struct(schema, a.toArray()), struct(schema, b.toArray()), struct(schema, "id", 3));
    assertBinlogAndJdbc(rows, TypeMappingOptions.defaults(), "fractions", expected);
  }

  @Test
  void connectTemporalTypesMatchOverBothPaths() throws Exception {
    String t = DB + ".temporal_connect";
    exec("CREATE TABLE " + t + " (id INT PRIMARY KEY, d DATE, t3 TIME(3), t6 TIME(6), dt6 DATETIME(6), ts6 TIMESTAMP(6) NULL)",
        "INSERT INTO " + t + " VALUES (1, '2024-01-31', '23:59:59.999', '00:00:00.000001', '2024-02-29 23:59:59.999999', "
            + "'2038-01-19 03:14:07.999999')",
        "INSERT INTO " + t + " VALUES (2, '1969-12-31', '00:00:00', '12:00:00.5', '1969-12-31 23:59:59.999999', '1970-01-01 00:00:01')",
        "INSERT INTO " + t + " (id) VALUES (3)");
    List<Captured> rows = capture("temporal_connect", 3);
    TypeMappingOptions connect = TypeMappingOptions.defaults().withTemporalPrecision(TemporalPrecision.CONNECT);
    TableSchema schema = schema(rows.get(0), connect);
    List<Struct> expected = List.of(
        struct(schema, "id", 1, "d", Date.from(LocalDate.of(2024, 1, 31).atStartOfDay(ZoneOffset.UTC).toInstant()), "t3", new Date(86_399_999),
            "t6", new Date(0), "dt6", new Date(millis(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_000_000))),
            "ts6", new Date(2_147_483_647_999L)),
        struct(schema, "id", 2, "d", new Date(-86_400_000L), "t3", new Date(0), "t6", new Date(43_200_500), "dt6", new Date(-1),
            "ts6", new Date(1_000)),
        struct(schema, "id", 3));
    assertBinlogAndJdbc(rows, connect, "temporal_connect", expected);
  }

  // ---------------------------------------------------------------- ENUM, SET

  @Test
  void enumsAndSetsAreTheirValueNames() throws Exception {
    exec("CREATE TABLE " + DB + ".enums (id INT PRIMARY KEY, e ENUM('a','b','ç') CHARACTER SET utf8mb4, "
        + "el ENUM('é','ü') CHARACTER SET latin1, s SET('x','y','z'), sl SET('ä','ö') CHARACTER SET latin1)",
        "INSERT INTO " + DB + ".enums VALUES (1, 'a', 'é', 'x,z', 'ä,ö')",
        "INSERT INTO " + DB + ".enums VALUES (2, 'ç', 'ü', '', 'ö')",
        // Non-strict mode stores the empty "error value" for an invalid ENUM.
        "INSERT INTO " + DB + ".enums VALUES (3, 'nope', NULL, 'z,y,x', '')",
        "INSERT INTO " + DB + ".enums (id) VALUES (4)");
    List<Captured> rows = capture("enums", 4);
    TableSchema schema = schema(rows.get(0), TypeMappingOptions.defaults());
    assertThat(field(schema, "el").parameters()).containsEntry("allowed", "é,ü");
    assertThat(field(schema, "s").name()).isEqualTo(SemanticTypes.ENUM_SET);
    List<Struct> expected = List.of(
        struct(schema, "id", 1, "e", "a", "el", "é", "s", "x,z", "sl", "ä,ö"),
        struct(schema, "id", 2, "e", "ç", "el", "ü", "s", "", "sl", "ö"),
        struct(schema, "id", 3, "e", "", "s", "x,y,z", "sl", ""),
        struct(schema, "id", 4));
    assertBinlogAndJdbc(rows, TypeMappingOptions.defaults(), "enums", expected);
  }

  // ---------------------------------------------------------------- JSON

  @Test
  void mariaDbJsonIsItsTextMarkedAsJson() throws Exception {
    String doc = "{\"k\": \"🐟\", \"n\": [1, 2.5, null, true], \"o\": {}}";
    exec("CREATE TABLE " + DB + ".jsons (id INT PRIMARY KEY, j JSON, t TEXT)",
        "INSERT INTO " + DB + ".jsons VALUES (1, '" + doc + "', 'not json')",
        "INSERT INTO " + DB + ".jsons VALUES (2, '[]', '[]')",
        "INSERT INTO " + DB + ".jsons VALUES (3, '  {\"spaces\" :  1 }  ', NULL)",
        "INSERT INTO " + DB + ".jsons VALUES (4, 'null', NULL)",
        "INSERT INTO " + DB + ".jsons VALUES (5, '\"str\"', NULL)",
        "INSERT INTO " + DB + ".jsons (id) VALUES (6)");
    List<Captured> rows = capture("jsons", 6);
    TableSchema schema = schema(rows.get(0), TypeMappingOptions.defaults());
    assertThat(field(schema, "j").name()).as("LONGTEXT + CHECK(json_valid) is JSON").isEqualTo(SemanticTypes.JSON);
    assertThat(field(schema, "t").name()).as("a plain TEXT is not").isNull();
    List<Struct> expected = List.of(
        struct(schema, "id", 1, "j", doc, "t", "not json"),
        struct(schema, "id", 2, "j", "[]", "t", "[]"),
        struct(schema, "id", 3, "j", "  {\"spaces\" :  1 }  "),
        struct(schema, "id", 4, "j", "null"),
        struct(schema, "id", 5, "j", "\"str\""),
        struct(schema, "id", 6));
    assertBinlogAndJdbc(rows, TypeMappingOptions.defaults(), "jsons", expected);
  }

  // ---------------------------------------------------------------- GEOMETRY

  @Test
  void geometriesAreWkbWithSrid() throws Exception {
    exec("CREATE TABLE " + DB + ".geoms (id INT PRIMARY KEY, g GEOMETRY, p POINT, ls LINESTRING)",
        "INSERT INTO " + DB + ".geoms VALUES (1, ST_GeomFromText('POINT(1 2)', 4326), ST_GeomFromText('POINT(-1.5 1e10)'), "
            + "ST_GeomFromText('LINESTRING(0 0, 1 1, 2 0)', 3857))",
        "INSERT INTO " + DB + ".geoms VALUES (2, ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1))'), NULL, NULL)",
        "INSERT INTO " + DB + ".geoms (id) VALUES (3)");
    List<Captured> rows = capture("geoms", 3);
    TableSchema schema = schema(rows.get(0), TypeMappingOptions.defaults());
    Schema geometry = field(schema, "g");
    assertThat(geometry.name()).isEqualTo(SemanticTypes.GEOMETRY);
    assertThat(schema.columns().stream().filter(c -> c.name().equals("p")).findFirst().orElseThrow().typeName()).isEqualTo("point");
    byte[] collection = concat(hex("0107000000" + "01000000"), point(1, 1));
    List<Struct> expected = List.of(
        struct(schema, "id", 1, "g", geometry(geometry, point(1, 2), 4326), "p", geometry(field(schema, "p"), point(-1.5, 1e10), 0),
            "ls", geometry(field(schema, "ls"), concat(hex("0102000000" + "03000000"), xy(0, 0), xy(1, 1), xy(2, 0)), 3857)),
        struct(schema, "id", 2, "g", geometry(geometry, collection, 0)),
        struct(schema, "id", 3));
    assertBinlogAndJdbc(rows, TypeMappingOptions.defaults(), "geoms", expected);
  }

  // ---------------------------------------------------------------- ALTER TABLE

  @Test
  void alterTableYieldsTheNewSchemaOnTheNextRow() throws Exception {
    String t = DB + ".evolving";
    exec("CREATE TABLE " + t + " (id INT PRIMARY KEY, a INT, c VARCHAR(10))",
        "INSERT INTO " + t + " VALUES (1, 10, 'c1')",
        "ALTER TABLE " + t + " ADD COLUMN b DECIMAL(5,2) AFTER a",
        "INSERT INTO " + t + " VALUES (2, 20, 2.5, 'c2')",
        "ALTER TABLE " + t + " ADD COLUMN z JSON",
        "INSERT INTO " + t + " VALUES (3, 30, 3.5, 'c3', '{\"z\": 3}')",
        "ALTER TABLE " + t + " DROP COLUMN c",
        "INSERT INTO " + t + " VALUES (4, 40, 4.5, '[4]')");
    List<Captured> rows = capture("evolving", 4);
    List<List<String>> fieldNames = new ArrayList<>();
    List<Struct> converted = new ArrayList<>();
    for (Captured row : rows) {
      TableSchema schema = schema(row, TypeMappingOptions.defaults());
      fieldNames.add(schema.rowSchema().fields().stream().map(Field::name).toList());
      converted.add(schema.row(row.values(), row.included()));
    }
    assertThat(fieldNames).containsExactly(List.of("id", "a", "c"), List.of("id", "a", "b", "c"), List.of("id", "a", "b", "c", "z"),
        List.of("id", "a", "b", "z"));
    assertThat(converted.get(0)).isEqualTo(struct(converted.get(0).schema(), "id", 1, "a", 10, "c", "c1"));
    assertThat(converted.get(1)).isEqualTo(struct(converted.get(1).schema(), "id", 2, "a", 20, "b", new BigDecimal("2.50"), "c", "c2"));
    assertThat(converted.get(2)).isEqualTo(struct(converted.get(2).schema(), "id", 3, "a", 30, "b", new BigDecimal("3.50"), "c", "c3",
        "z", "{\"z\": 3}"));
    assertThat(converted.get(3)).isEqualTo(struct(converted.get(3).schema(), "id", 4, "a", 40, "b", new BigDecimal("4.50"), "z", "[4]"));
    assertThat(converted.get(3).schema().field("z").schema().name()).isEqualTo(SemanticTypes.JSON);
    // The last schema reads today's table over JDBC too.
    TableSchema latest = schema(rows.get(3), TypeMappingOptions.defaults());
    assertThat(jdbcRows(latest, "SELECT * FROM " + t, TypeMappingOptions.defaults()).get(4)).isEqualTo(converted.get(3));
  }

  // ================================================================= helpers

  private static void exec(String... statements) throws SQLException {
    try (Statement s = admin.createStatement()) {
      // Non-strict mode: zero dates, zero parts and invalid ENUM values are stored, as on many production servers.
      s.execute("SET SESSION sql_mode = ''");
      s.execute("SET time_zone = '+00:00'");
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** The rows written to {@code table} so far, with their TABLE_MAP; waits until {@code expected} rows arrived. */
  private static List<Captured> capture(String table, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<Captured> rows = List.of();
    while (System.nanoTime() < deadline) {
      rows = scan(table);
      if (rows.size() >= expected) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(rows).as("row events for %s.%s in the binlog", DB, table).hasSize(expected);
    return rows;
  }

  private static List<Captured> scan(String table) {
    List<Event> snapshot;
    synchronized (EVENTS) {
      snapshot = new ArrayList<>(EVENTS);
    }
    Map<Long, TableMapEventData> maps = new LinkedHashMap<>();
    List<Captured> rows = new ArrayList<>();
    for (Event e : snapshot) {
      EventType type = e.getHeader().getEventType();
      if (type == EventType.TABLE_MAP) {
        TableMapEventData map = e.getData();
        maps.put(map.getTableId(), map);
      } else if (EventType.isWrite(type)) {
        WriteRowsEventData write = e.getData();
        TableMapEventData map = maps.get(write.getTableId());
        if (map != null && DB.equals(map.getDatabase()) && table.equals(map.getTable())) {
          for (Serializable[] values : write.getRows()) {
            rows.add(new Captured(map, values, write.getIncludedColumns()));
          }
        }
      }
    }
    return rows;
  }

  private static TableSchema schema(Captured row, TypeMappingOptions options) {
    return new TableSchemaFactory("it", options, hints).create(row.tableMap());
  }

  private static Schema field(TableSchema schema, String name) {
    return schema.rowSchema().field(name).schema();
  }

  /** Binlog rows equal the expected Structs, and equal what MariaDB returns over JDBC for the same rows. */
  private static void assertBinlogAndJdbc(List<Captured> rows, TypeMappingOptions options, String table, List<Struct> expected)
      throws SQLException {
    assertBinlogEquals(rows, options, expected);
    assertJdbcEquals(schema(rows.get(0), options), table, rows, options);
  }

  private static void assertBinlogEquals(List<Captured> rows, TypeMappingOptions options, List<Struct> expected) {
    assertThat(rows).hasSameSizeAs(expected);
    for (int i = 0; i < rows.size(); i++) {
      Captured row = rows.get(i);
      Struct actual = schema(row, options).row(row.values(), row.included());
      assertSameRow(actual, expected.get(i), "binlog row " + (i + 1));
    }
  }

  private static void assertJdbcEquals(TableSchema schema, String table, List<Captured> rows, TypeMappingOptions options)
      throws SQLException {
    Map<Integer, Struct> jdbc = jdbcRows(schema, "SELECT * FROM " + DB + "." + table, options);
    compareWithJdbc(schema, rows, jdbc, "SELECT *");
  }

  private static void assertJdbcEqualsThroughSelectList(TableSchema schema, String table, List<Captured> rows, TypeMappingOptions options)
      throws SQLException {
    Map<Integer, Struct> jdbc = jdbcRows(schema, "SELECT " + schema.selectList() + " FROM " + DB + "." + table, options);
    compareWithJdbc(schema, rows, jdbc, "SELECT " + schema.selectList());
  }

  private static void compareWithJdbc(TableSchema schema, List<Captured> rows, Map<Integer, Struct> jdbc, String query) {
    for (Captured row : rows) {
      Struct fromBinlog = schema.row(row.values(), row.included());
      Integer id = (Integer) fromBinlog.get("id");
      assertThat(jdbc).as("JDBC has row %s", id).containsKey(id);
      assertSameRow(fromBinlog, jdbc.get(id), "row " + id + ": binlog vs " + query);
    }
  }

  private static Map<Integer, Struct> jdbcRows(TableSchema schema, String query, TypeMappingOptions options) throws SQLException {
    Map<Integer, Struct> byId = new LinkedHashMap<>();
    try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery(query + " ORDER BY id")) {
      while (rs.next()) {
        Struct row = schema.rowFromJdbc(rs);
        byId.put((Integer) row.get("id"), row);
      }
    }
    return byId;
  }

  /** Field by field first (readable failures, byte arrays by content), then the whole Struct. */
  private static void assertSameRow(Struct actual, Struct expected, String what) {
    for (Field f : expected.schema().fields()) {
      Object a = actual.get(f.name());
      Object e = expected.get(f.name());
      if (e instanceof Struct es && a instanceof Struct as) {
        assertSameRow(as, es, what + " field " + f.name());
      } else {
        assertThat(a).as("%s field %s", what, f.name()).isEqualTo(e);
      }
    }
    assertThat(actual).as(what).isEqualTo(expected);
  }

  /** A Struct of the schema with the given field values; fields not named stay null. */
  private static Struct struct(Schema schema, Object... namesAndValues) {
    Struct s = new Struct(schema);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      s.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return s;
  }

  private static Struct struct(TableSchema schema, Object... namesAndValues) {
    return struct(schema.rowSchema(), namesAndValues);
  }

  private static Struct geometry(Schema schema, byte[] wkb, int srid) {
    return new Struct(schema).put("wkb", wkb).put("srid", srid);
  }

  private static byte[] point(double x, double y) {
    return concat(hex("0101000000"), xy(x, y));
  }

  private static byte[] xy(double x, double y) {
    return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(x).putDouble(y).array();
  }

  private static byte[] concat(byte[]... parts) {
    int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    ByteBuffer b = ByteBuffer.allocate(length);
    Arrays.stream(parts).forEach(b::put);
    return b.array();
  }

  private static byte[] hex(String hex) {
    return HEX.parseHex(hex);
  }

  private static int days(int year, int month, int day) {
    return (int) LocalDate.of(year, month, day).toEpochDay();
  }

  private static long millis(LocalDateTime wallClock) {
    return wallClock.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static long micros(LocalDateTime wallClock) {
    return wallClock.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + wallClock.getNano() / 1_000;
  }
}
