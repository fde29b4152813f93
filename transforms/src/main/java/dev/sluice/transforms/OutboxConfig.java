package dev.sluice.transforms;

import dev.sluice.transforms.outbox.InvalidOpBehavior;
import dev.sluice.transforms.outbox.Placement;
import dev.sluice.transforms.route.Template;
import dev.sluice.transforms.util.ConfigValidators;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of {@link Outbox}. Setting names and defaults follow Debezium's outbox EventRouter,
 * so a configuration can be copied over.
 */
public final class OutboxConfig extends AbstractConfig {

  /** Setting: event id column. */
  public static final String EVENT_ID_CONFIG = "table.field.event.id";
  /** Default of {@value #EVENT_ID_CONFIG}. */
  public static final String EVENT_ID_DEFAULT = "id";
  /** Doc of {@value #EVENT_ID_CONFIG}. */
  public static final String EVENT_ID_DOC =
      "Column with the unique event id; written to the header 'id' so consumers can deduplicate.";
  /** Display name of {@value #EVENT_ID_CONFIG}. */
  public static final String EVENT_ID_DISPLAY = "Event id column";

  /** Setting: event key column. */
  public static final String EVENT_KEY_CONFIG = "table.field.event.key";
  /** Default of {@value #EVENT_KEY_CONFIG}. */
  public static final String EVENT_KEY_DEFAULT = "aggregateid";
  /** Doc of {@value #EVENT_KEY_CONFIG}. */
  public static final String EVENT_KEY_DOC =
      "Column whose value becomes the record key (the aggregate id), so all events of one"
          + " aggregate land in one partition, in order.";
  /** Display name of {@value #EVENT_KEY_CONFIG}. */
  public static final String EVENT_KEY_DISPLAY = "Event key column";

  /** Setting: payload column. */
  public static final String EVENT_PAYLOAD_CONFIG = "table.field.event.payload";
  /** Default of {@value #EVENT_PAYLOAD_CONFIG}. */
  public static final String EVENT_PAYLOAD_DEFAULT = "payload";
  /** Doc of {@value #EVENT_PAYLOAD_CONFIG}. */
  public static final String EVENT_PAYLOAD_DOC =
      "Column whose value becomes the record value, as it is (a JSON payload stays a string).";
  /** Display name of {@value #EVENT_PAYLOAD_CONFIG}. */
  public static final String EVENT_PAYLOAD_DISPLAY = "Payload column";

  /** Setting: timestamp column. */
  public static final String EVENT_TIMESTAMP_CONFIG = "table.field.event.timestamp";
  /** Doc of {@value #EVENT_TIMESTAMP_CONFIG}. */
  public static final String EVENT_TIMESTAMP_DOC =
      "Column (Timestamp or int64 epoch milliseconds) whose value becomes the record timestamp."
          + " Empty (default): the change event's ts_ms, else the record's timestamp.";
  /** Display name of {@value #EVENT_TIMESTAMP_CONFIG}. */
  public static final String EVENT_TIMESTAMP_DISPLAY = "Timestamp column";

  /** Setting: extra columns. */
  public static final String ADDITIONAL_PLACEMENT_CONFIG = "table.fields.additional.placement";
  /** Doc of {@value #ADDITIONAL_PLACEMENT_CONFIG}. */
  public static final String ADDITIONAL_PLACEMENT_DOC =
      "Comma-separated 'column:placement[:alias]' entries placing more columns: 'header' (a"
          + " header named alias), 'envelope' (the value becomes a struct of 'payload' and these"
          + " fields) or 'partition' (an integer column choosing the partition). Example:"
          + " 'type:header:eventType'.";
  /** Display name of {@value #ADDITIONAL_PLACEMENT_CONFIG}. */
  public static final String ADDITIONAL_PLACEMENT_DISPLAY = "Additional columns";

  /** Setting: missing extra columns. */
  public static final String ADDITIONAL_ERROR_ON_MISSING_CONFIG =
      "table.fields.additional.error.on.missing";
  /** Default of {@value #ADDITIONAL_ERROR_ON_MISSING_CONFIG}. */
  public static final boolean ADDITIONAL_ERROR_ON_MISSING_DEFAULT = true;
  /** Doc of {@value #ADDITIONAL_ERROR_ON_MISSING_CONFIG}. */
  public static final String ADDITIONAL_ERROR_ON_MISSING_DOC =
      "Whether an event whose row lacks a column of 'table.fields.additional.placement' fails"
          + " (true) or is emitted without it (false).";
  /** Display name of {@value #ADDITIONAL_ERROR_ON_MISSING_CONFIG}. */
  public static final String ADDITIONAL_ERROR_ON_MISSING_DISPLAY = "Fail on missing columns";

  /** Setting: routing column. */
  public static final String ROUTE_BY_FIELD_CONFIG = "route.by.field";
  /** Default of {@value #ROUTE_BY_FIELD_CONFIG}. */
  public static final String ROUTE_BY_FIELD_DEFAULT = "aggregatetype";
  /** Doc of {@value #ROUTE_BY_FIELD_CONFIG}. */
  public static final String ROUTE_BY_FIELD_DOC =
      "Column whose value (the aggregate type, e.g. 'order') chooses the topic through"
          + " 'route.topic.regex' and 'route.topic.replacement'. Required in every row.";
  /** Display name of {@value #ROUTE_BY_FIELD_CONFIG}. */
  public static final String ROUTE_BY_FIELD_DISPLAY = "Route by column";

  /** Setting: regex over the routing value. */
  public static final String ROUTE_TOPIC_REGEX_CONFIG = "route.topic.regex";
  /** Default of {@value #ROUTE_TOPIC_REGEX_CONFIG}. */
  public static final String ROUTE_TOPIC_REGEX_DEFAULT = "(?<routedByValue>.*)";
  /** Doc of {@value #ROUTE_TOPIC_REGEX_CONFIG}. */
  public static final String ROUTE_TOPIC_REGEX_DOC =
      "Java regular expression matched against the whole routing value; its groups can be used"
          + " in 'route.topic.replacement'. Events whose value does not match keep their topic.";
  /** Display name of {@value #ROUTE_TOPIC_REGEX_CONFIG}. */
  public static final String ROUTE_TOPIC_REGEX_DISPLAY = "Route topic regex";

  /** Setting: topic template. */
  public static final String ROUTE_TOPIC_REPLACEMENT_CONFIG = "route.topic.replacement";
  /** Default of {@value #ROUTE_TOPIC_REPLACEMENT_CONFIG}. */
  public static final String ROUTE_TOPIC_REPLACEMENT_DEFAULT = "outbox.event.${routedByValue}";
  /** Doc of {@value #ROUTE_TOPIC_REPLACEMENT_CONFIG}. */
  public static final String ROUTE_TOPIC_REPLACEMENT_DOC =
      "The topic: the groups of 'route.topic.regex' ($1, ${routedByValue}) and Route's"
          + " placeholders ${topic}, ${server}, ${db}, ${table} (of the outbox table).";
  /** Display name of {@value #ROUTE_TOPIC_REPLACEMENT_CONFIG}. */
  public static final String ROUTE_TOPIC_REPLACEMENT_DISPLAY = "Route topic replacement";

  /** Setting: tombstones for empty payloads. */
  public static final String TOMBSTONE_ON_EMPTY_PAYLOAD_CONFIG = "route.tombstone.on.empty.payload";
  /** Default of {@value #TOMBSTONE_ON_EMPTY_PAYLOAD_CONFIG}. */
  public static final boolean TOMBSTONE_ON_EMPTY_PAYLOAD_DEFAULT = false;
  /** Doc of {@value #TOMBSTONE_ON_EMPTY_PAYLOAD_CONFIG}. */
  public static final String TOMBSTONE_ON_EMPTY_PAYLOAD_DOC =
      "Whether an event with a null payload becomes a tombstone (null value without schema), so"
          + " that compaction removes the aggregate; otherwise it keeps the payload's schema with"
          + " a null value.";
  /** Display name of {@value #TOMBSTONE_ON_EMPTY_PAYLOAD_CONFIG}. */
  public static final String TOMBSTONE_ON_EMPTY_PAYLOAD_DISPLAY = "Tombstone on empty payload";

  /** Setting: updates of outbox rows. */
  public static final String OP_INVALID_BEHAVIOR_CONFIG = "table.op.invalid.behavior";
  /** Default of {@value #OP_INVALID_BEHAVIOR_CONFIG}. */
  public static final String OP_INVALID_BEHAVIOR_DEFAULT = "warn";
  /** Doc of {@value #OP_INVALID_BEHAVIOR_CONFIG}. */
  public static final String OP_INVALID_BEHAVIOR_DOC =
      "What to do with updates of outbox rows, which an outbox never makes: 'warn' (drop and log"
          + " a warning), 'error' (drop and log an error) or 'fatal' (fail the record). Deletes"
          + " (outbox rows are usually deleted right after insertion) and truncates are dropped"
          + " silently; inserts and snapshot reads become events.";
  /** Display name of {@value #OP_INVALID_BEHAVIOR_CONFIG}. */
  public static final String OP_INVALID_BEHAVIOR_DISPLAY = "Invalid operation behavior";

  private static final String GROUP = "Outbox table";
  private static final String ROUTING = "Routing";

  /** The definition, shared with {@link Outbox#CONFIG_DEF}. */
  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(EVENT_ID_CONFIG, ConfigDef.Type.STRING, EVENT_ID_DEFAULT,
              new ConfigDef.NonEmptyString(), ConfigDef.Importance.MEDIUM, EVENT_ID_DOC, GROUP, 1,
              ConfigDef.Width.SHORT, EVENT_ID_DISPLAY)
          .define(EVENT_KEY_CONFIG, ConfigDef.Type.STRING, EVENT_KEY_DEFAULT,
              new ConfigDef.NonEmptyString(), ConfigDef.Importance.HIGH, EVENT_KEY_DOC, GROUP, 2,
              ConfigDef.Width.SHORT, EVENT_KEY_DISPLAY)
          .define(EVENT_PAYLOAD_CONFIG, ConfigDef.Type.STRING, EVENT_PAYLOAD_DEFAULT,
              new ConfigDef.NonEmptyString(), ConfigDef.Importance.HIGH, EVENT_PAYLOAD_DOC, GROUP,
              3, ConfigDef.Width.SHORT, EVENT_PAYLOAD_DISPLAY)
          .define(EVENT_TIMESTAMP_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW,
              EVENT_TIMESTAMP_DOC, GROUP, 4, ConfigDef.Width.SHORT, EVENT_TIMESTAMP_DISPLAY)
          .define(ADDITIONAL_PLACEMENT_CONFIG, ConfigDef.Type.LIST, "",
              ConfigValidators.listOf(Placement::parse, "column:header|envelope|partition[:alias]"),
              ConfigDef.Importance.MEDIUM, ADDITIONAL_PLACEMENT_DOC, GROUP, 5,
              ConfigDef.Width.LONG, ADDITIONAL_PLACEMENT_DISPLAY)
          .define(ADDITIONAL_ERROR_ON_MISSING_CONFIG, ConfigDef.Type.BOOLEAN,
              ADDITIONAL_ERROR_ON_MISSING_DEFAULT, ConfigDef.Importance.LOW,
              ADDITIONAL_ERROR_ON_MISSING_DOC, GROUP, 6, ConfigDef.Width.SHORT,
              ADDITIONAL_ERROR_ON_MISSING_DISPLAY)
          .define(OP_INVALID_BEHAVIOR_CONFIG, ConfigDef.Type.STRING, OP_INVALID_BEHAVIOR_DEFAULT,
              ConfigValidators.parsedBy(InvalidOpBehavior::parse, InvalidOpBehavior.validCodes()),
              ConfigDef.Importance.LOW, OP_INVALID_BEHAVIOR_DOC, GROUP, 7, ConfigDef.Width.SHORT,
              OP_INVALID_BEHAVIOR_DISPLAY)
          .define(ROUTE_BY_FIELD_CONFIG, ConfigDef.Type.STRING, ROUTE_BY_FIELD_DEFAULT,
              new ConfigDef.NonEmptyString(), ConfigDef.Importance.HIGH, ROUTE_BY_FIELD_DOC,
              ROUTING, 1, ConfigDef.Width.SHORT, ROUTE_BY_FIELD_DISPLAY)
          .define(ROUTE_TOPIC_REGEX_CONFIG, ConfigDef.Type.STRING, ROUTE_TOPIC_REGEX_DEFAULT,
              ConfigValidators.optionalRegex(), ConfigDef.Importance.MEDIUM, ROUTE_TOPIC_REGEX_DOC,
              ROUTING, 2, ConfigDef.Width.MEDIUM, ROUTE_TOPIC_REGEX_DISPLAY)
          .define(ROUTE_TOPIC_REPLACEMENT_CONFIG, ConfigDef.Type.STRING,
              ROUTE_TOPIC_REPLACEMENT_DEFAULT, new ConfigDef.NonEmptyString(),
              ConfigDef.Importance.HIGH, ROUTE_TOPIC_REPLACEMENT_DOC, ROUTING, 3,
              ConfigDef.Width.MEDIUM, ROUTE_TOPIC_REPLACEMENT_DISPLAY)
          .define(TOMBSTONE_ON_EMPTY_PAYLOAD_CONFIG, ConfigDef.Type.BOOLEAN,
              TOMBSTONE_ON_EMPTY_PAYLOAD_DEFAULT, ConfigDef.Importance.LOW,
              TOMBSTONE_ON_EMPTY_PAYLOAD_DOC, ROUTING, 4, ConfigDef.Width.SHORT,
              TOMBSTONE_ON_EMPTY_PAYLOAD_DISPLAY);

  private final OutboxSettings settings;

  /**
   * Parses and validates the settings.
   *
   * @param props the transformation's settings
   * @throws ConfigException naming the bad setting
   */
  public OutboxConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    String regex = getString(ROUTE_TOPIC_REGEX_CONFIG);
    Pattern pattern =
        ConfigValidators.compile(
            ROUTE_TOPIC_REGEX_CONFIG, regex == null || regex.isBlank() ? ".*" : regex);
    Template replacement;
    try {
      replacement = Template.parse(getString(ROUTE_TOPIC_REPLACEMENT_CONFIG), pattern);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          ROUTE_TOPIC_REPLACEMENT_CONFIG, getString(ROUTE_TOPIC_REPLACEMENT_CONFIG),
          e.getMessage().replace("table.regex", ROUTE_TOPIC_REGEX_CONFIG));
    }
    List<Placement> placements = new ArrayList<>();
    for (String entry : getList(ADDITIONAL_PLACEMENT_CONFIG)) {
      placements.add(Placement.parse(entry));
    }
    String timestamp = getString(EVENT_TIMESTAMP_CONFIG);
    settings =
        new OutboxSettings(
            getString(EVENT_ID_CONFIG).trim(),
            getString(EVENT_KEY_CONFIG).trim(),
            getString(EVENT_PAYLOAD_CONFIG).trim(),
            timestamp == null || timestamp.isBlank() ? null : timestamp.trim(),
            placements,
            getBoolean(ADDITIONAL_ERROR_ON_MISSING_CONFIG),
            getString(ROUTE_BY_FIELD_CONFIG).trim(),
            pattern,
            replacement,
            getBoolean(TOMBSTONE_ON_EMPTY_PAYLOAD_CONFIG),
            InvalidOpBehavior.parse(getString(OP_INVALID_BEHAVIOR_CONFIG)));
  }

  /** The parsed settings. */
  public OutboxSettings settings() {
    return settings;
  }

  /**
   * Outbox's parsed configuration.
   *
   * @param idColumn event id column
   * @param keyColumn aggregate id column
   * @param payloadColumn payload column
   * @param timestampColumn timestamp column, or null
   * @param placements additional columns
   * @param errorOnMissing whether a missing additional column fails the record
   * @param routeByColumn aggregate type column
   * @param routeRegex regex over the aggregate type
   * @param topic topic template
   * @param tombstoneOnEmptyPayload whether null payloads become tombstones
   * @param invalidOp what updates do
   */
  public record OutboxSettings(
      String idColumn,
      String keyColumn,
      String payloadColumn,
      String timestampColumn,
      List<Placement> placements,
      boolean errorOnMissing,
      String routeByColumn,
      Pattern routeRegex,
      Template topic,
      boolean tombstoneOnEmptyPayload,
      InvalidOpBehavior invalidOp) {

    /** Copies the placements. */
    public OutboxSettings {
      placements = List.copyOf(placements);
    }
  }
}
