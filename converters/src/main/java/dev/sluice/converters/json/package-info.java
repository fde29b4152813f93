/**
 * {@link dev.sluice.converters.json.SchemaCachingJsonConverter}: the bytes of Kafka's
 * {@code JsonConverter} with schemas, each schema's JSON written once instead of per record.
 */
package dev.sluice.converters.json;
