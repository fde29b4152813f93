/**
 * The source throughput harness: one generated binlog read by Sluice's source task, Debezium's
 * MariaDB connector task and the bare {@code BinaryLogClient}, each in its own JVM with the same
 * heap limit. Entry point: {@link dev.sluice.benchmarks.source.SourceThroughputBenchmark}.
 */
package dev.sluice.benchmarks.source;
