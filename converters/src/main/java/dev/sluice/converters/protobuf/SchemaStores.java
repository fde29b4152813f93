package dev.sluice.converters.protobuf;

import dev.sluice.converters.protobuf.registry.RegistryClient;
import dev.sluice.converters.protobuf.store.InProcessSchemaStore;
import dev.sluice.converters.protobuf.store.KafkaTopicSchemaStore;
import dev.sluice.converters.protobuf.store.SchemaStore;

/** Opens the schema store a {@link ProtobufConverterConfig} describes. */
public final class SchemaStores {
  private SchemaStores() {}

  /**
   * Opens the configured store; close it when done.
   *
   * @throws org.apache.kafka.connect.errors.ConnectException if the Kafka schema topic cannot be prepared
   */
  public static SchemaStore open(ProtobufConverterConfig config) {
    return switch (config.store()) {
      case REGISTRY -> new RegistryClient(new RegistryClient.Settings(config.registryUrls(), config.registryBasicAuth(),
          config.registryBearerToken(), config.registrySslContext(), config.registryTimeout(), config.cacheSize()));
      case KAFKA -> KafkaTopicSchemaStore.open(config.kafkaClientConfig(), config.kafkaTopic(), config.kafkaReplicationFactor(),
          config.kafkaTimeout());
      case IN_PROCESS -> InProcessSchemaStore.named(config.inProcessName());
      case AUTO -> throw new IllegalStateException("auto is resolved by the config");
    };
  }
}
