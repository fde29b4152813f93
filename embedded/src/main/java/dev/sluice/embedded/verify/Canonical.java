package dev.sluice.embedded.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * The one normalization both sides of {@code verify} go through: a MySQL value (read over JDBC's
 * text protocol) and a BSON value of the same column each become a canonical string, equal exactly
 * when the view holds what the table holds under Sluice's type mapping (source-mysql/TYPE-MAPPING.md
 * and the sink's BsonValueConverter). The rules are listed in embedded/VERIFY.md.
 *
 * <p>It is written independently of the pipeline's own conversion code on purpose: an oracle that
 * reused the code under test would agree with its bugs.
 */
public final class Canonical {
  /** The canonical null. */
  public static final String NULL = "\u2400null";
  /** Marks a field the document lacks. */
  public static final String ABSENT = "\u2400absent";

  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT);
  private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS", Locale.ROOT);
  private static final DateTimeFormatter SQL_DATETIME = new java.time.format.DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd HH:mm:ss")
      .optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .toFormatter(Locale.ROOT).withResolverStyle(java.time.format.ResolverStyle.STRICT);

  private final VerifyOptions options;
  private final CanonicalJson json = new CanonicalJson();

  /** A normalization for views written with {@code options}. */
  public Canonical(VerifyOptions options) {
    this.options = options;
  }

  private boolean micros() {
    return options.temporal() == VerifyOptions.Temporal.STRING;
  }

  // ---------------------------------------------------------------- MySQL side

  /**
   * The canonical form of column {@code c} of the current row ({@code SELECT} of
   * {@link TableColumn#selectExpression}, session time zone UTC, so TIMESTAMP is rendered in UTC).
   */
  public String fromJdbc(TableColumn c, ResultSet rs) throws SQLException {
    String label = c.name();
    switch (c.kind()) {
      case DECIMAL: {
        BigDecimal d = rs.getBigDecimal(label);
        return d == null ? NULL : decimal(d);
      }
      case FLOAT: {
        double d = rs.getDouble(label);
        return rs.wasNull() ? NULL : Float.toString((float) d);
      }
      case DOUBLE: {
        double d = rs.getDouble(label);
        return rs.wasNull() ? NULL : Double.toString(d);
      }
      case BINARY: {
        byte[] b = rs.getBytes(label);
        return b == null ? NULL : "0x" + HexFormat.of().formatHex(b);
      }
      case BIT: {
        byte[] b = rs.getBytes(label);
        if (b == null) {
          return NULL;
        }
        BigInteger bits = new BigInteger(1, b);
        return c.bits() == 1 ? Boolean.toString(bits.signum() != 0) : bits.toString();
      }
      default:
        return fromText(c, rs.getString(label));
    }
  }

  /** The canonical form of a column value given as the server's text (what {@code getString} returns). */
  public String fromText(TableColumn c, String text) {
    if (text == null) {
      return NULL;
    }
    try {
      switch (c.kind()) {
        case INTEGER:
          return new BigInteger(text.trim()).toString();
        case YEAR:
          return Integer.toString(Integer.parseInt(leadingDigits(text)));
        case BOOLEAN:
          return options.tinyInt1AsBoolean() ? Boolean.toString(new BigInteger(text.trim()).signum() != 0) : new BigInteger(text.trim()).toString();
        case DECIMAL:
          return decimal(new BigDecimal(text.trim()));
        case FLOAT:
          return Float.toString(Float.parseFloat(text.trim()));
        case DOUBLE:
          return Double.toString(Double.parseDouble(text.trim()));
        case TEXT:
          return text;
        case DATE: {
          LocalDate date = sqlDate(text);
          return date == null ? NULL : date.toString();
        }
        case DATETIME: {
          LocalDateTime t = sqlDateTime(text);
          return t == null ? NULL : wallClock(t);
        }
        case TIMESTAMP: {
          LocalDateTime t = sqlDateTime(text);
          return t == null ? NULL : instant(t.toInstant(ZoneOffset.UTC));
        }
        case TIME:
          return duration(sqlTimeMicros(text));
        case JSON:
          return json.canonical(text);
        default:
          return "unsupported:" + c.columnType();
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("column " + c.name() + " (" + c.columnType() + "): cannot read the value: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- MongoDB side

  /** The canonical form of a document field holding column {@code c}; {@code null} means the field is absent. */
  public String fromBson(TableColumn c, BsonValue v) {
    if (v == null) {
      return ABSENT;
    }
    if (v.isNull()) {
      return NULL;
    }
    switch (c.kind()) {
      case INTEGER:
      case YEAR: {
        BigDecimal d = number(v);
        if (d != null) {
          BigDecimal stripped = d.stripTrailingZeros();
          return stripped.scale() <= 0 ? stripped.toBigIntegerExact().toString() : unexpected(v);
        }
        return v.isString() ? tryInteger(v.asString().getValue()) : unexpected(v);
      }
      case BOOLEAN: {
        if (v.isBoolean()) {
          return options.tinyInt1AsBoolean() ? Boolean.toString(v.asBoolean().getValue()) : (v.asBoolean().getValue() ? "1" : "0");
        }
        BigDecimal d = number(v);
        if (d == null) {
          return unexpected(v);
        }
        return options.tinyInt1AsBoolean() ? Boolean.toString(d.signum() != 0) : d.stripTrailingZeros().toPlainString();
      }
      case DECIMAL: {
        BigDecimal d = number(v);
        if (d != null) {
          return decimal(d);
        }
        if (v.isString()) {
          try {
            return decimal(new BigDecimal(v.asString().getValue().trim()));
          } catch (NumberFormatException e) {
            return unexpected(v);
          }
        }
        return unexpected(v);
      }
      case FLOAT:
        return v.isNumber() || v.isDecimal128() ? Float.toString(number(v).floatValue()) : unexpected(v);
      case DOUBLE:
        return v.isDouble() ? Double.toString(v.asDouble().getValue()) : v.isNumber() ? Double.toString(number(v).doubleValue()) : unexpected(v);
      case TEXT:
        return v.isString() ? v.asString().getValue() : unexpected(v);
      case BINARY:
        return binary(v);
      case BIT:
        return bit(c, v);
      case DATE:
        if (v.isDateTime()) {
          return LocalDate.ofEpochDay(Math.floorDiv(v.asDateTime().getValue(), MILLIS_PER_DAY)).toString();
        }
        if (v.isString()) {
          return parsed(v, () -> LocalDate.parse(v.asString().getValue()).toString());
        }
        return v.isInt32() ? LocalDate.ofEpochDay(v.asInt32().getValue()).toString() : unexpected(v);
      case DATETIME:
        if (v.isDateTime()) {
          long ms = v.asDateTime().getValue();
          return wallClock(LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000L), (int) Math.floorMod(ms, 1000L) * 1_000_000, ZoneOffset.UTC));
        }
        return v.isString() ? parsed(v, () -> wallClock(LocalDateTime.parse(v.asString().getValue()))) : unexpected(v);
      case TIMESTAMP:
        if (v.isDateTime()) {
          return instant(Instant.ofEpochMilli(v.asDateTime().getValue()));
        }
        return v.isString() ? parsed(v, () -> instant(OffsetDateTime.parse(v.asString().getValue()).toInstant())) : unexpected(v);
      case TIME:
        if (v.isDateTime()) {
          return duration(v.asDateTime().getValue() * 1000L);
        }
        return v.isString() ? parsed(v, () -> duration(sqlTimeMicros(v.asString().getValue()))) : unexpected(v);
      case JSON:
        if (v.isString()) {
          return parsed(v, () -> json.canonical(v.asString().getValue()));
        }
        return json.canonical(v);
      default:
        return "unsupported:" + c.columnType();
    }
  }

  private String binary(BsonValue v) {
    if (v.isBinary()) {
      return "0x" + HexFormat.of().formatHex(v.asBinary().getData());
    }
    if (v.isString()) {
      String s = v.asString().getValue();
      try {
        return switch (options.binary()) {
          case BASE64 -> "0x" + HexFormat.of().formatHex(Base64.getDecoder().decode(s));
          case HEX -> "0x" + HexFormat.of().formatHex(HexFormat.of().parseHex(s.toLowerCase(Locale.ROOT)));
          case BYTES -> unexpected(v);
        };
      } catch (IllegalArgumentException e) {
        return unexpected(v);
      }
    }
    return unexpected(v);
  }

  private static String bit(TableColumn c, BsonValue v) {
    if (v.isBoolean()) {
      return c.bits() == 1 ? Boolean.toString(v.asBoolean().getValue()) : (v.asBoolean().getValue() ? "1" : "0");
    }
    if (v.isBinary()) {
      byte[] littleEndian = v.asBinary().getData();
      byte[] bigEndian = new byte[littleEndian.length];
      for (int i = 0; i < littleEndian.length; i++) {
        bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
      }
      BigInteger bits = new BigInteger(1, bigEndian);
      return c.bits() == 1 ? Boolean.toString(bits.signum() != 0) : bits.toString();
    }
    return unexpected(v);
  }

  // ---------------------------------------------------------------- shared rules

  /** A decimal by value: no trailing zeros, no exponent; zero is "0". */
  static String decimal(BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  private String wallClock(LocalDateTime t) {
    return micros() ? MICROS.format(t.truncatedTo(ChronoUnit.MICROS)) : MILLIS.format(t.truncatedTo(ChronoUnit.MILLIS));
  }

  private String instant(Instant i) {
    return wallClock(LocalDateTime.ofInstant(i, ZoneOffset.UTC)) + "Z";
  }

  private String duration(long micros) {
    return micros() ? "time:" + micros + "us" : "time:" + Math.floorDiv(micros, 1000L) + "ms";
  }

  /** A SQL date; null for zero and impossible dates (the source maps them to null). */
  static LocalDate sqlDate(String text) {
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      if (text.trim().matches("\\d{4}-\\d{2}-\\d{2}")) {
        return null;
      }
      throw e;
    }
  }

  /** A SQL datetime; null for zero and impossible dates. */
  static LocalDateTime sqlDateTime(String text) {
    String t = text.trim();
    try {
      return LocalDateTime.parse(t, SQL_DATETIME);
    } catch (DateTimeParseException e) {
      if (t.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d+)?")) {
        return null;
      }
      throw e;
    }
  }

  /** {@code [-]H+:mm:ss[.fraction]} as signed microseconds. */
  static long sqlTimeMicros(String text) {
    String t = text.trim();
    boolean negative = t.startsWith("-");
    if (negative) {
      t = t.substring(1);
    }
    String[] parts = t.split(":");
    if (parts.length != 3) {
      throw new DateTimeException("'" + text + "' is not a time [-]HH:mm:ss[.fraction]");
    }
    long hours = Long.parseLong(parts[0]);
    long minutes = Long.parseLong(parts[1]);
    String[] secondsAndFraction = parts[2].split("\\.", 2);
    long seconds = Long.parseLong(secondsAndFraction[0]);
    long micros = 0;
    if (secondsAndFraction.length == 2) {
      String f = (secondsAndFraction[1] + "000000").substring(0, 6);
      micros = Long.parseLong(f);
    }
    long total = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000L + micros;
    return negative ? -total : total;
  }

  private static String leadingDigits(String text) {
    String t = text.trim();
    int end = 0;
    while (end < t.length() && Character.isDigit(t.charAt(end))) {
      end++;
    }
    return end == 0 ? t : t.substring(0, end);
  }

  /** The number a numeric BSON value holds, or null. */
  static BigDecimal number(BsonValue v) {
    switch (v.getBsonType()) {
      case INT32:
        return BigDecimal.valueOf(v.asInt32().getValue());
      case INT64:
        return BigDecimal.valueOf(v.asInt64().getValue());
      case DOUBLE: {
        double d = v.asDouble().getValue();
        return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
      }
      case DECIMAL128: {
        Decimal128 d = v.asDecimal128().getValue();
        if (d.isNaN() || d.isInfinite()) {
          return null;
        }
        try {
          return d.bigDecimalValue();
        } catch (ArithmeticException negativeZero) {
          return BigDecimal.ZERO;
        }
      }
      default:
        return null;
    }
  }

  private static String tryInteger(String s) {
    try {
      return new BigInteger(s.trim()).toString();
    } catch (NumberFormatException e) {
      return "string:" + s;
    }
  }

  private static String parsed(BsonValue v, java.util.function.Supplier<String> parse) {
    try {
      return parse.get();
    } catch (RuntimeException e) {
      return unexpected(v);
    }
  }

  /** A value of a BSON type the column never maps to: canonical, but equal to nothing the table can hold. */
  private static String unexpected(BsonValue v) {
    return "bson-" + v.getBsonType().name().toLowerCase(Locale.ROOT) + ":" + v;
  }
}
