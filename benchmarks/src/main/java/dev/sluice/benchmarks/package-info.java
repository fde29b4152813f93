/** Benchmarks against the anchors (Debezium, the MongoDB Kafka sink, JsonConverter). */
package dev.sluice.benchmarks;
