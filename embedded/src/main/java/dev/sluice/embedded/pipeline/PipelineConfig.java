package dev.sluice.embedded.pipeline;

import dev.sluice.sink.mongo.SluiceMongoSinkConfig;
import dev.sluice.source.mysql.MySqlSourceConfig;
import dev.sluice.source.mysql.SluiceMySqlSourceConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;

/**
 * The settings of one embedded pipeline ({@code sluice run pipeline.properties}): the source
 * connector's settings under {@code source.}, the MongoDB sink's under {@code sink.}, Connect-style
 * {@code transforms} and {@code predicates}, and the runner's own settings below. Values are parsed
 * once; the source and sink settings are checked by their own config classes at construction, so a
 * mistake is reported before anything connects, naming the key as written in the file.
 */
public final class PipelineConfig extends AbstractConfig {

  /** Prefix of the source connector's settings. */
  public static final String SOURCE_PREFIX = "source.";
  /** Prefix of the sink's settings. */
  public static final String SINK_PREFIX = "sink.";
  /** Prefix of advanced Debezium engine settings passed through unchanged. */
  public static final String ENGINE_PREFIX = "engine.";

  /** Setting: pipeline name. */
  public static final String NAME_CONFIG = "name";
  /** Default of {@value #NAME_CONFIG}. */
  public static final String NAME_DEFAULT = "sluice";
  /** Doc of {@value #NAME_CONFIG}. */
  public static final String NAME_DOC = "Name of the pipeline: the engine's and the sink's name in logs and JMX metrics, and the"
      + " key of the offsets in the offset file.";
  /** Display name of {@value #NAME_CONFIG}. */
  public static final String NAME_DISPLAY = "Pipeline name";

  /** Setting: source connector class. */
  public static final String CONNECTOR_CLASS_CONFIG = "source.connector.class";
  /** Default of {@value #CONNECTOR_CLASS_CONFIG}. */
  public static final String CONNECTOR_CLASS_DEFAULT = SluiceMySqlSourceConnector.class.getName();
  /** Doc of {@value #CONNECTOR_CLASS_CONFIG}. */
  public static final String CONNECTOR_CLASS_DOC = "The Kafka Connect source connector the engine runs. Any SourceConnector on the"
      + " classpath works; the default is Sluice's MySQL/MariaDB source, whose other settings go under 'source.'.";
  /** Display name of {@value #CONNECTOR_CLASS_CONFIG}. */
  public static final String CONNECTOR_CLASS_DISPLAY = "Source connector class";

  /** Setting: offset file. */
  public static final String OFFSET_FILE_CONFIG = "offset.storage.file.filename";
  /** Doc of {@value #OFFSET_FILE_CONFIG}. */
  public static final String OFFSET_FILE_DOC = "The local file that holds the source offsets (Kafka Connect's FileOffsetBackingStore)."
      + " A relative path is resolved against the folder of the properties file. Offsets are written only for records"
      + " MongoDB acknowledged, so a restart resumes after the last applied change. Empty: '<name>.offsets' next to the"
      + " properties file. Delete it to start over from the current end of the binlog.";
  /** Display name of {@value #OFFSET_FILE_CONFIG}. */
  public static final String OFFSET_FILE_DISPLAY = "Offset file";

  /** Setting: offset flush interval. */
  public static final String OFFSET_FLUSH_INTERVAL_CONFIG = "offset.flush.interval.ms";
  /** Default of {@value #OFFSET_FLUSH_INTERVAL_CONFIG}. */
  public static final long OFFSET_FLUSH_INTERVAL_DEFAULT = 1_000L;
  /** Doc of {@value #OFFSET_FLUSH_INTERVAL_CONFIG}. */
  public static final String OFFSET_FLUSH_INTERVAL_DOC = "How often acknowledged offsets are written to the offset file. After a crash the"
      + " changes of at most this interval are read and applied again, which changes nothing: the sink ignores every"
      + " change whose source.seq is not newer than the one a document holds.";
  /** Display name of {@value #OFFSET_FLUSH_INTERVAL_CONFIG}. */
  public static final String OFFSET_FLUSH_INTERVAL_DISPLAY = "Offset flush interval (ms)";

  /** Setting: converter round trip. */
  public static final String CONVERTER_ROUNDTRIP_CONFIG = "converter.roundtrip";
  /** Default of {@value #CONVERTER_ROUNDTRIP_CONFIG}. */
  public static final String CONVERTER_ROUNDTRIP_DEFAULT = "none";
  /** Doc of {@value #CONVERTER_ROUNDTRIP_CONFIG}. */
  public static final String CONVERTER_ROUNDTRIP_DOC = "'protobuf': every record's key and value are serialized with Sluice's"
      + " ProtobufConverter and read back before the sink sees them, as they would be through Kafka, so a schema the"
      + " Protobuf mapping cannot carry fails here, naming the topic. Settings of the converter go under"
      + " 'converter.roundtrip.' (default schema.store=in-process). 'none': records go to the sink as the source made them.";
  /** Display name of {@value #CONVERTER_ROUNDTRIP_CONFIG}. */
  public static final String CONVERTER_ROUNDTRIP_DISPLAY = "Converter round trip";

  /** Setting: sink topics. */
  public static final String SINK_TOPICS_CONFIG = "sink.topics";
  /** Doc of {@value #SINK_TOPICS_CONFIG}. */
  public static final String SINK_TOPICS_DOC = "The topics whose records go to the sink, as in a sink connector's 'topics'. Empty,"
      + " with sink.topics.regex empty too: every topic except the source's heartbeat, transaction and schema-change"
      + " topics. Records of other topics are skipped and their offsets committed.";
  /** Display name of {@value #SINK_TOPICS_CONFIG}. */
  public static final String SINK_TOPICS_DISPLAY = "Sink topics";

  /** Setting: sink topics regex. */
  public static final String SINK_TOPICS_REGEX_CONFIG = "sink.topics.regex";
  /** Doc of {@value #SINK_TOPICS_REGEX_CONFIG}. */
  public static final String SINK_TOPICS_REGEX_DOC = "A Java regular expression over whole topic names selecting the records that go to"
      + " the sink, as in a sink connector's 'topics.regex'. Used with or instead of sink.topics.";
  /** Display name of {@value #SINK_TOPICS_REGEX_CONFIG}. */
  public static final String SINK_TOPICS_REGEX_DISPLAY = "Sink topics regex";

  /** Setting: shutdown timeout. */
  public static final String SHUTDOWN_TIMEOUT_CONFIG = "shutdown.timeout.ms";
  /** Default of {@value #SHUTDOWN_TIMEOUT_CONFIG}. */
  public static final long SHUTDOWN_TIMEOUT_DEFAULT = 30_000L;
  /** Doc of {@value #SHUTDOWN_TIMEOUT_CONFIG}. */
  public static final String SHUTDOWN_TIMEOUT_DOC = "How long a stop (SIGTERM, Ctrl-C) waits for the batch being written to MongoDB and"
      + " the last offset commit before the process exits anyway (nothing is lost then either: the unacknowledged"
      + " changes are read again at the next start).";
  /** Display name of {@value #SHUTDOWN_TIMEOUT_CONFIG}. */
  public static final String SHUTDOWN_TIMEOUT_DISPLAY = "Shutdown timeout (ms)";

  /** Setting: config providers. */
  public static final String CONFIG_PROVIDERS_CONFIG = "config.providers";
  /** Doc of {@value #CONFIG_PROVIDERS_CONFIG}. */
  public static final String CONFIG_PROVIDERS_DOC = "Names of Kafka ConfigProviders that resolve ${provider:path:key} variables in"
      + " every value of the file, as on a Connect worker, so passwords need not be written into it; each is given by"
      + " config.providers.<name>.class (e.g. org.apache.kafka.common.config.provider.FileConfigProvider) and its"
      + " settings by config.providers.<name>.param.<setting>.";
  /** Display name of {@value #CONFIG_PROVIDERS_CONFIG}. */
  public static final String CONFIG_PROVIDERS_DISPLAY = "Config providers";

  /** The converter settings prefix. */
  public static final String CONVERTER_PREFIX = CONVERTER_ROUNDTRIP_CONFIG + ".";

  private static final String GROUP = "Embedded pipeline";

  /** The runner's own settings. */
  public static final ConfigDef CONFIG_DEF = new ConfigDef()
      .define(NAME_CONFIG, Type.STRING, NAME_DEFAULT, new ConfigDef.NonEmptyString(), Importance.HIGH, NAME_DOC, GROUP, 1,
          Width.MEDIUM, NAME_DISPLAY)
      .define(CONNECTOR_CLASS_CONFIG, Type.STRING, CONNECTOR_CLASS_DEFAULT, new ConfigDef.NonEmptyString(), Importance.LOW,
          CONNECTOR_CLASS_DOC, GROUP, 2, Width.LONG, CONNECTOR_CLASS_DISPLAY)
      .define(OFFSET_FILE_CONFIG, Type.STRING, "", Importance.HIGH, OFFSET_FILE_DOC, GROUP, 3, Width.LONG, OFFSET_FILE_DISPLAY)
      .define(OFFSET_FLUSH_INTERVAL_CONFIG, Type.LONG, OFFSET_FLUSH_INTERVAL_DEFAULT, ConfigDef.Range.atLeast(0L), Importance.MEDIUM,
          OFFSET_FLUSH_INTERVAL_DOC, GROUP, 4, Width.SHORT, OFFSET_FLUSH_INTERVAL_DISPLAY)
      .define(CONVERTER_ROUNDTRIP_CONFIG, Type.STRING, CONVERTER_ROUNDTRIP_DEFAULT, ConverterRoundTrip.Kind.VALIDATOR, Importance.LOW,
          CONVERTER_ROUNDTRIP_DOC, GROUP, 5, Width.SHORT, CONVERTER_ROUNDTRIP_DISPLAY)
      .define(SINK_TOPICS_CONFIG, Type.LIST, "", Importance.MEDIUM, SINK_TOPICS_DOC, GROUP, 6, Width.LONG, SINK_TOPICS_DISPLAY)
      .define(SINK_TOPICS_REGEX_CONFIG, Type.STRING, "", Importance.MEDIUM, SINK_TOPICS_REGEX_DOC, GROUP, 7, Width.LONG,
          SINK_TOPICS_REGEX_DISPLAY)
      .define(SHUTDOWN_TIMEOUT_CONFIG, Type.LONG, SHUTDOWN_TIMEOUT_DEFAULT, ConfigDef.Range.atLeast(1_000L), Importance.LOW,
          SHUTDOWN_TIMEOUT_DOC, GROUP, 8, Width.SHORT, SHUTDOWN_TIMEOUT_DISPLAY)
      .define(CONFIG_PROVIDERS_CONFIG, Type.LIST, "", Importance.LOW, CONFIG_PROVIDERS_DOC, GROUP, 9, Width.MEDIUM,
          CONFIG_PROVIDERS_DISPLAY);

  private final String name;
  private final String connectorClass;
  private final Path offsetFile;
  private final Duration offsetFlushInterval;
  private final ConverterRoundTrip.Kind roundTrip;
  private final Map<String, String> sourceProps;
  private final Map<String, String> sinkProps;
  private final Map<String, String> converterProps;
  private final Map<String, String> transformProps;
  private final Map<String, String> engineProps;
  private final TopicRouting routing;
  private final Duration shutdownTimeout;

  /**
   * Parses a pipeline's settings.
   *
   * @param props the properties file's entries
   * @param baseDir the folder relative offset files are resolved against
   * @throws ConfigException naming the key to fix
   */
  public PipelineConfig(Map<String, String> props, Path baseDir) {
    super(CONFIG_DEF, props, false);
    this.name = getString(NAME_CONFIG).trim();
    this.connectorClass = getString(CONNECTOR_CLASS_CONFIG).trim();
    String file = getString(OFFSET_FILE_CONFIG).trim();
    this.offsetFile = baseDir.resolve(file.isEmpty() ? name + ".offsets" : file).toAbsolutePath().normalize();
    this.offsetFlushInterval = Duration.ofMillis(getLong(OFFSET_FLUSH_INTERVAL_CONFIG));
    this.roundTrip = ConverterRoundTrip.Kind.parse(getString(CONVERTER_ROUNDTRIP_CONFIG));
    this.shutdownTimeout = Duration.ofMillis(getLong(SHUTDOWN_TIMEOUT_CONFIG));

    Set<String> own = CONFIG_DEF.names();
    this.sourceProps = stripped(props, SOURCE_PREFIX, own);
    this.sinkProps = stripped(props, SINK_PREFIX, own);
    this.converterProps = stripped(props, CONVERTER_PREFIX, own);
    this.engineProps = stripped(props, ENGINE_PREFIX, own);
    this.transformProps = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : props.entrySet()) {
      String key = e.getKey();
      if (key.equals("transforms") || key.startsWith("transforms.") || key.equals("predicates") || key.startsWith("predicates.")) {
        transformProps.put(key, e.getValue());
      }
    }
    rejectUnknown(props, own);

    if (sinkProps.isEmpty()) {
      throw new ConfigException(SINK_PREFIX + "connection.uri", null, "the pipeline has no sink settings: give at least"
          + " sink.connection.uri and sink.database");
    }
    Set<String> skipped = new HashSet<>();
    if (connectorClass.equals(CONNECTOR_CLASS_DEFAULT)) {
      MySqlSourceConfig source = prefixed(SOURCE_PREFIX, () -> new MySqlSourceConfig(sourceProps));
      skipped.add(source.heartbeatTopic());
      skipped.add(source.transactionTopic());
      skipped.add(source.schemaChangesTopic());
    }
    prefixed(SINK_PREFIX, () -> new SluiceMongoSinkConfig(sinkWithName()));
    this.routing = new TopicRouting(List.copyOf(getList(SINK_TOPICS_CONFIG)), regex(getString(SINK_TOPICS_REGEX_CONFIG)), skipped);
  }

  /** Reads a properties file (UTF-8); relative paths in it are resolved against its folder. */
  public static PipelineConfig load(Path file) {
    Properties properties = new Properties();
    try (var reader = java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (java.io.IOException e) {
      throw new ConfigException("cannot read the pipeline file " + file.toAbsolutePath() + ": " + e.getMessage());
    }
    Map<String, String> props = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames()) {
      props.put(key, properties.getProperty(key).trim());
    }
    Path dir = file.toAbsolutePath().getParent();
    return new PipelineConfig(ConfigProviders.resolve(props), dir == null ? Path.of("").toAbsolutePath() : dir);
  }

  private static Map<String, String> stripped(Map<String, String> props, String prefix, Set<String> own) {
    Map<String, String> out = new LinkedHashMap<>();
    props.forEach((k, v) -> {
      if (k.startsWith(prefix) && !own.contains(k)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }

  private static void rejectUnknown(Map<String, String> props, Set<String> own) {
    for (String key : props.keySet()) {
      boolean known = own.contains(key) || key.startsWith(CONFIG_PROVIDERS_CONFIG + ".") || key.startsWith(SOURCE_PREFIX) || key.startsWith(SINK_PREFIX) || key.startsWith(CONVERTER_PREFIX)
          || key.startsWith(ENGINE_PREFIX) || key.equals("transforms") || key.startsWith("transforms.") || key.equals("predicates")
          || key.startsWith("predicates.");
      if (!known) {
        throw new ConfigException(key, props.get(key), "not a pipeline setting: source settings start with 'source.', sink settings"
            + " with 'sink.', converter settings with 'converter.roundtrip.', engine settings with 'engine.'; the runner's own are "
            + new java.util.TreeSet<>(own) + ", plus 'transforms' and 'predicates' as in Kafka Connect");
      }
    }
  }

  private static Pattern regex(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Pattern.compile(value.trim());
    } catch (PatternSyntaxException e) {
      throw new ConfigException(SINK_TOPICS_REGEX_CONFIG, value, "not a valid regular expression: " + e.getDescription());
    }
  }

  private static <T> T prefixed(String prefix, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (ConfigException e) {
      throw new ConfigException("invalid " + prefix + "* settings: " + e.getMessage() + " (keys are written with the '" + prefix
          + "' prefix in the pipeline file)");
    }
  }

  /** The pipeline's name. */
  public String name() {
    return name;
  }

  /** The source connector class. */
  public String connectorClass() {
    return connectorClass;
  }

  /** The absolute path of the offset file. */
  public Path offsetFile() {
    return offsetFile;
  }

  /** How often acknowledged offsets are written. */
  public Duration offsetFlushInterval() {
    return offsetFlushInterval;
  }

  /** Which converter round trip records take. */
  public ConverterRoundTrip.Kind roundTrip() {
    return roundTrip;
  }

  /** The converter's settings (without the prefix). */
  public Map<String, String> converterProps() {
    return Map.copyOf(converterProps);
  }

  /** The source connector's settings (without the prefix). */
  public Map<String, String> sourceProps() {
    return Map.copyOf(sourceProps);
  }

  /** The sink task's settings (without the prefix), with the pipeline's name as {@code name} unless set. */
  public Map<String, String> sinkWithName() {
    Map<String, String> props = new LinkedHashMap<>(sinkProps);
    props.putIfAbsent("name", name + "-sink");
    return props;
  }

  /** Which records go to the sink. */
  public TopicRouting routing() {
    return routing;
  }

  /** How long a stop may take. */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /**
   * The Debezium engine's properties: the source settings, the transforms and predicates, the
   * offset store, and the {@code engine.} pass-through settings. Tombstones after deletes are off
   * unless {@code source.tombstones.on.delete} says otherwise: the sink needs none.
   */
  public Properties engineProperties() {
    Properties p = new Properties();
    p.putAll(sourceProps);
    p.putIfAbsent("tombstones.on.delete", "false");
    p.putAll(transformProps);
    p.putAll(engineProps);
    p.setProperty("name", name);
    p.setProperty("connector.class", connectorClass);
    p.setProperty("tasks.max", "1");
    p.setProperty("offset.storage", FileOffsetBackingStore.class.getName());
    p.setProperty(OFFSET_FILE_CONFIG, offsetFile.toString());
    p.setProperty(OFFSET_FLUSH_INTERVAL_CONFIG, Long.toString(offsetFlushInterval.toMillis()));
    // Kafka 4's WorkerConfig, which the engine builds, insists on it; with a file offset store nothing connects to it.
    p.putIfAbsent("bootstrap.servers", "localhost:9092");
    return p;
  }
}
