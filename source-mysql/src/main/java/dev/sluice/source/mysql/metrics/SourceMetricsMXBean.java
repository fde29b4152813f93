package dev.sluice.source.mysql.metrics;

/** JMX view of one source task: {@code dev.sluice:type=source-mysql,connector=<name>,task=<id>}. */
public interface SourceMetricsMXBean {
  /** Binlog events read, captured or not. */
  long getEventsSeen();

  /** Change events emitted (inserts, updates, deletes, truncates). */
  long getEventsEmitted();

  /** Row events of tables that are not captured, skipped undecoded. */
  long getEventsFiltered();

  /** Records regenerated after a restart and dropped because they had been delivered before. */
  long getEventsSuppressed();

  long getHeartbeats();

  long getInserts();

  long getUpdates();

  long getDeletes();

  /** Wall-clock now minus the timestamp of the last binlog event read. */
  long getMilliSecondsBehindSource();

  int getQueueSize();

  int getQueueCapacity();

  boolean isConnected();

  String getLastGtid();

  /** source.seq of the last record emitted. */
  long getLastSeq();
}
