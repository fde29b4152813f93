package dev.sluice.sink.mongo;

import com.mongodb.MongoDriverInformation;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.sluice.event.SluiceVersion;
import dev.sluice.sink.mongo.metrics.SinkMetrics;
import dev.sluice.sink.mongo.retry.Sleeper;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task of {@link SluiceMongoSinkConnector}: a lifecycle shell around a {@link ViewSink} built in
 * {@link #start}. Offsets are committed only for records whose writes MongoDB acknowledged
 * ({@link #preCommit}); {@link #put} returns only after that acknowledgement.
 */
public class SluiceMongoSinkTask extends SinkTask {
  private static final Logger LOG = LoggerFactory.getLogger(SluiceMongoSinkTask.class);

  private SluiceMongoSinkConfig config;
  private MongoClient client;
  private SinkMetrics metrics;
  private ViewSink sink;

  /** Creates the task; Connect configures it through {@link #start}. */
  public SluiceMongoSinkTask() {
    // no state until start()
  }

  @Override
  public String version() {
    return SluiceVersion.of(SluiceMongoSinkTask.class);
  }

  @Override
  public void start(Map<String, String> props) {
    config = new SluiceMongoSinkConfig(props);
    String taskId = props.getOrDefault(SluiceMongoSinkConnector.TASK_ID_CONFIG, "0");
    try {
      client = MongoClients.create(config.connection().clientSettings(),
          MongoDriverInformation.builder().driverName("sluice-sink-mongo").driverVersion(version()).build());
      metrics = new SinkMetrics(config.connectorName(), taskId);
      sink = new ViewSink(config, client, Clock.systemUTC(), errantRecordReporter(), metrics, Sleeper.THREAD);
      metrics.register();
      LOG.info("{} task {} started: writes to {} with write concern {}; embedded child topics {}", config.connectorName(), taskId,
          config.connection().connectionString().getHosts(), config.connection().writeConcern(), sink.embeds().all().keySet());
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  private ErrantRecordReporter errantRecordReporter() {
    if (!config.tolerateAll()) {
      return null;
    }
    try {
      return context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      LOG.warn("this Connect worker predates errant record reporters (KIP-610): rejected records are logged and skipped");
      return null;
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    try {
      sink.put(records);
    } catch (RetriableException e) {
      // Connect pauses, then redelivers the same records: the writes are idempotent.
      context.timeout(config.retryPolicy().maxBackoff().toMillis());
      throw e;
    }
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    return sink == null ? Map.of() : sink.committable(currentOffsets);
  }

  /** Nothing to flush: {@link #put} returns only after MongoDB acknowledged its writes. */
  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    // put() is synchronous; preCommit() reports what it acknowledged.
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    if (sink != null) {
      sink.forget(partitions);
    }
  }

  @Override
  public void stop() {
    SinkMetrics m = metrics;
    MongoClient c = client;
    metrics = null;
    client = null;
    sink = null;
    try {
      if (m != null) {
        m.close();
      }
    } finally {
      if (c != null) {
        c.close();
      }
    }
  }
}
