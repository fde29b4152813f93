/** Sluice's Protobuf and schema-caching JSON converters against Kafka's JsonConverter. */
package dev.sluice.benchmarks.converters;
