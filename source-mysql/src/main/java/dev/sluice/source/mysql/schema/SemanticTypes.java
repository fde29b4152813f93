package dev.sluice.source.mysql.schema;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * The semantic schema names Sluice uses. They are Debezium's, so consumers, SMTs and sinks that
 * understand Debezium's MySQL events understand Sluice's.
 */
public final class SemanticTypes {
  /** int32: days since 1970-01-01. */
  public static final String DATE = "io.debezium.time.Date";
  /** int64: microseconds, a duration (negative and beyond 24 h allowed). */
  public static final String MICRO_TIME = "io.debezium.time.MicroTime";
  /** int64: milliseconds since the epoch of a wall-clock date-time read as UTC. */
  public static final String TIMESTAMP = "io.debezium.time.Timestamp";
  /** int64: microseconds since the epoch of a wall-clock date-time read as UTC. */
  public static final String MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
  /** string: ISO-8601 instant with offset, here always UTC ({@code Z}). */
  public static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";
  /** int32: the year. */
  public static final String YEAR = "io.debezium.time.Year";
  /** string: a JSON document. */
  public static final String JSON = "io.debezium.data.Json";
  /** string: one of the values in the {@code allowed} parameter. */
  public static final String ENUM = "io.debezium.data.Enum";
  /** string: comma-separated values of the {@code allowed} parameter. */
  public static final String ENUM_SET = "io.debezium.data.EnumSet";
  /** bytes: a bit string, little-endian, {@code length} parameter = number of bits. */
  public static final String BITS = "io.debezium.data.Bits";
  /** struct {wkb: bytes, srid: optional int32}. */
  public static final String GEOMETRY = "io.debezium.data.geometry.Geometry";

  public static final String ALLOWED_PARAMETER = "allowed";
  public static final String LENGTH_PARAMETER = "length";
  /** Decimal precision parameter, as Debezium names it. */
  public static final String PRECISION_PARAMETER = "connect.decimal.precision";

  private SemanticTypes() {
  }

  static SchemaBuilder date() {
    return SchemaBuilder.int32().name(DATE).version(1);
  }

  static SchemaBuilder microTime() {
    return SchemaBuilder.int64().name(MICRO_TIME).version(1);
  }

  static SchemaBuilder timestamp() {
    return SchemaBuilder.int64().name(TIMESTAMP).version(1);
  }

  static SchemaBuilder microTimestamp() {
    return SchemaBuilder.int64().name(MICRO_TIMESTAMP).version(1);
  }

  static SchemaBuilder zonedTimestamp() {
    return SchemaBuilder.string().name(ZONED_TIMESTAMP).version(1);
  }

  static SchemaBuilder year() {
    return SchemaBuilder.int32().name(YEAR).version(1);
  }

  static SchemaBuilder json() {
    return SchemaBuilder.string().name(JSON).version(1);
  }

  static SchemaBuilder enumeration(Iterable<String> allowed) {
    return SchemaBuilder.string().name(ENUM).version(1).parameter(ALLOWED_PARAMETER, String.join(",", allowed));
  }

  static SchemaBuilder enumSet(Iterable<String> allowed) {
    return SchemaBuilder.string().name(ENUM_SET).version(1).parameter(ALLOWED_PARAMETER, String.join(",", allowed));
  }

  static SchemaBuilder bits(int length) {
    return SchemaBuilder.bytes().name(BITS).version(1).parameter(LENGTH_PARAMETER, Integer.toString(length));
  }

  static SchemaBuilder decimal(int precision, int scale) {
    return Decimal.builder(scale).parameter(PRECISION_PARAMETER, Integer.toString(precision));
  }

  static SchemaBuilder geometry() {
    return SchemaBuilder.struct().name(GEOMETRY).version(1).doc("Geometry")
        .field("wkb", Schema.BYTES_SCHEMA)
        .field("srid", Schema.OPTIONAL_INT32_SCHEMA);
  }
}
