package dev.sluice.sink.mongo;

import dev.sluice.sink.mongo.retry.RetryPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of {@link SluiceMongoSinkConnector}: the connection ({@link ConnectionConfig}),
 * retries, replay protection, and the per-topic view settings ({@link TopicConfig}) whose values
 * here are the defaults that {@code topic.override.<topic>.<setting>} overrides.
 */
public final class SluiceMongoSinkConfig extends AbstractConfig {

  /** Setting: attempts per batch. */
  public static final String RETRY_MAX_ATTEMPTS_CONFIG = "retry.max.attempts";
  /** Default of {@value #RETRY_MAX_ATTEMPTS_CONFIG}. */
  public static final int RETRY_MAX_ATTEMPTS_DEFAULT = 4;
  /** Doc of {@value #RETRY_MAX_ATTEMPTS_CONFIG}. */
  public static final String RETRY_MAX_ATTEMPTS_DOC =
      "Attempts a batch gets inside one put() when MongoDB fails transiently (network, no primary,"
          + " timeouts, write-concern timeouts). After the last the task throws a RetriableException:"
          + " Connect keeps the offsets, waits retry.backoff.max.ms and delivers the same records again,"
          + " for as long as the outage lasts; the task stays RUNNING.";
  /** Display name of {@value #RETRY_MAX_ATTEMPTS_CONFIG}. */
  public static final String RETRY_MAX_ATTEMPTS_DISPLAY = "Attempts per batch";

  /** Setting: first backoff. */
  public static final String RETRY_BACKOFF_INITIAL_CONFIG = "retry.backoff.initial.ms";
  /** Default of {@value #RETRY_BACKOFF_INITIAL_CONFIG}. */
  public static final long RETRY_BACKOFF_INITIAL_DEFAULT = 200L;
  /** Doc of {@value #RETRY_BACKOFF_INITIAL_CONFIG}. */
  public static final String RETRY_BACKOFF_INITIAL_DOC = "Wait after the first failed attempt; doubles with each further one.";
  /** Display name of {@value #RETRY_BACKOFF_INITIAL_CONFIG}. */
  public static final String RETRY_BACKOFF_INITIAL_DISPLAY = "Initial backoff (ms)";

  /** Setting: longest backoff. */
  public static final String RETRY_BACKOFF_MAX_CONFIG = "retry.backoff.max.ms";
  /** Default of {@value #RETRY_BACKOFF_MAX_CONFIG}. */
  public static final long RETRY_BACKOFF_MAX_DEFAULT = 5_000L;
  /** Doc of {@value #RETRY_BACKOFF_MAX_CONFIG}. */
  public static final String RETRY_BACKOFF_MAX_DOC =
      "The longest wait between attempts, also the pause Connect takes before redelivering a batch"
          + " that exhausted its attempts.";
  /** Display name of {@value #RETRY_BACKOFF_MAX_CONFIG}. */
  public static final String RETRY_BACKOFF_MAX_DISPLAY = "Maximum backoff (ms)";

  /** Setting: tombstone collection. */
  public static final String TOMBSTONES_COLLECTION_CONFIG = "tombstones.collection";
  /** Default of {@value #TOMBSTONES_COLLECTION_CONFIG}. */
  public static final String TOMBSTONES_COLLECTION_DEFAULT = "_sluice_tombstones";
  /** Doc of {@value #TOMBSTONES_COLLECTION_CONFIG}. */
  public static final String TOMBSTONES_COLLECTION_DOC =
      "Collection, in each view database, that keeps the version of every hard delete (documents,"
          + " embedded children, truncates) for tombstones.retention.ms, so that a replayed older insert"
          + " cannot bring a deleted row back.";
  /** Display name of {@value #TOMBSTONES_COLLECTION_CONFIG}. */
  public static final String TOMBSTONES_COLLECTION_DISPLAY = "Tombstone collection";

  /** Setting: tombstone retention. */
  public static final String TOMBSTONES_RETENTION_CONFIG = "tombstones.retention.ms";
  /** Default of {@value #TOMBSTONES_RETENTION_CONFIG}: 7 days. */
  public static final long TOMBSTONES_RETENTION_DEFAULT = 7L * 24 * 3600 * 1000;
  /** Doc of {@value #TOMBSTONES_RETENTION_CONFIG}. */
  public static final String TOMBSTONES_RETENTION_DOC =
      "How long delete tombstones are kept. A replay that starts less than this after a delete cannot"
          + " resurrect the row; one from further back can (an insert older than the expired tombstone"
          + " is written again until the replay reaches the delete). Set it above the topics' retention"
          + " to rule replays out entirely. 0 keeps no tombstones: cheaper (no lookup per batch), but any"
          + " replay across a hard delete shows the deleted row until it reaches the delete again.";
  /** Display name of {@value #TOMBSTONES_RETENTION_CONFIG}. */
  public static final String TOMBSTONES_RETENTION_DISPLAY = "Tombstone retention (ms)";

  /** Setting: metadata field. */
  public static final String META_FIELD_CONFIG = "meta.field";
  /** Default of {@value #META_FIELD_CONFIG}. */
  public static final String META_FIELD_DEFAULT = "_sluice";
  /** Doc of {@value #META_FIELD_CONFIG}. */
  public static final String META_FIELD_DOC =
      "Sub-document, in every view document and embedded element, with the version it was written"
          + " from: 'seq' (source.seq, when the event has one), 'src' (topic/partition) and 'off'"
          + " (offset). The replay guard compares against it; a document of child rows whose parent row"
          + " is absent has none at the top level.";
  /** Display name of {@value #META_FIELD_CONFIG}. */
  public static final String META_FIELD_DISPLAY = "Metadata field";

  /** Setting: records the compaction window holds at most. */
  public static final String COMPACTION_WINDOW_RECORDS_CONFIG = "compaction.window.records";
  /** Default of {@value #COMPACTION_WINDOW_RECORDS_CONFIG}: 100 polls of Kafka's default max.poll.records (500). */
  public static final int COMPACTION_WINDOW_RECORDS_DEFAULT = 50_000;
  /** Doc of {@value #COMPACTION_WINDOW_RECORDS_CONFIG}. */
  public static final String COMPACTION_WINDOW_RECORDS_DOC =
      "Records the task may hold back so that compaction (only the newest change of each key is written)"
          + " spans several put() calls: under a backlog, the changes of one key within the window cost one"
          + " write. A held record is released as soon as a newer change of its key from the same partition"
          + " supersedes it (unless it is a delete or made several changes), so only the newest records count."
          + " The held records are written when they reach this many, when the oldest has waited"
          + " compaction.window.ms, when a put() brings fewer records than the largest batch so far or fewer"
          + " than 100 (Connect hands full max.poll.records batches only under a backlog, so a view that keeps up"
          + " with its topics gets no added latency), and at every offset commit; also when they reach"
          + " compaction.window.bytes. Offsets are committed only for written records; held records that are not"
          + " written (a rebalance, a stop, a failed commit) are delivered again. 0 or 1 hands every put()'s"
          + " records to the writer at once.";
  /** Display name of {@value #COMPACTION_WINDOW_RECORDS_CONFIG}. */
  public static final String COMPACTION_WINDOW_RECORDS_DISPLAY = "Compaction window (records)";

  /** Setting: estimated heap the compaction window's records may take. */
  public static final String COMPACTION_WINDOW_BYTES_CONFIG = "compaction.window.bytes";
  /** Default of {@value #COMPACTION_WINDOW_BYTES_CONFIG}: 64 MiB, about what a consumer's fetch.max.bytes (50 MB) buffers. */
  public static final long COMPACTION_WINDOW_BYTES_DEFAULT = 64L << 20;
  /** Doc of {@value #COMPACTION_WINDOW_BYTES_CONFIG}. */
  public static final String COMPACTION_WINDOW_BYTES_DOC =
      "The heap the records held in the compaction window and the documents parsed from them may take per"
          + " task, estimated from the deserialized keys, values and headers and the documents of one record in 8"
          + " (schemas, shared between records, not counted): the held records are written when they reach it."
          + " While they are written, the next window fills: up to twice this per task. Lower it when a worker"
          + " runs many sink tasks in a small heap; 0 hands every put()'s records to the writer at once.";
  /** Display name of {@value #COMPACTION_WINDOW_BYTES_CONFIG}. */
  public static final String COMPACTION_WINDOW_BYTES_DISPLAY = "Compaction window (bytes)";

  /** Setting: longest wait of a record in the compaction window. */
  public static final String COMPACTION_WINDOW_MS_CONFIG = "compaction.window.ms";
  /** Default of {@value #COMPACTION_WINDOW_MS_CONFIG}. */
  public static final long COMPACTION_WINDOW_MS_DEFAULT = 1_000L;
  /** Doc of {@value #COMPACTION_WINDOW_MS_CONFIG}. */
  public static final String COMPACTION_WINDOW_MS_DOC =
      "The longest a record waits in the compaction window before it is written, while the task works"
          + " through a backlog: the most a view falls further behind its topics for the sake of fewer"
          + " writes. The task asks Connect to call put() again within this time. 0 hands every put()'s"
          + " records to the writer at once.";
  /** Display name of {@value #COMPACTION_WINDOW_MS_CONFIG}. */
  public static final String COMPACTION_WINDOW_MS_DISPLAY = "Compaction window (ms)";

  private static final String GROUP = "Writes";

  private static final ConfigDef OWN =
      new ConfigDef()
          .define(RETRY_MAX_ATTEMPTS_CONFIG, Type.INT, RETRY_MAX_ATTEMPTS_DEFAULT, ConfigDef.Range.between(1, 100),
              Importance.LOW, RETRY_MAX_ATTEMPTS_DOC, GROUP, 1, Width.SHORT, RETRY_MAX_ATTEMPTS_DISPLAY)
          .define(RETRY_BACKOFF_INITIAL_CONFIG, Type.LONG, RETRY_BACKOFF_INITIAL_DEFAULT, ConfigDef.Range.atLeast(0),
              Importance.LOW, RETRY_BACKOFF_INITIAL_DOC, GROUP, 2, Width.SHORT, RETRY_BACKOFF_INITIAL_DISPLAY)
          .define(RETRY_BACKOFF_MAX_CONFIG, Type.LONG, RETRY_BACKOFF_MAX_DEFAULT, ConfigDef.Range.atLeast(0),
              Importance.LOW, RETRY_BACKOFF_MAX_DOC, GROUP, 3, Width.SHORT, RETRY_BACKOFF_MAX_DISPLAY)
          .define(TOMBSTONES_COLLECTION_CONFIG, Type.STRING, TOMBSTONES_COLLECTION_DEFAULT, SinkValidators.nonBlank("collection name"),
              Importance.LOW, TOMBSTONES_COLLECTION_DOC, GROUP, 4, Width.MEDIUM, TOMBSTONES_COLLECTION_DISPLAY)
          .define(TOMBSTONES_RETENTION_CONFIG, Type.LONG, TOMBSTONES_RETENTION_DEFAULT, ConfigDef.Range.atLeast(0),
              Importance.MEDIUM, TOMBSTONES_RETENTION_DOC, GROUP, 5, Width.SHORT, TOMBSTONES_RETENTION_DISPLAY)
          .define(META_FIELD_CONFIG, Type.STRING, META_FIELD_DEFAULT, SinkValidators.nonBlank("top-level field name"),
              Importance.LOW, META_FIELD_DOC, GROUP, 6, Width.SHORT, META_FIELD_DISPLAY)
          .define(COMPACTION_WINDOW_RECORDS_CONFIG, Type.INT, COMPACTION_WINDOW_RECORDS_DEFAULT, ConfigDef.Range.atLeast(0),
              Importance.MEDIUM, COMPACTION_WINDOW_RECORDS_DOC, GROUP, 7, Width.SHORT, COMPACTION_WINDOW_RECORDS_DISPLAY)
          .define(COMPACTION_WINDOW_MS_CONFIG, Type.LONG, COMPACTION_WINDOW_MS_DEFAULT, ConfigDef.Range.atLeast(0),
              Importance.MEDIUM, COMPACTION_WINDOW_MS_DOC, GROUP, 8, Width.SHORT, COMPACTION_WINDOW_MS_DISPLAY)
          .define(COMPACTION_WINDOW_BYTES_CONFIG, Type.LONG, COMPACTION_WINDOW_BYTES_DEFAULT, ConfigDef.Range.atLeast(0),
              Importance.MEDIUM, COMPACTION_WINDOW_BYTES_DOC, GROUP, 9, Width.SHORT, COMPACTION_WINDOW_BYTES_DISPLAY);

  /** Every setting of the connector (per-topic ones as defaults). */
  public static final ConfigDef CONFIG_DEF = ConfigDefs.union(ConnectionConfig.CONFIG_DEF, OWN, TopicConfig.CONFIG_DEF);

  /** Connect's own setting read here: whether failed records go to the errant record reporter. */
  public static final String ERRORS_TOLERANCE_CONFIG = "errors.tolerance";

  private final Map<String, String> props;
  private final ConnectionConfig connection;
  private final TopicOverrides overrides;
  private final TopicConfig defaults;
  private final Map<String, TopicConfig> topicConfigs = new ConcurrentHashMap<>();
  private final RetryPolicy retryPolicy;
  private final String tombstonesCollection;
  private final Duration tombstoneRetention;
  private final String metaField;
  private final boolean tolerateAll;
  private final int compactionWindowRecords;
  private final Duration compactionWindowTime;
  private final long compactionWindowBytes;

  /**
   * Parses and checks every setting, including each topic's overrides.
   *
   * @throws ConfigException naming the first setting to fix
   */
  public SluiceMongoSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, props, false);
    this.props = Map.copyOf(props);
    this.connection = new ConnectionConfig(props);
    this.overrides = TopicOverrides.parse(props, TopicConfig.CONFIG_DEF.names());
    this.defaults = new TopicConfig(null, props);
    for (String topic : overrides.topics()) {
      topicConfig(topic);
    }
    long initial = getLong(RETRY_BACKOFF_INITIAL_CONFIG);
    long max = getLong(RETRY_BACKOFF_MAX_CONFIG);
    if (max < initial) {
      throw new ConfigException(RETRY_BACKOFF_MAX_CONFIG, max, "must be >= retry.backoff.initial.ms (" + initial + ")");
    }
    this.retryPolicy = new RetryPolicy(getInt(RETRY_MAX_ATTEMPTS_CONFIG), Duration.ofMillis(initial), Duration.ofMillis(max));
    this.tombstonesCollection = getString(TOMBSTONES_COLLECTION_CONFIG).trim();
    this.tombstoneRetention = Duration.ofMillis(getLong(TOMBSTONES_RETENTION_CONFIG));
    this.metaField = getString(META_FIELD_CONFIG).trim();
    if (metaField.contains(".") || metaField.startsWith("$") || metaField.equals("_id")) {
      throw new ConfigException(META_FIELD_CONFIG, metaField, "must be a top-level field name without '.', not starting with '$', not _id");
    }
    String tolerance = props.getOrDefault(ERRORS_TOLERANCE_CONFIG, "none").trim();
    this.tolerateAll = tolerance.equalsIgnoreCase("all");
    this.compactionWindowRecords = getInt(COMPACTION_WINDOW_RECORDS_CONFIG);
    this.compactionWindowTime = Duration.ofMillis(getLong(COMPACTION_WINDOW_MS_CONFIG));
    this.compactionWindowBytes = getLong(COMPACTION_WINDOW_BYTES_CONFIG);
  }

  /** The connection settings. */
  public ConnectionConfig connection() {
    return connection;
  }

  /**
   * The settings of one topic: the defaults with its overrides applied; parsed once and cached.
   *
   * @throws ConfigException naming the {@code topic.override.} key to fix
   */
  public TopicConfig topicConfig(String topic) {
    TopicConfig cached = topicConfigs.get(topic);
    if (cached != null) {
      return cached;
    }
    Map<String, String> own = overrides.forTopic(topic);
    TopicConfig parsed;
    if (own.isEmpty()) {
      parsed = new TopicConfig(topic, props);
    } else {
      Map<String, String> merged = new HashMap<>(props);
      merged.putAll(own);
      try {
        parsed = new TopicConfig(topic, merged);
      } catch (ConfigException e) {
        throw new ConfigException("topic.override." + topic + ": " + e.getMessage());
      }
    }
    TopicConfig raced = topicConfigs.putIfAbsent(topic, parsed);
    return raced == null ? parsed : raced;
  }

  /** The connector-wide view settings (what topics without overrides use). */
  public TopicConfig defaults() {
    return defaults;
  }

  /** The per-topic overrides. */
  public TopicOverrides overrides() {
    return overrides;
  }

  /** Attempts and backoff for transient MongoDB errors. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** The tombstone collection's name. */
  public String tombstonesCollection() {
    return tombstonesCollection;
  }

  /** How long tombstones are kept; zero keeps none. */
  public Duration tombstoneRetention() {
    return tombstoneRetention;
  }

  /** The metadata field. */
  public String metaField() {
    return metaField;
  }

  /** True with {@code errors.tolerance=all}: failed records go to the errant record reporter. */
  public boolean tolerateAll() {
    return tolerateAll;
  }

  /** The most records the task holds back for compaction across put() calls; 0 or 1: none. */
  public int compactionWindowRecords() {
    return compactionWindowRecords;
  }

  /** The most estimated heap the held-back records take; 0: none is held back. */
  public long compactionWindowBytes() {
    return compactionWindowBytes;
  }

  /** The longest a held-back record waits; zero: none is held back. */
  public Duration compactionWindowTime() {
    return compactionWindowTime;
  }

  /** The connector name ({@code name}), for metrics and logs. */
  public String connectorName() {
    return Optional.ofNullable(props.get("name")).orElse("sluice-mongo-sink");
  }
}
