package dev.sluice.transforms;

import dev.sluice.transforms.route.Partitioner;
import dev.sluice.transforms.route.Template;
import dev.sluice.transforms.row.FieldPath;
import dev.sluice.transforms.util.ConfigValidators;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link Route}. */
public final class RouteConfig extends AbstractConfig {

  /** Setting: which tables to route. */
  public static final String TABLE_REGEX_CONFIG = "table.regex";
  /** Doc of {@value #TABLE_REGEX_CONFIG}. */
  public static final String TABLE_REGEX_DOC =
      "Java regular expression that must match the whole '<db>.<table>' of a record for Route to"
          + " change it; its groups can be used in the templates ($1, ${name}). Empty (default):"
          + " every record whose database and table are known. Example for shards:"
          + " 'shop_\\d+\\.(orders)_\\d+'.";
  /** Display name of {@value #TABLE_REGEX_CONFIG}. */
  public static final String TABLE_REGEX_DISPLAY = "Table regex";

  /** Setting: topic template. */
  public static final String TOPIC_TEMPLATE_CONFIG = "topic.template";
  /** Default of {@value #TOPIC_TEMPLATE_CONFIG}: the topic is left as it is. */
  public static final String TOPIC_TEMPLATE_DEFAULT = "${topic}";
  /** Doc of {@value #TOPIC_TEMPLATE_CONFIG}. */
  public static final String TOPIC_TEMPLATE_DOC =
      "The output topic. Placeholders: ${topic} (the record's topic), ${server} (source.name, the"
          + " topic prefix), ${db}, ${table}, and the groups of 'table.regex' ($1..$9, ${12},"
          + " ${name}); '$$' is a literal '$'. Default '${topic}' keeps the topic. Example:"
          + " '${server}.${db}.all_$1'.";
  /** Display name of {@value #TOPIC_TEMPLATE_CONFIG}. */
  public static final String TOPIC_TEMPLATE_DISPLAY = "Topic template";

  /** Setting: key field for merged shards. */
  public static final String SHARD_KEY_FIELD_CONFIG = "shard.key.field";
  /** Doc of {@value #SHARD_KEY_FIELD_CONFIG}. */
  public static final String SHARD_KEY_FIELD_DOC =
      "When set, this STRING field is added to every routed key (Struct or Map keys; null keys"
          + " stay null), holding 'shard.key.template', so rows with the same primary key from"
          + " different shards stay apart in the merged topic. Empty (default): keys unchanged.";
  /** Display name of {@value #SHARD_KEY_FIELD_CONFIG}. */
  public static final String SHARD_KEY_FIELD_DISPLAY = "Shard key field";

  /** Setting: the value of the shard key field. */
  public static final String SHARD_KEY_TEMPLATE_CONFIG = "shard.key.template";
  /** Default of {@value #SHARD_KEY_TEMPLATE_CONFIG}. */
  public static final String SHARD_KEY_TEMPLATE_DEFAULT = "${db}.${table}";
  /** Doc of {@value #SHARD_KEY_TEMPLATE_CONFIG}. */
  public static final String SHARD_KEY_TEMPLATE_DOC =
      "The value of 'shard.key.field', with the placeholders of 'topic.template'.";
  /** Display name of {@value #SHARD_KEY_TEMPLATE_CONFIG}. */
  public static final String SHARD_KEY_TEMPLATE_DISPLAY = "Shard key template";

  /** Setting: partition by fields. */
  public static final String PARTITION_FIELDS_CONFIG = "partition.fields";
  /** Doc of {@value #PARTITION_FIELDS_CONFIG}. */
  public static final String PARTITION_FIELDS_DOC =
      "Comma-separated field paths whose values choose the partition with Kafka's murmur2, like"
          + " the default partitioner does for keys (a single string field lands where a record"
          + " keyed by that string would). Read from the row ('after', for deletes 'before'; the"
          + " value itself for rows that are not change events), else from the key. Tombstones"
          + " follow their row: from the key when it has the fields, else to the partition of the"
          + " delete just before them. Choose fields that never change, ideally key columns."
          + " Empty (default): partitions unchanged.";
  /** Display name of {@value #PARTITION_FIELDS_CONFIG}. */
  public static final String PARTITION_FIELDS_DISPLAY = "Partition fields";

  /** Setting: partition count. */
  public static final String PARTITION_COUNT_CONFIG = "partition.count";
  /** Doc of {@value #PARTITION_COUNT_CONFIG}. */
  public static final String PARTITION_COUNT_DOC =
      "The number of partitions of the output topics; required with 'partition.fields'. It must"
          + " match the topics, or records go to partitions that do not exist.";
  /** Display name of {@value #PARTITION_COUNT_CONFIG}. */
  public static final String PARTITION_COUNT_DISPLAY = "Partition count";

  /** Setting: names from topics. */
  public static final String TOPIC_NAMING_REGEX_CONFIG = "topic.naming.regex";
  /** Default of {@value #TOPIC_NAMING_REGEX_CONFIG}: Sluice's and Debezium's topic names. */
  public static final String TOPIC_NAMING_REGEX_DEFAULT =
      "(?<server>[^.]+)\\.(?<db>[^.]+)\\.(?<table>[^.]+)";
  /** Doc of {@value #TOPIC_NAMING_REGEX_CONFIG}. */
  public static final String TOPIC_NAMING_REGEX_DOC =
      "How to read server, database and table from a topic name, for records that carry neither a"
          + " source block nor the headers below: tombstones above all, so they follow their rows."
          + " Named groups 'db' and 'table' are required, 'server' is optional. The default reads"
          + " '<server>.<db>.<table>', the topic names of Sluice and Debezium.";
  /** Display name of {@value #TOPIC_NAMING_REGEX_CONFIG}. */
  public static final String TOPIC_NAMING_REGEX_DISPLAY = "Topic naming regex";

  /** Setting: header with the database name. */
  public static final String DB_HEADER_CONFIG = "db.header";
  /** Default of {@value #DB_HEADER_CONFIG}: what Unwrap's add.headers=db writes. */
  public static final String DB_HEADER_DEFAULT = "__db";
  /** Doc of {@value #DB_HEADER_CONFIG}. */
  public static final String DB_HEADER_DOC =
      "Header holding the database name of records that are no longer change events, e.g. rows"
          + " after Unwrap with 'add.headers=db,table' (which writes __db and __table).";
  /** Display name of {@value #DB_HEADER_CONFIG}. */
  public static final String DB_HEADER_DISPLAY = "Database header";

  /** Setting: header with the table name. */
  public static final String TABLE_HEADER_CONFIG = "table.header";
  /** Default of {@value #TABLE_HEADER_CONFIG}. */
  public static final String TABLE_HEADER_DEFAULT = "__table";
  /** Doc of {@value #TABLE_HEADER_CONFIG}. */
  public static final String TABLE_HEADER_DOC = "Header holding the table name; see 'db.header'.";
  /** Display name of {@value #TABLE_HEADER_CONFIG}. */
  public static final String TABLE_HEADER_DISPLAY = "Table header";

  private static final String GROUP = "Route";
  private static final String PARTITION_GROUP = "Partitioning";
  private static final String NAMES_GROUP = "Table names";

  /** The definition, shared with {@link Route#CONFIG_DEF}. */
  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(TABLE_REGEX_CONFIG, ConfigDef.Type.STRING, null, ConfigValidators.optionalRegex(),
              ConfigDef.Importance.HIGH, TABLE_REGEX_DOC, GROUP, 1, ConfigDef.Width.MEDIUM,
              TABLE_REGEX_DISPLAY)
          .define(TOPIC_TEMPLATE_CONFIG, ConfigDef.Type.STRING, TOPIC_TEMPLATE_DEFAULT,
              new ConfigDef.NonEmptyString(), ConfigDef.Importance.HIGH, TOPIC_TEMPLATE_DOC, GROUP,
              2, ConfigDef.Width.MEDIUM, TOPIC_TEMPLATE_DISPLAY)
          .define(SHARD_KEY_FIELD_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM,
              SHARD_KEY_FIELD_DOC, GROUP, 3, ConfigDef.Width.SHORT, SHARD_KEY_FIELD_DISPLAY)
          .define(SHARD_KEY_TEMPLATE_CONFIG, ConfigDef.Type.STRING, SHARD_KEY_TEMPLATE_DEFAULT,
              new ConfigDef.NonEmptyString(), ConfigDef.Importance.MEDIUM, SHARD_KEY_TEMPLATE_DOC,
              GROUP, 4, ConfigDef.Width.MEDIUM, SHARD_KEY_TEMPLATE_DISPLAY)
          .define(PARTITION_FIELDS_CONFIG, ConfigDef.Type.LIST, "",
              ConfigValidators.listOf(FieldPath::parse, "dotted field paths"),
              ConfigDef.Importance.MEDIUM, PARTITION_FIELDS_DOC, PARTITION_GROUP, 1,
              ConfigDef.Width.LONG, PARTITION_FIELDS_DISPLAY)
          .define(PARTITION_COUNT_CONFIG, ConfigDef.Type.INT, null,
              ConfigDef.LambdaValidator.with(
                  (name, value) -> {
                    if (value != null && (Integer) value < 1) {
                      throw new ConfigException(name, value, "must be at least 1");
                    }
                  },
                  () -> "empty, or an integer of at least 1"),
              ConfigDef.Importance.MEDIUM, PARTITION_COUNT_DOC, PARTITION_GROUP, 2,
              ConfigDef.Width.SHORT, PARTITION_COUNT_DISPLAY)
          .define(TOPIC_NAMING_REGEX_CONFIG, ConfigDef.Type.STRING, TOPIC_NAMING_REGEX_DEFAULT,
              ConfigValidators.optionalRegex(), ConfigDef.Importance.LOW, TOPIC_NAMING_REGEX_DOC,
              NAMES_GROUP, 1, ConfigDef.Width.LONG, TOPIC_NAMING_REGEX_DISPLAY)
          .define(DB_HEADER_CONFIG, ConfigDef.Type.STRING, DB_HEADER_DEFAULT,
              ConfigDef.Importance.LOW, DB_HEADER_DOC, NAMES_GROUP, 2, ConfigDef.Width.SHORT,
              DB_HEADER_DISPLAY)
          .define(TABLE_HEADER_CONFIG, ConfigDef.Type.STRING, TABLE_HEADER_DEFAULT,
              ConfigDef.Importance.LOW, TABLE_HEADER_DOC, NAMES_GROUP, 3, ConfigDef.Width.SHORT,
              TABLE_HEADER_DISPLAY);

  private final Pattern tableRegex;
  private final Template topicTemplate;
  private final String shardKeyField;
  private final Template shardKeyTemplate;
  private final Partitioner partitioner;
  private final Pattern topicNaming;
  private final String dbHeader;
  private final String tableHeader;

  /**
   * Parses and validates the settings.
   *
   * @param props the transformation's settings
   * @throws ConfigException naming the bad setting
   */
  public RouteConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    String regex = getString(TABLE_REGEX_CONFIG);
    tableRegex =
        regex == null || regex.isBlank() ? null : ConfigValidators.compile(TABLE_REGEX_CONFIG, regex);
    topicTemplate = template(TOPIC_TEMPLATE_CONFIG);
    String shard = getString(SHARD_KEY_FIELD_CONFIG);
    shardKeyField = shard == null || shard.isBlank() ? null : shard.trim();
    shardKeyTemplate = template(SHARD_KEY_TEMPLATE_CONFIG);
    List<FieldPath> fields = new ArrayList<>();
    for (String path : getList(PARTITION_FIELDS_CONFIG)) {
      fields.add(FieldPath.parse(path));
    }
    Integer count = getInt(PARTITION_COUNT_CONFIG);
    if (!fields.isEmpty() && count == null) {
      throw new ConfigException(
          PARTITION_COUNT_CONFIG, null,
          "'" + PARTITION_FIELDS_CONFIG + "' is set, so '" + PARTITION_COUNT_CONFIG
              + "' must say how many partitions the output topics have");
    }
    partitioner = fields.isEmpty() ? null : new Partitioner(fields, count);
    String naming = getString(TOPIC_NAMING_REGEX_CONFIG);
    topicNaming =
        naming == null || naming.isBlank()
            ? null
            : ConfigValidators.compile(TOPIC_NAMING_REGEX_CONFIG, naming);
    if (topicNaming != null
        && (!topicNaming.pattern().contains("(?<db>") || !topicNaming.pattern().contains("(?<table>"))) {
      throw new ConfigException(
          TOPIC_NAMING_REGEX_CONFIG, naming,
          "needs the named groups (?<db>...) and (?<table>...), e.g. the default "
              + TOPIC_NAMING_REGEX_DEFAULT);
    }
    dbHeader = getString(DB_HEADER_CONFIG);
    tableHeader = getString(TABLE_HEADER_CONFIG);
  }

  private Template template(String setting) {
    try {
      return Template.parse(getString(setting), tableRegex);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(setting, getString(setting), e.getMessage());
    }
  }

  /** The table regex, if set. */
  public Optional<Pattern> tableRegex() {
    return Optional.ofNullable(tableRegex);
  }

  /** The topic template. */
  public Template topicTemplate() {
    return topicTemplate;
  }

  /** The key field to add, if set. */
  public Optional<String> shardKeyField() {
    return Optional.ofNullable(shardKeyField);
  }

  /** The value of the key field. */
  public Template shardKeyTemplate() {
    return shardKeyTemplate;
  }

  /** The partitioner, if partition fields are set. */
  public Optional<Partitioner> partitioner() {
    return Optional.ofNullable(partitioner);
  }

  /** The topic naming regex, if set. */
  public Optional<Pattern> topicNaming() {
    return Optional.ofNullable(topicNaming);
  }

  /** The database header name. */
  public String dbHeader() {
    return dbHeader;
  }

  /** The table header name. */
  public String tableHeader() {
    return tableHeader;
  }
}
