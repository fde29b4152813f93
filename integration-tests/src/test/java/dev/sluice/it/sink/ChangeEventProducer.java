package dev.sluice.it.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Writes change events to Kafka the way a Connect source task with JsonConverter
 * ({@code schemas.enable=true}, the workers' default here) would: key and value Structs serialized
 * with their schemas, a null value for tombstones. Keys decide partitions, as in Connect.
 * Reusable by every IT that feeds the sink without running the source connector.
 */
public final class ChangeEventProducer implements ChangeEventSink, AutoCloseable {
  private final String bootstrapServers;
  private final KafkaProducer<byte[], byte[]> producer;
  private final JsonConverter keys = new JsonConverter();
  private final JsonConverter values = new JsonConverter();
  private final List<Future<RecordMetadata>> pending = new ArrayList<>();

  /** A producer for the cluster at {@code bootstrapServers}. */
  public ChangeEventProducer(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    keys.configure(Map.of("schemas.enable", "true"), true);
    values.configure(Map.of("schemas.enable", "true"), false);
  }

  /** Creates topics with {@code partitions} partitions and replication factor 1. */
  public void createTopics(int partitions, String... topics) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(p)) {
      List<NewTopic> newTopics = new ArrayList<>();
      for (String topic : topics) {
        newTopics.add(new NewTopic(topic, partitions, (short) 1));
      }
      admin.createTopics(newTopics).all().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topics " + List.of(topics), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topics", e);
    }
  }

  @Override
  public void send(String topic, Struct key, Struct value) {
    byte[] k = key == null ? null : keys.fromConnectData(topic, key.schema(), key);
    byte[] v = value == null ? null : values.fromConnectData(topic, value.schema(), value);
    sendRaw(topic, k, v);
  }

  /** Sends raw bytes, e.g. a value no converter can read. */
  public void sendRaw(String topic, byte[] key, byte[] value) {
    pending.add(producer.send(new ProducerRecord<>(topic, key, value)));
  }

  /** Waits until every record sent so far is acknowledged; returns their metadata in send order. */
  public List<RecordMetadata> flush() {
    producer.flush();
    List<RecordMetadata> sent = new ArrayList<>();
    try {
      for (Future<RecordMetadata> f : pending) {
        sent.add(f.get(60, TimeUnit.SECONDS));
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("a record was not acknowledged", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pending.clear();
    }
    return sent;
  }

  @Override
  public void close() {
    producer.close();
  }
}
