package dev.sluice.source.mysql.snapshot;

import java.util.Map;

/** Snapshot progress of one source task over JMX ({@code dev.sluice:type=source-mysql-snapshot,...}). */
public interface SnapshotMetricsMXBean {
  /** Snapshot rows emitted per table ({@code db.table}). */
  Map<String, Long> getRowsDone();

  /** Estimated rows per table, from information_schema.TABLES.TABLE_ROWS when the table's copy started. */
  Map<String, Long> getRowsEstimated();

  /** Rows per second per table, over the table's copy so far. */
  Map<String, Double> getRowsPerSecond();

  /** Chunks emitted, all tables. */
  long getChunksEmitted();

  /** Chunks read again: a table without primary key that changed during its read. */
  long getChunksReread();

  /** The table being copied, or empty. */
  String getCurrentTable();

  int getTablesDone();

  int getTablesPending();
}
