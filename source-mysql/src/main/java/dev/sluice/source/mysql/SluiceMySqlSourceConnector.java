package dev.sluice.source.mysql;

import dev.sluice.event.SluiceVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams row changes of MySQL 8.0.1+ / MariaDB 10.5+ from the binlog as Debezium-compatible change
 * events with a strictly increasing {@code source.seq}. Schemas come from TABLE_MAP row metadata
 * ({@code binlog_row_metadata=FULL}): no DDL parser, no schema-history topic.
 */
public class SluiceMySqlSourceConnector extends SourceConnector {
  private static final Logger LOG = LoggerFactory.getLogger(SluiceMySqlSourceConnector.class);
  static final String TASK_ID = "sluice.task.id";
  private Map<String, String> props;

  @Override
  public String version() {
    return SluiceVersion.of(SluiceMySqlSourceConnector.class);
  }

  @Override
  public void start(Map<String, String> props) {
    new MySqlSourceConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return SluiceMySqlSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    if (maxTasks > 1) {
      LOG.info("tasks.max={} but one task reads a server's binlog: the binlog is one ordered stream, and one reader keeps the "
          + "commit order and source.seq that consumers rely on", maxTasks);
    }
    Map<String, String> task = new HashMap<>(props);
    task.put(TASK_ID, "0");
    return List.of(task);
  }

  @Override
  public void stop() {
    props = null;
  }

  @Override
  public ConfigDef config() {
    return MySqlSourceConfig.CONFIG_DEF;
  }

  /** Exactly-once delivery (KIP-618): offsets are exact binlog positions, and a replay re-emits the same records. */
  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  /**
   * With {@code transaction.boundary=connector}, Kafka transactions end only where MySQL transactions
   * end, so the rows of one MySQL transaction become visible together (consecutive MySQL
   * transactions of one poll batch share a Kafka transaction).
   */
  @Override
  public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
    return ConnectorTransactionBoundaries.SUPPORTED;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return MySqlConnectorValidation.validate(connectorConfigs);
  }
}
