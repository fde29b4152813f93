package dev.sluice.benchmarks.source;

import io.debezium.connector.mariadb.MariaDbConnectorTask;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Debezium's MariaDB connector task ({@code io.debezium:debezium-connector-mariadb}), resuming from
 * a stored offset at the workload's start with an empty in-memory schema history: it learns the
 * tables from the {@code CREATE TABLE} statements in the binlog, as it would from its history topic.
 * In snapshot mode it starts without an offset and {@code snapshot.mode=initial} with its default
 * locking mode ({@code minimal}: a global read lock while it reads the schema and the binlog
 * position, then one consistent-snapshot transaction reading the table).
 */
final class DebeziumTaskReader extends TaskReader {

  DebeziumTaskReader() {
    super(ReaderKind.DEBEZIUM);
  }

  @Override
  SourceTask newTask() {
    return new MariaDbConnectorTask();
  }

  @Override
  Map<String, String> taskConfig(ReaderSpec spec) {
    Map<String, String> c = new HashMap<>();
    c.put("name", "debezium-source-bench");
    c.put("connector.class", "io.debezium.connector.mariadb.MariaDbConnector");
    c.put("database.hostname", spec.host());
    c.put("database.port", Integer.toString(spec.port()));
    c.put("database.user", spec.user());
    c.put("database.password", spec.password());
    c.put("database.server.id", Long.toString(spec.serverId()));
    c.put("topic.prefix", spec.topicPrefix());
    c.put("database.include.list", spec.database());
    c.put("table.include.list", spec.tableIncludeList());
    c.put("include.schema.changes", "false");
    c.put("schema.history.internal", InMemorySchemaHistory.class.getName());
    c.put("max.batch.size", Integer.toString(spec.maxBatchSize()));
    c.put("max.queue.size", Integer.toString(spec.maxQueueSize()));
    if (spec.snapshotMode()) {
      c.put("snapshot.mode", "initial");
    }
    return c;
  }

  @Override
  Map<String, ?> sourcePartition(ReaderSpec spec) {
    return Map.of("server", spec.topicPrefix());
  }

  @Override
  Map<String, Object> startOffset(ReaderSpec spec) {
    // Debezium's binlog offset: no "snapshot" entry means its snapshot is complete, so it streams.
    return Map.of("file", spec.start().file(), "pos", spec.start().position());
  }
}
