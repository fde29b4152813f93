package dev.sluice.converters.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.converters.protobuf.ProtobufConverterConfig.StoreKind;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ProtobufConverterConfigTest {

  private static Map<String, Object> props(String... kv) {
    Map<String, Object> m = new HashMap<>();
    m.put("converter.type", "value");
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void withoutAnyStoreTheErrorSaysWhatToSet() {
    assertThatThrownBy(() -> new ProtobufConverterConfig(props()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url")
        .hasMessageContaining("schema.store.kafka.bootstrap.servers")
        .hasMessageContaining("bootstrap.servers");
  }

  @Test
  void autoPicksTheRegistryThenTheKafkaTopic() {
    assertThat(new ProtobufConverterConfig(props("schema.registry.url", "http://r:8081", "schema.store.kafka.bootstrap.servers", "b:9092")).store())
        .isEqualTo(StoreKind.REGISTRY);
    assertThat(new ProtobufConverterConfig(props("schema.store.kafka.bootstrap.servers", "b:9092")).store()).isEqualTo(StoreKind.KAFKA);
    assertThat(new ProtobufConverterConfig(props("schema.store", "IN-PROCESS")).store()).isEqualTo(StoreKind.IN_PROCESS);
  }

  @Test
  void kafkaClientSettingsComeFromThePrefix() {
    ProtobufConverterConfig c = new ProtobufConverterConfig(props("schema.store.kafka.bootstrap.servers", "b1:9092, b2:9092",
        "schema.store.kafka.client.security.protocol", "SSL"));
    assertThat(c.kafkaClientConfig()).containsEntry("bootstrap.servers", "b1:9092,b2:9092").containsEntry("security.protocol", "SSL");
    assertThat(c.kafkaTopic()).isEqualTo("_sluice_schemas");
  }

  @Test
  void badValuesNameTheSettingAndWhatIsValid() {
    assertThatThrownBy(() -> new ProtobufConverterConfig(props("schema.store", "zookeeper")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.store")
        .hasMessageContaining("[auto, registry, kafka, in-process]");
    assertThatThrownBy(() -> new ProtobufConverterConfig(props("schema.registry.url", "registry:8081")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url").hasMessageContaining("http");
    assertThatThrownBy(() -> new ProtobufConverterConfig(props("schema.store", "kafka")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.store.kafka.bootstrap.servers");
    assertThatThrownBy(() -> new ProtobufConverterConfig(props("schema.store", "in-process", "field.conflict.action", "ignore")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("[fail, warn]");
  }

  @Test
  void everySettingIsDocumentedAndValidatorsListValidValues() {
    ConfigDef def = ProtobufConverterConfig.configDef();
    def.configKeys().values().forEach(k -> assertThat(k.documentation).as(k.name).isNotBlank());
    assertThat(def.configKeys().get("subject.name.strategy").validator).hasToString("[topic, record, topic-record]");
    assertThat(def.configKeys().get("schema.registry.basic.auth.user.info").type).isEqualTo(ConfigDef.Type.PASSWORD);
  }
}
