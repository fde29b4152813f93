package dev.sluice.source.mysql.snapshot;

import dev.sluice.event.SourceInfo;
import dev.sluice.source.mysql.offset.SnapshotState;
import dev.sluice.source.mysql.offset.SourceOffset;
import dev.sluice.source.mysql.schema.TableSchema;
import org.apache.kafka.connect.data.Struct;

/** What the binlog handler offers the snapshot, between two transactions, on its own thread. */
public interface SnapshotSink {
  /** The stream's position after the last complete transaction. */
  SourceOffset position();

  /**
   * Emits one snapshot row as an {@code op=r} event with the next seq; its offset carries {@code state}.
   */
  void emitRead(TableSchema schema, Struct row, SourceInfo.Snapshot marker, SnapshotState state) throws InterruptedException;

  /** Records snapshot progress that no row carries (an empty chunk): the next offset carries it. */
  void advance(SnapshotState state);
}
