package dev.sluice.benchmarks.source;

import java.util.List;

/**
 * What one reader run reads and how it knows it is done; handed to the reader's JVM as JSON. Two
 * modes: streaming ({@code snapshot == null}: resume from a stored offset at {@code start} and read
 * the binlog range, {@link SourceThroughputBenchmark}) and snapshot ({@code snapshot != null}: no
 * stored offset, copy one table, {@link SnapshotThroughputBenchmark}).
 *
 * @param host             server host
 * @param port             server port
 * @param user             replication account
 * @param password         its password
 * @param serverId         replica server id the reader registers with (unique per run)
 * @param database         database of the workload
 * @param capturedTables   tables (in {@code database}) the connectors capture
 * @param tableIncludeList the connectors' {@code table.include.list}
 * @param topicPrefix      the connectors' {@code topic.prefix}
 * @param start            first binlog position of the workload (before its DDL); snapshot mode: the position after loading
 * @param end              binlog position after the workload's last event; snapshot mode: the same as {@code start}
 * @param expected         captured row changes the connectors must emit (snapshot mode: none, see {@link Snapshot#rows()})
 * @param maxBatchSize     {@code max.batch.size} of both connectors
 * @param maxQueueSize     {@code max.queue.size} of both connectors
 * @param converter        what the connector readers do with each record
 * @param timeoutSeconds   a run that is not done by then fails
 * @param snapshot         snapshot mode: what to copy; null when streaming
 */
record ReaderSpec(
    String host,
    int port,
    String user,
    String password,
    long serverId,
    String database,
    List<String> capturedTables,
    String tableIncludeList,
    String topicPrefix,
    BinlogPosition start,
    BinlogPosition end,
    ChangeCounts expected,
    int maxBatchSize,
    int maxQueueSize,
    Converter converter,
    long timeoutSeconds,
    Snapshot snapshot) {

  /**
   * A snapshot run: the task starts without a stored offset and copies the one captured table.
   *
   * @param rows    the table's rows: the run is OK only if exactly this many {@code op=r} events arrive
   * @param threads Sluice's {@code snapshot.max.threads} (Debezium: its default single reader)
   * @param chunkSize Sluice's {@code snapshot.chunk.size}, or 0 for the connector's default
   */
  record Snapshot(long rows, int threads, int chunkSize) {
  }

  boolean snapshotMode() {
    return snapshot != null;
  }

  /** What happens to each record a task returns. */
  enum Converter {
    /** Kafka's JsonConverter with schemas, key and value: what a worker with that converter does. */
    JSON,
    /** Sluice's SchemaCachingJsonConverter: the same bytes as JSON, each schema's JSON written once. */
    CACHED_JSON,
    /** Sluice's ProtobufConverter (in-process schema store), key and value. */
    PROTOBUF,
    /** Nothing: the task alone, to tell its cost from the converter's. */
    NONE
  }

  /** Kafka topics of the captured tables: {@code <prefix>.<database>.<table>}, for both connectors. */
  List<String> capturedTopics() {
    return capturedTables.stream().map(t -> topicPrefix + "." + database + "." + t).toList();
  }
}
