package dev.sluice.transforms;

import dev.sluice.event.Envelope;
import dev.sluice.event.Envelope.Operation;
import dev.sluice.event.EnvelopeFields;
import dev.sluice.event.EnvelopeShape;
import dev.sluice.event.SluiceVersion;
import dev.sluice.event.SourceInfo;
import dev.sluice.transforms.OutboxConfig.OutboxSettings;
import dev.sluice.transforms.outbox.InvalidOpBehavior;
import dev.sluice.transforms.outbox.OutboxPlan;
import dev.sluice.transforms.outbox.Placement;
import dev.sluice.transforms.route.TableName;
import dev.sluice.transforms.row.Structs;
import dev.sluice.transforms.util.NullPolicy;
import dev.sluice.transforms.util.Records;
import dev.sluice.transforms.util.SchemaCache;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional outbox event router: turns inserts into an outbox table into events on topics
 * chosen by the aggregate type, keyed by the aggregate id, with the payload column as the value
 * and chosen columns as headers.
 *
 * <p>Settings and defaults are those of Debezium's outbox {@code EventRouter} (columns {@code id},
 * {@code aggregatetype}, {@code aggregateid}, {@code payload}; topic {@code
 * outbox.event.${routedByValue}}), so a configuration can be copied over; the payload is passed
 * on as it is (no JSON expansion). Inserts and snapshot reads become events; deletes and truncates
 * of outbox rows are dropped; updates follow {@code table.op.invalid.behavior}. Tombstones and
 * values that are not change events pass through unchanged ({@link NullPolicy}): apply Outbox to
 * the outbox table's topic only, e.g. with a {@code TableMatches} predicate. A change event of
 * another table fails with a {@link DataException} naming the missing column. Example:
 *
 * <pre>
 * transforms=outbox
 * transforms.outbox.type=dev.sluice.transforms.Outbox
 * transforms.outbox.table.fields.additional.placement=type:header:eventType
 * transforms.outbox.predicate=isOutbox
 * predicates=isOutbox
 * predicates.isOutbox.type=dev.sluice.transforms.predicates.TableMatches
 * predicates.isOutbox.table.regex=outbox
 * predicates.isOutbox.tombstones=skip
 * </pre>
 *
 * @param <R> the record type
 */
public class Outbox<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

  /** Shown in generated docs. */
  public static final String OVERVIEW_DOC =
      "Routes rows inserted into a transactional outbox table as events: topic from the aggregate"
          + " type column, key from the aggregate id, payload column as the value, chosen columns"
          + " as headers (Debezium EventRouter's settings and defaults). Deletes and truncates of"
          + " outbox rows are dropped, updates follow table.op.invalid.behavior; tombstones and"
          + " other values pass through.";

  /** The settings; see {@link OutboxConfig}. */
  public static final ConfigDef CONFIG_DEF = OutboxConfig.CONFIG_DEF;

  /** The header carrying the event id, as in Debezium. */
  public static final String ID_HEADER = "id";

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  private OutboxSettings settings;
  private final SchemaCache<OutboxPlan> plans = new SchemaCache<>();

  /** Creates an unconfigured transformation; Connect calls {@link #configure(Map)} next. */
  public Outbox() {}

  @Override
  public void configure(Map<String, ?> configs) {
    settings = new OutboxConfig(configs).settings();
    for (Placement placement : settings.placements()) {
      if (placement.where() == Placement.Where.ENVELOPE && placement.alias().equals("payload")) {
        throw new org.apache.kafka.common.config.ConfigException(
            OutboxConfig.ADDITIONAL_PLACEMENT_CONFIG, placement.column() + ":envelope",
            "the alias 'payload' is taken by the payload itself; give another alias");
      }
    }
  }

  @Override
  public R apply(R record) {
    Object value = record.value();
    if (value == null || !EnvelopeShape.of(value).isChangeEvent()) {
      return record;
    }
    Operation op = EnvelopeFields.op(value).orElse(null);
    if (op == null || op == Operation.DELETE || op == Operation.TRUNCATE) {
      LOG.debug("Outbox drops a '{}' event at {}", op, Records.describe(record));
      return null;
    }
    if (op == Operation.UPDATE) {
      return invalidOp(record);
    }
    try {
      return value instanceof Struct struct
          ? withSchema(record, struct)
          : schemaless(record, (Map<?, ?>) value);
    } catch (DataException e) {
      throw new DataException(
          "Outbox cannot route the record at " + Records.describe(record) + ": " + e.getMessage(),
          e);
    }
  }

  private R invalidOp(R record) {
    String message =
        "Outbox received an update of an outbox row at " + Records.describe(record)
            + "; outbox rows are only inserted (and deleted). Dropping it ("
            + OutboxConfig.OP_INVALID_BEHAVIOR_CONFIG + "=" + settings.invalidOp() + ")";
    if (settings.invalidOp() == InvalidOpBehavior.FATAL) {
      throw new DataException(
          "Outbox received an update of an outbox row at " + Records.describe(record)
              + "; outbox rows are only inserted (" + OutboxConfig.OP_INVALID_BEHAVIOR_CONFIG
              + "=fatal)");
    }
    if (settings.invalidOp() == InvalidOpBehavior.ERROR) {
      LOG.error(message);
    } else {
      LOG.warn(message);
    }
    return null;
  }

  private R withSchema(R record, Struct event) {
    OutboxPlan plan = plans.computeIfAbsent(event.schema(), s -> OutboxPlan.build(s, settings));
    Struct row = plan.row(event);
    if (row == null) {
      throw new DataException("the insert event has no 'after' row");
    }
    Object aggregateType = Structs.raw(row, plan.routeBy());
    String topic = topic(record, event, aggregateType);
    Headers headers = record.headers().duplicate();
    if (plan.id() != null) {
      headers.add(ID_HEADER, Structs.raw(row, plan.id()), plan.id().schema());
    }
    Integer partition = record.kafkaPartition();
    for (OutboxPlan.Placed placed : plan.placed()) {
      if (placed.field() == null) {
        continue;
      }
      Object columnValue = Structs.raw(row, placed.field());
      switch (placed.placement().where()) {
        case HEADER -> headers.add(placed.placement().alias(), columnValue, placed.field().schema());
        case PARTITION -> partition = partitionOf(columnValue, placed.placement());
        case ENVELOPE -> {
          // Placed into the value below.
        }
      }
    }
    Object payload = Structs.raw(row, plan.payload());
    boolean tombstone = payload == null && settings.tombstoneOnEmptyPayload();
    Object outValue = tombstone ? null : plan.value(row);
    Long timestamp = timestamp(record, plan.timestamp() == null ? null : Structs.raw(row, plan.timestamp()),
        plan.tsMs() == null ? null : event.get(plan.tsMs()));
    return record.newRecord(
        topic, partition, plan.key().schema(), Structs.raw(row, plan.key()),
        tombstone ? null : plan.valueSchema(), outValue, timestamp, headers);
  }

  private R schemaless(R record, Map<?, ?> event) {
    if (!(event.get(Envelope.AFTER) instanceof Map<?, ?> row)) {
      throw new DataException("the insert event has no 'after' row object");
    }
    Object aggregateType = required(row, settings.routeByColumn(), "route.by.field");
    String topic = topic(record, event, aggregateType);
    Object key = required(row, settings.keyColumn(), "table.field.event.key");
    Object payload = required(row, settings.payloadColumn(), "table.field.event.payload");
    Headers headers = record.headers().duplicate();
    if (row.containsKey(settings.idColumn())) {
      headers.add(ID_HEADER, row.get(settings.idColumn()), null);
    }
    Integer partition = record.kafkaPartition();
    Map<String, Object> envelope = null;
    for (Placement placement : settings.placements()) {
      if (!row.containsKey(placement.column())) {
        if (settings.errorOnMissing()) {
          required(row, placement.column(), "table.fields.additional.placement");
        }
        continue;
      }
      Object columnValue = row.get(placement.column());
      switch (placement.where()) {
        case HEADER -> headers.add(placement.alias(), columnValue, null);
        case PARTITION -> partition = partitionOf(columnValue, placement);
        case ENVELOPE -> {
          if (envelope == null) {
            envelope = new LinkedHashMap<>();
            envelope.put("payload", payload);
          }
          envelope.put(placement.alias(), columnValue);
        }
      }
    }
    boolean tombstone = payload == null && settings.tombstoneOnEmptyPayload();
    Object outValue = tombstone ? null : envelope != null ? envelope : payload;
    Object tsColumn = settings.timestampColumn() == null ? null : row.get(settings.timestampColumn());
    Long timestamp = timestamp(record, tsColumn, event.get(Envelope.TS_MS));
    return record.newRecord(topic, partition, null, key, null, outValue, timestamp, headers);
  }

  private static Object required(Map<?, ?> row, String column, String setting) {
    if (!row.containsKey(column)) {
      throw new DataException(
          "the outbox row has no column '" + column + "' (set by '" + setting
              + "'); is this the outbox table?");
    }
    return row.get(column);
  }

  private String topic(R record, Object event, Object aggregateType) {
    if (aggregateType == null) {
      throw new DataException(
          "the column '" + settings.routeByColumn() + "' (route.by.field) is null; every outbox"
              + " row needs an aggregate type");
    }
    Matcher matcher = settings.routeRegex().matcher(aggregateType.toString());
    if (!matcher.matches()) {
      return record.topic();
    }
    TableName table =
        new TableName(
            sourceName(event), EnvelopeFields.db(event).orElse(null),
            EnvelopeFields.table(event).orElse(null));
    return settings.topic().render(record.topic(), table, matcher);
  }

  private static String sourceName(Object event) {
    Object source =
        event instanceof Struct struct ? struct.get(Envelope.SOURCE) : ((Map<?, ?>) event).get(Envelope.SOURCE);
    Object name = null;
    if (source instanceof Struct block) {
      Field field = block.schema().field(SourceInfo.NAME);
      name = field == null ? null : block.get(field);
    } else if (source instanceof Map<?, ?> block) {
      name = block.get(SourceInfo.NAME);
    }
    return name instanceof String s ? s : null;
  }

  private static Integer partitionOf(Object value, Placement placement) {
    if (value instanceof Number number) {
      return number.intValue();
    }
    throw new DataException(
        "the column '" + placement.column() + "' placed as partition holds "
            + (value == null ? "null" : "a " + value.getClass().getSimpleName())
            + "; it must be an integer");
  }

  private static Long timestamp(ConnectRecord<?> record, Object column, Object tsMs) {
    if (column instanceof Date date) {
      return date.getTime();
    }
    if (column instanceof Number number) {
      return number.longValue();
    }
    if (tsMs instanceof Number number) {
      return number.longValue();
    }
    return record.timestamp();
  }

  /** How many plans (value schemas) were built so far: one per distinct envelope schema. */
  public long schemaBuilds() {
    return plans.builds();
  }

  @Override
  public ConfigDef config() {
    return CONFIG_DEF;
  }

  @Override
  public void close() {}

  @Override
  public String version() {
    return SluiceVersion.of(Outbox.class);
  }

}
