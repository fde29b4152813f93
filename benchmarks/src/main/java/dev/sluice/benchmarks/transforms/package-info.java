/**
 * JMH benchmarks of Sluice's single-message transforms and predicates, each next to its anchor
 * where one exists (Debezium's ExtractNewRecordState, EventRouter and TimezoneConverter; Kafka's
 * ReplaceField, MaskField, Cast and RegexRouter), on the same records. See benchmarks/README.md.
 */
package dev.sluice.benchmarks.transforms;
