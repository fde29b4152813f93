/** Sluice's Protobuf converter against Kafka's JsonConverter. */
package dev.sluice.benchmarks.converters;
