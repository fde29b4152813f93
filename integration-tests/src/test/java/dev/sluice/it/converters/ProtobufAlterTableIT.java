package dev.sluice.it.converters;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.sluice.converters.protobuf.ProtobufConverterConfig;
import dev.sluice.converters.protobuf.SchemaStores;
import dev.sluice.converters.protobuf.store.RegisteredSchema;
import dev.sluice.converters.protobuf.store.SchemaReference;
import dev.sluice.converters.protobuf.store.SchemaStore;
import dev.sluice.converters.protobuf.store.SchemaText;
import dev.sluice.converters.protobuf.text.ProtoFiles;
import dev.sluice.it.support.SourceConnectors;
import dev.sluice.stack.ConnectRestClient;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.MySqlEndpoint;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end through the Protobuf converter: the source streams a table, a column is inserted in
 * the middle of it (ALTER TABLE ... ADD COLUMN ... AFTER id) while streaming, and a consumer that
 * only has the OLD descriptor still reads every old field of the new messages.
 */
class ProtobufAlterTableIT {
  private static LocalStack stack;

  @BeforeAll
  static void start() {
    stack = LocalStack.builder().name("ProtobufAlterTableIT").mysql().kafkaBrokers(1).connectWorkers(1).start();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aConsumerWithTheOldDescriptorReadsEveryOldFieldAfterAColumnIsInsertedInTheMiddle() throws Exception {
    MySqlEndpoint db = stack.mysql();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(null), db.adminUser(), db.adminPassword()); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE proto_it");
      s.execute("CREATE TABLE proto_it.items (id INT PRIMARY KEY, qty INT, name VARCHAR(20), price DECIMAL(8,2))");
    }
    String bootstrap = stack.kafka().bootstrapServers();
    Map<String, String> config = SourceConnectors.config(stack, "proto", "proto_it");
    config.put("snapshot.mode", "no_data");
    config.put("value.converter", "dev.sluice.converters.protobuf.ProtobufConverter");
    config.put("value.converter." + ProtobufConverterConfig.KAFKA_BOOTSTRAP_CONFIG, bootstrap);
    config.put("value.converter." + ProtobufConverterConfig.KAFKA_REPLICATION_CONFIG, "1");
    ConnectRestClient rest = stack.connect().rest();
    rest.create("proto-it", config);
    rest.awaitState("proto-it", "RUNNING", 1, Duration.ofSeconds(60));
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(null), db.adminUser(), db.adminPassword()); Statement s = c.createStatement()) {
      s.execute("INSERT INTO proto_it.items VALUES (1, 10, 'old', 1.50)");
      s.execute("ALTER TABLE proto_it.items ADD COLUMN sku VARCHAR(10) AFTER id");
      s.execute("INSERT INTO proto_it.items VALUES (2, 'SKU-2', 20, 'new', 2.75)");
    }
    String topic = "proto.proto_it.items";
    List<ConsumerRecord<byte[], byte[]>> records = read(bootstrap, topic, 2);
    assertThat(records).hasSize(2);
    int oldId = ByteBuffer.wrap(records.get(0).value(), 1, 4).getInt();
    int newId = ByteBuffer.wrap(records.get(1).value(), 1, 4).getInt();
    assertThat(records.get(0).value()[0]).as("magic byte").isZero();
    assertThat(newId).as("the new row is written with a new schema").isNotEqualTo(oldId);

    try (SchemaStore store = SchemaStores.open(new ProtobufConverterConfig(
        Map.of(ProtobufConverterConfig.KAFKA_BOOTSTRAP_CONFIG, bootstrap, "converter.type", "value")))) {
      RegisteredSchema first = store.version(topic + "-value", 1).orElseThrow();
      assertThat(first.id()).isEqualTo(oldId);
      Descriptor old = build(store, first.schema()).getMessageTypes().get(0);
      // Confluent framing: magic, 4-byte id, message indexes ([0] is one zero byte), payload.
      byte[] value = records.get(1).value();
      assertThat(value[5]).as("message indexes [0]").isZero();
      DynamicMessage message = DynamicMessage.parseFrom(old, java.util.Arrays.copyOfRange(value, 6, value.length));
      FieldDescriptor afterField = old.findFieldByName("after");
      DynamicMessage after = (DynamicMessage) message.getField(afterField);
      Descriptor row = afterField.getMessageType();
      assertThat(row.findFieldByName("sku")).as("the old descriptor knows no sku").isNull();
      assertThat(after.getField(row.findFieldByName("id"))).isEqualTo(2);
      assertThat(after.getField(row.findFieldByName("qty"))).isEqualTo(20);
      assertThat(after.getField(row.findFieldByName("name"))).isEqualTo("new");
      assertThat(after.getField(row.findFieldByName("price"))).isEqualTo("2.75");
      assertThat(message.getField(old.findFieldByName("op"))).isEqualTo("c");
    }
    rest.delete("proto-it");
  }

  private static FileDescriptor build(SchemaStore store, SchemaText text) {
    List<FileDescriptor> deps = new ArrayList<>();
    Map<String, FileDescriptor> byName = new java.util.HashMap<>();
    for (SchemaReference ref : text.references()) {
      SchemaText referenced = store.version(ref.subject(), ref.version()).orElseThrow().schema();
      FileDescriptor d = build(store, referenced);
      deps.add(d);
      byName.put(ref.name(), d);
    }
    return ProtoFiles.parseAndBuild("old.proto", text.schema(), byName::get);
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic, int count) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "proto-it-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (out.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> {
          if (r.value() != null) {
            out.add(r);
          }
        });
      }
    }
    return out;
  }
}
