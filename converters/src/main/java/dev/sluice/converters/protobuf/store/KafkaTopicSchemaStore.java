package dev.sluice.converters.protobuf.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schemas shared by every Connect worker through a compacted, single-partition Kafka topic, the way
 * Confluent's registry keeps its own: no registry to run, and distributed workers see each
 * other's schemas.
 *
 * <p>Each record is one schema under one subject (key: subject and fingerprint; value: JSON with
 * subject, id, fingerprint, text and references). A schema's id is its fingerprint (31 bits of the
 * SHA-256 of its text and references), so every worker computes the same id without coordination.
 * Versions of a subject are numbered in the order their records appear in the topic. If two
 * different schemas ever have the same id, the first record keeps it and registering the second
 * fails with {@link FingerprintClashException} on every worker.
 *
 * <p>Reads happen when a lookup misses: the store reads the topic to its end first. Instances are
 * shared per topic and client settings within a JVM (reference counted), so the tasks of a worker
 * share one producer and consumer.
 */
public final class KafkaTopicSchemaStore implements SchemaStore {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaTopicSchemaStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, KafkaTopicSchemaStore> SHARED = new HashMap<>();

  private final String key;
  private final String topic;
  private final String bootstrap;
  private final TopicPartition partition;
  private final Duration timeout;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final SubjectLog log;
  private int references;

  private KafkaTopicSchemaStore(String key, Map<String, Object> clientConfig, String topic, short replicationFactor, Duration timeout) {
    this.key = key;
    this.topic = topic;
    this.bootstrap = String.valueOf(clientConfig.get("bootstrap.servers"));
    this.partition = new TopicPartition(topic, 0);
    this.timeout = timeout;
    this.log = new SubjectLog("the schema topic '" + topic + "' at " + bootstrap);
    ensureTopic(clientConfig, replicationFactor);
    Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
    consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerConfig.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-schema-store-reader-" + topic);
    Map<String, Object> producerConfig = new HashMap<>(clientConfig);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerConfig.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "sluice-schema-store-writer-" + topic);
    KafkaConsumer<byte[], byte[]> c = null;
    KafkaProducer<byte[], byte[]> p = null;
    try {
      c = new KafkaConsumer<>(onlyKnown(consumerConfig, ConsumerConfig.configNames()), new ByteArrayDeserializer(), new ByteArrayDeserializer());
      c.assign(List.of(partition));
      c.seekToBeginning(List.of(partition));
      p = new KafkaProducer<>(onlyKnown(producerConfig, ProducerConfig.configNames()), new ByteArraySerializer(), new ByteArraySerializer());
    } catch (KafkaException e) {
      closeQuietly(c, p, e);
      throw new ConnectException("cannot create the clients of the schema topic '" + topic + "' at " + bootstrap + ": " + e.getMessage(), e);
    }
    this.consumer = c;
    this.producer = p;
    try {
      readToEnd();
    } catch (RuntimeException e) {
      closeQuietly(c, p, e);
      throw e;
    }
  }

  private static void closeQuietly(KafkaConsumer<?, ?> c, KafkaProducer<?, ?> p, Exception cause) {
    try {
      if (c != null) {
        c.close(Duration.ofSeconds(5));
      }
      if (p != null) {
        p.close(Duration.ofSeconds(5));
      }
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private static Map<String, Object> onlyKnown(Map<String, Object> config, Set<String> names) {
    Map<String, Object> known = new HashMap<>();
    config.forEach((k, v) -> {
      if (names.contains(k) || k.startsWith("sasl.") || k.startsWith("ssl.") || k.startsWith("security.")) {
        known.put(k, v);
      }
    });
    return known;
  }

  /**
   * The store for a topic, shared with other converters in this JVM that use the same topic and
   * client settings. Close it when done; the last close closes the clients.
   *
   * @param clientConfig Kafka client settings, at least {@code bootstrap.servers}
   * @param topic the compacted schema topic; created (1 partition, compacted) if missing
   * @param replicationFactor replication factor for a new topic, -1 for the broker default
   * @param timeout how long one read or write may take
   * @throws ConnectException if the topic cannot be created or is not compacted with 1 partition
   */
  public static KafkaTopicSchemaStore open(Map<String, Object> clientConfig, String topic, short replicationFactor, Duration timeout) {
    String key = topic + "|" + new TreeMap<>(clientConfig);
    synchronized (SHARED) {
      KafkaTopicSchemaStore store = SHARED.get(key);
      if (store == null) {
        store = new KafkaTopicSchemaStore(key, clientConfig, topic, replicationFactor, timeout);
        SHARED.put(key, store);
      }
      store.references++;
      return store;
    }
  }

  private void ensureTopic(Map<String, Object> clientConfig, short replicationFactor) {
    Map<String, Object> adminConfig = onlyKnown(clientConfig, org.apache.kafka.clients.admin.AdminClientConfig.configNames());
    try (Admin admin = Admin.create(adminConfig)) {
      TopicDescription description = null;
      try {
        description = admin.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
      if (description == null) {
        NewTopic newTopic = new NewTopic(topic, Optional.of(1), replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor))
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
          admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          LOG.info("Created the compacted schema topic '{}' at {}", topic, bootstrap);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
        return;
      }
      if (description.partitions().size() != 1) {
        throw new ConnectException("the schema topic '" + topic + "' at " + bootstrap + " has " + description.partitions().size()
            + " partitions; it needs exactly 1 so that every worker sees schemas in the same order. "
            + "Point schema.store.kafka.topic at another topic or recreate this one with 1 partition.");
      }
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config = admin.describeConfigs(List.of(resource)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(resource);
      String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG) == null ? "" : config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
      if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT) || policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
        throw new ConnectException("the schema topic '" + topic + "' at " + bootstrap + " has cleanup.policy=" + policy
            + "; it must be 'compact' or retention would delete schemas that records still refer to. "
            + "Set cleanup.policy=compact on the topic.");
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
        throw new ConnectException("not allowed to describe or create the schema topic '" + topic + "' at " + bootstrap
            + ": " + cause.getMessage() + " (check schema.store.kafka.client.* security settings and ACLs)", cause);
      }
      throw new RetriableException("cannot describe or create the schema topic '" + topic + "' at " + bootstrap + ": " + cause, cause);
    } catch (TimeoutException e) {
      throw new RetriableException("the brokers at " + bootstrap + " did not answer within " + timeout + " about the schema topic '" + topic + "'", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("interrupted while preparing the schema topic '" + topic + "'", e);
    }
  }

  private synchronized void readToEnd() {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
      while (consumer.position(partition, timeout) < end) {
        if (System.nanoTime() > deadline) {
          throw new RetriableException("could not read the schema topic '" + topic + "' at " + bootstrap + " to offset " + end
              + " within " + timeout);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          apply(r);
        }
      }
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new RetriableException("the brokers at " + bootstrap + " did not answer within " + timeout + " while reading the schema topic '" + topic + "'", e);
    } catch (AuthenticationException | AuthorizationException e) {
      throw new ConnectException("not allowed to read the schema topic '" + topic + "' at " + bootstrap + ": " + e.getMessage(), e);
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      return;
    }
    JsonNode v;
    try {
      v = JSON.readTree(r.value());
    } catch (IOException e) {
      LOG.warn("Skipping unreadable record at offset {} of the schema topic '{}': {}", r.offset(), topic, e.getMessage());
      return;
    }
    List<SchemaReference> refs = new ArrayList<>();
    for (JsonNode ref : v.path("references")) {
      refs.add(new SchemaReference(ref.path("name").asText(), ref.path("subject").asText(), ref.path("version").asInt()));
    }
    SchemaText schema = new SchemaText(v.path("schema").asText(), refs);
    String subject = v.path("subject").asText();
    String fingerprint = SchemaFingerprint.of(schema);
    if (!fingerprint.equals(v.path("fingerprint").asText())) {
      LOG.warn("Skipping the record at offset {} of the schema topic '{}' (subject '{}'): its fingerprint does not match its schema",
          r.offset(), topic, subject);
      return;
    }
    try {
      log.add(subject, schema, fingerprint, SchemaFingerprint.id(fingerprint));
    } catch (FingerprintClashException e) {
      // Every worker skips the same record (the log order is the same everywhere); its writer fails loudly.
      LOG.error("Ignoring the record at offset {} of the schema topic '{}': {}", r.offset(), topic, e.getMessage());
    }
  }

  @Override
  public RegisteredSchema register(String subject, SchemaText schema) {
    String fingerprint = SchemaFingerprint.of(schema);
    int id = SchemaFingerprint.id(fingerprint);
    synchronized (this) {
      readToEnd();
      Optional<RegisteredSchema> existing = log.lookup(subject, fingerprint);
      if (existing.isPresent()) {
        return existing.get();
      }
      Optional<SchemaText> holder = log.byId(id);
      if (holder.isPresent() && !log.knows(id, fingerprint)) {
        // Fails with the clash message, naming both subjects, before anything is written.
        log.add(subject, schema, fingerprint, id);
      }
      write(subject, schema, fingerprint, id);
      readToEnd();
      return log.lookup(subject, fingerprint).orElseThrow(() -> new FingerprintClashException(log.clash(fingerprint)
          .orElse("schema of subject '" + subject + "' was written to the schema topic '" + topic + "' but is not in it")));
    }
  }

  private void write(String subject, SchemaText schema, String fingerprint, int id) {
    ObjectNode k = JSON.createObjectNode().put("subject", subject).put("fingerprint", fingerprint);
    ObjectNode v = JSON.createObjectNode().put("subject", subject).put("id", id).put("fingerprint", fingerprint)
        .put("schemaType", "PROTOBUF").put("schema", schema.schema());
    ArrayNode refs = v.putArray("references");
    for (SchemaReference r : schema.references()) {
      refs.addObject().put("name", r.name()).put("subject", r.subject()).put("version", r.version());
    }
    try {
      producer.send(new ProducerRecord<>(topic, 0, JSON.writeValueAsBytes(k), JSON.writeValueAsBytes(v)))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("Registered schema id {} of subject '{}' in the schema topic '{}'", id, subject, topic);
    } catch (IOException e) {
      throw new ConnectException("cannot write the schema of subject '" + subject + "' as JSON", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
        throw new ConnectException("not allowed to write to the schema topic '" + topic + "' at " + bootstrap + ": " + cause.getMessage(), cause);
      }
      throw new RetriableException("cannot write to the schema topic '" + topic + "' at " + bootstrap + ": " + cause, cause);
    } catch (TimeoutException e) {
      throw new RetriableException("the brokers at " + bootstrap + " did not acknowledge a schema within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("interrupted while registering a schema in the schema topic '" + topic + "'", e);
    }
  }

  @Override
  public synchronized Optional<RegisteredSchema> lookup(String subject, SchemaText schema) {
    readToEnd();
    return log.lookup(subject, SchemaFingerprint.of(schema));
  }

  @Override
  public synchronized Optional<RegisteredSchema> latest(String subject) {
    readToEnd();
    return log.latest(subject);
  }

  @Override
  public synchronized Optional<RegisteredSchema> version(String subject, int version) {
    Optional<RegisteredSchema> found = log.version(subject, version);
    if (found.isPresent()) {
      return found;
    }
    readToEnd();
    return log.version(subject, version);
  }

  @Override
  public synchronized Optional<SchemaText> byId(int id) {
    Optional<SchemaText> found = log.byId(id);
    if (found.isPresent()) {
      return found;
    }
    readToEnd();
    return log.byId(id);
  }

  @Override
  public String describe() {
    return "the schema topic '" + topic + "' at " + bootstrap;
  }

  @Override
  public void close() {
    synchronized (SHARED) {
      if (--references > 0) {
        return;
      }
      SHARED.remove(key);
    }
    synchronized (this) {
      RuntimeException failure = null;
      try {
        consumer.close(Duration.ofSeconds(10));
      } catch (RuntimeException e) {
        failure = e;
      }
      try {
        producer.close(Duration.ofSeconds(10));
      } catch (RuntimeException e) {
        if (failure != null) {
          failure.addSuppressed(e);
        } else {
          failure = e;
        }
      }
      if (failure != null) {
        throw new ConnectException("closing the clients of the schema topic '" + topic + "' failed", failure);
      }
    }
  }
}
