package dev.sluice.converters.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.converters.protobuf.registry.RegistryClient;
import dev.sluice.converters.protobuf.store.RegisteredSchema;
import dev.sluice.converters.protobuf.store.SchemaRejectedException;
import dev.sluice.converters.protobuf.store.SchemaText;
import dev.sluice.converters.protobuf.testsupport.StandInSchemaRegistry;
import dev.sluice.converters.protobuf.testsupport.TestTls;
import dev.sluice.event.Envelope;
import dev.sluice.event.SourceInfo;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry client and the converter against a STAND-IN registry (an in-test HTTP server
 * implementing the Confluent endpoints the client uses; see {@link StandInSchemaRegistry}).
 * A real Apicurio Registry could not be run here; see the converters README section.
 */
class RegistryClientTest {

  private static final Schema ROW = SchemaBuilder.struct().name("shop.sales.orders.Value").optional()
      .field("id", Schema.INT64_SCHEMA)
      .field("total", Decimal.builder(2).build())
      .field("status", SchemaBuilder.string().name("io.debezium.data.Enum").version(1).parameter("allowed", "new,paid,sent").build())
      .build();
  private static final Envelope ENVELOPE = Envelope.builder().schemaName("shop.sales.orders.Envelope").rowSchema(ROW).build();

  private static Struct event(long id) {
    Struct row = new Struct(ROW).put("id", id).put("total", new BigDecimal("10.00")).put("status", "paid");
    Struct source = SourceInfo.builder().connector("mariadb").name("shop").db("sales").table("orders").file("b.1").seq(id).build().toStruct();
    return ENVELOPE.create(row, source, 1L);
  }

  private static ProtobufConverter converter(URI url, String... extra) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProtobufConverterConfig.REGISTRY_URL_CONFIG, url.toString());
    for (int i = 0; i < extra.length; i += 2) {
      config.put(extra[i], extra[i + 1]);
    }
    ProtobufConverter c = new ProtobufConverter();
    c.configure(config, false);
    return c;
  }

  private static RegistryClient client(URI url) {
    return new RegistryClient(new RegistryClient.Settings(List.of(url), null, null, null, Duration.ofSeconds(5), 100));
  }

  @Test
  void recordsRoundTripThroughTheRegistryWithTheOptionsFileAsAReference() throws Exception {
    try (StandInSchemaRegistry registry = StandInSchemaRegistry.http()) {
      ProtobufConverter writer = converter(registry.url());
      byte[] bytes = writer.fromConnectData("shop.sales.orders", ENVELOPE.schema(), event(1));

      ProtobufConverter reader = converter(registry.url());
      SchemaAndValue back = reader.toConnectData("shop.sales.orders", bytes);

      assertThat(back.schema()).isEqualTo(ENVELOPE.schema());
      assertThat(back.value()).isEqualTo(event(1));
      assertThat(registry.subjects()).containsExactlyInAnyOrder("shop.sales.orders-value", "sluice.connect.proto");
      assertThat(registry.references("shop.sales.orders-value", 1).toString())
          .contains("\"name\":\"sluice/connect.proto\"").contains("\"subject\":\"sluice.connect.proto\"").contains("\"version\":1");
      assertThat(registry.schema("shop.sales.orders-value", 1))
          .contains("import \"sluice/connect.proto\";")
          .contains("name: \"io.debezium.data.Enum\"")
          .contains("parameters { key: \"allowed\" value: \"new,paid,sent\" }");
    }
  }

  @Test
  void schemasByIdAreFetchedOnceAndRegistrationsCached() throws Exception {
    try (StandInSchemaRegistry registry = StandInSchemaRegistry.http()) {
      ProtobufConverter writer = converter(registry.url());
      ProtobufConverter reader = converter(registry.url());
      for (int i = 0; i < 200; i++) {
        byte[] bytes = writer.fromConnectData("orders", ENVELOPE.schema(), event(i));
        assertThat(reader.toConnectData("orders", bytes).value()).isEqualTo(event(i));
      }
      assertThat(registry.requests("POST /subjects/orders-value/versions")).isEqualTo(1);
      assertThat(registry.requests("GET /schemas/ids/")).isEqualTo(1);
    }
  }

  @Test
  void basicAuthIsSentAndAWrongOneNamesTheSetting() throws Exception {
    try (StandInSchemaRegistry registry = StandInSchemaRegistry.http()) {
      registry.requireAuthorization("Basic " + Base64.getEncoder().encodeToString("sluice:s3cret".getBytes(StandardCharsets.UTF_8)));
      ProtobufConverter good = converter(registry.url(), ProtobufConverterConfig.REGISTRY_BASIC_AUTH_CONFIG, "sluice:s3cret");
      assertThat(good.fromConnectData("orders", ENVELOPE.schema(), event(1))).isNotEmpty();

      ProtobufConverter bad = converter(registry.url(), ProtobufConverterConfig.REGISTRY_BASIC_AUTH_CONFIG, "sluice:wrong");
      assertThatThrownBy(() -> bad.fromConnectData("orders", ENVELOPE.schema(), event(1)))
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("HTTP 401")
          .hasMessageContaining("schema.registry.basic.auth.user.info");
    }
  }

  @Test
  void bearerTokensAreSent() throws Exception {
    try (StandInSchemaRegistry registry = StandInSchemaRegistry.http()) {
      registry.requireAuthorization("Bearer token-123");
      ProtobufConverter c = converter(registry.url(), ProtobufConverterConfig.REGISTRY_BEARER_CONFIG, "token-123");
      byte[] bytes = c.fromConnectData("orders", ENVELOPE.schema(), event(3));
      assertThat(c.toConnectData("orders", bytes).value()).isEqualTo(event(3));
    }
  }

  @Test
  void httpsWorksWithTheConfiguredTrustStoreAndNotWithout(@TempDir Path dir) throws Exception {
    TestTls tls = TestTls.create(dir);
    try (StandInSchemaRegistry registry = StandInSchemaRegistry.https(tls.serverContext())) {
      ProtobufConverter trusting = converter(registry.url(),
          ProtobufConverterConfig.TRUSTSTORE_CONFIG, tls.truststore().toString(),
          ProtobufConverterConfig.TRUSTSTORE_PASSWORD_CONFIG, TestTls.PASSWORD);
      byte[] bytes = trusting.fromConnectData("orders", ENVELOPE.schema(), event(4));
      assertThat(trusting.toConnectData("orders", bytes).value()).isEqualTo(event(4));

      ProtobufConverter untrusting = converter(registry.url(), ProtobufConverterConfig.REGISTRY_TIMEOUT_CONFIG, "2000");
      assertThatThrownBy(() -> untrusting.fromConnectData("orders2", ENVELOPE.schema(), event(4)))
          .isInstanceOf(RetriableException.class)
          .hasMessageContaining(registry.url().toString());
    }
  }

  @Test
  void anIncompatibleVersionIsRefusedNamingTheSubject() throws Exception {
    try (StandInSchemaRegistry registry = StandInSchemaRegistry.http()) {
      ProtobufConverter c = converter(registry.url());
      c.fromConnectData("orders", ENVELOPE.schema(), event(1));
      registry.refuseNewVersions("orders-value");
      Schema widerRow = SchemaBuilder.struct().name("shop.sales.orders.Value").optional()
          .field("id", Schema.INT64_SCHEMA).field("note", Schema.OPTIONAL_STRING_SCHEMA).build();
      Envelope wider = Envelope.builder().schemaName("shop.sales.orders.Envelope").rowSchema(widerRow).build();
      Struct source = SourceInfo.builder().connector("mariadb").name("shop").db("sales").table("orders").file("b.1").build().toStruct();

      assertThatThrownBy(() -> c.fromConnectData("orders", wider.schema(), wider.create(new Struct(widerRow).put("id", 2L), source, 1L)))
          .isInstanceOf(DataException.class)
          .hasRootCauseInstanceOf(SchemaRejectedException.class)
          .hasMessageContaining("topic 'orders'")
          .hasMessageContaining("subject 'orders-value'")
          .hasMessageContaining("incompatible");
    }
  }

  @Test
  void subjectsVersionsAndCompatibilityAreAvailable() throws Exception {
    try (StandInSchemaRegistry registry = StandInSchemaRegistry.http()) {
      RegistryClient client = client(registry.url());
      SchemaText text = new SchemaText("syntax = \"proto3\";\nmessage A { int32 x = 1; }\n", List.of());
      RegisteredSchema r = client.register("a-value", text);

      assertThat(r.version()).isEqualTo(1);
      assertThat(client.register("a-value", text)).isEqualTo(r);
      assertThat(client.subjects()).containsExactly("a-value");
      assertThat(client.versions("a-value")).containsExactly(1);
      assertThat(client.versions("missing")).isEmpty();
      assertThat(client.latest("a-value")).contains(r);
      assertThat(client.version("a-value", 2)).isEmpty();
      assertThat(client.byId(r.id())).contains(text);
      assertThat(client.byId(999)).isEmpty();
      assertThat(client.lookup("a-value", new SchemaText("syntax = \"proto3\";", List.of()))).isEmpty();
      assertThat(client.compatibility("a-value")).isEqualTo("BACKWARD");
      client.setCompatibility("a-value", "FULL_TRANSITIVE");
      assertThat(client.compatibility("a-value")).isEqualTo("FULL_TRANSITIVE");
      assertThat(client.isCompatible("a-value", text)).isTrue();
      registry.refuseNewVersions("a-value");
      assertThat(client.isCompatible("a-value", text)).isFalse();
    }
  }

  @Test
  void anUnreachableUrlIsSkippedAndServerErrorsAreRetried() throws Exception {
    try (StandInSchemaRegistry registry = StandInSchemaRegistry.http()) {
      URI dead = URI.create("http://127.0.0.1:1");
      RegistryClient client = new RegistryClient(new RegistryClient.Settings(List.of(dead, registry.url()), null, null, null,
          Duration.ofSeconds(2), 10));
      registry.failNext(2);
      assertThat(client.subjects()).isEmpty();

      registry.failNext(100);
      assertThatThrownBy(client::subjects).isInstanceOf(RetriableException.class).hasMessageContaining("HTTP 503");
    }
  }
}
