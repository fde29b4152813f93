package dev.sluice.embedded.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class PipelineConfigTest {
  private static final Path BASE = Path.of("/etc/sluice");

  static Map<String, String> minimal() {
    Map<String, String> p = new HashMap<>();
    p.put("name", "shop");
    p.put("source.database.hostname", "db.internal");
    p.put("source.database.port", "3306");
    p.put("source.database.user", "sluice");
    p.put("source.database.password", "secret");
    p.put("source.database.server.id", "5401");
    p.put("source.topic.prefix", "shop");
    p.put("sink.connection.uri", "mongodb://127.0.0.1:27017");
    p.put("sink.database", "views");
    return p;
  }

  @Test
  void sourceSettingsReachTheEngineWithoutTheirPrefixNextToTheOffsetStore() {
    Map<String, String> p = minimal();
    p.put("transforms", "route");
    p.put("transforms.route.type", "dev.sluice.transforms.Route");
    p.put("engine.record.processing.threads", "1");
    Properties engine = new PipelineConfig(p, BASE).engineProperties();

    assertThat(engine.getProperty("database.hostname")).isEqualTo("db.internal");
    assertThat(engine.getProperty("connector.class")).isEqualTo("dev.sluice.source.mysql.SluiceMySqlSourceConnector");
    assertThat(engine.getProperty("offset.storage")).isEqualTo("org.apache.kafka.connect.storage.FileOffsetBackingStore");
    assertThat(engine.getProperty("offset.storage.file.filename")).isEqualTo(BASE.resolve("shop.offsets").toString());
    assertThat(engine.getProperty("offset.flush.interval.ms")).isEqualTo("1000");
    assertThat(engine.getProperty("transforms.route.type")).isEqualTo("dev.sluice.transforms.Route");
    assertThat(engine.getProperty("record.processing.threads")).isEqualTo("1");
    assertThat(engine.getProperty("tombstones.on.delete")).isEqualTo("false");
    assertThat(engine).doesNotContainKey("sink.database").doesNotContainKey("connection.uri");
  }

  @Test
  void sinkSettingsGoToTheSinkWithThePipelineName() {
    Map<String, String> sink = new PipelineConfig(minimal(), BASE).sinkWithName();
    assertThat(sink).containsEntry("connection.uri", "mongodb://127.0.0.1:27017").containsEntry("database", "views")
        .containsEntry("name", "shop-sink").doesNotContainKey("database.hostname");
  }

  @Test
  void relativeOffsetFilesResolveAgainstThePropertiesFolder() {
    Map<String, String> p = minimal();
    p.put("offset.storage.file.filename", "state/offsets.dat");
    assertThat(new PipelineConfig(p, BASE).offsetFile()).isEqualTo(BASE.resolve("state/offsets.dat"));
    p.put("offset.storage.file.filename", "/var/lib/sluice/o.dat");
    assertThat(new PipelineConfig(p, BASE).offsetFile()).isEqualTo(Path.of("/var/lib/sluice/o.dat"));
  }

  @Test
  void anUnknownTopLevelKeyIsRejectedByName() {
    Map<String, String> p = minimal();
    p.put("database.hostname", "oops");
    assertThatThrownBy(() -> new PipelineConfig(p, BASE)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("database.hostname").hasMessageContaining("source.");
  }

  @Test
  void aMissingSourceSettingIsReportedWithItsPrefix() {
    Map<String, String> p = minimal();
    p.remove("source.database.hostname");
    assertThatThrownBy(() -> new PipelineConfig(p, BASE)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("database.hostname").hasMessageContaining("'source.' prefix");
  }

  @Test
  void aPipelineWithoutSinkSettingsIsRejected() {
    Map<String, String> p = minimal();
    p.remove("sink.connection.uri");
    p.remove("sink.database");
    assertThatThrownBy(() -> new PipelineConfig(p, BASE)).isInstanceOf(ConfigException.class).hasMessageContaining("sink.connection.uri");
  }

  @Test
  void anInvalidSinkSettingIsReportedWithItsPrefix() {
    Map<String, String> p = minimal();
    p.put("sink.write.mode", "sometimes");
    assertThatThrownBy(() -> new PipelineConfig(p, BASE)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("write.mode").hasMessageContaining("'sink.' prefix");
  }

  @Test
  void byDefaultEveryTopicButHeartbeatsTransactionsAndSchemaChangesReachesTheSink() {
    TopicRouting routing = new PipelineConfig(minimal(), BASE).routing();
    assertThat(routing.toSink("shop.inventory.orders")).isTrue();
    assertThat(routing.toSink("__sluice-heartbeat.shop")).isFalse();
    assertThat(routing.toSink("shop.transaction")).isFalse();
    assertThat(routing.toSink("shop.schema-changes")).isFalse();
  }

  @Test
  void sinkTopicsAndRegexSelectLikeASinkConnector() {
    Map<String, String> p = minimal();
    p.put("sink.topics", "shop.a.x");
    p.put("sink.topics.regex", "shop\\.b\\..*");
    TopicRouting routing = new PipelineConfig(p, BASE).routing();
    assertThat(routing.toSink("shop.a.x")).isTrue();
    assertThat(routing.toSink("shop.b.y")).isTrue();
    assertThat(routing.toSink("shop.a.y")).isFalse();
  }

  @Test
  void anInvalidConverterRoundTripListsTheChoices() {
    Map<String, String> p = minimal();
    p.put("converter.roundtrip", "avro");
    assertThatThrownBy(() -> new PipelineConfig(p, BASE)).isInstanceOf(ConfigException.class).hasMessageContaining("protobuf");
    assertThat(ConverterRoundTrip.Kind.VALIDATOR.toString()).contains("none").contains("protobuf");
  }

  @Test
  void secretsComeFromAConfigProviderAsOnAConnectWorker(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("secrets.properties"), "mysql.password=s3cr3t\n");
    StringBuilder file = new StringBuilder();
    minimal().forEach((k, v) -> {
      if (!k.equals("source.database.password")) {
        file.append(k).append('=').append(v).append('\n');
      }
    });
    file.append("config.providers=file\n");
    file.append("config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\n");
    file.append("source.database.password=${file:").append(dir.resolve("secrets.properties")).append(":mysql.password}\n");
    Path pipeline = dir.resolve("p.properties");
    java.nio.file.Files.writeString(pipeline, file.toString());

    PipelineConfig config = PipelineConfig.load(pipeline);

    assertThat(config.engineProperties().getProperty("database.password")).isEqualTo("s3cr3t");
    assertThat(config.offsetFile()).isEqualTo(dir.resolve("shop.offsets"));
  }
}
