package dev.sluice.sink.mongo;

import dev.sluice.sink.mongo.view.BsonValueConverter;
import dev.sluice.sink.mongo.view.DecimalMode;
import dev.sluice.sink.mongo.view.IdStrategy;
import dev.sluice.sink.mongo.view.JsonMode;
import dev.sluice.sink.mongo.view.TemporalMode;
import dev.sluice.sink.mongo.view.TombstoneMode;
import dev.sluice.sink.mongo.writemodel.DeleteMode;
import dev.sluice.sink.mongo.writemodel.TruncateMode;
import dev.sluice.sink.mongo.writemodel.WriteMode;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings of one topic's view: every setting here (and in {@link NamespaceConfig} and
 * {@link EmbedConfig}) is a default for all topics and can be overridden for one topic with
 * {@code topic.override.<topic>.<setting>}.
 */
public final class TopicConfig extends AbstractConfig {

  /** Setting: id strategy. */
  public static final String ID_STRATEGY_CONFIG = "id.strategy";
  /** Default of {@value #ID_STRATEGY_CONFIG}. */
  public static final String ID_STRATEGY_DEFAULT = "key";
  /** Doc of {@value #ID_STRATEGY_CONFIG}. */
  public static final String ID_STRATEGY_DOC =
      "Where _id comes from. 'key': the record key (the primary key of change events); a key with one"
          + " field gives a scalar _id, a composite key a sub-document of its fields in key order, a"
          + " primitive key itself. 'fields': the row fields listed in id.fields.";
  /** Display name of {@value #ID_STRATEGY_CONFIG}. */
  public static final String ID_STRATEGY_DISPLAY = "Id strategy";

  /** Setting: id fields. */
  public static final String ID_FIELDS_CONFIG = "id.fields";
  /** Doc of {@value #ID_FIELDS_CONFIG}. */
  public static final String ID_FIELDS_DOC =
      "With id.strategy=fields: the row fields that make the _id, in order; one gives a scalar _id.";
  /** Display name of {@value #ID_FIELDS_CONFIG}. */
  public static final String ID_FIELDS_DISPLAY = "Id fields";

  /** Setting: write mode. */
  public static final String WRITE_MODE_CONFIG = "write.mode";
  /** Default of {@value #WRITE_MODE_CONFIG}. */
  public static final String WRITE_MODE_DEFAULT = "auto";
  /** Doc of {@value #WRITE_MODE_CONFIG}. */
  public static final String WRITE_MODE_DOC =
      "How inserts, updates and snapshot reads are written, always as a filtered upsert. 'replace': the"
          + " document becomes exactly the row. 'set': $set of each column, other fields are kept. 'auto':"
          + " replace, except in collections that embed child rows, where set keeps the arrays.";
  /** Display name of {@value #WRITE_MODE_CONFIG}. */
  public static final String WRITE_MODE_DISPLAY = "Write mode";

  /** Setting: delete mode. */
  public static final String DELETE_MODE_CONFIG = "delete.mode";
  /** Default of {@value #DELETE_MODE_CONFIG}. */
  public static final String DELETE_MODE_DEFAULT = "hard";
  /** Doc of {@value #DELETE_MODE_CONFIG}. */
  public static final String DELETE_MODE_DOC =
      "'hard': a delete removes the document and records a tombstone of its version (see"
          + " tombstones.retention.ms). 'soft': the document keeps the deleted row's columns and gets"
          + " delete.soft.field=true and delete.soft.time.field=the source time of the delete; a later"
          + " insert of the key clears both.";
  /** Display name of {@value #DELETE_MODE_CONFIG}. */
  public static final String DELETE_MODE_DISPLAY = "Delete mode";

  /** Setting: soft-delete flag field. */
  public static final String SOFT_FIELD_CONFIG = "delete.soft.field";
  /** Default of {@value #SOFT_FIELD_CONFIG}. */
  public static final String SOFT_FIELD_DEFAULT = "__deleted";
  /** Doc of {@value #SOFT_FIELD_CONFIG}. */
  public static final String SOFT_FIELD_DOC = "With delete.mode=soft: the boolean field set to true on delete.";
  /** Display name of {@value #SOFT_FIELD_CONFIG}. */
  public static final String SOFT_FIELD_DISPLAY = "Soft-delete flag field";

  /** Setting: soft-delete time field. */
  public static final String SOFT_TIME_FIELD_CONFIG = "delete.soft.time.field";
  /** Default of {@value #SOFT_TIME_FIELD_CONFIG}. */
  public static final String SOFT_TIME_FIELD_DEFAULT = "__deleted_at";
  /** Doc of {@value #SOFT_TIME_FIELD_CONFIG}. */
  public static final String SOFT_TIME_FIELD_DOC =
      "With delete.mode=soft: the date field set to when the row was deleted (source.ts_ms of change"
          + " events, else the record timestamp).";
  /** Display name of {@value #SOFT_TIME_FIELD_CONFIG}. */
  public static final String SOFT_TIME_FIELD_DISPLAY = "Soft-delete time field";

  /** Setting: tombstone handling. */
  public static final String TOMBSTONES_CONFIG = "tombstones";
  /** Default of {@value #TOMBSTONES_CONFIG}. */
  public static final String TOMBSTONES_DEFAULT = "auto";
  /** Doc of {@value #TOMBSTONES_CONFIG}. */
  public static final String TOMBSTONES_DOC =
      "What a record with a null value means. 'delete': a delete of the key's document. 'ignore':"
          + " nothing. 'auto': nothing on topics of change events (their delete event did the work),"
          + " a delete on topics of plain rows. A null value that keeps a row schema (an unwrapped delete) is a"
          + " delete; other tombstones are decided per partition from the last other record the task saw, or"
          + " before any, from the key schema name (*.Key means change events).";
  /** Display name of {@value #TOMBSTONES_CONFIG}. */
  public static final String TOMBSTONES_DISPLAY = "Tombstones";

  /** Setting: truncate handling. */
  public static final String TRUNCATE_MODE_CONFIG = "truncate.mode";
  /** Default of {@value #TRUNCATE_MODE_CONFIG}. */
  public static final String TRUNCATE_MODE_DEFAULT = "delete";
  /** Doc of {@value #TRUNCATE_MODE_CONFIG}. */
  public static final String TRUNCATE_MODE_DOC =
      "What a truncate event (op=t) does. 'delete': removes the topic's documents (or embedded"
          + " elements) written from older events; with source.seq a tombstone of the truncate keeps"
          + " replayed older inserts out. 'ignore': nothing.";
  /** Display name of {@value #TRUNCATE_MODE_CONFIG}. */
  public static final String TRUNCATE_MODE_DISPLAY = "Truncate";

  /** Setting: temporal mode. */
  public static final String TEMPORAL_MODE_CONFIG = "temporal.mode";
  /** Default of {@value #TEMPORAL_MODE_CONFIG}. */
  public static final String TEMPORAL_MODE_DEFAULT = "date";
  /** Doc of {@value #TEMPORAL_MODE_CONFIG}. */
  public static final String TEMPORAL_MODE_DOC =
      "Date/time columns (Connect Date/Time/Timestamp and io.debezium.time.*). 'date': BSON dates"
          + " (millisecond precision; DATETIME's wall clock read as UTC, TIME on 1970-01-01). 'string':"
          + " ISO-8601 text with every digit (TIME may be negative or beyond 24 h).";
  /** Display name of {@value #TEMPORAL_MODE_CONFIG}. */
  public static final String TEMPORAL_MODE_DISPLAY = "Temporal values";

  /** Setting: JSON mode. */
  public static final String JSON_MODE_CONFIG = "json.mode";
  /** Default of {@value #JSON_MODE_CONFIG}. */
  public static final String JSON_MODE_DEFAULT = "document";
  /** Doc of {@value #JSON_MODE_CONFIG}. */
  public static final String JSON_MODE_DOC =
      "JSON columns (io.debezium.data.Json). 'document': parsed into sub-documents/arrays (numbers"
          + " int32/int64/double, keys kept literally). 'string': the JSON text.";
  /** Display name of {@value #JSON_MODE_CONFIG}. */
  public static final String JSON_MODE_DISPLAY = "JSON values";

  /** Setting: decimal mode. */
  public static final String DECIMAL_MODE_CONFIG = "decimal.mode";
  /** Default of {@value #DECIMAL_MODE_CONFIG}. */
  public static final String DECIMAL_MODE_DEFAULT = "decimal128";
  /** Doc of {@value #DECIMAL_MODE_CONFIG}. */
  public static final String DECIMAL_MODE_DOC =
      "DECIMAL columns. 'decimal128': BSON Decimal128, exact up to 34 digits (a value with more is an"
          + " error for its record). 'string': the plain decimal text, exact at any precision.";
  /** Display name of {@value #DECIMAL_MODE_CONFIG}. */
  public static final String DECIMAL_MODE_DISPLAY = "Decimal values";

  private static final String GROUP = "View";

  /** This class's own settings. */
  private static final ConfigDef OWN =
      new ConfigDef()
          .define(ID_STRATEGY_CONFIG, Type.STRING, ID_STRATEGY_DEFAULT, SinkValidators.oneOf(IdStrategy.class),
              Importance.MEDIUM, ID_STRATEGY_DOC, GROUP, 1, Width.SHORT, ID_STRATEGY_DISPLAY)
          .define(ID_FIELDS_CONFIG, Type.LIST, "", SinkValidators.listOfNonBlank("row field names"),
              Importance.MEDIUM, ID_FIELDS_DOC, GROUP, 2, Width.MEDIUM, ID_FIELDS_DISPLAY)
          .define(WRITE_MODE_CONFIG, Type.STRING, WRITE_MODE_DEFAULT, SinkValidators.oneOf(WriteMode.class),
              Importance.MEDIUM, WRITE_MODE_DOC, GROUP, 3, Width.SHORT, WRITE_MODE_DISPLAY)
          .define(DELETE_MODE_CONFIG, Type.STRING, DELETE_MODE_DEFAULT, SinkValidators.oneOf(DeleteMode.class),
              Importance.MEDIUM, DELETE_MODE_DOC, GROUP, 4, Width.SHORT, DELETE_MODE_DISPLAY)
          .define(SOFT_FIELD_CONFIG, Type.STRING, SOFT_FIELD_DEFAULT, SinkValidators.nonBlank("field name"),
              Importance.LOW, SOFT_FIELD_DOC, GROUP, 5, Width.SHORT, SOFT_FIELD_DISPLAY)
          .define(SOFT_TIME_FIELD_CONFIG, Type.STRING, SOFT_TIME_FIELD_DEFAULT, SinkValidators.nonBlank("field name"),
              Importance.LOW, SOFT_TIME_FIELD_DOC, GROUP, 6, Width.SHORT, SOFT_TIME_FIELD_DISPLAY)
          .define(TOMBSTONES_CONFIG, Type.STRING, TOMBSTONES_DEFAULT, SinkValidators.oneOf(TombstoneMode.class),
              Importance.MEDIUM, TOMBSTONES_DOC, GROUP, 7, Width.SHORT, TOMBSTONES_DISPLAY)
          .define(TRUNCATE_MODE_CONFIG, Type.STRING, TRUNCATE_MODE_DEFAULT, SinkValidators.oneOf(TruncateMode.class),
              Importance.LOW, TRUNCATE_MODE_DOC, GROUP, 8, Width.SHORT, TRUNCATE_MODE_DISPLAY)
          .define(TEMPORAL_MODE_CONFIG, Type.STRING, TEMPORAL_MODE_DEFAULT, SinkValidators.oneOf(TemporalMode.class),
              Importance.MEDIUM, TEMPORAL_MODE_DOC, GROUP, 9, Width.SHORT, TEMPORAL_MODE_DISPLAY)
          .define(JSON_MODE_CONFIG, Type.STRING, JSON_MODE_DEFAULT, SinkValidators.oneOf(JsonMode.class),
              Importance.LOW, JSON_MODE_DOC, GROUP, 10, Width.SHORT, JSON_MODE_DISPLAY)
          .define(DECIMAL_MODE_CONFIG, Type.STRING, DECIMAL_MODE_DEFAULT, SinkValidators.oneOf(DecimalMode.class),
              Importance.LOW, DECIMAL_MODE_DOC, GROUP, 11, Width.SHORT, DECIMAL_MODE_DISPLAY);

  /** Every per-topic setting: namespace, view and embed settings. */
  public static final ConfigDef CONFIG_DEF = ConfigDefs.union(NamespaceConfig.CONFIG_DEF, OWN, EmbedConfig.CONFIG_DEF);

  private final String topic;
  private final NamespaceConfig namespace;
  private final EmbedConfig embed;
  private final IdStrategy idStrategy;
  private final List<String> idFields;
  private final WriteMode writeMode;
  private final DeleteMode deleteMode;
  private final String softDeleteField;
  private final String softDeleteTimeField;
  private final TombstoneMode tombstoneMode;
  private final TruncateMode truncateMode;
  private final BsonValueConverter converter;

  /**
   * Parses one topic's settings (defaults merged with its overrides).
   *
   * @param topic the topic, or null for the defaults
   * @param props the effective settings
   * @throws ConfigException naming the setting to fix
   */
  public TopicConfig(String topic, Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    this.topic = topic;
    this.namespace = new NamespaceConfig(props);
    this.embed = new EmbedConfig(props);
    this.idStrategy = IdStrategy.parse(getString(ID_STRATEGY_CONFIG));
    this.idFields = List.copyOf(getList(ID_FIELDS_CONFIG));
    if (idStrategy == IdStrategy.FIELDS && idFields.isEmpty()) {
      throw new ConfigException(ID_FIELDS_CONFIG, "", "id.strategy=fields needs the row fields that make the _id");
    }
    this.writeMode = WriteMode.parse(getString(WRITE_MODE_CONFIG));
    this.deleteMode = DeleteMode.parse(getString(DELETE_MODE_CONFIG));
    this.softDeleteField = getString(SOFT_FIELD_CONFIG).trim();
    this.softDeleteTimeField = getString(SOFT_TIME_FIELD_CONFIG).trim();
    this.tombstoneMode = TombstoneMode.parse(getString(TOMBSTONES_CONFIG));
    this.truncateMode = TruncateMode.parse(getString(TRUNCATE_MODE_CONFIG));
    this.converter = new BsonValueConverter(
        TemporalMode.parse(getString(TEMPORAL_MODE_CONFIG)),
        JsonMode.parse(getString(JSON_MODE_CONFIG)),
        DecimalMode.parse(getString(DECIMAL_MODE_CONFIG)));
    if (embed.field().isPresent() && writeMode == WriteMode.REPLACE) {
      throw new ConfigException(WRITE_MODE_CONFIG, "replace", "an embedded child topic writes array elements; leave write.mode at auto");
    }
  }

  /** The topic, or null for the connector-wide defaults. */
  public String topic() {
    return topic;
  }

  /** Where the topic's records go. */
  public NamespaceConfig namespace() {
    return namespace;
  }

  /** The embed settings (see {@link EmbedConfig#field()} for whether the topic is embedded). */
  public EmbedConfig embed() {
    return embed;
  }

  /** Where {@code _id} comes from. */
  public IdStrategy idStrategy() {
    return idStrategy;
  }

  /** The {@code _id} fields for {@link IdStrategy#FIELDS}. */
  public List<String> idFields() {
    return idFields;
  }

  /** How upserts are written. */
  public WriteMode writeMode() {
    return writeMode;
  }

  /** How deletes are written. */
  public DeleteMode deleteMode() {
    return deleteMode;
  }

  /** The soft-delete flag field. */
  public String softDeleteField() {
    return softDeleteField;
  }

  /** The soft-delete time field. */
  public String softDeleteTimeField() {
    return softDeleteTimeField;
  }

  /** What tombstones mean. */
  public TombstoneMode tombstoneMode() {
    return tombstoneMode;
  }

  /** What truncates do. */
  public TruncateMode truncateMode() {
    return truncateMode;
  }

  /** The value converter with this topic's modes. */
  public BsonValueConverter converter() {
    return converter;
  }
}
