package dev.sluice.it.converters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.converters.protobuf.ProtobufConverter;
import dev.sluice.converters.protobuf.ProtobufConverterConfig;
import dev.sluice.converters.protobuf.schema.ConnectMeta;
import dev.sluice.converters.protobuf.schema.ConnectToProto;
import dev.sluice.converters.protobuf.store.FingerprintClashException;
import dev.sluice.converters.protobuf.store.KafkaTopicSchemaStore;
import dev.sluice.converters.protobuf.store.RegisteredSchema;
import dev.sluice.converters.protobuf.store.SchemaFingerprint;
import dev.sluice.converters.protobuf.store.SchemaReference;
import dev.sluice.converters.protobuf.store.SchemaText;
import dev.sluice.event.Envelope;
import dev.sluice.event.SourceInfo;
import dev.sluice.stack.LocalStack;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka-topic schema store on a real KRaft broker: converters of two "workers" (separate
 * store instances, separate clients) share schemas through the compacted topic without any
 * registry, and a fingerprint clash fails loudly instead of letting one schema be read as another.
 */
class KafkaSchemaStoreIT {
  private static final String SCHEMA_TOPIC = "_sluice_schemas_it";
  private static LocalStack stack;

  @BeforeAll
  static void startKafka() {
    stack = LocalStack.builder().name("KafkaSchemaStoreIT").kafkaBrokers(1).start();
  }

  @AfterAll
  static void stopKafka() {
    if (stack != null) {
      stack.close();
    }
  }

  private static Map<String, Object> settings(String worker) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProtobufConverterConfig.KAFKA_BOOTSTRAP_CONFIG, stack.kafka().bootstrapServers());
    config.put(ProtobufConverterConfig.KAFKA_TOPIC_CONFIG, SCHEMA_TOPIC);
    config.put(ProtobufConverterConfig.KAFKA_CLIENT_PREFIX + "client.id", "it-" + worker);
    return config;
  }

  private static ProtobufConverter worker(String name) {
    ProtobufConverter c = new ProtobufConverter();
    c.configure(settings(name), false);
    return c;
  }

  private static Schema row(boolean withColour) {
    SchemaBuilder b = SchemaBuilder.struct().name("it.shop.items.Value").optional().field("id", Schema.INT64_SCHEMA);
    if (withColour) {
      b.field("colour", Schema.OPTIONAL_STRING_SCHEMA);
    }
    return b.field("price", Decimal.builder(2).optional().build()).build();
  }

  private static Struct event(Envelope envelope, Struct row, long seq) {
    Struct source = SourceInfo.builder().connector("mariadb").name("it").db("shop").table("items").file("b.1").seq(seq).build().toStruct();
    return envelope.create(row, source, seq);
  }

  @Test
  void twoWorkersShareSchemasThroughTheCompactedTopic() throws Exception {
    ProtobufConverter workerA = worker("a");
    ProtobufConverter workerB = worker("b");
    try {
      Schema v1 = row(false);
      Envelope e1 = Envelope.builder().schemaName("it.shop.items.Envelope").rowSchema(v1).build();
      Struct first = event(e1, new Struct(v1).put("id", 1L).put("price", new BigDecimal("2.50")), 1);
      byte[] fromA = workerA.fromConnectData("it.shop.items", e1.schema(), first);

      SchemaAndValue readByB = workerB.toConnectData("it.shop.items", fromA);
      assertThat(readByB.schema()).isEqualTo(e1.schema());
      assertThat(readByB.value()).isEqualTo(first);

      // B sees the column added (e.g. its task took over the table) and registers version 2; A reads it.
      Schema v2 = row(true);
      Envelope e2 = Envelope.builder().schemaName("it.shop.items.Envelope").rowSchema(v2).build();
      Struct second = event(e2, new Struct(v2).put("id", 2L).put("colour", "red"), 2);
      byte[] fromB = workerB.fromConnectData("it.shop.items", e2.schema(), second);
      assertThat(workerA.toConnectData("it.shop.items", fromB).value()).isEqualTo(second);

      try (KafkaTopicSchemaStore observer = KafkaTopicSchemaStore.open(Map.of("bootstrap.servers", stack.kafka().bootstrapServers(),
          "client.id", "it-observer"), SCHEMA_TOPIC, (short) -1, Duration.ofSeconds(30))) {
        RegisteredSchema latest = observer.latest("it.shop.items-value").orElseThrow();
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.schema().schema()).as("the row keeps id=1 and price=2; the column added after id takes 3")
            .contains("int64 id = 1;").contains("optional string colour = 3;").contains("optional string price = 2 ")
            .doesNotContain("reserved");
        assertThat(observer.latest(ConnectMeta.SUBJECT).orElseThrow().schema().schema()).isEqualTo(ConnectMeta.TEXT);
      }

      Properties admin = new Properties();
      admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
      try (Admin a = Admin.create(admin)) {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, SCHEMA_TOPIC);
        Config config = a.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(a.describeTopics(List.of(SCHEMA_TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(SCHEMA_TOPIC).partitions()).hasSize(1);
      }
    } finally {
      workerA.close();
      workerB.close();
    }
  }

  @Test
  void aFingerprintClashFailsLoudlyOnEveryWorker() throws Exception {
    ProtobufConverter workerA = worker("clash-a");
    ProtobufConverter workerB = worker("clash-b");
    try {
      // Registers the options file, so the reference version in the texts below is known.
      Schema warmUp = SchemaBuilder.struct().name("it.warm.Row").field("x", Schema.INT32_SCHEMA).build();
      workerA.fromConnectData("it.warm", warmUp, new Struct(warmUp).put("x", 1));
      int optionsVersion = optionsVersion();

      long[] pair = findClash(optionsVersion);
      Schema first = clashing(pair[0]);
      Schema second = clashing(pair[1]);
      SchemaText firstText = text(first, "it.clash.one", optionsVersion);
      SchemaText secondText = text(second, "it.clash.two", optionsVersion);
      assertThat(SchemaFingerprint.id(SchemaFingerprint.of(firstText))).isEqualTo(SchemaFingerprint.id(SchemaFingerprint.of(secondText)));
      assertThat(firstText).isNotEqualTo(secondText);

      byte[] record = workerA.fromConnectData("it.clash.one", first, new Struct(first).put("v", 5));

      // Worker B would give another schema the same id: it refuses before writing anything.
      assertThatThrownBy(() -> workerB.fromConnectData("it.clash.two", second, new Struct(second).put("v", 6)))
          .isInstanceOf(DataException.class)
          .hasRootCauseInstanceOf(FingerprintClashException.class)
          .hasMessageContaining("topic 'it.clash.two'")
          .hasMessageContaining("clashes with the schema first registered under subject 'it.clash.one-value'")
          .hasMessageContaining("schema.registry.url");

      // A worker that raced and wrote the clashing schema anyway: every reader keeps the first one.
      writeRaw("it.clash.two-value", secondText);
      ProtobufConverter workerC = worker("clash-c");
      try {
        SchemaAndValue read = workerC.toConnectData("it.clash.one", record);
        assertThat(read.schema()).isEqualTo(first);
        assertThatThrownBy(() -> workerC.fromConnectData("it.clash.two", second, new Struct(second).put("v", 6)))
            .hasRootCauseInstanceOf(FingerprintClashException.class);
      } finally {
        workerC.close();
      }
    } finally {
      workerA.close();
      workerB.close();
    }
  }

  private static int optionsVersion() {
    try (KafkaTopicSchemaStore store = KafkaTopicSchemaStore.open(Map.of("bootstrap.servers", stack.kafka().bootstrapServers(),
        "client.id", "it-options-" + System.nanoTime()), SCHEMA_TOPIC, (short) -1, Duration.ofSeconds(30))) {
      return store.latest(ConnectMeta.SUBJECT).orElseThrow().version();
    }
  }

  private static Schema clashing(long n) {
    return SchemaBuilder.struct().name("it.clash.Row").doc("candidate " + n).field("v", Schema.INT32_SCHEMA).build();
  }

  private static SchemaText text(Schema schema, String topic, int optionsVersion) {
    String proto = ConnectToProto.translate(schema, topic, "value", null, ConnectToProto.NullHandling.KEEP).text();
    return new SchemaText(proto, List.of(new SchemaReference(ConnectMeta.FILE_NAME, ConnectMeta.SUBJECT, optionsVersion)));
  }

  /** Two docs whose schemas have the same 31-bit fingerprint id (a birthday search, ~60k candidates). */
  private static long[] findClash(int optionsVersion) {
    SchemaText template = text(clashing(0), "it.clash.template", optionsVersion);
    String marker = "candidate 0";
    assertThat(template.schema()).containsOnlyOnce(marker);
    Map<Integer, Long> seen = new HashMap<>();
    for (long n = 1; n < 5_000_000; n++) {
      String proto = template.schema().replace(marker, "candidate " + n);
      int id = SchemaFingerprint.id(SchemaFingerprint.of(new SchemaText(proto, template.references())));
      Long earlier = seen.putIfAbsent(id, n);
      if (earlier != null) {
        System.out.println("[KafkaSchemaStoreIT] fingerprint clash after " + n + " candidates: docs " + earlier + " and " + n + ", id " + id);
        return new long[] {earlier, n};
      }
    }
    throw new AssertionError("no 31-bit clash in 5M candidates");
  }

  private static void writeRaw(String subject, SchemaText schema) throws Exception {
    ObjectMapper json = new ObjectMapper();
    String fingerprint = SchemaFingerprint.of(schema);
    ObjectNode key = json.createObjectNode().put("subject", subject).put("fingerprint", fingerprint);
    ObjectNode value = json.createObjectNode().put("subject", subject).put("id", SchemaFingerprint.id(fingerprint))
        .put("fingerprint", fingerprint).put("schemaType", "PROTOBUF").put("schema", schema.schema());
    var refs = value.putArray("references");
    for (SchemaReference r : schema.references()) {
      refs.addObject().put("name", r.name()).put("subject", r.subject()).put("version", r.version());
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(SCHEMA_TOPIC, 0, json.writeValueAsBytes(key), json.writeValueAsBytes(value))).get(30, TimeUnit.SECONDS);
    }
  }
}
