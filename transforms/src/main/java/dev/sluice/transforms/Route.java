package dev.sluice.transforms;

import dev.sluice.event.Envelope;
import dev.sluice.event.EnvelopeFields;
import dev.sluice.event.EnvelopeShape;
import dev.sluice.event.SluiceVersion;
import dev.sluice.event.SourceInfo;
import dev.sluice.transforms.route.KeyShard;
import dev.sluice.transforms.route.Partitioner;
import dev.sluice.transforms.route.RecentPartitions;
import dev.sluice.transforms.route.TableName;
import dev.sluice.transforms.route.Template;
import dev.sluice.transforms.util.NullPolicy;
import dev.sluice.transforms.util.Records;
import dev.sluice.transforms.util.SchemaCache;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.transforms.Transformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes records by the database and table their row comes from: the topic from a template,
 * optionally a key field that keeps rows of merged shards apart, and optionally the partition from
 * chosen fields with Kafka's murmur2.
 *
 * <p>Database and table are read from the change event's source block; for rows that are no
 * longer change events (after {@link Unwrap}) from the headers {@code __db}/{@code __table}
 * (Unwrap's {@code add.headers=db,table}); for tombstones, which carry neither, from the topic name
 * ({@code topic.naming.regex}). A tombstone is therefore routed to the same topic, gets the same
 * shard key and lands in the same partition as the rows of its table and key (see {@link
 * RouteConfig#PARTITION_FIELDS_DOC}). Records whose table is unknown, or not matched by {@code
 * table.regex}, pass through unchanged ({@link NullPolicy}). Example, merging the shards {@code
 * shop_1.orders_1}, {@code shop_2.orders_7}... into one topic:
 *
 * <pre>
 * transforms=route
 * transforms.route.type=dev.sluice.transforms.Route
 * transforms.route.table.regex=shop_\d+\.(orders)_\d+
 * transforms.route.topic.template=${server}.shop.all_$1
 * transforms.route.shard.key.field=__shard
 * </pre>
 *
 * @param <R> the record type
 */
public class Route<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

  /** Shown in generated docs. */
  public static final String OVERVIEW_DOC =
      "Routes records by database and table (from the change event, Unwrap's headers, or the"
          + " topic name for tombstones): topic from a template with regex groups, an optional key"
          + " field that keeps rows of merged shards apart, an optional partition chosen from"
          + " fields with Kafka's murmur2. Tombstones follow their rows.";

  /** The settings; see {@link RouteConfig}. */
  public static final ConfigDef CONFIG_DEF = RouteConfig.CONFIG_DEF;

  private static final Logger LOG = LoggerFactory.getLogger(Route.class);
  private static final int RECENT_KEYS = 4096;

  private Pattern tableRegex;
  private Template topicTemplate;
  private Template shardKeyTemplate;
  private KeyShard keyShard;
  private Partitioner partitioner;
  private RecentPartitions recent;
  private Pattern topicNaming;
  private boolean namingHasServer;
  private String dbHeader;
  private String tableHeader;
  private final SchemaCache<SourceFields> sourceFields = new SchemaCache<>();
  private volatile Routing lastRouting;
  private final Set<String> unplacedTopics = Collections.synchronizedSet(new LinkedHashSet<>());

  /** Creates an unconfigured transformation; Connect calls {@link #configure(Map)} next. */
  public Route() {}

  @Override
  public void configure(Map<String, ?> configs) {
    RouteConfig config = new RouteConfig(configs);
    tableRegex = config.tableRegex().orElse(null);
    topicTemplate = config.topicTemplate();
    shardKeyTemplate = config.shardKeyTemplate();
    keyShard = config.shardKeyField().map(KeyShard::new).orElse(null);
    partitioner = config.partitioner().orElse(null);
    recent = partitioner == null ? null : new RecentPartitions(RECENT_KEYS);
    topicNaming = config.topicNaming().orElse(null);
    namingHasServer = topicNaming != null && topicNaming.pattern().contains("(?<server>");
    dbHeader = config.dbHeader();
    tableHeader = config.tableHeader();
    LOG.debug("Route configured: table.regex={}, topic.template={}", tableRegex, topicTemplate);
  }

  @Override
  public R apply(R record) {
    TableName name = tableName(record);
    if (name == null) {
      return record;
    }
    Routing routing = routing(record.topic(), name);
    if (routing == null) {
      return record;
    }
    String topic = routing.topic();
    Schema keySchema = record.keySchema();
    Object key = record.key();
    try {
      if (keyShard != null && key != null) {
        key = keyShard.addTo(key, routing.shard());
        keySchema = key instanceof Struct struct ? struct.schema() : keySchema;
      }
      Integer partition = partitioner == null ? record.kafkaPartition() : partition(record, topic);
      if (topic.equals(record.topic())
          && key == record.key()
          && Objects.equals(partition, record.kafkaPartition())) {
        return record;
      }
      return record.newRecord(
          topic, partition, keySchema, key, record.valueSchema(), record.value(),
          record.timestamp(), record.headers().duplicate());
    } catch (DataException e) {
      throw new DataException(
          "Route cannot route the record at " + Records.describe(record) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The output topic and shard key value for a table, or null when table.regex does not match.
   * Both depend only on the input topic and the table name, so the last answer is kept: records
   * of one table in a row then cost four string comparisons instead of a regex match and two
   * template renderings.
   */
  private Routing routing(String inputTopic, TableName name) {
    Routing recent = lastRouting;
    if (recent != null && recent.isFor(inputTopic, name)) {
      return recent.matched() ? recent : null;
    }
    Matcher match = null;
    boolean matched = true;
    if (tableRegex != null) {
      match = tableRegex.matcher(name.qualified());
      matched = match.matches();
    }
    Routing routing =
        matched
            ? new Routing(inputTopic, name, true, topicTemplate.render(inputTopic, name, match),
                keyShard == null ? null : shardKeyTemplate.render(inputTopic, name, match))
            : new Routing(inputTopic, name, false, null, null);
    lastRouting = routing;
    return matched ? routing : null;
  }

  /** A routing decision for one input topic and table. */
  private record Routing(String inputTopic, TableName name, boolean matched, String topic, String shard) {
    boolean isFor(String otherTopic, TableName other) {
      return inputTopic.equals(otherTopic)
          && Objects.equals(name.db(), other.db())
          && Objects.equals(name.table(), other.table())
          && Objects.equals(name.server(), other.server());
    }
  }

  private Integer partition(R record, String topic) {
    Object value = record.value();
    Object key = record.key();
    if (value == null) {
      int fromKey = partitioner.partition(null, key);
      if (fromKey >= 0) {
        return fromKey;
      }
      Integer recalled = key == null ? null : recent.recall(topic, key);
      if (recalled == null && unplacedTopics.size() < 1000 && unplacedTopics.add(topic)) {
        LOG.warn(
            "Route cannot place tombstones of topic '{}' by partition.fields: the key does not"
                + " have them and no record with the same key was seen recently; they keep their"
                + " partition. Use key columns in partition.fields so tombstones always follow"
                + " their rows. (Logged once per topic.)",
            topic);
      }
      return recalled == null ? record.kafkaPartition() : recalled;
    }
    int partition = partitioner.partition(row(value), key);
    if (partition < 0) {
      return record.kafkaPartition();
    }
    if (key != null) {
      recent.remember(topic, key, partition);
    }
    return partition;
  }

  private static Object row(Object value) {
    if (!EnvelopeShape.of(value).isChangeEvent()) {
      return value;
    }
    boolean delete = EnvelopeFields.op(value).map(op -> op == Envelope.Operation.DELETE).orElse(false);
    return get(value, delete ? Envelope.BEFORE : Envelope.AFTER);
  }

  private TableName tableName(R record) {
    Object value = record.value();
    if (value instanceof Struct struct) {
      SourceFields fields = sourceFields.computeIfAbsent(struct.schema(), SourceFields::of);
      TableName name = fields.read(struct);
      if (name != null) {
        return name;
      }
    } else if (value != null && EnvelopeShape.of(value).isChangeEvent()) {
      Optional<String> db = EnvelopeFields.db(value);
      if (db.isPresent()) {
        Object server = get(get(value, Envelope.SOURCE), SourceInfo.NAME);
        return new TableName(
            server instanceof String s ? s : null, db.get(), EnvelopeFields.table(value).orElse(null));
      }
    }
    Header db = record.headers().lastWithName(dbHeader);
    if (db != null && db.value() != null) {
      Header table = record.headers().lastWithName(tableHeader);
      String tableName = table == null || table.value() == null ? null : table.value().toString();
      return new TableName(serverFromTopic(record.topic()), db.value().toString(), tableName);
    }
    if (topicNaming != null) {
      Matcher matcher = topicNaming.matcher(record.topic());
      if (matcher.matches()) {
        return new TableName(
            namingHasServer ? matcher.group("server") : null, matcher.group("db"),
            matcher.group("table"));
      }
    }
    return null;
  }

  /**
   * Where db, table and name sit in the source block of one envelope schema, found once per
   * schema; {@link #NONE} for schemas that are not change events (the same test as {@link
   * EnvelopeShape}).
   */
  private record SourceFields(Field source, Field db, Field table, Field name) {
    static final SourceFields NONE = new SourceFields(null, null, null, null);

    static SourceFields of(Schema schema) {
      Field op = schema.type() == Schema.Type.STRUCT ? schema.field(Envelope.OP) : null;
      Field source = op == null ? null : schema.field(Envelope.SOURCE);
      if (op == null
          || op.schema().type() != Schema.Type.STRING
          || source == null
          || source.schema().type() != Schema.Type.STRUCT) {
        return NONE;
      }
      Schema block = source.schema();
      return new SourceFields(
          source, block.field(SourceInfo.DB), block.field(SourceInfo.TABLE), block.field(SourceInfo.NAME));
    }

    TableName read(Struct value) {
      if (source == null || db == null) {
        return null;
      }
      Struct block = (Struct) value.get(source);
      Object dbName = block == null ? null : block.get(db);
      if (!(dbName instanceof String dbString)) {
        return null;
      }
      Object tableName = table == null ? null : block.get(table);
      Object server = name == null ? null : block.get(name);
      return new TableName(
          server instanceof String s ? s : null, dbString,
          tableName instanceof String t ? t : null);
    }
  }

  private String serverFromTopic(String topic) {
    if (!namingHasServer) {
      return null;
    }
    Matcher matcher = topicNaming.matcher(topic);
    return matcher.matches() ? matcher.group("server") : null;
  }

  private static Object get(Object container, String name) {
    if (container instanceof Struct struct) {
      Field field = struct.schema().field(name);
      return field == null ? null : struct.get(field);
    }
    if (container instanceof Map<?, ?> map) {
      return map.get(name);
    }
    return null;
  }

  @Override
  public ConfigDef config() {
    return CONFIG_DEF;
  }

  @Override
  public void close() {}

  @Override
  public String version() {
    return SluiceVersion.of(Route.class);
  }
}
