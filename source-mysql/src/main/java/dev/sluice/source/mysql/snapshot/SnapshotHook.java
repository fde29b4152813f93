package dev.sluice.source.mysql.snapshot;

import dev.sluice.source.mysql.schema.TableId;
import org.apache.kafka.connect.data.Struct;

/** What the binlog handler tells a running snapshot; called on the binlog thread. */
public interface SnapshotHook {
  /** A change event of {@code table} for {@code key} (null for a table without primary key) was emitted. */
  void changed(TableId table, Struct key);

  /** {@code table} was truncated. */
  void truncated(TableId table);

  /** Between transactions: emit every chunk whose high watermark the stream has reached, in order. */
  void drain(SnapshotSink sink) throws InterruptedException;
}
