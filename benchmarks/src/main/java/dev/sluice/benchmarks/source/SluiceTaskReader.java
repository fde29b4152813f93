package dev.sluice.benchmarks.source;

import dev.sluice.source.mysql.MySqlSourceConfig;
import dev.sluice.source.mysql.SluiceMySqlSourceTask;
import dev.sluice.source.mysql.SnapshotConfig;
import dev.sluice.source.mysql.offset.SourceOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Sluice's {@link SluiceMySqlSourceTask}, resuming from an offset at the workload's start; in snapshot
 * mode started without an offset and {@code snapshot.mode=initial_only} (copy, then stop reading the
 * binlog) with {@code snapshot.max.threads} from the spec.
 */
final class SluiceTaskReader extends TaskReader {

  SluiceTaskReader() {
    super(ReaderKind.SLUICE);
  }

  @Override
  SourceTask newTask() {
    return new SluiceMySqlSourceTask();
  }

  @Override
  Map<String, String> taskConfig(ReaderSpec spec) {
    Map<String, String> c = new HashMap<>();
    c.put("name", "sluice-source-bench");
    c.put(MySqlSourceConfig.HOSTNAME_CONFIG, spec.host());
    c.put(MySqlSourceConfig.PORT_CONFIG, Integer.toString(spec.port()));
    c.put(MySqlSourceConfig.USER_CONFIG, spec.user());
    c.put(MySqlSourceConfig.PASSWORD_CONFIG, spec.password());
    c.put(MySqlSourceConfig.SERVER_ID_CONFIG, Long.toString(spec.serverId()));
    c.put(MySqlSourceConfig.TOPIC_PREFIX_CONFIG, spec.topicPrefix());
    c.put(MySqlSourceConfig.DATABASE_INCLUDE_CONFIG, spec.database());
    c.put(MySqlSourceConfig.TABLE_INCLUDE_CONFIG, spec.tableIncludeList());
    c.put(MySqlSourceConfig.INCLUDE_SCHEMA_CHANGES_CONFIG, "false");
    c.put(MySqlSourceConfig.MAX_BATCH_SIZE_CONFIG, Integer.toString(spec.maxBatchSize()));
    c.put(MySqlSourceConfig.MAX_QUEUE_SIZE_CONFIG, Integer.toString(spec.maxQueueSize()));
    if (spec.snapshotMode()) {
      c.put(SnapshotConfig.SNAPSHOT_MODE_CONFIG, "initial_only");
      c.put(SnapshotConfig.SNAPSHOT_MAX_THREADS_CONFIG, Integer.toString(spec.snapshot().threads()));
      if (spec.snapshot().chunkSize() > 0) {
        c.put(SnapshotConfig.SNAPSHOT_CHUNK_SIZE_CONFIG, Integer.toString(spec.snapshot().chunkSize()));
      }
    }
    return c;
  }

  @Override
  Map<String, ?> sourcePartition(ReaderSpec spec) {
    return Map.of("server", spec.topicPrefix());
  }

  @Override
  Map<String, Object> startOffset(ReaderSpec spec) {
    return new SourceOffset("", spec.start().file(), spec.start().position(), 0, 0).toMap();
  }
}
