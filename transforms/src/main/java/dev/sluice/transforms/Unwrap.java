package dev.sluice.transforms;

import dev.sluice.event.Envelope;
import dev.sluice.event.Envelope.Operation;
import dev.sluice.event.EnvelopeShape;
import dev.sluice.event.SluiceVersion;
import dev.sluice.transforms.unwrap.DeleteHandling;
import dev.sluice.transforms.unwrap.DeleteHandling.DeleteAction;
import dev.sluice.transforms.unwrap.SchemalessUnwrap;
import dev.sluice.transforms.unwrap.UnwrapPlan;
import dev.sluice.transforms.unwrap.UnwrapPlans;
import dev.sluice.transforms.unwrap.UnwrapSettings;
import dev.sluice.transforms.util.NullPolicy;
import dev.sluice.transforms.util.Records;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns change events into the row they leave behind: the {@code after} state, optionally with
 * fields and headers from the envelope, with deletes dropped, kept as tombstones or rewritten with
 * {@code __deleted=true}.
 *
 * <p>Works on Sluice's and Debezium's events, with a schema or schemaless. Where its options
 * overlap with Debezium's {@code ExtractNewRecordState}, the names, values and defaults are the
 * same ({@code delete.tombstone.handling.mode}, the older {@code delete.handling.mode} and {@code
 * drop.tombstones}, {@code add.fields}, {@code add.fields.prefix}, {@code add.headers}, {@code
 * add.headers.prefix}, {@code route.by.field}, {@code replace.null.with.default}), so a
 * configuration can be copied over, with Debezium's behaviour (by default each delete becomes a
 * null-valued record and the tombstone after it is dropped). Two differences: {@code __deleted} is a boolean, and a row
 * keeps its schema from the envelope (optional, the very instance; Debezium 3.x emits a required
 * copy), so without added fields the {@code after} Struct is passed on without copying. Values that
 * are not change events pass through unchanged ({@link NullPolicy}); tombstones pass through
 * only in the modes that keep them, which is the one place a Sluice transformation departs from
 * the shared policy, because the delete handling mode asks for it explicitly. Truncate events
 * carry no row and are dropped, as in Debezium. Example:
 *
 * <pre>
 * transforms=unwrap
 * transforms.unwrap.type=dev.sluice.transforms.Unwrap
 * transforms.unwrap.delete.tombstone.handling.mode=rewrite
 * transforms.unwrap.add.fields=op,table,seq
 * transforms.unwrap.add.headers=db,table
 * </pre>
 *
 * @param <R> the record type
 */
public class Unwrap<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

  /** Shown in generated docs. */
  public static final String OVERVIEW_DOC =
      "Replaces each change event (Sluice or Debezium, with or without schema) by its row: the"
          + " 'after' state, optionally with envelope fields and headers added; deletes become"
          + " tombstones, are dropped or are rewritten with __deleted=true. Config names and"
          + " behaviour follow Debezium's ExtractNewRecordState where the two overlap. Values that"
          + " are not change events pass through; truncate events are dropped.";

  /** The settings; see {@link UnwrapConfig}. */
  public static final ConfigDef CONFIG_DEF = UnwrapConfig.CONFIG_DEF;

  /** The field marking rewritten deletes, as in Debezium. */
  public static final String DELETED_FIELD = "__deleted";

  private static final Logger LOG = LoggerFactory.getLogger(Unwrap.class);

  private UnwrapSettings settings;
  private UnwrapPlans plans;
  private SchemalessUnwrap schemaless;

  /** Creates an unconfigured transformation; Connect calls {@link #configure(Map)} next. */
  public Unwrap() {}

  @Override
  public void configure(Map<String, ?> configs) {
    UnwrapConfig config = new UnwrapConfig(configs);
    settings =
        new UnwrapSettings(
            config.deleteHandling(),
            config.addedFields(),
            config.addedHeaders(),
            config.routeByField(),
            config.replaceNullWithDefault());
    plans = new UnwrapPlans(settings);
    schemaless = new SchemalessUnwrap(settings);
    LOG.debug("Unwrap configured: {}", settings);
  }

  @Override
  public R apply(R record) {
    Object value = record.value();
    if (value == null) {
      return settings.deleteHandling().keepTombstones() ? record : null;
    }
    try {
      if (value instanceof Struct struct) {
        return applyWithSchema(record, struct);
      }
      if (value instanceof Map<?, ?> map && EnvelopeShape.of(map).isChangeEvent()) {
        return applySchemaless(record, map);
      }
      return record;
    } catch (DataException e) {
      throw new DataException(
          "Unwrap cannot unwrap the record at " + Records.describe(record) + ": " + e.getMessage(),
          e);
    }
  }

  private R applyWithSchema(R record, Struct value) {
    UnwrapPlan plan = plans.forSchema(value.schema());
    if (!plan.isEnvelope()) {
      return record;
    }
    Operation op = Operation.forCode(plan.op(value)).orElse(null);
    if (op == null) {
      LOG.debug("Unwrap passes through an event with unknown op '{}' at {}", plan.op(value),
          Records.describe(record));
      return record;
    }
    Struct row;
    boolean deleted = false;
    switch (op) {
      case TRUNCATE:
        return null;
      case DELETE:
        DeleteHandling handling = settings.deleteHandling();
        if (handling.onDelete() == DeleteAction.DROP) {
          return null;
        }
        if (handling.onDelete() == DeleteAction.TOMBSTONE
            || handling.onDelete() == DeleteAction.NULL_ROW) {
          Schema schema = handling.onDelete() == DeleteAction.NULL_ROW ? plan.outSchema() : null;
          return nullValue(record, schema, plan.hasHeaders() ? headers(record, value, plan) : null);
        }
        row = plan.before(value);
        deleted = true;
        break;
      default:
        row = plan.after(value);
        break;
    }
    if (row == null) {
      throw new DataException(
          "the '" + op.code() + "' event has no '" + (deleted ? Envelope.BEFORE : Envelope.AFTER)
              + "' row to unwrap");
    }
    Struct out = plan.row(value, row, deleted);
    String topic = plan.routeTopic(row);
    return record.newRecord(
        topic == null ? record.topic() : topic,
        record.kafkaPartition(),
        record.keySchema(),
        record.key(),
        out.schema(),
        out,
        record.timestamp(),
        plan.hasHeaders() ? headers(record, value, plan) : record.headers().duplicate());
  }

  private R applySchemaless(R record, Map<?, ?> event) {
    Operation op = Operation.forCode((String) event.get(Envelope.OP)).orElse(null);
    if (op == null) {
      LOG.debug("Unwrap passes through an event with unknown op '{}' at {}",
          event.get(Envelope.OP), Records.describe(record));
      return record;
    }
    String rowField = Envelope.AFTER;
    boolean deleted = false;
    switch (op) {
      case TRUNCATE:
        return null;
      case DELETE:
        DeleteHandling handling = settings.deleteHandling();
        if (handling.onDelete() == DeleteAction.DROP) {
          return null;
        }
        if (handling.onDelete() == DeleteAction.TOMBSTONE
            || handling.onDelete() == DeleteAction.NULL_ROW) {
          Headers headers = record.headers().duplicate();
          schemaless.addHeaders(event, headers);
          return nullValue(record, null, headers);
        }
        rowField = Envelope.BEFORE;
        deleted = true;
        break;
      default:
        break;
    }
    Object row = event.get(rowField);
    if (!(row instanceof Map<?, ?> rowMap)) {
      throw new DataException(
          "the '" + op.code() + "' event has " + (row == null ? "no" : "a non-object") + " '"
              + rowField + "' row to unwrap");
    }
    Map<?, ?> out = schemaless.row(event, rowMap, deleted);
    Headers headers = record.headers().duplicate();
    schemaless.addHeaders(event, headers);
    String topic = schemaless.routeTopic(rowMap);
    return record.newRecord(
        topic == null ? record.topic() : topic,
        record.kafkaPartition(),
        record.keySchema(),
        record.key(),
        null,
        out,
        record.timestamp(),
        headers);
  }

  private R nullValue(R record, Schema valueSchema, Headers headers) {
    return record.newRecord(
        record.topic(),
        record.kafkaPartition(),
        record.keySchema(),
        record.key(),
        valueSchema,
        null,
        record.timestamp(),
        headers == null ? record.headers().duplicate() : headers);
  }

  private Headers headers(R record, Struct value, UnwrapPlan plan) {
    Headers headers = record.headers().duplicate();
    plan.addHeaders(value, headers);
    return headers;
  }

  /** How many output schemas were built so far: one per distinct envelope schema. */
  public long schemaBuilds() {
    return plans == null ? 0 : plans.builds();
  }

  @Override
  public ConfigDef config() {
    return CONFIG_DEF;
  }

  @Override
  public void close() {}

  @Override
  public String version() {
    return SluiceVersion.of(Unwrap.class);
  }
}
