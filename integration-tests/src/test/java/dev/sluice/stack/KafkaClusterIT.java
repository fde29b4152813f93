package dev.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Three KRaft brokers, as the fail-over tests use them: replication factor 3 and
 * {@code min.insync.replicas=2} by default, writes with {@code acks=all} go on while one broker is
 * killed, and the killed broker rejoins the ISR after a restart.
 */
class KafkaClusterIT {

  /**
   * The topic's description, asked again while the broker that answers has not yet learned of the new topic from the
   * controller (UnknownTopicOrPartitionException right after createTopics), for up to 30 s.
   */
  private static TopicDescription describeOnceKnown(Admin admin, String topic) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  @Test
  void threeBrokersKeepAcceptingWritesWhenOneIsKilledAndItRejoins() throws Exception {
    Path dir = Path.of(System.getProperty("sluice.stack.dir", "target/stack"), "KafkaClusterIT-" + System.currentTimeMillis());
    try (KafkaCluster kafka = new KafkaCluster(KafkaDistribution.fromSystemProperties(), dir, 3).start()) {
      System.out.println("[KafkaClusterIT] broker start-up times: " + kafka.startupTimes());
      assertThat(kafka.replicationFactor()).isEqualTo(3);
      String topic = "kafka-cluster-it-" + UUID.randomUUID();
      Properties adminProps = new Properties();
      adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (Admin admin = Admin.create(adminProps)) {
        assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
        if (KafkaDistribution.fromSystemProperties().major() >= 4) {
          assertThat(admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS).finalizedFeatures().get("transaction.version"))
              .as("the transaction protocol the brokers were formatted with")
              .satisfies(level -> assertThat(level.maxVersionLevel()).isEqualTo(Short.parseShort(KafkaCluster.TRANSACTION_VERSION)));
        }
        // Broker defaults, not per-topic settings: a topic created without options is replicated 3 times.
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) -1))).all().get(30, TimeUnit.SECONDS);
        TopicDescription d = describeOnceKnown(admin, topic);
        d.partitions().forEach(p -> assertThat(p.replicas()).hasSize(3));

        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
          for (int i = 0; i < 50; i++) {
            producer.send(new ProducerRecord<>(topic, "k" + i, "before-" + i)).get(30, TimeUnit.SECONDS);
          }
          kafka.kill(0);
          assertThat(kafka.process(0).isAlive()).isFalse();
          for (int i = 0; i < 50; i++) {
            producer.send(new ProducerRecord<>(topic, "k" + i, "after-" + i)).get(60, TimeUnit.SECONDS);
          }
        }

        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Set<String> values = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
          consumer.subscribe(List.of(topic));
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          while (values.size() < 100 && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
          }
        }
        assertThat(values).hasSize(100);

        kafka.startBroker(0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        boolean fullIsr = false;
        while (!fullIsr && System.nanoTime() < deadline) {
          Map<String, TopicDescription> all = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS);
          fullIsr = all.get(topic).partitions().stream().allMatch(p -> p.isr().size() == 3);
          if (!fullIsr) {
            Thread.sleep(500);
          }
        }
        assertThat(fullIsr).as("every partition back to 3 in-sync replicas after the killed broker restarted").isTrue();
      }
    }
  }
}
