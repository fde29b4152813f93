package dev.sluice.converters.protobuf;

import dev.sluice.converters.protobuf.schema.ConnectToProto.NullHandling;
import dev.sluice.converters.protobuf.wire.WireFormat.Framing;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.storage.ConverterConfig;

/** Settings of {@link ProtobufConverter}; parsed once into typed accessors. */
public final class ProtobufConverterConfig extends ConverterConfig {

  /** Where schemas are stored. */
  public enum StoreKind {
    /** A registry if schema.registry.url is set, else the Kafka topic if its bootstrap servers are set. */
    AUTO,
    /** A Confluent-compatible schema registry. */
    REGISTRY,
    /** A compacted Kafka topic shared by all workers. */
    KAFKA,
    /** A store inside this JVM (embedded runner, tests). */
    IN_PROCESS
  }

  /** How subjects are named. */
  public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}, as Confluent's TopicNameStrategy. */
    TOPIC,
    /** The full name of the top-level message, as Confluent's RecordNameStrategy. */
    RECORD,
    /** {@code <topic>-<message full name>}, as Confluent's TopicRecordNameStrategy. */
    TOPIC_RECORD
  }

  /** What to do when a new version would reuse a field number or change a field's wire kind. */
  public enum ConflictAction {
    /** Refuse the schema: the record fails with a message naming the field. */
    FAIL,
    /** Log a warning naming the field and register the schema anyway. */
    WARN
  }

  private static final String GROUP_STORE = "Schema store";
  private static final String GROUP_REGISTRY = "Schema registry";
  private static final String GROUP_KAFKA = "Kafka schema topic";
  private static final String GROUP_SCHEMAS = "Schemas";

  /** Setting {@code schema.store}. */
  public static final String SCHEMA_STORE_CONFIG = "schema.store";
  /** Default of {@code schema.store}. */
  public static final String SCHEMA_STORE_DEFAULT = "auto";
  /** Documentation of {@code schema.store}. */
  public static final String SCHEMA_STORE_DOC = "Where schemas are stored: 'registry' (a Confluent-compatible schema registry, "
      + "see schema.registry.url), 'kafka' (a compacted Kafka topic shared by every worker, see schema.store.kafka.*; ids are "
      + "fingerprints of the schemas), 'in-process' (inside this JVM only: for the embedded runner and tests, never for "
      + "distributed workers) or 'auto' (registry if schema.registry.url is set, else kafka if "
      + "schema.store.kafka.bootstrap.servers is set).";
  /** Display name of {@code schema.store}. */
  public static final String SCHEMA_STORE_DISPLAY = "Schema store";

  /** Setting {@code schema.registry.url}. */
  public static final String REGISTRY_URL_CONFIG = "schema.registry.url";
  /** Default of {@code schema.registry.url}. */
  public static final String REGISTRY_URL_DEFAULT = "";
  /** Documentation of {@code schema.registry.url}. */
  public static final String REGISTRY_URL_DOC = "Comma-separated base URLs of a Confluent-compatible schema registry (Confluent, "
      + "Apicurio's /apis/ccompat/v7, Karapace, Redpanda), tried in order.";
  /** Display name of {@code schema.registry.url}. */
  public static final String REGISTRY_URL_DISPLAY = "Registry URLs";

  /** Setting {@code schema.registry.basic.auth.user.info}. */
  public static final String REGISTRY_BASIC_AUTH_CONFIG = "schema.registry.basic.auth.user.info";
  /** Documentation of {@code schema.registry.basic.auth.user.info}. */
  public static final String REGISTRY_BASIC_AUTH_DOC = "'user:password' for HTTP basic authentication with the registry.";
  /** Display name of {@code schema.registry.basic.auth.user.info}. */
  public static final String REGISTRY_BASIC_AUTH_DISPLAY = "Registry basic auth";

  /** Setting {@code schema.registry.bearer.auth.token}. */
  public static final String REGISTRY_BEARER_CONFIG = "schema.registry.bearer.auth.token";
  /** Documentation of {@code schema.registry.bearer.auth.token}. */
  public static final String REGISTRY_BEARER_DOC = "A bearer token for the registry; takes precedence over basic authentication.";
  /** Display name of {@code schema.registry.bearer.auth.token}. */
  public static final String REGISTRY_BEARER_DISPLAY = "Registry bearer token";

  /** Setting {@code schema.registry.ssl.truststore.location}. */
  public static final String TRUSTSTORE_CONFIG = "schema.registry.ssl.truststore.location";
  /** Documentation of {@code schema.registry.ssl.truststore.location}. */
  public static final String TRUSTSTORE_DOC = "Trust store with the certificates that sign the registry's https certificate; "
      + "empty for the JVM's default trust.";
  /** Display name of {@code schema.registry.ssl.truststore.location}. */
  public static final String TRUSTSTORE_DISPLAY = "Registry trust store";
  /** Setting {@code schema.registry.ssl.truststore.password}. */
  public static final String TRUSTSTORE_PASSWORD_CONFIG = "schema.registry.ssl.truststore.password";
  /** Documentation of {@code schema.registry.ssl.truststore.password}. */
  public static final String TRUSTSTORE_PASSWORD_DOC = "Password of the registry trust store.";
  /** Display name of {@code schema.registry.ssl.truststore.password}. */
  public static final String TRUSTSTORE_PASSWORD_DISPLAY = "Registry trust store password";
  /** Setting {@code schema.registry.ssl.truststore.type}. */
  public static final String TRUSTSTORE_TYPE_CONFIG = "schema.registry.ssl.truststore.type";
  /** Default of {@code schema.registry.ssl.truststore.type}. */
  public static final String STORE_TYPE_DEFAULT = "PKCS12";
  /** Documentation of {@code schema.registry.ssl.truststore.type}. */
  public static final String TRUSTSTORE_TYPE_DOC = "Type of the registry trust store, e.g. PKCS12 or JKS.";
  /** Display name of {@code schema.registry.ssl.truststore.type}. */
  public static final String TRUSTSTORE_TYPE_DISPLAY = "Registry trust store type";
  /** Setting {@code schema.registry.ssl.keystore.location}. */
  public static final String KEYSTORE_CONFIG = "schema.registry.ssl.keystore.location";
  /** Documentation of {@code schema.registry.ssl.keystore.location}. */
  public static final String KEYSTORE_DOC = "Key store with the client certificate for mutual TLS with the registry; empty for none.";
  /** Display name of {@code schema.registry.ssl.keystore.location}. */
  public static final String KEYSTORE_DISPLAY = "Registry key store";
  /** Setting {@code schema.registry.ssl.keystore.password}. */
  public static final String KEYSTORE_PASSWORD_CONFIG = "schema.registry.ssl.keystore.password";
  /** Documentation of {@code schema.registry.ssl.keystore.password}. */
  public static final String KEYSTORE_PASSWORD_DOC = "Password of the registry key store.";
  /** Display name of {@code schema.registry.ssl.keystore.password}. */
  public static final String KEYSTORE_PASSWORD_DISPLAY = "Registry key store password";
  /** Setting {@code schema.registry.ssl.key.password}. */
  public static final String KEY_PASSWORD_CONFIG = "schema.registry.ssl.key.password";
  /** Documentation of {@code schema.registry.ssl.key.password}. */
  public static final String KEY_PASSWORD_DOC = "Password of the client key, if it differs from the key store's.";
  /** Display name of {@code schema.registry.ssl.key.password}. */
  public static final String KEY_PASSWORD_DISPLAY = "Registry key password";
  /** Setting {@code schema.registry.ssl.keystore.type}. */
  public static final String KEYSTORE_TYPE_CONFIG = "schema.registry.ssl.keystore.type";
  /** Documentation of {@code schema.registry.ssl.keystore.type}. */
  public static final String KEYSTORE_TYPE_DOC = "Type of the registry key store, e.g. PKCS12 or JKS.";
  /** Display name of {@code schema.registry.ssl.keystore.type}. */
  public static final String KEYSTORE_TYPE_DISPLAY = "Registry key store type";

  /** Setting {@code schema.registry.request.timeout.ms}. */
  public static final String REGISTRY_TIMEOUT_CONFIG = "schema.registry.request.timeout.ms";
  /** Default of {@code schema.registry.request.timeout.ms}. */
  public static final int REGISTRY_TIMEOUT_DEFAULT = 30_000;
  /** Documentation of {@code schema.registry.request.timeout.ms}. */
  public static final String REGISTRY_TIMEOUT_DOC = "How long one registry request may take, in milliseconds.";
  /** Display name of {@code schema.registry.request.timeout.ms}. */
  public static final String REGISTRY_TIMEOUT_DISPLAY = "Registry request timeout (ms)";

  /** Setting {@code schema.store.kafka.bootstrap.servers}. */
  public static final String KAFKA_BOOTSTRAP_CONFIG = "schema.store.kafka.bootstrap.servers";
  /** Default of {@code schema.store.kafka.bootstrap.servers}. */
  public static final String KAFKA_BOOTSTRAP_DEFAULT = "";
  /** Documentation of {@code schema.store.kafka.bootstrap.servers}. */
  public static final String KAFKA_BOOTSTRAP_DOC = "Brokers of the Kafka cluster that holds the schema topic, usually the "
      + "worker's own bootstrap.servers (converters do not see worker settings, so repeat it here, e.g. as "
      + "value.converter.schema.store.kafka.bootstrap.servers). Security and other client settings go into "
      + "schema.store.kafka.client.* (e.g. schema.store.kafka.client.security.protocol).";
  /** Display name of {@code schema.store.kafka.bootstrap.servers}. */
  public static final String KAFKA_BOOTSTRAP_DISPLAY = "Schema topic bootstrap servers";
  /** Prefix of Kafka client settings for the schema topic's clients. */
  public static final String KAFKA_CLIENT_PREFIX = "schema.store.kafka.client.";

  /** Setting {@code schema.store.kafka.topic}. */
  public static final String KAFKA_TOPIC_CONFIG = "schema.store.kafka.topic";
  /** Default of {@code schema.store.kafka.topic}. */
  public static final String KAFKA_TOPIC_DEFAULT = "_sluice_schemas";
  /** Documentation of {@code schema.store.kafka.topic}. */
  public static final String KAFKA_TOPIC_DOC = "The compacted, single-partition topic that holds the schemas; created on "
      + "first use. Every worker of a cluster must use the same topic.";
  /** Display name of {@code schema.store.kafka.topic}. */
  public static final String KAFKA_TOPIC_DISPLAY = "Schema topic";

  /** Setting {@code schema.store.kafka.replication.factor}. */
  public static final String KAFKA_REPLICATION_CONFIG = "schema.store.kafka.replication.factor";
  /** Default of {@code schema.store.kafka.replication.factor}. */
  public static final short KAFKA_REPLICATION_DEFAULT = -1;
  /** Documentation of {@code schema.store.kafka.replication.factor}. */
  public static final String KAFKA_REPLICATION_DOC = "Replication factor of the schema topic when it is created; -1 uses the "
      + "brokers' default.replication.factor.";
  /** Display name of {@code schema.store.kafka.replication.factor}. */
  public static final String KAFKA_REPLICATION_DISPLAY = "Schema topic replication factor";

  /** Setting {@code schema.store.kafka.timeout.ms}. */
  public static final String KAFKA_TIMEOUT_CONFIG = "schema.store.kafka.timeout.ms";
  /** Default of {@code schema.store.kafka.timeout.ms}. */
  public static final int KAFKA_TIMEOUT_DEFAULT = 30_000;
  /** Documentation of {@code schema.store.kafka.timeout.ms}. */
  public static final String KAFKA_TIMEOUT_DOC = "How long reading the schema topic to its end or writing a schema may take, in milliseconds.";
  /** Display name of {@code schema.store.kafka.timeout.ms}. */
  public static final String KAFKA_TIMEOUT_DISPLAY = "Schema topic timeout (ms)";

  /** Setting {@code schema.store.in.process.name}. */
  public static final String IN_PROCESS_NAME_CONFIG = "schema.store.in.process.name";
  /** Default of {@code schema.store.in.process.name}. */
  public static final String IN_PROCESS_NAME_DEFAULT = "default";
  /** Documentation of {@code schema.store.in.process.name}. */
  public static final String IN_PROCESS_NAME_DOC = "Name of the in-process store; converters in one JVM with the same name share it.";
  /** Display name of {@code schema.store.in.process.name}. */
  public static final String IN_PROCESS_NAME_DISPLAY = "In-process store name";

  /** Setting {@code auto.register.schemas}. */
  public static final String AUTO_REGISTER_CONFIG = "auto.register.schemas";
  /** Default of {@code auto.register.schemas}. */
  public static final boolean AUTO_REGISTER_DEFAULT = true;
  /** Documentation of {@code auto.register.schemas}. */
  public static final String AUTO_REGISTER_DOC = "Register new schemas (and new versions) when records need them. When false, "
      + "the schema must already be registered under the subject, else the record fails naming the subject.";
  /** Display name of {@code auto.register.schemas}. */
  public static final String AUTO_REGISTER_DISPLAY = "Auto-register schemas";

  /** Setting {@code subject.name.strategy}. */
  public static final String SUBJECT_STRATEGY_CONFIG = "subject.name.strategy";
  /** Default of {@code subject.name.strategy}. */
  public static final String SUBJECT_STRATEGY_DEFAULT = "topic";
  /** Documentation of {@code subject.name.strategy}. */
  public static final String SUBJECT_STRATEGY_DOC = "How subjects are named: 'topic' (<topic>-key, <topic>-value), 'record' "
      + "(the full name of the top-level message) or 'topic-record' (<topic>-<message full name>). Headers use "
      + "<topic>-header-<header key>.";
  /** Display name of {@code subject.name.strategy}. */
  public static final String SUBJECT_STRATEGY_DISPLAY = "Subject name strategy";

  /** Setting {@code field.conflict.action}. */
  public static final String CONFLICT_ACTION_CONFIG = "field.conflict.action";
  /** Default of {@code field.conflict.action}. */
  public static final String CONFLICT_ACTION_DEFAULT = "fail";
  /** Documentation of {@code field.conflict.action}. */
  public static final String CONFLICT_ACTION_DOC = "Before a new version is registered it is compared with the subject's latest: "
      + "a field number that another field had, or a field whose wire kind changes (e.g. a column altered from INT to "
      + "VARCHAR), breaks readers of the older version. 'fail' refuses the schema (the record fails, naming the field); "
      + "'warn' logs the field and registers the schema anyway.";
  /** Display name of {@code field.conflict.action}. */
  public static final String CONFLICT_ACTION_DISPLAY = "On field conflicts";

  /** Setting {@code null.handling}. */
  public static final String NULL_HANDLING_CONFIG = "null.handling";
  /** Default of {@code null.handling}. */
  public static final String NULL_HANDLING_DEFAULT = "keep";
  /** Documentation of {@code null.handling}. */
  public static final String NULL_HANDLING_DOC = "How optional Connect fields are declared: 'keep' (proto3 optional: null "
      + "stays null) or 'default' (plain proto3 fields for consumers whose generated code has no presence: a null is "
      + "written as absent and read back as 0, false or an empty string).";
  /** Display name of {@code null.handling}. */
  public static final String NULL_HANDLING_DISPLAY = "Null handling";

  /** Setting {@code replace.null.with.default}. */
  public static final String REPLACE_NULL_CONFIG = "replace.null.with.default";
  /** Default of {@code replace.null.with.default}. */
  public static final boolean REPLACE_NULL_DEFAULT = true;
  /** Documentation of {@code replace.null.with.default}. */
  public static final String REPLACE_NULL_DOC = "Write a field's default value where a struct holds null for it, as Connect's "
      + "Struct.get does; false writes the null.";
  /** Display name of {@code replace.null.with.default}. */
  public static final String REPLACE_NULL_DISPLAY = "Replace null with default";

  /** Setting {@code schema.cache.size}. */
  public static final String CACHE_SIZE_CONFIG = "schema.cache.size";
  /** Default of {@code schema.cache.size}. */
  public static final int CACHE_SIZE_DEFAULT = 1000;
  /** Documentation of {@code schema.cache.size}. */
  public static final String CACHE_SIZE_DOC = "How many Connect schemas and schema ids to keep compiled; each is compiled "
      + "once, never per record.";
  /** Display name of {@code schema.cache.size}. */
  public static final String CACHE_SIZE_DISPLAY = "Schema cache size";

  /** Setting {@code read.framing}. */
  public static final String READ_FRAMING_CONFIG = "read.framing";
  /** Default of {@code read.framing}. */
  public static final String READ_FRAMING_DEFAULT = "auto";
  /** Documentation of {@code read.framing}. */
  public static final String READ_FRAMING_DOC = "Framing of the records read: 'confluent' (magic byte, 4-byte id, message "
      + "indexes), 'apicurio' (magic byte, 4-byte id, type reference, as Apicurio's serializers write by default) or "
      + "'auto' (either). Records are always written in Confluent's framing.";
  /** Display name of {@code read.framing}. */
  public static final String READ_FRAMING_DISPLAY = "Read framing";

  private static final ConfigDef CONFIG = configDef();

  private final StoreKind store;
  private final List<URI> registryUrls;
  private final Duration registryTimeout;
  private final List<String> kafkaBootstrap;
  private final String kafkaTopic;
  private final short kafkaReplication;
  private final Duration kafkaTimeout;
  private final SubjectNameStrategy subjectStrategy;
  private final ConflictAction conflictAction;
  private final NullHandling nullHandling;
  private final Framing framing;

  /**
   * Parses settings.
   *
   * @throws ConfigException naming the setting that is wrong and what would be valid
   */
  public ProtobufConverterConfig(Map<String, ?> props) {
    super(CONFIG, props);
    registryUrls = getList(REGISTRY_URL_CONFIG).stream().map(String::trim).filter(s -> !s.isEmpty()).map(s -> {
      try {
        URI u = URI.create(s);
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
          throw new IllegalArgumentException("not an http(s) URL");
        }
        return u;
      } catch (IllegalArgumentException e) {
        throw new ConfigException(REGISTRY_URL_CONFIG, s, "not an http or https URL");
      }
    }).toList();
    registryTimeout = Duration.ofMillis(getInt(REGISTRY_TIMEOUT_CONFIG));
    kafkaBootstrap = getList(KAFKA_BOOTSTRAP_CONFIG).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    kafkaTopic = getString(KAFKA_TOPIC_CONFIG);
    kafkaReplication = getShort(KAFKA_REPLICATION_CONFIG);
    kafkaTimeout = Duration.ofMillis(getInt(KAFKA_TIMEOUT_CONFIG));
    subjectStrategy = parse(SubjectNameStrategy.class, getString(SUBJECT_STRATEGY_CONFIG));
    conflictAction = parse(ConflictAction.class, getString(CONFLICT_ACTION_CONFIG));
    nullHandling = parse(NullHandling.class, getString(NULL_HANDLING_CONFIG));
    framing = parse(Framing.class, getString(READ_FRAMING_CONFIG));
    StoreKind kind = parse(StoreKind.class, getString(SCHEMA_STORE_CONFIG));
    if (kind == StoreKind.AUTO) {
      if (!registryUrls.isEmpty()) {
        kind = StoreKind.REGISTRY;
      } else if (!kafkaBootstrap.isEmpty()) {
        kind = StoreKind.KAFKA;
      } else {
        throw new ConfigException("The Protobuf converter needs a place for schemas: set " + REGISTRY_URL_CONFIG
            + " (a schema registry) or " + KAFKA_BOOTSTRAP_CONFIG + " (a compacted topic in the worker's Kafka cluster, "
            + "usually the same value as the worker's bootstrap.servers), or " + SCHEMA_STORE_CONFIG
            + "=in-process for the embedded runner.");
      }
    }
    if (kind == StoreKind.REGISTRY && registryUrls.isEmpty()) {
      throw new ConfigException(REGISTRY_URL_CONFIG, "", "required when " + SCHEMA_STORE_CONFIG + "=registry");
    }
    if (kind == StoreKind.KAFKA && kafkaBootstrap.isEmpty()) {
      throw new ConfigException(KAFKA_BOOTSTRAP_CONFIG, "", "required when " + SCHEMA_STORE_CONFIG
          + "=kafka; usually the same value as the worker's bootstrap.servers");
    }
    store = kind;
  }

  /** The settings' definitions. */
  public static ConfigDef configDef() {
    ConfigDef def = ConverterConfig.newConfigDef();
    int order = 0;
    def.define(SCHEMA_STORE_CONFIG, Type.STRING, SCHEMA_STORE_DEFAULT, new EnumValidator(StoreKind.class), Importance.HIGH,
        SCHEMA_STORE_DOC, GROUP_STORE, ++order, Width.SHORT, SCHEMA_STORE_DISPLAY);
    def.define(IN_PROCESS_NAME_CONFIG, Type.STRING, IN_PROCESS_NAME_DEFAULT, Importance.LOW, IN_PROCESS_NAME_DOC,
        GROUP_STORE, ++order, Width.SHORT, IN_PROCESS_NAME_DISPLAY);
    order = 0;
    def.define(REGISTRY_URL_CONFIG, Type.LIST, REGISTRY_URL_DEFAULT, Importance.HIGH, REGISTRY_URL_DOC,
        GROUP_REGISTRY, ++order, Width.LONG, REGISTRY_URL_DISPLAY);
    def.define(REGISTRY_BASIC_AUTH_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, REGISTRY_BASIC_AUTH_DOC,
        GROUP_REGISTRY, ++order, Width.MEDIUM, REGISTRY_BASIC_AUTH_DISPLAY);
    def.define(REGISTRY_BEARER_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, REGISTRY_BEARER_DOC,
        GROUP_REGISTRY, ++order, Width.MEDIUM, REGISTRY_BEARER_DISPLAY);
    def.define(TRUSTSTORE_CONFIG, Type.STRING, null, Importance.MEDIUM, TRUSTSTORE_DOC, GROUP_REGISTRY, ++order, Width.LONG, TRUSTSTORE_DISPLAY);
    def.define(TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, TRUSTSTORE_PASSWORD_DOC, GROUP_REGISTRY, ++order,
        Width.MEDIUM, TRUSTSTORE_PASSWORD_DISPLAY);
    def.define(TRUSTSTORE_TYPE_CONFIG, Type.STRING, STORE_TYPE_DEFAULT, Importance.LOW, TRUSTSTORE_TYPE_DOC, GROUP_REGISTRY, ++order,
        Width.SHORT, TRUSTSTORE_TYPE_DISPLAY);
    def.define(KEYSTORE_CONFIG, Type.STRING, null, Importance.LOW, KEYSTORE_DOC, GROUP_REGISTRY, ++order, Width.LONG, KEYSTORE_DISPLAY);
    def.define(KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW, KEYSTORE_PASSWORD_DOC, GROUP_REGISTRY, ++order,
        Width.MEDIUM, KEYSTORE_PASSWORD_DISPLAY);
    def.define(KEY_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW, KEY_PASSWORD_DOC, GROUP_REGISTRY, ++order, Width.MEDIUM,
        KEY_PASSWORD_DISPLAY);
    def.define(KEYSTORE_TYPE_CONFIG, Type.STRING, STORE_TYPE_DEFAULT, Importance.LOW, KEYSTORE_TYPE_DOC, GROUP_REGISTRY, ++order,
        Width.SHORT, KEYSTORE_TYPE_DISPLAY);
    def.define(REGISTRY_TIMEOUT_CONFIG, Type.INT, REGISTRY_TIMEOUT_DEFAULT, ConfigDef.Range.atLeast(1), Importance.LOW,
        REGISTRY_TIMEOUT_DOC, GROUP_REGISTRY, ++order, Width.SHORT, REGISTRY_TIMEOUT_DISPLAY);
    order = 0;
    def.define(KAFKA_BOOTSTRAP_CONFIG, Type.LIST, KAFKA_BOOTSTRAP_DEFAULT, Importance.HIGH, KAFKA_BOOTSTRAP_DOC,
        GROUP_KAFKA, ++order, Width.LONG, KAFKA_BOOTSTRAP_DISPLAY);
    def.define(KAFKA_TOPIC_CONFIG, Type.STRING, KAFKA_TOPIC_DEFAULT, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
        KAFKA_TOPIC_DOC, GROUP_KAFKA, ++order, Width.MEDIUM, KAFKA_TOPIC_DISPLAY);
    def.define(KAFKA_REPLICATION_CONFIG, Type.SHORT, KAFKA_REPLICATION_DEFAULT, Importance.MEDIUM, KAFKA_REPLICATION_DOC,
        GROUP_KAFKA, ++order, Width.SHORT, KAFKA_REPLICATION_DISPLAY);
    def.define(KAFKA_TIMEOUT_CONFIG, Type.INT, KAFKA_TIMEOUT_DEFAULT, ConfigDef.Range.atLeast(1), Importance.LOW,
        KAFKA_TIMEOUT_DOC, GROUP_KAFKA, ++order, Width.SHORT, KAFKA_TIMEOUT_DISPLAY);
    order = 0;
    def.define(AUTO_REGISTER_CONFIG, Type.BOOLEAN, AUTO_REGISTER_DEFAULT, Importance.MEDIUM, AUTO_REGISTER_DOC,
        GROUP_SCHEMAS, ++order, Width.SHORT, AUTO_REGISTER_DISPLAY);
    def.define(SUBJECT_STRATEGY_CONFIG, Type.STRING, SUBJECT_STRATEGY_DEFAULT, new EnumValidator(SubjectNameStrategy.class),
        Importance.MEDIUM, SUBJECT_STRATEGY_DOC, GROUP_SCHEMAS, ++order, Width.SHORT, SUBJECT_STRATEGY_DISPLAY);
    def.define(CONFLICT_ACTION_CONFIG, Type.STRING, CONFLICT_ACTION_DEFAULT, new EnumValidator(ConflictAction.class),
        Importance.MEDIUM, CONFLICT_ACTION_DOC, GROUP_SCHEMAS, ++order, Width.SHORT, CONFLICT_ACTION_DISPLAY);
    def.define(NULL_HANDLING_CONFIG, Type.STRING, NULL_HANDLING_DEFAULT, new EnumValidator(NullHandling.class),
        Importance.LOW, NULL_HANDLING_DOC, GROUP_SCHEMAS, ++order, Width.SHORT, NULL_HANDLING_DISPLAY);
    def.define(REPLACE_NULL_CONFIG, Type.BOOLEAN, REPLACE_NULL_DEFAULT, Importance.LOW, REPLACE_NULL_DOC,
        GROUP_SCHEMAS, ++order, Width.SHORT, REPLACE_NULL_DISPLAY);
    def.define(CACHE_SIZE_CONFIG, Type.INT, CACHE_SIZE_DEFAULT, ConfigDef.Range.atLeast(1), Importance.LOW, CACHE_SIZE_DOC,
        GROUP_SCHEMAS, ++order, Width.SHORT, CACHE_SIZE_DISPLAY);
    def.define(READ_FRAMING_CONFIG, Type.STRING, READ_FRAMING_DEFAULT, new EnumValidator(Framing.class), Importance.LOW,
        READ_FRAMING_DOC, GROUP_SCHEMAS, ++order, Width.SHORT, READ_FRAMING_DISPLAY);
    return def;
  }

  /** The kind of store, with {@code auto} resolved. */
  public StoreKind store() {
    return store;
  }

  /** Registry base URLs; empty unless a registry is used. */
  public List<URI> registryUrls() {
    return registryUrls;
  }

  /** {@code user:password} for basic auth, or null. */
  public String registryBasicAuth() {
    Password p = getPassword(REGISTRY_BASIC_AUTH_CONFIG);
    return p == null ? null : p.value();
  }

  /** The bearer token, or null. */
  public String registryBearerToken() {
    Password p = getPassword(REGISTRY_BEARER_CONFIG);
    return p == null ? null : p.value();
  }

  /** Registry request timeout. */
  public Duration registryTimeout() {
    return registryTimeout;
  }

  /** The TLS context for the registry, or null for the JVM's defaults. */
  public javax.net.ssl.SSLContext registrySslContext() {
    return dev.sluice.converters.protobuf.registry.RegistryTls.context(getString(TRUSTSTORE_CONFIG), password(TRUSTSTORE_PASSWORD_CONFIG),
        getString(TRUSTSTORE_TYPE_CONFIG), getString(KEYSTORE_CONFIG), password(KEYSTORE_PASSWORD_CONFIG),
        password(KEY_PASSWORD_CONFIG), getString(KEYSTORE_TYPE_CONFIG));
  }

  private String password(String name) {
    Password p = getPassword(name);
    return p == null ? null : p.value();
  }

  /** Kafka client settings for the schema topic: bootstrap servers plus every schema.store.kafka.client.* setting. */
  public Map<String, Object> kafkaClientConfig() {
    Map<String, Object> client = new HashMap<>(originalsWithPrefix(KAFKA_CLIENT_PREFIX));
    client.put("bootstrap.servers", String.join(",", kafkaBootstrap));
    return client;
  }

  /** The schema topic. */
  public String kafkaTopic() {
    return kafkaTopic;
  }

  /** Replication factor of a new schema topic, -1 for the broker default. */
  public short kafkaReplicationFactor() {
    return kafkaReplication;
  }

  /** Timeout of schema topic reads and writes. */
  public Duration kafkaTimeout() {
    return kafkaTimeout;
  }

  /** Name of the in-process store. */
  public String inProcessName() {
    return getString(IN_PROCESS_NAME_CONFIG);
  }

  /** Whether new schemas are registered. */
  public boolean autoRegister() {
    return getBoolean(AUTO_REGISTER_CONFIG);
  }

  /** Subject naming. */
  public SubjectNameStrategy subjectStrategy() {
    return subjectStrategy;
  }

  /** What field conflicts do. */
  public ConflictAction conflictAction() {
    return conflictAction;
  }

  /** How optional fields are declared. */
  public NullHandling nullHandling() {
    return nullHandling;
  }

  /** Whether defaults replace nulls when writing. */
  public boolean replaceNullWithDefault() {
    return getBoolean(REPLACE_NULL_CONFIG);
  }

  /** Bound of the schema caches. */
  public int cacheSize() {
    return getInt(CACHE_SIZE_CONFIG);
  }

  /** Framing of records read. */
  public Framing readFraming() {
    return framing;
  }

  /** Parses a setting's value into an enum: case-insensitive, '-' and '_' alike. */
  static <E extends Enum<E>> E parse(Class<E> type, String value) {
    String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(normalized)) {
        return e;
      }
    }
    throw new ConfigException("'" + value + "' is not one of " + EnumValidator.names(type));
  }

  /** Accepts the lower-case names of an enum's constants; its toString lists them. */
  static final class EnumValidator implements ConfigDef.Validator {
    private final Class<? extends Enum<?>> type;

    <E extends Enum<E>> EnumValidator(Class<E> type) {
      this.type = type;
    }

    static String names(Class<? extends Enum<?>> type) {
      return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
          .collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public void ensureValid(String name, Object value) {
      String v = value == null ? "" : value.toString().trim().toUpperCase(Locale.ROOT).replace('-', '_');
      for (Enum<?> e : type.getEnumConstants()) {
        if (e.name().equals(v)) {
          return;
        }
      }
      throw new ConfigException(name, value, "must be one of " + this);
    }

    @Override
    public String toString() {
      return names(type);
    }
  }
}
