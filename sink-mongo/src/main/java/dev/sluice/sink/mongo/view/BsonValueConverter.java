package dev.sluice.sink.mongo.view;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
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
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Turns Connect values into BSON, the one place that decides which BSON type a column gets.
 *
 * <table>
 *   <caption>Connect type or logical/semantic type to BSON</caption>
 *   <tr><th>Connect</th><th>BSON</th></tr>
 *   <tr><td>INT8, INT16, INT32</td><td>int32</td></tr>
 *   <tr><td>INT64</td><td>int64</td></tr>
 *   <tr><td>FLOAT32</td><td>double of the float's shortest decimal form (0.1f is 0.1)</td></tr>
 *   <tr><td>FLOAT64</td><td>double</td></tr>
 *   <tr><td>BOOLEAN</td><td>boolean</td></tr>
 *   <tr><td>STRING</td><td>string</td></tr>
 *   <tr><td>BYTES, io.debezium.data.Bits</td><td>binary (subtype 0)</td></tr>
 *   <tr><td>ARRAY</td><td>array</td></tr>
 *   <tr><td>MAP with STRING keys</td><td>document</td></tr>
 *   <tr><td>MAP with other keys</td><td>array of {key, value} documents</td></tr>
 *   <tr><td>STRUCT (also io.debezium.data.geometry.*)</td><td>document, fields in schema order</td></tr>
 *   <tr><td>Decimal, io.debezium.data.VariableScaleDecimal</td><td>decimal128, or string ({@link DecimalMode})</td></tr>
 *   <tr><td>Date, io.debezium.time.Date</td><td>date at midnight UTC, or "yyyy-MM-dd" ({@link TemporalMode})</td></tr>
 *   <tr><td>Time, io.debezium.time.Time/MicroTime/NanoTime</td><td>date on 1970-01-01 UTC, or "[-]HH:mm:ss[.fraction]" (hours may exceed 23)</td></tr>
 *   <tr><td>Timestamp</td><td>date, or "yyyy-MM-ddTHH:mm:ss[.fraction]Z"</td></tr>
 *   <tr><td>io.debezium.time.Timestamp/MicroTimestamp/NanoTimestamp (wall clock)</td><td>date (the wall clock read as UTC), or "yyyy-MM-ddTHH:mm:ss[.fraction]"</td></tr>
 *   <tr><td>io.debezium.time.ZonedTimestamp</td><td>date of the instant, or the string as it is</td></tr>
 *   <tr><td>io.debezium.time.ZonedTime, Enum, EnumSet, Uuid, Xml</td><td>string as it is</td></tr>
 *   <tr><td>io.debezium.data.Json</td><td>parsed document/array/scalar, or the string ({@link JsonMode})</td></tr>
 *   <tr><td>null</td><td>null</td></tr>
 * </table>
 *
 * <p>Fractions in string mode have the digits of the type's unit (3 for milliseconds, 6 for
 * microseconds, 9 for nanoseconds) and are left out when zero. Schemaless values map by their Java
 * type the same way (Map to document, List to array, BigDecimal to decimal128, byte[] to binary,
 * java.util.Date to date). Errors are {@link DataException}s naming the field path.
 */
public final class BsonValueConverter {
  static final String DBZ_DATE = "io.debezium.time.Date";
  static final String DBZ_TIME = "io.debezium.time.Time";
  static final String DBZ_MICRO_TIME = "io.debezium.time.MicroTime";
  static final String DBZ_NANO_TIME = "io.debezium.time.NanoTime";
  static final String DBZ_TIMESTAMP = "io.debezium.time.Timestamp";
  static final String DBZ_MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
  static final String DBZ_NANO_TIMESTAMP = "io.debezium.time.NanoTimestamp";
  static final String DBZ_ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";
  static final String DBZ_JSON = "io.debezium.data.Json";
  static final String DBZ_VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";

  private static final long MILLIS_PER_DAY = 86_400_000L;
  /** IEEE 754-2008 decimal128: exponent bias, and the largest exponent a coefficient needs no clamping for. */
  private static final int DECIMAL128_EXPONENT_BIAS = 6176;
  private static final int DECIMAL128_MAX_EXPONENT = 6111;

  private final TemporalMode temporalMode;
  private final JsonMode jsonMode;
  private final DecimalMode decimalMode;

  /** A converter with the given modes. */
  public BsonValueConverter(TemporalMode temporalMode, JsonMode jsonMode, DecimalMode decimalMode) {
    this.temporalMode = temporalMode;
    this.jsonMode = jsonMode;
    this.decimalMode = decimalMode;
  }

  /** Dates as BSON dates, JSON as documents, decimals as Decimal128. */
  public static BsonValueConverter defaults() {
    return new BsonValueConverter(TemporalMode.DATE, JsonMode.DOCUMENT, DecimalMode.DECIMAL128);
  }

  /**
   * A row (Struct with schema, or schemaless Map) as a document with one field per column.
   *
   * @throws DataException naming the column when a value cannot be converted, or when the row is
   *     neither a Struct nor a Map
   */
  public BsonDocument row(Object row) {
    if (row instanceof Struct struct) {
      return struct(struct, "");
    }
    if (row instanceof Map<?, ?> map) {
      return map(map, "");
    }
    throw notARow(row);
  }

  private static DataException notARow(Object row) {
    return new DataException("a row must be a Struct or a Map, got " + (row == null ? "null" : row.getClass().getName()));
  }

  /**
   * Some columns of a row, converted as {@link #row} converts them, the others not at all.
   *
   * @param row a Struct or Map row
   * @param names the columns
   * @return the columns in the order of {@code names}, or null when the row lacks one of them
   */
  public BsonDocument columns(Object row, List<String> names) {
    if (!(row instanceof Struct) && !(row instanceof Map<?, ?>)) {
      throw notARow(row);
    }
    BsonDocument document = new BsonDocument();
    for (String name : names) {
      if (row instanceof Struct struct) {
        Field field = struct.schema().field(name);
        if (field == null) {
          return null;
        }
        document.put(name, value(struct.get(field), field.schema(), name));
      } else {
        Map<?, ?> map = (Map<?, ?>) row;
        if (!map.containsKey(name)) {
          return null;
        }
        document.put(name, schemaless(map.get(name), name));
      }
    }
    return document;
  }

  /**
   * One value.
   *
   * @param value the Connect value
   * @param schema its schema, or null for schemaless values
   * @param path the field path, for error messages
   */
  public BsonValue value(Object value, Schema schema, String path) {
    if (value == null) {
      return BsonNull.VALUE;
    }
    if (schema == null) {
      return schemaless(value, path);
    }
    try {
      String name = schema.name();
      if (name != null) {
        BsonValue semantic = semantic(name, value, schema, path);
        if (semantic != null) {
          return semantic;
        }
      }
      return switch (schema.type()) {
        case INT8, INT16, INT32 -> new BsonInt32(((Number) value).intValue());
        case INT64 -> new BsonInt64(((Number) value).longValue());
        case FLOAT32 -> new BsonDouble(Double.parseDouble(Float.toString((Float) value)));
        case FLOAT64 -> new BsonDouble((Double) value);
        case BOOLEAN -> BsonBoolean.valueOf((Boolean) value);
        case STRING -> new BsonString((String) value);
        case BYTES -> binary(value, path);
        case ARRAY -> array((Collection<?>) value, schema.valueSchema(), path);
        case MAP -> map((Map<?, ?>) value, schema, path);
        case STRUCT -> struct((Struct) value, path + ".");
      };
    } catch (ClassCastException e) {
      throw new DataException(
          "field '" + path + "': a " + value.getClass().getName() + " does not match its schema type " + schema.type(), e);
    }
  }

  private BsonDocument struct(Struct struct, String prefix) {
    BsonDocument document = new BsonDocument();
    for (Field field : struct.schema().fields()) {
      String path = prefix.isEmpty() ? field.name() : prefix + field.name();
      document.put(field.name(), value(struct.get(field), field.schema(), path));
    }
    return document;
  }

  private BsonValue map(Map<?, ?> map, Schema schema, String path) {
    if (schema.keySchema().type() == Schema.Type.STRING) {
      BsonDocument document = new BsonDocument();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        document.put(key, value(e.getValue(), schema.valueSchema(), path + "." + key));
      }
      return document;
    }
    BsonArray entries = new BsonArray();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      entries.add(
          new BsonDocument("key", value(e.getKey(), schema.keySchema(), path + ".key"))
              .append("value", value(e.getValue(), schema.valueSchema(), path + ".value")));
    }
    return entries;
  }

  private BsonDocument map(Map<?, ?> map, String prefix) {
    BsonDocument document = new BsonDocument();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      document.put(key, schemaless(e.getValue(), prefix + key));
    }
    return document;
  }

  private BsonArray array(Collection<?> values, Schema elementSchema, String path) {
    BsonArray array = new BsonArray();
    int i = 0;
    for (Object element : values) {
      array.add(value(element, elementSchema, path + "[" + i++ + "]"));
    }
    return array;
  }

  private BsonValue schemaless(Object value, String path) {
    if (value == null) {
      return BsonNull.VALUE;
    }
    if (value instanceof String s) {
      return new BsonString(s);
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return new BsonInt32(((Number) value).intValue());
    }
    if (value instanceof Long l) {
      return new BsonInt64(l);
    }
    if (value instanceof Double d) {
      return new BsonDouble(d);
    }
    if (value instanceof Float f) {
      return new BsonDouble(Double.parseDouble(Float.toString(f)));
    }
    if (value instanceof Boolean b) {
      return BsonBoolean.valueOf(b);
    }
    if (value instanceof BigDecimal d) {
      return decimal(d, path);
    }
    if (value instanceof BigInteger i) {
      return decimal(new BigDecimal(i), path);
    }
    if (value instanceof byte[] || value instanceof ByteBuffer) {
      return binary(value, path);
    }
    if (value instanceof java.util.Date d) {
      return new BsonDateTime(d.getTime());
    }
    if (value instanceof Map<?, ?> m) {
      return map(m, path + ".");
    }
    if (value instanceof List<?> list) {
      BsonArray array = new BsonArray();
      for (int i = 0; i < list.size(); i++) {
        array.add(schemaless(list.get(i), path + "[" + i + "]"));
      }
      return array;
    }
    if (value instanceof Struct s) {
      return struct(s, path + ".");
    }
    throw new DataException("field '" + path + "': no BSON mapping for a schemaless " + value.getClass().getName());
  }

  /** Logical and semantic types; null when the name is not one of them. */
  private BsonValue semantic(String name, Object value, Schema schema, String path) {
    switch (name) {
      case Decimal.LOGICAL_NAME:
        return decimal((BigDecimal) value, path);
      case DBZ_VARIABLE_SCALE_DECIMAL: {
        Struct s = (Struct) value;
        byte[] unscaled = bytes(s.get("value"));
        return decimal(new BigDecimal(new BigInteger(unscaled), s.getInt32("scale")), path);
      }
      case Date.LOGICAL_NAME:
        return date(Math.floorDiv(((java.util.Date) value).getTime(), MILLIS_PER_DAY));
      case DBZ_DATE:
        return date(((Number) value).longValue());
      case Time.LOGICAL_NAME:
        return time(((java.util.Date) value).getTime() * 1_000_000L, 3);
      case DBZ_TIME:
        return time(((Number) value).longValue() * 1_000_000L, 3);
      case DBZ_MICRO_TIME:
        return time(((Number) value).longValue() * 1_000L, 6);
      case DBZ_NANO_TIME:
        return time(((Number) value).longValue(), 9);
      case Timestamp.LOGICAL_NAME:
        return instant(Instant.ofEpochMilli(((java.util.Date) value).getTime()), 3);
      case DBZ_TIMESTAMP:
        return wallClock(((Number) value).longValue(), 1_000_000L, 3);
      case DBZ_MICRO_TIMESTAMP:
        return wallClock(((Number) value).longValue(), 1_000L, 6);
      case DBZ_NANO_TIMESTAMP:
        return wallClock(((Number) value).longValue(), 1L, 9);
      case DBZ_ZONED_TIMESTAMP:
        return zoned((String) value, path);
      case DBZ_JSON:
        return json((String) value, path);
      default:
        return null;
    }
  }

  private BsonValue decimal(BigDecimal value, String path) {
    if (decimalMode == DecimalMode.STRING) {
      return new BsonString(value.toPlainString());
    }
    try {
      return new BsonDecimal128(decimal128(value));
    } catch (NumberFormatException e) {
      throw new DataException(
          "field '" + path + "': decimal " + value.toPlainString() + " has " + value.precision()
              + " significant digits, more than Decimal128 holds exactly (34); set decimal.mode=string to keep it as text", e);
    }
  }

  /**
   * The same Decimal128 as {@code new Decimal128(value)}, built straight from its BID encoding when
   * the unscaled value has at most 18 digits (a long) and the exponent needs no clamping: the
   * driver's constructor goes bit by bit through a BigInteger, the most expensive step of a row
   * with decimal columns. Anything else goes through the constructor.
   */
  static Decimal128 decimal128(BigDecimal value) {
    int scale = value.scale();
    if (value.precision() > 18 || scale < -DECIMAL128_MAX_EXPONENT || scale > DECIMAL128_EXPONENT_BIAS) {
      return new Decimal128(value);
    }
    long unscaled = value.scaleByPowerOfTen(scale).longValueExact();
    long high = (long) (DECIMAL128_EXPONENT_BIAS - scale) << 49;
    if (unscaled < 0) {
      high |= Long.MIN_VALUE;
      unscaled = -unscaled;
    }
    return Decimal128.fromIEEE754BIDEncoding(high, unscaled);
  }

  private BsonValue date(long epochDay) {
    if (temporalMode == TemporalMode.DATE) {
      return new BsonDateTime(epochDay * MILLIS_PER_DAY);
    }
    return new BsonString(LocalDate.ofEpochDay(epochDay).toString());
  }

  /** A time of day (or a MySQL TIME duration, negative or beyond 24 h) in nanoseconds. */
  private BsonValue time(long nanos, int digits) {
    if (temporalMode == TemporalMode.DATE) {
      return new BsonDateTime(Math.floorDiv(nanos, 1_000_000L));
    }
    StringBuilder text = new StringBuilder();
    long abs = Math.abs(nanos);
    if (nanos < 0) {
      text.append('-');
    }
    long seconds = abs / 1_000_000_000L;
    long hours = seconds / 3600;
    text.append(hours < 10 ? "0" : "").append(hours)
        .append(':').append(two(seconds / 60 % 60))
        .append(':').append(two(seconds % 60));
    appendFraction(text, abs % 1_000_000_000L, digits);
    return new BsonString(text.toString());
  }

  private BsonValue instant(Instant instant, int digits) {
    if (temporalMode == TemporalMode.DATE) {
      return new BsonDateTime(instant.toEpochMilli());
    }
    LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder text = new StringBuilder(utc.toLocalDate().toString()).append('T').append(hms(utc.toLocalTime()));
    appendFraction(text, instant.getNano(), digits);
    return new BsonString(text.append('Z').toString());
  }

  /** A zone-less DATETIME given as units since the epoch "as if UTC". */
  private BsonValue wallClock(long value, long nanosPerUnit, int digits) {
    long unitsPerSecond = 1_000_000_000L / nanosPerUnit;
    long seconds = Math.floorDiv(value, unitsPerSecond);
    long nanos = Math.floorMod(value, unitsPerSecond) * nanosPerUnit;
    if (temporalMode == TemporalMode.DATE) {
      return new BsonDateTime(seconds * 1000 + nanos / 1_000_000L);
    }
    LocalDateTime local = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    StringBuilder text = new StringBuilder(local.toLocalDate().toString()).append('T').append(hms(local.toLocalTime()));
    appendFraction(text, nanos, digits);
    return new BsonString(text.toString());
  }

  private BsonValue zoned(String value, String path) {
    if (temporalMode == TemporalMode.STRING) {
      return new BsonString(value);
    }
    try {
      return new BsonDateTime(OffsetDateTime.parse(value).toInstant().toEpochMilli());
    } catch (DateTimeParseException e) {
      throw new DataException("field '" + path + "': '" + value + "' is not an ISO-8601 timestamp with offset", e);
    }
  }

  private BsonValue json(String value, String path) {
    if (jsonMode == JsonMode.STRING) {
      return new BsonString(value);
    }
    try {
      return JsonColumns.parse(value);
    } catch (DataException e) {
      throw new DataException("field '" + path + "': JSON column: " + e.getMessage() + "; set json.mode=string to keep the text", e);
    }
  }

  private static BsonBinary binary(Object value, String path) {
    return new BsonBinary(bytes(value));
  }

  private static byte[] bytes(Object value) {
    if (value instanceof byte[] b) {
      return b;
    }
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] copy = new byte[buffer.remaining()];
    buffer.get(copy);
    return copy;
  }

  private static String hms(LocalTime time) {
    return two(time.getHour()) + ":" + two(time.getMinute()) + ":" + two(time.getSecond());
  }

  private static String two(long value) {
    return value < 10 ? "0" + value : Long.toString(value);
  }

  private static void appendFraction(StringBuilder text, long nanos, int digits) {
    if (nanos == 0) {
      return;
    }
    String nine = Long.toString(1_000_000_000L + nanos).substring(1);
    text.append('.').append(nine, 0, digits);
  }
}
