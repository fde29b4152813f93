/**
 * Sluice's MongoDB sink against the official one (mongo-kafka-connect with its Debezium CDC
 * handler): {@link dev.sluice.benchmarks.sink.SinkThroughputBenchmark}.
 */
package dev.sluice.benchmarks.sink;
