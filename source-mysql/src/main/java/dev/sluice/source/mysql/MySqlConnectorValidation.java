package dev.sluice.source.mysql;

import dev.sluice.source.mysql.server.Preflight;
import dev.sluice.source.mysql.server.ServerProbe;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * What {@code PUT /connector-plugins/.../config/validate} reports beyond the ConfigDef: cross-field
 * rules, and live checks against the server (binlog settings, grants) attached to the setting the
 * user must look at.
 */
final class MySqlConnectorValidation {
  private MySqlConnectorValidation() {
  }

  static Config validate(Map<String, String> props) {
    List<ConfigValue> values = MySqlSourceConfig.CONFIG_DEF.validate(props);
    Map<String, ConfigValue> byName = values.stream().collect(Collectors.toMap(ConfigValue::name, Function.identity()));
    boolean fieldErrors = values.stream().anyMatch(v -> !v.errorMessages().isEmpty());
    if (fieldErrors) {
      return new Config(values);
    }
    MySqlSourceConfig config;
    try {
      config = new MySqlSourceConfig(props);
    } catch (ConfigException e) {
      String setting = MySqlSourceConfig.TOPIC_PREFIX_CONFIG;
      for (String candidate : List.of(MySqlSourceConfig.MAX_QUEUE_SIZE_CONFIG, SnapshotConfig.SIGNAL_KAFKA_BOOTSTRAP_SERVERS_CONFIG)) {
        if (e.getMessage().contains(candidate)) {
          setting = candidate;
          break;
        }
      }
      byName.get(setting).addErrorMessage(e.getMessage());
      return new Config(values);
    }
    try (ServerProbe probe = ServerProbe.open(config.hostname(), config.port(), config.user(), config.password().value(),
        config.sslMode(), (int) config.connectTimeout().toMillis())) {
      for (Preflight.Problem problem : Preflight.check(probe, config.includeQuery())) {
        byName.get(problem.setting()).addErrorMessage(problem.message());
      }
    } catch (SQLException e) {
      String target = ErrorClassifier.isAuthenticationFailure(e) ? MySqlSourceConfig.USER_CONFIG : MySqlSourceConfig.HOSTNAME_CONFIG;
      byName.get(target).addErrorMessage("cannot check the server: connecting to " + config.hostname() + ":" + config.port() + " as '"
          + config.user() + "' failed: " + e.getMessage());
    }
    return new Config(values);
  }
}
