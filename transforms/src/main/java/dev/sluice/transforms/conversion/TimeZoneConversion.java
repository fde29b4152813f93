package dev.sluice.transforms.conversion;

import dev.sluice.transforms.row.Structs;
import dev.sluice.transforms.row.ValueConversion;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Moves date-time values from one time zone to another.
 *
 * <p>A value is read as a wall-clock date-time in the source zone: epoch-based values (Connect
 * Timestamps, Debezium's {@code Timestamp}/{@code MicroTimestamp}/{@code NanoTimestamp} and plain
 * int64 milliseconds) hold the wall clock encoded as if it were UTC, which is how MySQL {@code
 * DATETIME} columns arrive; ISO-8601 strings without an offset are wall clocks too, while strings
 * with an offset or {@code Z} are instants and ignore the source zone. The instant is then
 * expressed in the target zone and written either in the input's own representation (the target
 * wall clock, encoded as if UTC, or an ISO string with the target offset) or as an ISO-8601 string
 * with offset. Wall clocks that do not exist in the source zone (daylight-saving gaps) move
 * forward by the gap; ambiguous ones (overlaps) take the earlier offset.
 */
public final class TimeZoneConversion implements ValueConversion {

  /** How converted values are written. */
  public enum Output {
    /** In the input's representation. */
    SAME,
    /** As an ISO-8601 string with the target zone's offset, e.g. 2024-03-01T10:00:00+01:00. */
    STRING;

    /** The valid values, comma separated. */
    public static String validCodes() {
      return "same, string";
    }

    /**
     * Parses a configured value; blanks and case are ignored.
     *
     * @throws IllegalArgumentException naming the value and the valid ones
     */
    public static Output parse(String code) {
      String normalized = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
      return switch (normalized) {
        case "same" -> SAME;
        case "string" -> STRING;
        default ->
            throw new IllegalArgumentException(
                "Unknown output '" + code + "'; valid values are: " + validCodes());
      };
    }
  }

  private enum Representation {
    CONNECT_TIMESTAMP(ChronoUnit.MILLIS),
    EPOCH_MILLIS(ChronoUnit.MILLIS),
    EPOCH_MICROS(ChronoUnit.MICROS),
    EPOCH_NANOS(ChronoUnit.NANOS),
    ISO_STRING(null);

    private final ChronoUnit unit;

    Representation(ChronoUnit unit) {
      this.unit = unit;
    }
  }

  private static final String DEBEZIUM_TIMESTAMP = "io.debezium.time.Timestamp";
  private static final String DEBEZIUM_MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
  private static final String DEBEZIUM_NANO_TIMESTAMP = "io.debezium.time.NanoTimestamp";

  private final ZoneId from;
  private final ZoneId to;
  private final Output output;

  /**
   * A conversion.
   *
   * @param from the zone of the input wall clocks
   * @param to the zone to express values in
   * @param output how to write the result
   */
  public TimeZoneConversion(ZoneId from, ZoneId to, Output output) {
    this.from = Objects.requireNonNull(from, "from");
    this.to = Objects.requireNonNull(to, "to");
    this.output = Objects.requireNonNull(output, "output");
  }

  @Override
  public Planned plan(Schema input, String path) {
    Representation representation = representationOf(input, path);
    Schema schema =
        output == Output.STRING && representation != Representation.ISO_STRING
            ? Structs.primitiveLike(Schema.Type.STRING, input).build()
            : input;
    return new Planned(schema, value -> convert(value, representation, path));
  }

  @Override
  public Object convertSchemaless(Object value, String path) {
    Representation representation;
    if (value instanceof Date) {
      representation = Representation.CONNECT_TIMESTAMP;
    } else if (value instanceof Long) {
      representation = Representation.EPOCH_MILLIS;
    } else if (value instanceof String) {
      representation = Representation.ISO_STRING;
    } else {
      throw new DataException(
          "TimeZone cannot convert '" + path + "' holding a " + value.getClass().getName()
              + "; it converts dates (java.util.Date), int64 epoch milliseconds and ISO-8601"
              + " strings");
    }
    return convert(value, representation, path);
  }

  private static Representation representationOf(Schema schema, String path) {
    String name = schema.name();
    if (Timestamp.LOGICAL_NAME.equals(name)) {
      return Representation.CONNECT_TIMESTAMP;
    }
    if (schema.type() == Schema.Type.INT64) {
      if (DEBEZIUM_MICRO_TIMESTAMP.equals(name)) {
        return Representation.EPOCH_MICROS;
      }
      if (DEBEZIUM_NANO_TIMESTAMP.equals(name)) {
        return Representation.EPOCH_NANOS;
      }
      if (name == null || DEBEZIUM_TIMESTAMP.equals(name)) {
        return Representation.EPOCH_MILLIS;
      }
    }
    if (schema.type() == Schema.Type.STRING) {
      return Representation.ISO_STRING;
    }
    throw new DataException(
        "TimeZone cannot convert '" + path + "' of type " + Structs.describe(schema)
            + "; it converts date-times: Connect Timestamp, int64 epoch milliseconds (also"
            + " Debezium's Timestamp, MicroTimestamp and NanoTimestamp) and ISO-8601 strings."
            + " Dates and times of day have no zone to convert.");
  }

  private Object convert(Object value, Representation representation, String path) {
    ZonedDateTime target;
    try {
      target = inTargetZone(value, representation);
    } catch (DateTimeException | ArithmeticException e) {
      throw new DataException(
          "TimeZone cannot convert '" + path + "': the value is not a date-time it can read ("
              + e.getClass().getSimpleName() + ")",
          e);
    }
    if (output == Output.STRING || representation == Representation.ISO_STRING) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(target);
    }
    // The target wall clock, encoded as if it were UTC, in the input's unit.
    Instant encoded = target.toLocalDateTime().toInstant(ZoneOffset.UTC);
    return switch (representation) {
      case CONNECT_TIMESTAMP -> Date.from(encoded);
      case EPOCH_MILLIS -> encoded.toEpochMilli();
      case EPOCH_MICROS -> ChronoUnit.MICROS.between(Instant.EPOCH, encoded);
      case EPOCH_NANOS -> ChronoUnit.NANOS.between(Instant.EPOCH, encoded);
      case ISO_STRING -> throw new IllegalStateException("handled above");
    };
  }

  private ZonedDateTime inTargetZone(Object value, Representation representation) {
    if (representation == Representation.ISO_STRING) {
      String text = ((String) value).trim();
      TemporalAccessor parsed =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from, LocalDateTime::from);
      ZonedDateTime zoned =
          parsed instanceof ZonedDateTime z ? z : ((LocalDateTime) parsed).atZone(from);
      return zoned.withZoneSameInstant(to);
    }
    Instant encoded =
        switch (representation) {
          case CONNECT_TIMESTAMP -> ((Date) value).toInstant();
          default -> Instant.EPOCH.plus((Long) value, representation.unit);
        };
    LocalDateTime wallClock = LocalDateTime.ofInstant(encoded, ZoneOffset.UTC);
    return wallClock.atZone(from).withZoneSameInstant(to);
  }
}
