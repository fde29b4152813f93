package dev.sluice.transforms.outbox;

import dev.sluice.event.Envelope;
import dev.sluice.transforms.OutboxConfig.OutboxSettings;
import dev.sluice.transforms.row.Structs;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Where Outbox finds each column in the rows of one envelope schema, and the value schema it
 * emits; built once per envelope schema.
 */
public final class OutboxPlan {

  /**
   * One additional column.
   *
   * @param placement where it goes
   * @param field the row field, or null when the row lacks it
   * @param out the field in the value struct for envelope placements, else null
   */
  public record Placed(Placement placement, Field field, Field out) {}

  private final Field after;
  private final Field id;
  private final Field key;
  private final Field payload;
  private final Field routeBy;
  private final Field timestamp;
  private final Field tsMs;
  private final List<Placed> placed;
  private final Schema valueSchema;
  private final Field valuePayload;

  private OutboxPlan(Schema envelope, OutboxSettings settings) {
    after = envelope.field(Envelope.AFTER);
    if (after == null || after.schema().type() != Schema.Type.STRUCT) {
      throw new DataException(
          "the change event schema " + Structs.describe(envelope) + " has no 'after' row struct");
    }
    Schema row = after.schema();
    id = row.field(settings.idColumn());
    key = required(row, settings.keyColumn(), "table.field.event.key");
    payload = required(row, settings.payloadColumn(), "table.field.event.payload");
    routeBy = required(row, settings.routeByColumn(), "route.by.field");
    timestamp =
        settings.timestampColumn() == null
            ? null
            : required(row, settings.timestampColumn(), "table.field.event.timestamp");
    tsMs = envelope.field(Envelope.TS_MS);
    List<Placement> envelopePlacements = new ArrayList<>();
    List<Field> envelopeFields = new ArrayList<>();
    for (Placement placement : settings.placements()) {
      Field field = row.field(placement.column());
      if (field == null && settings.errorOnMissing()) {
        throw missing(row, placement.column(), "table.fields.additional.placement");
      }
      if (placement.where() == Placement.Where.ENVELOPE && field != null) {
        envelopePlacements.add(placement);
        envelopeFields.add(field);
      }
    }
    if (envelopePlacements.isEmpty()) {
      valueSchema = payload.schema();
      valuePayload = null;
    } else {
      SchemaBuilder builder = SchemaBuilder.struct().field("payload", payload.schema());
      for (int i = 0; i < envelopePlacements.size(); i++) {
        builder.field(envelopePlacements.get(i).alias(), Structs.optional(envelopeFields.get(i).schema()));
      }
      valueSchema = builder.build();
      valuePayload = valueSchema.field("payload");
    }
    List<Placed> all = new ArrayList<>();
    for (Placement placement : settings.placements()) {
      Field field = row.field(placement.column());
      Field out =
          placement.where() == Placement.Where.ENVELOPE && field != null
              ? valueSchema.field(placement.alias())
              : null;
      all.add(new Placed(placement, field, out));
    }
    placed = List.copyOf(all);
  }

  /**
   * Plans for an envelope schema.
   *
   * @throws DataException naming a required column the rows lack, and the setting naming it
   */
  public static OutboxPlan build(Schema envelope, OutboxSettings settings) {
    return new OutboxPlan(envelope, settings);
  }

  private static Field required(Schema row, String column, String setting) {
    Field field = row.field(column);
    if (field == null) {
      throw missing(row, column, setting);
    }
    return field;
  }

  private static DataException missing(Schema row, String column, String setting) {
    return new DataException(
        "the outbox row " + Structs.describe(row) + " has no column '" + column + "' (set by '"
            + setting + "'); is this the outbox table?");
  }

  /** The row of an event. */
  public Struct row(Struct event) {
    return (Struct) event.get(after);
  }

  /** The event id field, or null when the rows lack it. */
  public Field id() {
    return id;
  }

  /** The aggregate id field: the key. */
  public Field key() {
    return key;
  }

  /** The payload field. */
  public Field payload() {
    return payload;
  }

  /** The aggregate type field. */
  public Field routeBy() {
    return routeBy;
  }

  /** The timestamp column, or null. */
  public Field timestamp() {
    return timestamp;
  }

  /** The envelope's ts_ms field, or null. */
  public Field tsMs() {
    return tsMs;
  }

  /** The additional columns. */
  public List<Placed> placed() {
    return placed;
  }

  /** The value schema of emitted records. */
  public Schema valueSchema() {
    return valueSchema;
  }

  /** The value for a row: the payload, or a struct of payload and envelope placements. */
  public Object value(Struct row) {
    Object payloadValue = Structs.raw(row, payload);
    if (valuePayload == null) {
      return payloadValue;
    }
    Struct value = new Struct(valueSchema).put(valuePayload, payloadValue);
    for (Placed p : placed) {
      if (p.out() != null) {
        value.put(p.out(), Structs.raw(row, p.field()));
      }
    }
    return value;
  }
}
