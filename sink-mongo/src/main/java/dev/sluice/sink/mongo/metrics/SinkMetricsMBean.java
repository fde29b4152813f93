package dev.sluice.sink.mongo.metrics;

/**
 * JMX view of one sink task, registered as
 * {@code dev.sluice:type=sink-mongo-task-metrics,connector=<name>,task=<id>}.
 */
public interface SinkMetricsMBean {
  /**
   * Records handed to put() whose write completed (written, skipped or rejected, or released by the compaction window
   * for a newer change that was written); each counted once.
   */
  long getRecordsIn();

  /** Changes parsed from them (a primary-key change makes two). */
  long getChangesIn();

  /** Changes written to MongoDB (not stale, not failed, not compacted away). */
  long getChangesWritten();

  /** Changes skipped because the view already holds them or something newer. */
  long getSkippedStale();

  /** Older changes of a key dropped because a newer one of the same batch (or compaction window) was written instead. */
  long getCompacted();

  /** Tombstones and truncates ignored by configuration. */
  long getIgnored();

  /** Records sent to the errant record reporter (or, without one, logged and skipped under errors.tolerance=all). */
  long getErrantRecords();

  /** Write attempts repeated after transient MongoDB errors. */
  long getRetries();

  /** Document replaces. */
  long getWritesReplace();

  /** Document $set upserts. */
  long getWritesSet();

  /** Hard deletes. */
  long getWritesDelete();

  /** Soft deletes. */
  long getWritesSoftDelete();

  /** Truncates. */
  long getWritesTruncate();

  /** Embedded element inserts/updates. */
  long getWritesElementSet();

  /** Embedded element removals. */
  long getWritesElementRemove();

  /** Delete tombstones written. */
  long getWritesTombstone();

  /** Changes in per change written, over the task's life (1.0 without compaction). */
  double getCompactionRatio();

  /** Duration of the last batch write (the records of one put(), or those a compaction window held), ms. */
  long getBatchLatencyLastMs();

  /** Longest batch write so far, ms. */
  long getBatchLatencyMaxMs();

  /** Mean batch write duration, ms. */
  double getBatchLatencyAvgMs();

  /** Batches written. */
  long getBatches();

  /**
   * Records handed to put() and not acknowledged yet, held in the compaction window or being
   * written (records the window released for a newer change of their key are not counted): their
   * offsets are not committable.
   */
  long getBufferedRecords();

  /** The estimated heap, in bytes, of the records the compaction window holds now and their documents (not those being written). */
  long getBufferedBytes();
}
