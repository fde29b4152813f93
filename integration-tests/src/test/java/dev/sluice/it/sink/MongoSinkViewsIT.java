package dev.sluice.it.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.sluice.event.Envelope;
import dev.sluice.event.SourceInfo;
import dev.sluice.stack.ConnectRestClient;
import dev.sluice.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sink in a real Connect cluster (one KRaft broker, one worker; MongoDB: see {@link ViewEndpoint}), fed with
 * Sluice change events serialized by JsonConverter: views equal to the model after 20k random
 * changes, and malformed records handled alone.
 */
class MongoSinkViewsIT {
  private static LocalStack stack;
  private static ViewEndpoint endpoint;
  private static ChangeEventProducer producer;
  private static MongoClient mongo;

  @BeforeAll
  static void startStack() {
    endpoint = ViewEndpoint.start();
    stack = LocalStack.builder().name("MongoSinkViewsIT").kafkaBrokers(1).connectWorkers(1).start();
    producer = new ChangeEventProducer(stack.kafka().bootstrapServers());
    mongo = MongoClients.create(endpoint.connectionString());
  }

  @AfterAll
  static void stopStack() {
    if (mongo != null) {
      mongo.close();
    }
    if (endpoint != null) {
      endpoint.close();
    }
    if (producer != null) {
      producer.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void twentyThousandRandomChangesOnThreeTablesEndInViewsEqualToTheModelDocumentByDocument() {
    ShopChangeStream stream = new ShopChangeStream("views", 20_251_123L);
    producer.createTopics(3, stream.topics().toArray(String[]::new));
    String database = "views_it";
    // Two tasks: parent and child partitions are written concurrently, as in production.
    Map<String, String> config = SinkConnectors.settings(endpoint.connectionString(), 2);
    config.putAll(stream.sinkSettings(database, "cascade"));
    SinkConnectors.create(stack.connect().rest(), "views-sink", config, 2);

    long started = System.nanoTime();
    int records = stream.emit(20_000, producer);
    producer.flush();
    System.out.printf("[MongoSinkViewsIT] produced %d records (%s)%n", records, stream.summary());

    MongoDatabase db = mongo.getDatabase(database);
    ViewAssertions.awaitExactly(db.getCollection("orders", BsonDocument.class), stream.expectedOrders(true), Duration.ofSeconds(240));
    ViewAssertions.awaitExactly(db.getCollection("customers", BsonDocument.class), stream.expectedCustomers(), Duration.ofSeconds(30));
    System.out.printf("[MongoSinkViewsIT] views equal to the model %.1f s after the first record%n", (System.nanoTime() - started) / 1e9);
    assertThat(db.listCollectionNames().into(new ArrayList<>())).doesNotContain("order_lines");
    assertThat(SinkConnectors.task(stack.connect().rest(), "views-sink").path("state").asText()).isEqualTo("RUNNING");
    stack.connect().rest().delete("views-sink");
  }

  @Test
  void aMalformedRecordGoesToTheDeadLetterQueueAloneOrFailsTheTaskNamingWhereItIs() throws Exception {
    String topic = "errors." + UUID.randomUUID().toString().substring(0, 8) + ".shop.items";
    String dlq = topic + ".dlq";
    producer.createTopics(1, topic);
    Schema row = SchemaBuilder.struct().name(topic + ".Value").optional().field("id", Schema.INT64_SCHEMA)
        .field("name", Schema.STRING_SCHEMA).build();
    Schema key = SchemaBuilder.struct().name(topic + ".Key").field("id", Schema.INT64_SCHEMA).build();
    Envelope envelope = Envelope.builder().schemaName(topic + ".Envelope").rowSchema(row).build();
    for (long i = 1; i <= 10; i++) {
      producer.send(topic, new Struct(key).put("id", i), envelope.create(new Struct(row).put("id", i).put("name", "item-" + i),
          source(topic, i), 0L));
      if (i == 4) {
        // A change event whose insert carries no row: the sink cannot make a document of it.
        producer.send(topic, new Struct(key).put("id", 99L), envelope.value(Envelope.Operation.CREATE, null, null, source(topic, 100), 0L, null));
      }
      if (i == 7) {
        // Bytes that are not JSON at all: the worker's converter fails before the sink sees them.
        producer.sendRaw(topic, "{\"id\":".getBytes(StandardCharsets.UTF_8), "not json".getBytes(StandardCharsets.UTF_8));
      }
    }
    List<RecordMetadata> sent = producer.flush();
    long semanticOffset = sent.get(4).offset();
    long rawOffset = sent.get(8).offset();

    Map<String, String> tolerant = SinkConnectors.settings(endpoint.connectionString(), 1);
    tolerant.put("topics", topic);
    tolerant.put("database", "errors_dlq");
    tolerant.put("collection", "items");
    tolerant.put("errors.tolerance", "all");
    tolerant.put("errors.deadletterqueue.topic.name", dlq);
    tolerant.put("errors.deadletterqueue.topic.replication.factor", "1");
    tolerant.put("errors.deadletterqueue.context.headers.enable", "true");
    SinkConnectors.create(stack.connect().rest(), "dlq-sink", tolerant, 1);

    Map<BsonValue, BsonDocument> expected = new java.util.LinkedHashMap<>();
    for (long i = 1; i <= 10; i++) {
      expected.put(new BsonInt64(i), new BsonDocument("_id", new BsonInt64(i)).append("id", new BsonInt64(i))
          .append("name", new org.bson.BsonString("item-" + i)));
    }
    ViewAssertions.awaitExactly(mongo.getDatabase("errors_dlq").getCollection("items", BsonDocument.class), expected, Duration.ofSeconds(60));
    List<ConsumerRecord<byte[], byte[]>> dead = consume(dlq, 2, Duration.ofSeconds(60));
    assertThat(dead).as("exactly the two malformed records, nothing else").hasSize(2);
    assertThat(dead).extracting(r -> Long.parseLong(header(r, "__connect.errors.offset")))
        .containsExactlyInAnyOrder(semanticOffset, rawOffset);
    assertThat(dead).extracting(r -> header(r, "__connect.errors.topic")).containsOnly(topic);
    ConsumerRecord<byte[], byte[]> ours = dead.stream().filter(r -> Long.parseLong(header(r, "__connect.errors.offset")) == semanticOffset)
        .findFirst().orElseThrow();
    assertThat(header(ours, "__connect.errors.exception.message")).contains("offset=" + semanticOffset).contains("no 'after'");
    stack.connect().rest().delete("dlq-sink");

    // Without errors.tolerance=all the task fails on the malformed record and says where it is.
    String strictTopic = topic + ".strict";
    producer.createTopics(1, strictTopic);
    for (long i = 1; i <= 5; i++) {
      producer.send(strictTopic, new Struct(key).put("id", i), envelope.create(new Struct(row).put("id", i).put("name", "item-" + i),
          source(topic, i), 0L));
    }
    producer.send(strictTopic, new Struct(key).put("id", 99L), envelope.value(Envelope.Operation.CREATE, null, null, source(topic, 100), 0L, null));
    long strictOffset = producer.flush().get(5).offset();
    Map<String, String> strict = SinkConnectors.settings(endpoint.connectionString(), 1);
    strict.put("topics", strictTopic);
    strict.put("database", "errors_strict");
    strict.put("collection", "items");
    ConnectRestClient rest = stack.connect().rest();
    rest.create("strict-sink", strict);
    String trace = SinkConnectors.awaitFailedTask(rest, "strict-sink", Duration.ofSeconds(60));
    assertThat(trace).contains("topic=" + strictTopic).contains("partition=0").contains("offset=" + strictOffset).contains("no 'after'");
    rest.delete("strict-sink");
  }

  private static Struct source(String topic, long seq) {
    return SourceInfo.builder().connector("mariadb").name("errors").tsMs(1_700_000_000_000L).db("shop").table("items").serverId(1)
        .file("binlog.000001").pos(seq).row(0).seq(seq).build().toStruct();
  }

  private static KafkaConsumer<byte[], byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static List<ConsumerRecord<byte[], byte[]>> consume(String topic, int atLeast, Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        if (out.size() >= atLeast) {
          // Give a straggler the chance to show up: the DLQ must hold exactly the bad records.
          long settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
          while (System.nanoTime() < settle) {
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
          }
          break;
        }
      }
    }
    return out;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
