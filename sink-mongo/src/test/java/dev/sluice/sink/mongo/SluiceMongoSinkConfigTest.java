package dev.sluice.sink.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import dev.sluice.sink.mongo.testsupport.Shop;
import dev.sluice.sink.mongo.view.IdStrategy;
import dev.sluice.sink.mongo.writemodel.DeleteMode;
import dev.sluice.sink.mongo.writemodel.ParentDeleteMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SluiceMongoSinkConfigTest {

  private static Map<String, String> base() {
    Map<String, String> props = new HashMap<>();
    props.put("connection.uri", "mongodb://db1:27017,db2:27017/?replicaSet=rs0");
    props.put("database", "views");
    return props;
  }

  private static SluiceMongoSinkConfig config(String... kv) {
    Map<String, String> props = base();
    for (int i = 0; i < kv.length; i += 2) {
      props.put(kv[i], kv[i + 1]);
    }
    return new SluiceMongoSinkConfig(props);
  }

  @Test
  void defaultsAreSafe() {
    SluiceMongoSinkConfig c = config();
    assertThat(c.connection().writeConcern()).as("majority unless told otherwise").isEqualTo(WriteConcern.MAJORITY);
    assertThat(c.tombstoneRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(c.metaField()).isEqualTo("_sluice");
    assertThat(c.tolerateAll()).isFalse();
    assertThat(c.defaults().deleteMode()).isEqualTo(DeleteMode.HARD);
    MongoClientSettings settings = c.connection().clientSettings();
    assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS)).isEqualTo(10_000);
    assertThat(settings.getApplicationName()).isEqualTo("sluice-sink-mongo");
  }

  @Test
  void perTopicOverridesApplyToTheirTopicOnlyEvenWithDotsInTheTopicName() {
    SluiceMongoSinkConfig c = config("topic.override.shop.inventory.customers.id.strategy", "fields",
        "topic.override.shop.inventory.customers.id.fields", "email",
        "topic.override.shop.inventory.customers.delete.mode", "soft");
    TopicConfig customers = c.topicConfig("shop.inventory.customers");
    assertThat(customers.idStrategy()).isEqualTo(IdStrategy.FIELDS);
    assertThat(customers.idFields()).containsExactly("email");
    assertThat(customers.deleteMode()).isEqualTo(DeleteMode.SOFT);
    assertThat(c.topicConfig("shop.inventory.orders").idStrategy()).isEqualTo(IdStrategy.KEY);
    assertThat(c.overrides().topics()).containsExactly("shop.inventory.customers");
  }

  @Test
  void anOverrideOfAnUnknownOrConnectorWideSettingIsRejectedWithTheValidOnes() {
    assertThatThrownBy(() -> config("topic.override.t.connection.uri", "mongodb://x"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("topic.override.t.connection.uri").hasMessageContaining("write.mode");
    assertThatThrownBy(() -> config("topic.override.t.colection", "x")).isInstanceOf(ConfigException.class);
  }

  @Test
  void aBadOverrideValueNamesTheTopic() {
    assertThatThrownBy(() -> config("topic.override.shop.x.delete.mode", "purge"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("shop.x").hasMessageContaining("hard, soft");
  }

  @Test
  void crossSettingRulesFailWithTheSettingToFix() {
    assertThatThrownBy(() -> config("id.strategy", "fields")).isInstanceOf(ConfigException.class).hasMessageContaining("id.fields");
    assertThatThrownBy(() -> config("retry.backoff.initial.ms", "500", "retry.backoff.max.ms", "100"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("retry.backoff.max.ms");
    assertThatThrownBy(() -> config("meta.field", "a.b")).isInstanceOf(ConfigException.class).hasMessageContaining("meta.field");
    Map<String, String> noDb = base();
    noDb.remove("database");
    assertThatThrownBy(() -> new SluiceMongoSinkConfig(noDb)).isInstanceOf(ConfigException.class).hasMessageContaining("database");
  }

  @Test
  void writeConcernComesFromTheSettingTheConnectionStringOrMajority() {
    assertThat(config("connection.write.concern", "2", "connection.write.concern.timeout.ms", "5000").connection().writeConcern())
        .isEqualTo(new WriteConcern(2).withWTimeout(5000, TimeUnit.MILLISECONDS));
    assertThat(config("connection.uri", "mongodb://db1/?w=1").connection().writeConcern()).isEqualTo(WriteConcern.W1);
    assertThatThrownBy(() -> config("connection.uri", "mongodb://db1/?w=0")).isInstanceOf(ConfigException.class).hasMessageContaining("w=0");
    assertThatThrownBy(() -> config("connection.write.concern", "0")).isInstanceOf(ConfigException.class);
  }

  @Test
  void tlsAndCredentialsAreApplied() {
    MongoClientSettings settings = config("connection.tls.enabled", "true", "connection.tls.allow.invalid.hostnames", "true",
        "connection.username", "sink", "connection.password", "s3cret", "connection.auth.source", "users")
        .connection().clientSettings();
    assertThat(settings.getSslSettings().isEnabled()).isTrue();
    assertThat(settings.getSslSettings().isInvalidHostNameAllowed()).isTrue();
    assertThat(settings.getCredential().getUserName()).isEqualTo("sink");
    assertThat(settings.getCredential().getSource()).isEqualTo("users");
    assertThat(new String(settings.getCredential().getPassword())).isEqualTo("s3cret");
    assertThat(config("connection.uri", "mongodb://db1/?tls=true").connection().clientSettings().getSslSettings().isEnabled()).isTrue();
    assertThatThrownBy(() -> config("connection.tls.enabled", "true", "connection.tls.truststore.location", "/nonexistent.p12")
        .connection().clientSettings()).isInstanceOf(ConfigException.class).hasMessageContaining("connection.tls.truststore.location");
  }

  @Test
  void secretsArePasswordsAndNeverAppearInErrors() {
    ConfigDef def = SluiceMongoSinkConfig.CONFIG_DEF;
    assertThat(List.of("connection.uri", "connection.password", "connection.tls.truststore.password", "connection.tls.keystore.password"))
        .allSatisfy(name -> assertThat(def.configKeys().get(name).type).isEqualTo(ConfigDef.Type.PASSWORD));
    assertThatThrownBy(() -> config("connection.uri", "mongodb://user:hunter2@db1:notaport"))
        .isInstanceOf(ConfigException.class).hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> config("connection.uri", "mongodb://user:hunter2@db1/", "connection.username", "other"))
        .isInstanceOf(ConfigException.class).hasMessageNotContaining("hunter2");
    assertThat(config("connection.uri", "mongodb://user:hunter2@db1/").toString()).doesNotContain("hunter2");
  }

  @Test
  void errorsToleranceAllIsRead() {
    assertThat(config("errors.tolerance", "all").tolerateAll()).isTrue();
    assertThat(config("errors.tolerance", "none").tolerateAll()).isFalse();
  }

  @Test
  void everySettingIsDocumented() {
    SluiceMongoSinkConfig.CONFIG_DEF.configKeys().values().forEach(key -> {
      assertThat(key.documentation).as(key.name).isNotBlank();
      assertThat(key.displayName).as(key.name).isNotBlank();
      assertThat(key.group).as(key.name).isNotBlank();
      if (key.validator != null) {
        assertThat(key.validator.toString()).as("validator of %s says what is valid", key.name).doesNotContain("$$Lambda");
      }
    });
  }

  @Test
  void embedsNeedAStaticCollectionAndAPerTopicSetting() {
    Map<String, String> props = base();
    props.putAll(Shop.embedLines("cascade"));
    EmbedRegistry registry = EmbedRegistry.from(new SluiceMongoSinkConfig(props));
    assertThat(registry.forTopic(Shop.LINES_TOPIC).field()).isEqualTo("lines");
    assertThat(registry.forTopic(Shop.LINES_TOPIC).parentDelete()).isEqualTo(ParentDeleteMode.CASCADE);
    assertThat(registry.into(new dev.sluice.sink.mongo.namespace.Namespace("views", "orders"))).hasSize(1);

    props.remove("topic.override." + Shop.LINES_TOPIC + ".collection");
    assertThatThrownBy(() -> EmbedRegistry.from(new SluiceMongoSinkConfig(props)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("topic.override." + Shop.LINES_TOPIC + ".collection");
    assertThatThrownBy(() -> EmbedRegistry.from(config("embed.field", "lines", "embed.parent.key", "order_id")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("per-topic");
    assertThatThrownBy(() -> config("topic.override.t.embed.field", "lines")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("embed.parent.key");
    assertThatThrownBy(() -> config("topic.override.t.embed.field", "lines", "topic.override.t.embed.parent.key", "a,b:")).isInstanceOf(ConfigException.class);
  }
}
