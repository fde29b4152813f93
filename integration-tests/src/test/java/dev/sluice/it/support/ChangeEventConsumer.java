package dev.sluice.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Reads change topics as a downstream consumer would: {@code read_committed}, from the beginning,
 * converting keys and values back to Connect data with the worker's converter (JsonConverter with
 * schemas), until a condition on everything read so far holds or time runs out.
 */
public final class ChangeEventConsumer implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final JsonConverter keys = new JsonConverter();
  private final JsonConverter values = new JsonConverter();
  private final List<ChangeEvent> events = new ArrayList<>();

  public ChangeEventConsumer(String bootstrapServers, Pattern topics) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(topics);
    keys.configure(Map.of("schemas.enable", "true", "converter.type", "key"), true);
    values.configure(Map.of("schemas.enable", "true", "converter.type", "value"), false);
  }

  /** Polls until {@code done} holds for all events read so far; returns them (also on timeout, for the assertion to explain). */
  public List<ChangeEvent> readUntil(Predicate<List<ChangeEvent>> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.test(events) && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        SchemaAndValue k = r.key() == null ? SchemaAndValue.NULL : keys.toConnectData(r.topic(), r.key());
        SchemaAndValue v = r.value() == null ? SchemaAndValue.NULL : values.toConnectData(r.topic(), r.value());
        events.add(new ChangeEvent(r.topic(), r.partition(), r.offset(), (Struct) k.value(), (Struct) v.value()));
      }
    }
    return List.copyOf(events);
  }

  public List<ChangeEvent> events() {
    return List.copyOf(events);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
