package dev.sluice.source.mysql;

import dev.sluice.event.SluiceVersion;
import dev.sluice.source.mysql.event.RecordFactory;
import dev.sluice.source.mysql.metrics.SourceMetrics;
import dev.sluice.source.mysql.schema.ConnectionSupplier;
import dev.sluice.source.mysql.schema.InformationSchemaColumnHints;
import dev.sluice.source.mysql.snapshot.SnapshotMetrics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;

/** The Connect lifecycle around {@link StartedMySqlSourceTask}. */
public class SluiceMySqlSourceTask extends SourceTask {
  private StartedMySqlSourceTask started;
  private SnapshotMetrics snapshotMetrics;

  @Override
  public String version() {
    return SluiceVersion.of(SluiceMySqlSourceTask.class);
  }

  @Override
  public void start(Map<String, String> props) {
    MySqlSourceConfig config = new MySqlSourceConfig(props);
    Map<String, Object> offset = context.offsetStorageReader().offset(RecordFactory.sourcePartition(config.topicPrefix()));
    SourceMetrics metrics = new SourceMetrics(Clock.systemUTC());
    String connector = props.getOrDefault("name", config.topicPrefix());
    int task = Integer.parseInt(props.getOrDefault(SluiceMySqlSourceConnector.TASK_ID, "0"));
    metrics.register(connector, task);
    snapshotMetrics = new SnapshotMetrics(Clock.systemUTC());
    snapshotMetrics.register(connector, task);
    try {
      TransactionContext transactions = "connector".equalsIgnoreCase(props.get("transaction.boundary")) ? context.transactionContext() : null;
      ConnectionSupplier connections = InformationSchemaColumnHints.connections(config);
      started = new StartedMySqlSourceTask(config, offset, InformationSchemaColumnHints.forConfig(config, connections), Clock.systemUTC(),
          metrics, transactions, connections, snapshotMetrics);
    } catch (RuntimeException e) {
      metrics.close();
      snapshotMetrics.close();
      throw e;
    }
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    return started.poll();
  }

  @Override
  public void stop() {
    StartedMySqlSourceTask s = started;
    started = null;
    if (s != null) {
      s.close();
    }
    if (snapshotMetrics != null) {
      snapshotMetrics.close();
    }
  }
}
