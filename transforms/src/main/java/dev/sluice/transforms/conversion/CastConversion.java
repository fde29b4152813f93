package dev.sluice.transforms.conversion;

import dev.sluice.transforms.row.Structs;
import dev.sluice.transforms.row.ValueConversion;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Casts a value to a {@link CastTarget}.
 *
 * <p>Sources: integers, floating point numbers, booleans, strings, Connect Decimals, Timestamps,
 * Dates and Times, and bytes (to string only, as Base64). Numbers go through {@link BigDecimal}
 * whenever a scale or an integer target needs rounding, which uses the configured {@link
 * RoundingMode}; integers that do not fit their target, strings that are not numbers or booleans,
 * NaN or infinity cast to a decimal, and rounding under {@link RoundingMode#UNNECESSARY} fail with
 * a {@link DataException} that names the field but never its value. Temporal values cast to
 * {@code int64} (Timestamp: epoch milliseconds), {@code int32} (Date: epoch days, Time:
 * milliseconds of the day) or {@code string} (ISO-8601, UTC).
 */
public final class CastConversion implements ValueConversion {

  private enum Source {
    INTEGER,
    FLOATING,
    DECIMAL,
    BOOLEAN,
    STRING,
    TIMESTAMP,
    DATE,
    TIME,
    BYTES
  }

  private static final Logger LOG = LoggerFactory.getLogger(CastConversion.class);

  private final CastTarget target;
  private final RoundingMode rounding;

  /**
   * A cast.
   *
   * @param target the type to cast to
   * @param rounding how to round when a scale or an integer target requires it
   */
  public CastConversion(CastTarget target, RoundingMode rounding) {
    this.target = Objects.requireNonNull(target, "target");
    this.rounding = Objects.requireNonNull(rounding, "rounding");
  }

  @Override
  public Planned plan(Schema input, String path) {
    Source source = sourceOf(input, path);
    checkSupported(source, path, Structs.describe(input));
    SchemaBuilder builder = outputBuilder(input);
    Object defaultValue = input.defaultValue();
    if (defaultValue != null) {
      try {
        builder.defaultValue(cast(defaultValue, source, path));
      } catch (DataException | IllegalArgumentException e) {
        // A default that does not survive the cast is dropped rather than failing every record;
        // once per schema, so a WARN is not per-record noise. The value itself is not logged.
        LOG.warn(
            "Cast drops the default value of '{}' because it does not cast to {}: {}",
            path, target, e.getMessage());
      }
    }
    Schema output = builder.build();
    UnaryOperator<Object> function = value -> cast(value, source, path);
    return new Planned(output, function);
  }

  @Override
  public Object convertSchemaless(Object value, String path) {
    Source source = sourceOf(value, path);
    checkSupported(source, path, value.getClass().getName());
    return cast(value, source, path);
  }

  private SchemaBuilder outputBuilder(Schema like) {
    SchemaBuilder builder =
        switch (target.kind()) {
          case INT8 -> SchemaBuilder.int8();
          case INT16 -> SchemaBuilder.int16();
          case INT32 -> SchemaBuilder.int32();
          case INT64 -> SchemaBuilder.int64();
          case FLOAT32 -> SchemaBuilder.float32();
          case FLOAT64 -> SchemaBuilder.float64();
          case BOOLEAN -> SchemaBuilder.bool();
          case STRING -> SchemaBuilder.string();
          case DECIMAL -> Decimal.builder(target.scale());
        };
    return like.isOptional() ? builder.optional() : builder;
  }

  private static Source sourceOf(Schema schema, String path) {
    String name = schema.name();
    if (Decimal.LOGICAL_NAME.equals(name)) {
      return Source.DECIMAL;
    }
    if (Timestamp.LOGICAL_NAME.equals(name)) {
      return Source.TIMESTAMP;
    }
    if (org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(name)) {
      return Source.DATE;
    }
    if (Time.LOGICAL_NAME.equals(name)) {
      return Source.TIME;
    }
    return switch (schema.type()) {
      case INT8, INT16, INT32, INT64 -> Source.INTEGER;
      case FLOAT32, FLOAT64 -> Source.FLOATING;
      case BOOLEAN -> Source.BOOLEAN;
      case STRING -> Source.STRING;
      case BYTES -> Source.BYTES;
      case STRUCT, ARRAY, MAP ->
          throw new DataException(
              "Cast cannot cast '" + path + "' of type " + Structs.describe(schema)
                  + "; it casts primitive fields, decimals and temporal types");
    };
  }

  private static Source sourceOf(Object value, String path) {
    if (value instanceof BigDecimal) {
      return Source.DECIMAL;
    }
    if (value instanceof Byte || value instanceof Short || value instanceof Integer
        || value instanceof Long) {
      return Source.INTEGER;
    }
    if (value instanceof Float || value instanceof Double) {
      return Source.FLOATING;
    }
    if (value instanceof Boolean) {
      return Source.BOOLEAN;
    }
    if (value instanceof String) {
      return Source.STRING;
    }
    if (value instanceof Date) {
      return Source.TIMESTAMP;
    }
    if (value instanceof byte[] || value instanceof ByteBuffer) {
      return Source.BYTES;
    }
    throw new DataException(
        "Cast cannot cast '" + path + "' holding a " + value.getClass().getName()
            + "; it casts numbers, booleans, strings, decimals, dates and bytes");
  }

  private void checkSupported(Source source, String path, String type) {
    CastTarget.Kind kind = target.kind();
    boolean supported =
        switch (source) {
          case TIMESTAMP -> kind == CastTarget.Kind.INT64 || isPlainString();
          case DATE, TIME -> kind == CastTarget.Kind.INT32 || isPlainString();
          case BYTES -> isPlainString();
          default -> true;
        };
    if (!supported) {
      throw new DataException(
          "Cast cannot cast '" + path + "' of type " + type + " to " + target
              + "; Timestamps cast to int64 or string, Dates and Times to int32 or string,"
              + " bytes to string");
    }
  }

  private boolean isPlainString() {
    return target.kind() == CastTarget.Kind.STRING && target.scale() == null;
  }

  private Object cast(Object value, Source source, String path) {
    try {
      return switch (target.kind()) {
        case INT8 -> (byte) integral(value, source, Byte.MIN_VALUE, Byte.MAX_VALUE, path);
        case INT16 -> (short) integral(value, source, Short.MIN_VALUE, Short.MAX_VALUE, path);
        case INT32 -> (int) integral(value, source, Integer.MIN_VALUE, Integer.MAX_VALUE, path);
        case INT64 -> integral(value, source, Long.MIN_VALUE, Long.MAX_VALUE, path);
        case FLOAT32 -> (float) floating(value, source);
        case FLOAT64 -> floating(value, source);
        case BOOLEAN -> bool(value, source, path);
        case STRING -> string(value, source);
        case DECIMAL -> decimal(value, source).setScale(target.scale(), rounding);
      };
    } catch (NumberFormatException e) {
      throw new DataException(
          "Cast cannot cast '" + path + "' to " + target + ": the value is not a finite number", e);
    } catch (ArithmeticException e) {
      throw new DataException(
          "Cast cannot cast '" + path + "' to " + target + ": the value needs rounding and"
              + " rounding.mode is " + rounding + " (" + e.getMessage() + ")",
          e);
    }
  }

  private long integral(Object value, Source source, long min, long max, String path) {
    long result;
    switch (source) {
      case INTEGER -> result = ((Number) value).longValue();
      case BOOLEAN -> result = ((Boolean) value) ? 1 : 0;
      case TIMESTAMP -> result = ((Date) value).getTime();
      case DATE -> result = TimeUnit.MILLISECONDS.toDays(((Date) value).getTime());
      case TIME -> result = ((Date) value).getTime();
      default -> {
        BigDecimal rounded = decimal(value, source).setScale(0, rounding);
        if (rounded.compareTo(BigDecimal.valueOf(min)) < 0
            || rounded.compareTo(BigDecimal.valueOf(max)) > 0) {
          throw outOfRange(path);
        }
        result = rounded.longValueExact();
      }
    }
    if (result < min || result > max) {
      throw outOfRange(path);
    }
    return result;
  }

  private DataException outOfRange(String path) {
    return new DataException(
        "Cast cannot cast '" + path + "' to " + target + ": the value does not fit");
  }

  private static double floating(Object value, Source source) {
    return switch (source) {
      case BOOLEAN -> ((Boolean) value) ? 1d : 0d;
      case STRING -> Double.parseDouble(((String) value).trim());
      case TIMESTAMP, DATE, TIME -> ((Date) value).getTime();
      default -> ((Number) value).doubleValue();
    };
  }

  private static Boolean bool(Object value, Source source, String path) {
    return switch (source) {
      case BOOLEAN -> (Boolean) value;
      case STRING -> {
        String s = ((String) value).trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("1")) {
          yield Boolean.TRUE;
        }
        if (s.equals("false") || s.equals("0")) {
          yield Boolean.FALSE;
        }
        throw new DataException(
            "Cast cannot cast '" + path + "' to boolean: strings must be true, false, 1 or 0");
      }
      case DECIMAL -> ((BigDecimal) value).signum() != 0;
      default -> ((Number) value).doubleValue() != 0d;
    };
  }

  private String string(Object value, Source source) {
    if (target.scale() != null && source != Source.BOOLEAN) {
      return decimal(value, source).setScale(target.scale(), rounding).toPlainString();
    }
    return switch (source) {
      case DECIMAL -> ((BigDecimal) value).toPlainString();
      case TIMESTAMP -> Instant.ofEpochMilli(((Date) value).getTime()).toString();
      case DATE ->
          LocalDate.ofEpochDay(TimeUnit.MILLISECONDS.toDays(((Date) value).getTime())).toString();
      case TIME ->
          LocalTime.ofNanoOfDay(TimeUnit.MILLISECONDS.toNanos(((Date) value).getTime())).toString();
      case BYTES -> Base64.getEncoder().encodeToString(bytes(value));
      default -> value.toString();
    };
  }

  private static BigDecimal decimal(Object value, Source source) {
    return switch (source) {
      case DECIMAL -> (BigDecimal) value;
      case INTEGER -> BigDecimal.valueOf(((Number) value).longValue());
      // Float.toString keeps 0.1f as 0.1 instead of its binary expansion 0.100000001490116...
      case FLOATING ->
          value instanceof Float f
              ? new BigDecimal(Float.toString(f))
              : BigDecimal.valueOf(((Number) value).doubleValue());
      case BOOLEAN -> ((Boolean) value) ? BigDecimal.ONE : BigDecimal.ZERO;
      case STRING -> new BigDecimal(((String) value).trim());
      case TIMESTAMP, DATE, TIME -> BigDecimal.valueOf(((Date) value).getTime());
      case BYTES -> throw new NumberFormatException("bytes are not a number");
    };
  }

  private static byte[] bytes(Object value) {
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer view = buffer.duplicate();
      byte[] bytes = new byte[view.remaining()];
      view.get(bytes);
      return bytes;
    }
    return (byte[]) value;
  }
}
