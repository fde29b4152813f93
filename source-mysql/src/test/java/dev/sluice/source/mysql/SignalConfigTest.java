package dev.sluice.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** The signal settings: off by default, brokers required with a topic, validators that say what is valid. */
class SignalConfigTest {

  private static Map<String, String> base() {
    return new HashMap<>(Map.of("database.hostname", "db", "database.user", "sluice", "database.server.id", "5", "topic.prefix", "shop"));
  }

  @Test
  void signalsAreOffByDefault() {
    SnapshotConfig snapshot = new MySqlSourceConfig(base()).snapshot();
    assertThat(snapshot.signalsEnabled()).isFalse();
    assertThat(snapshot.signalTopic()).isEmpty();
  }

  @Test
  void aSignalTopicWithoutBrokersFailsNamingTheMissingSetting() {
    Map<String, String> props = base();
    props.put("signal.kafka.topic", "shop-signals");
    assertThatThrownBy(() -> new MySqlSourceConfig(props)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("signal.kafka.bootstrap.servers").hasMessageContaining("shop-signals");
  }

  @Test
  void validateReportsTheMissingBrokersOnTheirOwnSettingWithoutContactingTheServer() {
    Map<String, String> props = base();
    props.put("signal.kafka.topic", "shop-signals");
    Map<String, List<String>> errors = new HashMap<>();
    for (ConfigValue v : new SluiceMySqlSourceConnector().validate(props).configValues()) {
      errors.put(v.name(), v.errorMessages());
    }
    assertThat(errors.get("signal.kafka.bootstrap.servers")).singleElement().asString().contains("required when signal.kafka.topic is set");
    assertThat(errors.get("topic.prefix")).isEmpty();
  }

  @Test
  void badTopicNamesAndBrokerListsAreRejectedSayingWhatIsValid() {
    Map<String, String> props = base();
    props.put("signal.kafka.topic", "bad topic");
    props.put("signal.kafka.bootstrap.servers", "broker1:9092,broker2");
    Map<String, List<String>> errors = new HashMap<>();
    for (ConfigValue v : MySqlSourceConfig.CONFIG_DEF.validate(props)) {
      errors.put(v.name(), v.errorMessages());
    }
    assertThat(errors.get("signal.kafka.topic")).singleElement().asString().contains("Kafka topic name");
    assertThat(errors.get("signal.kafka.bootstrap.servers")).singleElement().asString().contains("'broker2'", "host:port");
    assertThat(MySqlSourceConfig.CONFIG_DEF.configKeys().get("signal.kafka.bootstrap.servers").validator.toString()).contains("host:port");
  }

  @Test
  void consumerSettingsPassThroughButServersAndNoAutoCommitAreFixed() {
    Map<String, String> props = base();
    props.put("signal.kafka.topic", "shop-signals");
    props.put("signal.kafka.bootstrap.servers", "broker1:9092,[::1]:9093");
    props.put("signal.consumer.security.protocol", "SSL");
    props.put("signal.consumer.enable.auto.commit", "true");
    props.put("signal.consumer.bootstrap.servers", "elsewhere:1");
    SnapshotConfig snapshot = new MySqlSourceConfig(props).snapshot();
    assertThat(snapshot.signalsEnabled()).isTrue();
    assertThat(snapshot.signalConsumerOverrides()).containsEntry("security.protocol", "SSL");
    Map<String, Object> consumer = dev.sluice.source.mysql.signal.KafkaSignalReader.consumerProperties(snapshot, "shop");
    assertThat(consumer).containsEntry("security.protocol", "SSL").containsEntry("bootstrap.servers", "broker1:9092,[::1]:9093")
        .containsEntry("enable.auto.commit", false).containsEntry("client.id", "sluice-signal-shop");
  }
}
