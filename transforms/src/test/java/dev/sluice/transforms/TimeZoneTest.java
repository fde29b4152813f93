package dev.sluice.transforms;

import static dev.sluice.transforms.Configured.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.transforms.conformance.Fixtures;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class TimeZoneTest {

  private static final Schema SCHEMA =
      SchemaBuilder.struct()
          .field("winter", Timestamp.builder().optional().build())
          .field("summer", SchemaBuilder.int64().name("io.debezium.time.Timestamp").optional().build())
          .field("micros", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").optional().build())
          .field("local", Schema.OPTIONAL_STRING_SCHEMA)
          .field("zoned", Schema.OPTIONAL_STRING_SCHEMA)
          .field("day", org.apache.kafka.connect.data.Date.builder().optional().build())
          .build();

  private static long wallClock(String isoLocal) {
    return LocalDateTime.parse(isoLocal).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static SinkRecord record() {
    Struct value = new Struct(SCHEMA)
        .put("winter", new Date(wallClock("2024-01-15T10:00:00")))
        .put("summer", wallClock("2024-07-15T10:00:00"))
        .put("micros", wallClock("2024-07-15T10:00:00") * 1000 + 7)
        .put("local", "2024-01-15T10:00:00")
        .put("zoned", "2024-01-15T10:00:00Z");
    return Fixtures.record(null, null, SCHEMA, value);
  }

  @Test
  void convertsSeveralFieldsAtOnceFromLocalWallClocksToUtc() {
    Struct out = (Struct) with(new TimeZone.Value<>(),
        "fields", "winter,summer,micros,local", "from.zone", "Europe/Berlin", "to.zone", "UTC")
        .apply(record()).value();

    assertThat(out.get("winter")).isEqualTo(new Date(wallClock("2024-01-15T09:00:00")));
    assertThat(out.getInt64("summer")).as("summer time: UTC+2").isEqualTo(wallClock("2024-07-15T08:00:00"));
    assertThat(out.getInt64("micros")).isEqualTo(wallClock("2024-07-15T08:00:00") * 1000 + 7);
    assertThat(out.getString("local")).isEqualTo("2024-01-15T09:00:00Z");
    assertThat(out.schema()).as("types unchanged").isSameAs(SCHEMA);
  }

  @Test
  void writesIsoStringsWithTheTargetOffset() {
    Struct out = (Struct) with(new TimeZone.Value<>(),
        "fields", "winter,summer,zoned", "to.zone", "Europe/Berlin", "output", "string")
        .apply(record()).value();

    assertThat(out.getString("winter")).isEqualTo("2024-01-15T11:00:00+01:00");
    assertThat(out.getString("summer")).isEqualTo("2024-07-15T12:00:00+02:00");
    assertThat(out.getString("zoned")).as("strings with an offset are instants").isEqualTo("2024-01-15T11:00:00+01:00");
    assertThat(out.schema().field("winter").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
  }

  @Test
  void wallClocksInADaylightSavingGapMoveForward() {
    Schema schema = SchemaBuilder.struct().field("t", Schema.INT64_SCHEMA).build();
    SinkRecord record = Fixtures.record(null, null, schema,
        new Struct(schema).put("t", wallClock("2024-03-31T02:30:00")));

    Struct out = (Struct) with(new TimeZone.Value<>(), "fields", "t", "from.zone", "Europe/Berlin",
        "to.zone", "UTC").apply(record).value();

    assertThat(out.getInt64("t")).isEqualTo(wallClock("2024-03-31T01:30:00"));
  }

  @Test
  void convertsInsideChangeEventsAndSchemalessRows() {
    Struct event = (Struct) with(new TimeZone.Value<>(), "fields", "created", "to.zone", "+05:00")
        .apply(Fixtures.sluice(dev.sluice.event.Envelope.Operation.UPDATE)).value();
    Map<?, ?> row = (Map<?, ?>) with(new TimeZone.Value<>(), "fields", "created", "to.zone", "+05:00")
        .apply(Fixtures.record(null, null, null, Fixtures.rowMap(1))).value();

    long expected = 1_700_000_000_000L + 5 * 3_600_000L;
    assertThat(event.getStruct("after").get("created")).isEqualTo(new Date(expected));
    assertThat(event.getStruct("before").get("created")).isEqualTo(new Date(expected));
    assertThat(row.get("created")).isEqualTo(expected);
  }

  @Test
  void datesHaveNoZoneToConvert() {
    assertThatThrownBy(() -> with(new TimeZone.Value<>(), "fields", "day", "to.zone", "UTC").apply(record()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("'day'")
        .hasMessageContaining("Dates and times of day have no zone");
  }

  @Test
  void unknownZonesAreConfigErrors() {
    assertThatThrownBy(() -> with(new TimeZone.Value<>(), "fields", "winter", "to.zone", "Mars/Olympus"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("to.zone")
        .hasMessageContaining("Europe/Berlin");
    assertThatThrownBy(() -> with(new TimeZone.Value<>(), "fields", "winter"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("to.zone");
  }
}
