package dev.sluice.sink.mongo;

import dev.sluice.event.SluiceVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Sluice's MongoDB sink: materializes change-event topics (Sluice, Debezium) and plain-row topics
 * into MongoDB collections ("views") that a replay or a redelivery can never move backwards, with
 * child rows optionally embedded as arrays in their parents' documents.
 *
 * <p>Settings: {@link SluiceMongoSinkConfig}; per topic: {@link TopicConfig} with
 * {@code topic.override.<topic>.<setting>}.
 */
public class SluiceMongoSinkConnector extends SinkConnector {
  /** Task setting carrying the task's number, for metrics and logs. */
  public static final String TASK_ID_CONFIG = "sluice.task.id";

  private Map<String, String> props;

  /** Creates the connector; Connect configures it through {@link #start}. */
  public SluiceMongoSinkConnector() {
    // no state until start()
  }

  @Override
  public String version() {
    return SluiceVersion.of(SluiceMongoSinkConnector.class);
  }

  @Override
  public void start(Map<String, String> props) {
    // Fail here, with the setting's name, rather than in every task.
    EmbedRegistry.from(new SluiceMongoSinkConfig(props));
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return SluiceMongoSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      Map<String, String> task = new HashMap<>(props);
      task.put(TASK_ID_CONFIG, Integer.toString(i));
      configs.add(task);
    }
    return configs;
  }

  @Override
  public void stop() {
    props = null;
  }

  @Override
  public ConfigDef config() {
    return SluiceMongoSinkConfig.CONFIG_DEF;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return SluiceMongoSinkConnectorValidation.validate(connectorConfigs, super.validate(connectorConfigs));
  }
}
