package dev.sluice.source.mysql.snapshot;

import dev.sluice.source.mysql.schema.TableId;
import org.apache.kafka.connect.data.Struct;

/** What the binlog handler tells a running snapshot; called on the binlog thread. */
public interface SnapshotHook {
  /** A change event of {@code table} for {@code key} (null for a table without primary key) was emitted. */
  void changed(TableId table, Struct key);

  /** {@code table} was truncated. */
  void truncated(TableId table);

  /**
   * A DDL statement (ALTER, RENAME, DROP, CREATE) named {@code table}: chunks read with the schema of
   * before it must not be emitted.
   */
  void schemaChanged(TableId table);

  /** Between transactions: emit every chunk whose high watermark the stream has reached, in order. */
  void drain(SnapshotSink sink) throws InterruptedException;
}
