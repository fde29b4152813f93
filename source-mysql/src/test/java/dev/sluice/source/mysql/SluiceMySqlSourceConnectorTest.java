package dev.sluice.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

class SluiceMySqlSourceConnectorTest {
  private static final Map<String, String> CONFIG = Map.of("database.hostname", "db", "database.user", "sluice",
      "database.server.id", "5", "topic.prefix", "shop");

  @Test
  void oneTaskReadsTheBinlogWhateverTasksMaxSays() {
    SluiceMySqlSourceConnector connector = new SluiceMySqlSourceConnector();
    connector.start(CONFIG);
    assertThat(connector.taskConfigs(3)).hasSize(1);
    assertThat(connector.taskConfigs(3).get(0)).containsEntry("topic.prefix", "shop");
    assertThat(connector.taskClass()).isEqualTo(SluiceMySqlSourceTask.class);
  }

  @Test
  void supportsExactlyOnceAndConnectorDefinedTransactions() {
    SluiceMySqlSourceConnector connector = new SluiceMySqlSourceConnector();
    assertThat(connector.exactlyOnceSupport(CONFIG)).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    assertThat(connector.canDefineTransactionBoundaries(CONFIG)).isEqualTo(ConnectorTransactionBoundaries.SUPPORTED);
  }

  @Test
  void configErrorsNameTheSetting() {
    SluiceMySqlSourceConnector connector = new SluiceMySqlSourceConnector();
    var result = connector.validate(Map.of("database.hostname", "db", "database.user", "sluice", "database.server.id", "0",
        "topic.prefix", "bad prefix!", "table.include.list", "shop.(orders"));
    var errors = new java.util.HashMap<String, java.util.List<String>>();
    result.configValues().forEach(v -> errors.put(v.name(), v.errorMessages()));
    assertThat(errors.get("database.server.id")).isNotEmpty();
    assertThat(errors.get("topic.prefix")).anyMatch(m -> m.contains("letters, digits"));
    assertThat(errors.get("table.include.list")).anyMatch(m -> m.contains("not a valid regular expression"));
  }
}
