package dev.sluice.source.mysql;

import dev.sluice.source.mysql.filter.CaptureFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of {@link SluiceMySqlSourceConnector}. Names follow Debezium's MySQL connector where the
 * meaning is the same, so configurations carry over. Type-mapping settings live in
 * {@link TypeMappingConfig}.
 */
public final class MySqlSourceConfig extends AbstractConfig {

  private static final String GROUP_CONNECTION = "Connection";
  private static final String GROUP_EVENTS = "Events";
  private static final String GROUP_FILTERS = "Filters";
  private static final String GROUP_TUNING = "Tuning";

  public static final String HOSTNAME_CONFIG = "database.hostname";
  private static final String HOSTNAME_DOC = "Host name or address of the MySQL/MariaDB server (a primary or a replica with log_slave_updates/log_replica_updates).";
  public static final String PORT_CONFIG = "database.port";
  public static final int PORT_DEFAULT = 3306;
  private static final String PORT_DOC = "Port of the MySQL/MariaDB server.";
  public static final String USER_CONFIG = "database.user";
  private static final String USER_DOC = "Account the connector logs in with. It needs SELECT, REPLICATION SLAVE and REPLICATION CLIENT (MariaDB: BINLOG MONITOR) on *.* and nothing more.";
  public static final String PASSWORD_CONFIG = "database.password";
  private static final String PASSWORD_DOC = "Password of database.user. Use a ConfigProvider reference (${file:...} or ${env:...}) so it is never stored in the config topic.";
  public static final String SERVER_ID_CONFIG = "database.server.id";
  private static final String SERVER_ID_DOC = "Replica server_id the connector uses when reading the binlog: unique among all replicas and connectors of the server (1..4294967295).";
  public static final String SSL_MODE_CONFIG = "database.ssl.mode";
  public static final String SSL_MODE_DEFAULT = "preferred";
  private static final String SSL_MODE_DOC = "TLS for the binlog and JDBC connections: disabled; preferred (TLS without certificate checks when the server offers it, plain TCP when it does not); required (TLS without certificate checks, or no connection); verify_ca (the server certificate must chain to a trusted CA); verify_identity (verify_ca, and the certificate must name the host).";
  public static final String CONNECT_TIMEOUT_CONFIG = "connect.timeout.ms";
  public static final long CONNECT_TIMEOUT_DEFAULT = 30_000L;
  private static final String CONNECT_TIMEOUT_DOC = "How long one connection attempt to the server may take.";

  public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
  private static final String TOPIC_PREFIX_DOC = "Logical name of the source server: prefix of every topic (<prefix>.<db>.<table>), source.name of every event, and the key of the connector's offsets. Never change it on a running connector.";
  public static final String TOMBSTONES_ON_DELETE_CONFIG = "tombstones.on.delete";
  private static final String TOMBSTONES_ON_DELETE_DOC = "Emit a tombstone (null value) after each delete event, so compacted topics forget deleted keys.";
  public static final String SKIPPED_OPERATIONS_CONFIG = "skipped.operations";
  private static final String SKIPPED_OPERATIONS_DOC = "Operations not to emit: any of c (insert), u (update), d (delete), t (truncate); empty emits all.";
  public static final String PROVIDE_TRANSACTION_METADATA_CONFIG = "provide.transaction.metadata";
  private static final String PROVIDE_TRANSACTION_METADATA_DOC = "Emit BEGIN and END records (with per-table event counts) to <prefix>.transaction and add a transaction block (id, total_order, data_collection_order) to every change event.";
  public static final String INCLUDE_SCHEMA_CHANGES_CONFIG = "include.schema.changes";
  private static final String INCLUDE_SCHEMA_CHANGES_DOC = "Emit the DDL statements of captured databases (with db, table and position) to <prefix>.schema-changes. Row events never depend on them: schemas come from the binlog's row metadata.";
  public static final String INCLUDE_QUERY_CONFIG = "include.query";
  private static final String INCLUDE_QUERY_DOC = "Put the SQL statement that changed each row into source.query (MariaDB: needs binlog_annotate_row_events=ON; MySQL: binlog_rows_query_log_events=ON). Statements may contain sensitive values.";
  public static final String HEARTBEAT_INTERVAL_CONFIG = "heartbeat.interval.ms";
  public static final long HEARTBEAT_INTERVAL_DEFAULT = 10_000L;
  private static final String HEARTBEAT_INTERVAL_DOC = "When no change event was emitted for this long, emit a heartbeat record carrying the current binlog position, so offsets advance while captured tables are idle (and the binlog the connector needs is not purged under it). 0 disables.";
  public static final String HEARTBEAT_TOPICS_PREFIX_CONFIG = "heartbeat.topics.prefix";
  public static final String HEARTBEAT_TOPICS_PREFIX_DEFAULT = "__sluice-heartbeat";
  private static final String HEARTBEAT_TOPICS_PREFIX_DOC = "Heartbeats go to <heartbeat.topics.prefix>.<topic.prefix>.";

  public static final String DATABASE_INCLUDE_CONFIG = "database.include.list";
  private static final String DATABASE_INCLUDE_DOC = "Regular expressions matched against whole database names; only matching databases are captured. Empty: all (system schemas never).";
  public static final String DATABASE_EXCLUDE_CONFIG = "database.exclude.list";
  private static final String DATABASE_EXCLUDE_DOC = "Regular expressions matched against whole database names; matching databases are not captured.";
  public static final String TABLE_INCLUDE_CONFIG = "table.include.list";
  private static final String TABLE_INCLUDE_DOC = "Regular expressions matched against <db>.<table>; only matching tables are captured. Rows of other tables are skipped by table id before they are decoded.";
  public static final String TABLE_EXCLUDE_CONFIG = "table.exclude.list";
  private static final String TABLE_EXCLUDE_DOC = "Regular expressions matched against <db>.<table>; matching tables are not captured.";
  public static final String COLUMN_EXCLUDE_CONFIG = "column.exclude.list";
  private static final String COLUMN_EXCLUDE_DOC = "Regular expressions matched against <db>.<table>.<column>; matching columns are left out of events (never of the key).";

  public static final String MAX_BATCH_SIZE_CONFIG = "max.batch.size";
  public static final int MAX_BATCH_SIZE_DEFAULT = 2048;
  private static final String MAX_BATCH_SIZE_DOC = "Most records one poll() returns.";
  public static final String MAX_QUEUE_SIZE_CONFIG = "max.queue.size";
  public static final int MAX_QUEUE_SIZE_DEFAULT = 8192;
  private static final String MAX_QUEUE_SIZE_DOC = "Capacity of the queue between the binlog reader and poll(); the reader waits when it is full. Must be larger than max.batch.size.";
  public static final String POLL_INTERVAL_CONFIG = "poll.interval.ms";
  public static final long POLL_INTERVAL_DEFAULT = 500L;
  private static final String POLL_INTERVAL_DOC = "How long poll() waits for records before returning none.";
  public static final String TRANSACTION_BOUNDARY_GRANULARITY_CONFIG = "exactly.once.transaction.granularity";
  public static final String TRANSACTION_BOUNDARY_GRANULARITY_DEFAULT = "batch";
  private static final String TRANSACTION_BOUNDARY_GRANULARITY_DOC = "With exactly-once source support (worker exactly.once.source.support=enabled, "
      + "connector transaction.boundary=connector): how MySQL transactions map to Kafka transactions. A MySQL transaction is never split "
      + "either way, so its rows become visible to read_committed consumers together. batch: a Kafka transaction ends after the last "
      + "complete MySQL transaction of each poll() batch, so under load several MySQL transactions share one Kafka commit (fast). "
      + "transaction: every MySQL transaction is exactly one Kafka transaction, one Kafka commit each, which caps the source at the rate "
      + "the brokers commit transactions (tens to hundreds per second).";
  public static final String RECONNECT_BACKOFF_INITIAL_CONFIG = "reconnect.backoff.initial.ms";
  public static final long RECONNECT_BACKOFF_INITIAL_DEFAULT = 500L;
  private static final String RECONNECT_BACKOFF_INITIAL_DOC = "First wait before reconnecting after the binlog connection was lost; doubles per failed attempt.";
  public static final String RECONNECT_BACKOFF_MAX_CONFIG = "reconnect.backoff.max.ms";
  public static final long RECONNECT_BACKOFF_MAX_DEFAULT = 10_000L;
  private static final String RECONNECT_BACKOFF_MAX_DOC = "Longest wait between reconnection attempts.";
  public static final String RECONNECT_MAX_DURATION_CONFIG = "reconnect.max.duration.ms";
  public static final long RECONNECT_MAX_DURATION_DEFAULT = 300_000L;
  private static final String RECONNECT_MAX_DURATION_DOC = "How long the connector keeps reconnecting before the task fails (Connect can then restart it). Counting restarts after each successful connection.";

  public static final ConfigDef CONFIG_DEF = configDef();

  private final CaptureFilter captureFilter;
  private final Set<String> skippedOperations;
  // Read for every row change: parsed once.
  private final String topicPrefix;
  private final boolean tombstonesOnDelete;
  private final boolean provideTransactionMetadata;
  private final boolean includeQuery;
  // Read for every binlog event (is a heartbeat due?): parsed once.
  private final Duration heartbeatInterval;

  public MySqlSourceConfig(Map<?, ?> originals) {
    super(CONFIG_DEF, originals);
    this.captureFilter = new CaptureFilter(
        patterns(DATABASE_INCLUDE_CONFIG), patterns(DATABASE_EXCLUDE_CONFIG),
        patterns(TABLE_INCLUDE_CONFIG), patterns(TABLE_EXCLUDE_CONFIG), patterns(COLUMN_EXCLUDE_CONFIG));
    this.skippedOperations = Set.copyOf(getList(SKIPPED_OPERATIONS_CONFIG));
    this.topicPrefix = getString(TOPIC_PREFIX_CONFIG);
    this.tombstonesOnDelete = getBoolean(TOMBSTONES_ON_DELETE_CONFIG);
    this.provideTransactionMetadata = getBoolean(PROVIDE_TRANSACTION_METADATA_CONFIG);
    this.includeQuery = getBoolean(INCLUDE_QUERY_CONFIG);
    this.heartbeatInterval = Duration.ofMillis(getLong(HEARTBEAT_INTERVAL_CONFIG));
    if (getInt(MAX_QUEUE_SIZE_CONFIG) <= getInt(MAX_BATCH_SIZE_CONFIG)) {
      throw new ConfigException(MAX_QUEUE_SIZE_CONFIG, getInt(MAX_QUEUE_SIZE_CONFIG),
          "must be larger than " + MAX_BATCH_SIZE_CONFIG + " (" + getInt(MAX_BATCH_SIZE_CONFIG) + ")");
    }
    SnapshotConfig.check(this);
  }

  private static ConfigDef configDef() {
    ConfigDef def = new ConfigDef();
    int o = 0;
    def.define(HOSTNAME_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH, HOSTNAME_DOC, GROUP_CONNECTION, ++o, Width.LONG, "Host");
    def.define(PORT_CONFIG, Type.INT, PORT_DEFAULT, ConfigDef.Range.between(1, 65535), Importance.HIGH, PORT_DOC, GROUP_CONNECTION, ++o, Width.SHORT, "Port");
    def.define(USER_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH, USER_DOC, GROUP_CONNECTION, ++o, Width.MEDIUM, "User");
    def.define(PASSWORD_CONFIG, Type.PASSWORD, "", Importance.HIGH, PASSWORD_DOC, GROUP_CONNECTION, ++o, Width.MEDIUM, "Password");
    def.define(SERVER_ID_CONFIG, Type.LONG, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Range.between(1L, 4_294_967_295L), Importance.HIGH, SERVER_ID_DOC, GROUP_CONNECTION, ++o, Width.SHORT, "Replica server id");
    def.define(SSL_MODE_CONFIG, Type.STRING, SSL_MODE_DEFAULT, ConfigDef.ValidString.in("disabled", "preferred", "required", "verify_ca", "verify_identity"), Importance.MEDIUM, SSL_MODE_DOC, GROUP_CONNECTION, ++o, Width.SHORT, "TLS mode");
    def.define(CONNECT_TIMEOUT_CONFIG, Type.LONG, CONNECT_TIMEOUT_DEFAULT, ConfigDef.Range.atLeast(1000L), Importance.LOW, CONNECT_TIMEOUT_DOC, GROUP_CONNECTION, ++o, Width.SHORT, "Connect timeout");

    o = 0;
    def.define(TOPIC_PREFIX_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new TopicNameValidator(), Importance.HIGH, TOPIC_PREFIX_DOC, GROUP_EVENTS, ++o, Width.MEDIUM, "Topic prefix");
    def.define(TOMBSTONES_ON_DELETE_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, TOMBSTONES_ON_DELETE_DOC, GROUP_EVENTS, ++o, Width.SHORT, "Tombstones on delete");
    def.define(SKIPPED_OPERATIONS_CONFIG, Type.LIST, "", new SubsetValidator(List.of("c", "u", "d", "t")), Importance.LOW, SKIPPED_OPERATIONS_DOC, GROUP_EVENTS, ++o, Width.SHORT, "Skipped operations");
    def.define(PROVIDE_TRANSACTION_METADATA_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, PROVIDE_TRANSACTION_METADATA_DOC, GROUP_EVENTS, ++o, Width.SHORT, "Transaction metadata");
    def.define(INCLUDE_SCHEMA_CHANGES_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, INCLUDE_SCHEMA_CHANGES_DOC, GROUP_EVENTS, ++o, Width.SHORT, "Schema change events");
    def.define(INCLUDE_QUERY_CONFIG, Type.BOOLEAN, false, Importance.LOW, INCLUDE_QUERY_DOC, GROUP_EVENTS, ++o, Width.SHORT, "Include query");
    def.define(HEARTBEAT_INTERVAL_CONFIG, Type.LONG, HEARTBEAT_INTERVAL_DEFAULT, ConfigDef.Range.atLeast(0L), Importance.MEDIUM, HEARTBEAT_INTERVAL_DOC, GROUP_EVENTS, ++o, Width.SHORT, "Heartbeat interval");
    def.define(HEARTBEAT_TOPICS_PREFIX_CONFIG, Type.STRING, HEARTBEAT_TOPICS_PREFIX_DEFAULT, new TopicNameValidator(), Importance.LOW, HEARTBEAT_TOPICS_PREFIX_DOC, GROUP_EVENTS, ++o, Width.MEDIUM, "Heartbeat topic prefix");

    o = 0;
    def.define(DATABASE_INCLUDE_CONFIG, Type.LIST, "", new RegexListValidator(), Importance.HIGH, DATABASE_INCLUDE_DOC, GROUP_FILTERS, ++o, Width.LONG, "Databases to capture");
    def.define(DATABASE_EXCLUDE_CONFIG, Type.LIST, "", new RegexListValidator(), Importance.MEDIUM, DATABASE_EXCLUDE_DOC, GROUP_FILTERS, ++o, Width.LONG, "Databases to skip");
    def.define(TABLE_INCLUDE_CONFIG, Type.LIST, "", new RegexListValidator(), Importance.HIGH, TABLE_INCLUDE_DOC, GROUP_FILTERS, ++o, Width.LONG, "Tables to capture");
    def.define(TABLE_EXCLUDE_CONFIG, Type.LIST, "", new RegexListValidator(), Importance.MEDIUM, TABLE_EXCLUDE_DOC, GROUP_FILTERS, ++o, Width.LONG, "Tables to skip");
    def.define(COLUMN_EXCLUDE_CONFIG, Type.LIST, "", new RegexListValidator(), Importance.MEDIUM, COLUMN_EXCLUDE_DOC, GROUP_FILTERS, ++o, Width.LONG, "Columns to leave out");

    o = 0;
    def.define(MAX_BATCH_SIZE_CONFIG, Type.INT, MAX_BATCH_SIZE_DEFAULT, ConfigDef.Range.atLeast(1), Importance.LOW, MAX_BATCH_SIZE_DOC, GROUP_TUNING, ++o, Width.SHORT, "Batch size");
    def.define(MAX_QUEUE_SIZE_CONFIG, Type.INT, MAX_QUEUE_SIZE_DEFAULT, ConfigDef.Range.atLeast(2), Importance.LOW, MAX_QUEUE_SIZE_DOC, GROUP_TUNING, ++o, Width.SHORT, "Queue size");
    def.define(POLL_INTERVAL_CONFIG, Type.LONG, POLL_INTERVAL_DEFAULT, ConfigDef.Range.atLeast(1L), Importance.LOW, POLL_INTERVAL_DOC, GROUP_TUNING, ++o, Width.SHORT, "Poll interval");
    def.define(TRANSACTION_BOUNDARY_GRANULARITY_CONFIG, Type.STRING, TRANSACTION_BOUNDARY_GRANULARITY_DEFAULT,
        ConfigDef.ValidString.in("batch", "transaction"), Importance.LOW, TRANSACTION_BOUNDARY_GRANULARITY_DOC, GROUP_TUNING, ++o, Width.SHORT,
        "Kafka transaction per");
    def.define(RECONNECT_BACKOFF_INITIAL_CONFIG, Type.LONG, RECONNECT_BACKOFF_INITIAL_DEFAULT, ConfigDef.Range.atLeast(1L), Importance.LOW, RECONNECT_BACKOFF_INITIAL_DOC, GROUP_TUNING, ++o, Width.SHORT, "Reconnect backoff");
    def.define(RECONNECT_BACKOFF_MAX_CONFIG, Type.LONG, RECONNECT_BACKOFF_MAX_DEFAULT, ConfigDef.Range.atLeast(1L), Importance.LOW, RECONNECT_BACKOFF_MAX_DOC, GROUP_TUNING, ++o, Width.SHORT, "Reconnect backoff max");
    def.define(RECONNECT_MAX_DURATION_CONFIG, Type.LONG, RECONNECT_MAX_DURATION_DEFAULT, ConfigDef.Range.atLeast(0L), Importance.LOW, RECONNECT_MAX_DURATION_DOC, GROUP_TUNING, ++o, Width.SHORT, "Reconnect for at most");

    TypeMappingConfig.define(def);
    SnapshotConfig.define(def);
    return def;
  }

  private List<Pattern> patterns(String key) {
    List<Pattern> patterns = new ArrayList<>();
    for (String regex : getList(key)) {
      patterns.add(Pattern.compile(regex.trim()));
    }
    return patterns;
  }

  public String hostname() {
    return getString(HOSTNAME_CONFIG);
  }

  public int port() {
    return getInt(PORT_CONFIG);
  }

  public String user() {
    return getString(USER_CONFIG);
  }

  public Password password() {
    return getPassword(PASSWORD_CONFIG);
  }

  public long serverId() {
    return getLong(SERVER_ID_CONFIG);
  }

  public String sslMode() {
    return getString(SSL_MODE_CONFIG).toLowerCase(Locale.ROOT);
  }

  public Duration connectTimeout() {
    return Duration.ofMillis(getLong(CONNECT_TIMEOUT_CONFIG));
  }

  public String topicPrefix() {
    return topicPrefix;
  }

  public boolean tombstonesOnDelete() {
    return tombstonesOnDelete;
  }

  public boolean skips(String operationCode) {
    return skippedOperations.contains(operationCode);
  }

  public boolean provideTransactionMetadata() {
    return provideTransactionMetadata;
  }

  public boolean includeSchemaChanges() {
    return getBoolean(INCLUDE_SCHEMA_CHANGES_CONFIG);
  }

  public boolean includeQuery() {
    return includeQuery;
  }

  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  public String heartbeatTopic() {
    return getString(HEARTBEAT_TOPICS_PREFIX_CONFIG) + "." + topicPrefix();
  }

  public String transactionTopic() {
    return topicPrefix() + ".transaction";
  }

  public String schemaChangesTopic() {
    return topicPrefix() + ".schema-changes";
  }

  public CaptureFilter captureFilter() {
    return captureFilter;
  }

  /** Whether each MySQL transaction must be a Kafka transaction of its own (exactly-once delivery). */
  public boolean kafkaTransactionPerMySqlTransaction() {
    return "transaction".equals(getString(TRANSACTION_BOUNDARY_GRANULARITY_CONFIG));
  }

  public int maxBatchSize() {
    return getInt(MAX_BATCH_SIZE_CONFIG);
  }

  public int maxQueueSize() {
    return getInt(MAX_QUEUE_SIZE_CONFIG);
  }

  public Duration pollInterval() {
    return Duration.ofMillis(getLong(POLL_INTERVAL_CONFIG));
  }

  public Duration reconnectBackoffInitial() {
    return Duration.ofMillis(getLong(RECONNECT_BACKOFF_INITIAL_CONFIG));
  }

  public Duration reconnectBackoffMax() {
    return Duration.ofMillis(getLong(RECONNECT_BACKOFF_MAX_CONFIG));
  }

  public Duration reconnectMaxDuration() {
    return Duration.ofMillis(getLong(RECONNECT_MAX_DURATION_CONFIG));
  }

  /** The snapshot settings ({@code snapshot.*}). */
  public SnapshotConfig snapshot() {
    return new SnapshotConfig(this);
  }

  public TypeMappingConfig typeMapping() {
    return new TypeMappingConfig(this);
  }

  /** Kafka topic names: letters, digits, '.', '_' and '-'. */
  static final class TopicNameValidator implements ConfigDef.Validator {
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

    @Override
    public void ensureValid(String name, Object value) {
      if (value == null || !LEGAL.matcher(value.toString()).matches()) {
        throw new ConfigException(name, value, "must be 1..200 characters of letters, digits, '.', '_' and '-' (it becomes part of topic names)");
      }
    }

    @Override
    public String toString() {
      return "letters, digits, '.', '_' and '-'";
    }
  }

  /** A list of Java regular expressions, each compiled to check it. */
  static final class RegexListValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (value == null) {
        return;
      }
      for (Object item : (List<?>) value) {
        try {
          Pattern.compile(item.toString().trim());
        } catch (PatternSyntaxException e) {
          throw new ConfigException(name, item, "not a valid regular expression: " + e.getDescription() + " at index " + e.getIndex());
        }
      }
    }

    @Override
    public String toString() {
      return "comma-separated Java regular expressions, each matched against the whole name";
    }
  }

  /** A list whose elements come from a fixed set. */
  static final class SubsetValidator implements ConfigDef.Validator {
    private final List<String> allowed;

    SubsetValidator(List<String> allowed) {
      this.allowed = List.copyOf(allowed);
    }

    @Override
    public void ensureValid(String name, Object value) {
      if (value == null) {
        return;
      }
      for (Object item : (List<?>) value) {
        if (!allowed.contains(item.toString().trim())) {
          throw new ConfigException(name, item, "must be one of " + allowed);
        }
      }
    }

    @Override
    public String toString() {
      return "any of " + allowed;
    }
  }
}
