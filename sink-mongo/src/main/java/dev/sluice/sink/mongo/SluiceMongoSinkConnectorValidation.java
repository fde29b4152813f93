package dev.sluice.sink.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/**
 * What {@code PUT /connector-plugins/.../config/validate} adds to the per-setting checks: the
 * per-topic overrides, the cross-setting rules (embeddings, id fields, namespace mappers), and a
 * live check that MongoDB answers with these connection settings. Each problem is attached to the
 * setting (or override key) to change.
 */
final class SluiceMongoSinkConnectorValidation {
  private static final Pattern CONFIG_NAME = Pattern.compile("for configuration ([^\\s:]+)");
  private static final int PING_TIMEOUT_MS = 3_000;

  private SluiceMongoSinkConnectorValidation() {}

  static Config validate(Map<String, String> props, Config config) {
    for (String key : props.keySet()) {
      if (key.startsWith(TopicOverrides.PREFIX)
          && TopicOverrides.split(key, List.copyOf(TopicConfig.CONFIG_DEF.names())).isEmpty()) {
        add(config, key, props.get(key), "not a per-topic setting: expected topic.override.<topic>.<setting> with <setting> one of "
            + new java.util.TreeSet<>(TopicConfig.CONFIG_DEF.names()));
      }
    }
    if (hasErrors(config)) {
      return config;
    }
    SluiceMongoSinkConfig parsed;
    try {
      parsed = new SluiceMongoSinkConfig(props);
      EmbedRegistry.from(parsed);
    } catch (ConfigException e) {
      String name = settingOf(e).orElse(NamespaceConfig.DATABASE_CONFIG);
      add(config, name, props.get(name), e.getMessage());
      return config;
    }
    ping(parsed).ifPresent(problem -> add(config, ConnectionConfig.URI_CONFIG, null, problem));
    return config;
  }

  /** Empty when MongoDB answers a ping with these settings, else what went wrong. */
  static Optional<String> ping(SluiceMongoSinkConfig config) {
    var settings = com.mongodb.MongoClientSettings.builder(config.connection().clientSettings())
        .applyToClusterSettings(c -> c.serverSelectionTimeout(PING_TIMEOUT_MS, TimeUnit.MILLISECONDS))
        .build();
    try (MongoClient client = MongoClients.create(settings)) {
      client.getDatabase("admin").runCommand(new BsonDocument("ping", new BsonInt32(1)));
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of("MongoDB at " + config.connection().connectionString().getHosts() + " did not answer a ping within "
          + PING_TIMEOUT_MS + " ms with these settings (check host, port, credentials, TLS): " + e.getClass().getSimpleName()
          + ": " + e.getMessage());
    }
  }

  private static Optional<String> settingOf(ConfigException e) {
    Matcher m = CONFIG_NAME.matcher(String.valueOf(e.getMessage()));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static boolean hasErrors(Config config) {
    return config.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty());
  }

  private static void add(Config config, String name, Object value, String message) {
    for (ConfigValue v : config.configValues()) {
      if (v.name().equals(name)) {
        v.addErrorMessage(message);
        return;
      }
    }
    ConfigValue added = new ConfigValue(name, value, List.of(), new java.util.ArrayList<>());
    added.addErrorMessage(message);
    config.configValues().add(added);
  }
}
