package dev.sluice.sink.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.sluice.sink.mongo.testsupport.Shop;
import dev.sluice.sink.mongo.testsupport.TestMongo;
import dev.sluice.sink.mongo.testsupport.TestTable;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SluiceMongoSinkTaskTest {
  private TestMongo mongo;
  private final TestTable orders = Shop.orders();
  private final SinkTaskContext context = mock(SinkTaskContext.class);
  private final SluiceMongoSinkTask task = new SluiceMongoSinkTask();
  private String database;

  @BeforeEach
  void setUp() {
    mongo = TestMongo.start();
    database = TestMongo.freshDatabase("task");
    when(context.errantRecordReporter()).thenReturn(mock(ErrantRecordReporter.class));
    task.initialize(context);
  }

  @AfterEach
  void tearDown() {
    task.stop();
    mongo.close();
  }

  private Map<String, String> props(String... kv) {
    Map<String, String> props = new HashMap<>();
    props.put("name", "orders-view");
    props.put("connection.uri", mongo.uri());
    props.put("database", database);
    props.put(SluiceMongoSinkConnector.TASK_ID_CONFIG, "3");
    for (int i = 0; i < kv.length; i += 2) {
      props.put(kv[i], kv[i + 1]);
    }
    return props;
  }

  @Test
  void aStartedTaskWritesAcknowledgesAndPublishesMetricsOverJmx() throws Exception {
    task.start(props());
    task.put(List.of(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")), orders.insert(1, 2, Shop.order(orders, 2, "bob", "1"))));
    task.awaitWrite();
    assertThat(mongo.database(database).getCollection("orders").countDocuments()).as("a put() this small is written at once")
        .isEqualTo(2);

    TopicPartition tp = new TopicPartition(Shop.ORDERS_TOPIC, 0);
    assertThat(task.preCommit(Map.of(tp, new OffsetAndMetadata(2)))).containsEntry(tp, new OffsetAndMetadata(2));

    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("dev.sluice:type=sink-mongo-task-metrics,connector=\"orders-view\",task=\"3\"");
    assertThat(server.getAttribute(name, "RecordsIn")).isEqualTo(2L);
    assertThat(server.getAttribute(name, "WritesReplace")).isEqualTo(2L);
    assertThat(server.getAttribute(name, "SkippedStale")).isEqualTo(0L);
    assertThat(server.getAttribute(name, "CompactionRatio")).isEqualTo(1.0);
    assertThat((Long) server.getAttribute(name, "Batches")).isEqualTo(1L);
    assertThat(server.getAttribute(name, "BatchLatencyMaxMs")).isInstanceOf(Long.class);
    assertThat(server.getAttribute(name, "BufferedRecords")).isEqualTo(0L);

    task.stop();
    assertThat(server.isRegistered(name)).as("unregistered on stop").isFalse();
    task.stop();
  }

  @Test
  void stopBeforeStartAndAfterAFailedStartIsSafe() {
    new SluiceMongoSinkTask().stop();
    assertThatThrownBy(() -> task.start(props("write.mode", "sideways"))).isInstanceOf(ConfigException.class).hasMessageContaining("write.mode");
    task.stop();
    assertThat(task.preCommit(Map.of(new TopicPartition("t", 0), new OffsetAndMetadata(5)))).isEmpty();
  }

  @Test
  void whenMongoDbStaysDownTheNextPutIsRetriableAndConnectIsAskedToWait() {
    Assumptions.assumeTrue(mongo.isLocal(), "needs the in-process server to stop it; SLUICE_MONGODB_URI points at an external MongoDB");
    task.start(props("retry.max.attempts", "2", "retry.backoff.initial.ms", "10", "retry.backoff.max.ms", "250"));
    mongo.stopServer();
    task.put(List.of(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1"))));
    // The first put() hands its record to the writer thread; the next one waits for that write and finds it failed.
    assertThatThrownBy(() -> task.put(List.of(orders.insert(1, 2, Shop.order(orders, 2, "bob", "1")))))
        .isInstanceOf(RetriableException.class).hasMessageContaining("failed transiently 2 time(s)");
    verify(context).timeout(250L);
  }

  @Test
  void emptyBatchesDoNothing() {
    task.start(props());
    task.put(List.of());
    assertThat(mongo.database(database).listCollectionNames().into(new java.util.ArrayList<>())).isEmpty();
  }

  @Test
  void theTaskUsesTheErrantRecordReporterOnlyWithToleranceAll() {
    task.start(props());
    verify(context, org.mockito.Mockito.never()).errantRecordReporter();
    task.stop();
    task.start(props("errors.tolerance", "all"));
    verify(context).errantRecordReporter();
  }

  @Test
  void closedPartitionsAreForgotten() {
    task.start(props());
    task.put(List.of(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1"))));
    TopicPartition tp = new TopicPartition(Shop.ORDERS_TOPIC, 0);
    task.close(List.of(tp));
    assertThat(task.preCommit(Map.of(tp, new OffsetAndMetadata(1)))).isEmpty();
    assertThat(task.version()).isNotBlank();
  }
}
