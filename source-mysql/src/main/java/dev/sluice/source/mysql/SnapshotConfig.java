package dev.sluice.source.mysql;

import dev.sluice.source.mysql.snapshot.SnapshotMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** The snapshot settings of the source, composed into {@link MySqlSourceConfig}. */
public final class SnapshotConfig {
  private static final String GROUP = "Snapshot";

  public static final String SNAPSHOT_MODE_CONFIG = "snapshot.mode";
  public static final String SNAPSHOT_MODE_DEFAULT = "initial";
  private static final String SNAPSHOT_MODE_DOC = "When to copy the captured tables' existing rows (op=r events, source.snapshot set), "
      + "without any table lock and while streaming: initial (copy every captured table not copied yet - on the first start, and tables "
      + "added to the include list later - then stream), initial_only (copy, then stop reading the binlog), no_data (never copy: stream "
      + "from the current position on the first start), when_needed (like initial, and copy everything again when the stored offset's "
      + "binlog is gone: its binlog file was purged, or - with GTIDs - transactions after its GTID set are no longer in the server's "
      + "binlogs (MySQL: @@gtid_purged; MariaDB: the GTID list opening the oldest binlog file)).";
  public static final String SNAPSHOT_MAX_THREADS_CONFIG = "snapshot.max.threads";
  public static final int SNAPSHOT_MAX_THREADS_DEFAULT = 2;
  private static final String SNAPSHOT_MAX_THREADS_DOC = "JDBC connections reading snapshot chunks in parallel. Chunks are still emitted in "
      + "key order, one table after the other.";
  public static final String SNAPSHOT_CHUNK_SIZE_CONFIG = "snapshot.chunk.size";
  public static final int SNAPSHOT_CHUNK_SIZE_DEFAULT = 8192;
  private static final String SNAPSHOT_CHUNK_SIZE_DOC = "Rows per snapshot chunk (primary-key range). The heap holds at most "
      + "2 x snapshot.max.threads chunks; after a crash at most one chunk is delivered again. Tables without a primary key are read as "
      + "one chunk, read again if the table changes meanwhile.";

  private final MySqlSourceConfig config;

  SnapshotConfig(MySqlSourceConfig config) {
    this.config = config;
  }

  static void define(ConfigDef def) {
    int o = 0;
    def.define(SNAPSHOT_MODE_CONFIG, Type.STRING, SNAPSHOT_MODE_DEFAULT, new ModeValidator(), Importance.HIGH, SNAPSHOT_MODE_DOC, GROUP, ++o,
        Width.SHORT, "Snapshot mode");
    def.define(SNAPSHOT_MAX_THREADS_CONFIG, Type.INT, SNAPSHOT_MAX_THREADS_DEFAULT, ConfigDef.Range.between(1, 64), Importance.MEDIUM,
        SNAPSHOT_MAX_THREADS_DOC, GROUP, ++o, Width.SHORT, "Snapshot threads");
    def.define(SNAPSHOT_CHUNK_SIZE_CONFIG, Type.INT, SNAPSHOT_CHUNK_SIZE_DEFAULT, ConfigDef.Range.between(1, 10_000_000), Importance.LOW,
        SNAPSHOT_CHUNK_SIZE_DOC, GROUP, ++o, Width.SHORT, "Snapshot chunk size");
  }

  public SnapshotMode mode() {
    return SnapshotMode.parse(config.getString(SNAPSHOT_MODE_CONFIG));
  }

  public int maxThreads() {
    return config.getInt(SNAPSHOT_MAX_THREADS_CONFIG);
  }

  public int chunkSize() {
    return config.getInt(SNAPSHOT_CHUNK_SIZE_CONFIG);
  }

  private static final class ModeValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      try {
        SnapshotMode.parse((String) value);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new ConfigException(name, value, "must be one of " + this);
      }
    }

    @Override
    public String toString() {
      return Arrays.stream(SnapshotMode.values()).map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
  }
}
