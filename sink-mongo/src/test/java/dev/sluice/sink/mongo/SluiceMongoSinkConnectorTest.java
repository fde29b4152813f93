package dev.sluice.sink.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sink.mongo.testsupport.Shop;
import dev.sluice.sink.mongo.testsupport.TestMongo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SluiceMongoSinkConnectorTest {
  private static TestMongo mongo;
  private final SluiceMongoSinkConnector connector = new SluiceMongoSinkConnector();

  @BeforeAll
  static void startMongo() {
    mongo = TestMongo.start();
  }

  @AfterAll
  static void stopMongo() {
    mongo.close();
  }

  private static Map<String, String> props(String... kv) {
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", SluiceMongoSinkConnector.class.getName());
    props.put("topics", Shop.ORDERS_TOPIC);
    props.put("connection.uri", mongo.uri());
    props.put("database", "views");
    for (int i = 0; i < kv.length; i += 2) {
      props.put(kv[i], kv[i + 1]);
    }
    return props;
  }

  private static List<String> errors(Config config, String name) {
    return config.configValues().stream().filter(v -> v.name().equals(name)).flatMap(v -> v.errorMessages().stream()).toList();
  }

  private static long errorCount(Config config) {
    return config.configValues().stream().mapToLong(v -> v.errorMessages().size()).sum();
  }

  @Test
  void eachTaskGetsTheSettingsAndItsNumber() {
    connector.start(props());
    List<Map<String, String>> tasks = connector.taskConfigs(3);
    assertThat(tasks).hasSize(3);
    assertThat(tasks).extracting(t -> t.get(SluiceMongoSinkConnector.TASK_ID_CONFIG)).containsExactly("0", "1", "2");
    assertThat(tasks).allSatisfy(t -> assertThat(t).containsEntry("database", "views"));
    assertThat(connector.taskClass()).isEqualTo(SluiceMongoSinkTask.class);
    connector.stop();
  }

  @Test
  void startRejectsBadSettingsWithTheirName() {
    Map<String, String> props = props();
    props.putAll(Shop.embedLines("keep"));
    props.remove("topic.override." + Shop.LINES_TOPIC + ".collection");
    assertThatThrownBy(() -> connector.start(props)).isInstanceOf(ConfigException.class).hasMessageContaining(".collection");
  }

  @Test
  void aGoodConfigurationValidatesWithoutErrors() {
    Map<String, String> props = props();
    props.putAll(Shop.embedLines("cascade"));
    Config config = connector.validate(props);
    assertThat(errorCount(config)).as("%s", config.configValues()).isZero();
  }

  @Test
  void validateAttachesEachProblemToTheSettingToChange() {
    assertThat(errors(connector.validate(props("topic.override.x.colection", "a")), "topic.override.x.colection"))
        .singleElement().asString().contains("not a per-topic setting");
    assertThat(errors(connector.validate(props("id.strategy", "fields")), "id.fields")).singleElement().asString().contains("id.fields");
    assertThat(errors(connector.validate(props("write.mode", "sideways")), "write.mode")).isNotEmpty();
    Map<String, String> noDb = props();
    noDb.remove("database");
    assertThat(errors(connector.validate(noDb), "database")).isNotEmpty();
  }

  @Test
  void validateReportsAnUnreachableMongoDbOnTheConnectionString() {
    Config config = connector.validate(props("connection.uri", "mongodb://127.0.0.1:1/?connectTimeoutMS=200"));
    assertThat(errors(config, "connection.uri")).singleElement().asString().contains("did not answer a ping");
    ConfigValue uri = config.configValues().stream().filter(v -> v.name().equals("connection.uri")).findFirst().orElseThrow();
    assertThat(String.valueOf(uri.value())).doesNotContain("127.0.0.1:1/?connect").as("the password-typed value is hidden");
  }
}
