package dev.sluice.benchmarks.source;

import java.util.List;

/**
 * What one reader run reads and how it knows it is done; handed to the reader's JVM as JSON.
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
 * @param start            first binlog position of the workload (before its DDL)
 * @param end              binlog position after the workload's last event
 * @param expected         captured row changes the connectors must emit
 * @param maxBatchSize     {@code max.batch.size} of both connectors
 * @param maxQueueSize     {@code max.queue.size} of both connectors
 * @param converter        what the connector readers do with each record
 * @param timeoutSeconds   a run that is not done by then fails
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
    long timeoutSeconds) {

  /** What happens to each record a task returns. */
  enum Converter {
    /** Kafka's JsonConverter with schemas, key and value: what a worker with that converter does. */
    JSON,
    /** Nothing: the task alone, to tell its cost from the converter's. */
    NONE
  }

  /** Kafka topics of the captured tables: {@code <prefix>.<database>.<table>}, for both connectors. */
  List<String> capturedTopics() {
    return capturedTables.stream().map(t -> topicPrefix + "." + database + "." + t).toList();
  }
}
