package dev.sluice.source.mysql;

import dev.sluice.source.mysql.snapshot.SnapshotMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** The snapshot settings of the source, composed into {@link MySqlSourceConfig}. */
public final class SnapshotConfig {
  private static final String GROUP = "Snapshot";

  public static final String SNAPSHOT_MODE_CONFIG = "snapshot.mode";
  public static final String SNAPSHOT_MODE_DEFAULT = "initial";
  private static final String SNAPSHOT_MODE_DOC = "When to copy the captured tables' existing rows (op=r events, source.snapshot set), "
      + "without any table lock and while streaming: initial (copy every captured table not copied yet - on the first start, and tables "
      + "added to the include list later - then stream), initial_only (copy, then stop reading the binlog), no_data (never copy: stream "
      + "from the current position on the first start), when_needed (like initial, and copy everything again when the stored offset's "
      + "binlog is gone: its binlog file was purged, or - with GTIDs - transactions after its GTID set are no longer in the server's "
      + "binlogs (MySQL: @@gtid_purged; MariaDB: the GTID list opening the oldest binlog file)).";
  public static final String SNAPSHOT_MAX_THREADS_CONFIG = "snapshot.max.threads";
  public static final int SNAPSHOT_MAX_THREADS_DEFAULT = 2;
  private static final String SNAPSHOT_MAX_THREADS_DOC = "JDBC connections reading snapshot chunks in parallel. Chunks are still emitted in "
      + "key order, one table after the other.";
  public static final String SNAPSHOT_CHUNK_SIZE_CONFIG = "snapshot.chunk.size";
  public static final int SNAPSHOT_CHUNK_SIZE_DEFAULT = 8192;
  private static final String SNAPSHOT_CHUNK_SIZE_DOC = "Rows per snapshot chunk (primary-key range). The heap holds at most "
      + "2 x snapshot.max.threads chunks; after a crash at most one chunk is delivered again. Tables without a primary key are read as "
      + "one chunk, read again if the table changes meanwhile.";
  public static final String SIGNAL_KAFKA_TOPIC_CONFIG = "signal.kafka.topic";
  public static final String SIGNAL_KAFKA_TOPIC_DEFAULT = "";
  private static final String SIGNAL_KAFKA_TOPIC_DOC = "Kafka topic whose messages ask for an on-demand snapshot of captured tables, "
      + "in Debezium's signal format so existing tooling works: key = this connector's topic.prefix (messages with another key are "
      + "ignored), value {\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[\"db.table\"],\"type\":\"incremental\"}}. "
      + "Each named table is copied (again, even if it was copied before) with the same lock-free chunked algorithm while streaming "
      + "continues; nothing is written to the source database. Only partition 0 is read (create the topic with one partition), "
      + "without a consumer group. The position in the topic is kept in the connector's offsets, so a signal is executed once, also "
      + "across restarts, and a snapshot interrupted by a crash resumes at its next chunk. With no position stored (the first start, or "
      + "signals enabled later) reading starts at the END of the topic: signals sent before are not executed. Blocking snapshots "
      + "(data.type=blocking), additional-conditions and other signal types are refused with a WARN, as are tables the include/exclude "
      + "lists do not capture. Consumer client settings (security, timeouts) go in signal.consumer.*, e.g. "
      + "signal.consumer.security.protocol=SSL. Empty: no signals.";
  public static final String SIGNAL_KAFKA_BOOTSTRAP_SERVERS_CONFIG = "signal.kafka.bootstrap.servers";
  public static final String SIGNAL_KAFKA_BOOTSTRAP_SERVERS_DEFAULT = "";
  private static final String SIGNAL_KAFKA_BOOTSTRAP_SERVERS_DOC = "Brokers of the cluster holding signal.kafka.topic (host:port,...); "
      + "required when signal.kafka.topic is set.";
  /** Prefix of the signal consumer's client settings, passed through without the prefix. */
  public static final String SIGNAL_CONSUMER_PREFIX = "signal.consumer.";

  private final MySqlSourceConfig config;

  SnapshotConfig(MySqlSourceConfig config) {
    this.config = config;
  }

  static void define(ConfigDef def) {
    int o = 0;
    def.define(SNAPSHOT_MODE_CONFIG, Type.STRING, SNAPSHOT_MODE_DEFAULT, new ModeValidator(), Importance.HIGH, SNAPSHOT_MODE_DOC, GROUP, ++o,
        Width.SHORT, "Snapshot mode");
    def.define(SNAPSHOT_MAX_THREADS_CONFIG, Type.INT, SNAPSHOT_MAX_THREADS_DEFAULT, ConfigDef.Range.between(1, 64), Importance.MEDIUM,
        SNAPSHOT_MAX_THREADS_DOC, GROUP, ++o, Width.SHORT, "Snapshot threads");
    def.define(SNAPSHOT_CHUNK_SIZE_CONFIG, Type.INT, SNAPSHOT_CHUNK_SIZE_DEFAULT, ConfigDef.Range.between(1, 10_000_000), Importance.LOW,
        SNAPSHOT_CHUNK_SIZE_DOC, GROUP, ++o, Width.SHORT, "Snapshot chunk size");
    def.define(SIGNAL_KAFKA_TOPIC_CONFIG, Type.STRING, SIGNAL_KAFKA_TOPIC_DEFAULT, new OptionalTopicValidator(), Importance.MEDIUM,
        SIGNAL_KAFKA_TOPIC_DOC, GROUP, ++o, Width.MEDIUM, "Signal topic");
    def.define(SIGNAL_KAFKA_BOOTSTRAP_SERVERS_CONFIG, Type.STRING, SIGNAL_KAFKA_BOOTSTRAP_SERVERS_DEFAULT, new HostPortListValidator(),
        Importance.MEDIUM, SIGNAL_KAFKA_BOOTSTRAP_SERVERS_DOC, GROUP, ++o, Width.LONG, "Signal brokers");
  }

  /** Cross-field rules: the signal topic needs brokers. */
  static void check(MySqlSourceConfig config) {
    String topic = config.getString(SIGNAL_KAFKA_TOPIC_CONFIG).trim();
    if (!topic.isEmpty() && config.getString(SIGNAL_KAFKA_BOOTSTRAP_SERVERS_CONFIG).isBlank()) {
      throw new ConfigException(SIGNAL_KAFKA_BOOTSTRAP_SERVERS_CONFIG, "", "is required when " + SIGNAL_KAFKA_TOPIC_CONFIG + " is set ('"
          + topic + "'): the brokers holding the signal topic, e.g. broker1:9092,broker2:9092");
    }
  }

  public SnapshotMode mode() {
    return SnapshotMode.parse(config.getString(SNAPSHOT_MODE_CONFIG));
  }

  public int maxThreads() {
    return config.getInt(SNAPSHOT_MAX_THREADS_CONFIG);
  }

  public int chunkSize() {
    return config.getInt(SNAPSHOT_CHUNK_SIZE_CONFIG);
  }

  /** Whether a signal topic is configured. */
  public boolean signalsEnabled() {
    return !signalTopic().isEmpty();
  }

  /** The signal topic, empty when signals are off. */
  public String signalTopic() {
    return config.getString(SIGNAL_KAFKA_TOPIC_CONFIG).trim();
  }

  public String signalBootstrapServers() {
    return config.getString(SIGNAL_KAFKA_BOOTSTRAP_SERVERS_CONFIG).trim();
  }

  /** The {@code signal.consumer.*} settings, without the prefix. */
  public Map<String, Object> signalConsumerOverrides() {
    return config.originalsWithPrefix(SIGNAL_CONSUMER_PREFIX);
  }

  /** Empty, or a legal Kafka topic name. */
  private static final class OptionalTopicValidator implements ConfigDef.Validator {
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    @Override
    public void ensureValid(String name, Object value) {
      String topic = value == null ? "" : value.toString().trim();
      if (!topic.isEmpty() && (!LEGAL.matcher(topic).matches() || topic.equals(".") || topic.equals(".."))) {
        throw new ConfigException(name, value, "must be empty or " + this);
      }
    }

    @Override
    public String toString() {
      return "empty (no signals) or a Kafka topic name: 1..249 letters, digits, '.', '_' and '-'";
    }
  }

  /** Empty, or comma-separated host:port pairs. */
  private static final class HostPortListValidator implements ConfigDef.Validator {
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[^\\s:,\\[\\]]+):([0-9]{1,5})");

    @Override
    public void ensureValid(String name, Object value) {
      String text = value == null ? "" : value.toString().trim();
      if (text.isEmpty()) {
        return;
      }
      for (String entry : text.split(",")) {
        var m = HOST_PORT.matcher(entry.trim());
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
          throw new ConfigException(name, value, "'" + entry.trim() + "' is not host:port; expected " + this);
        }
      }
    }

    @Override
    public String toString() {
      return "empty, or comma-separated host:port pairs (port 1..65535), e.g. broker1:9092,broker2:9092";
    }
  }

  private static final class ModeValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      try {
        SnapshotMode.parse((String) value);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new ConfigException(name, value, "must be one of " + this);
      }
    }

    @Override
    public String toString() {
      return Arrays.stream(SnapshotMode.values()).map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
  }
}
