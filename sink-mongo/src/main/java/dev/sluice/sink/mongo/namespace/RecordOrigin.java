package dev.sluice.sink.mongo.namespace;

import org.bson.BsonDocument;

/**
 * What a namespace mapper may look at for one record.
 *
 * @param topic the record's topic
 * @param db {@code source.db} of a change event, or null
 * @param table {@code source.table} of a change event, or null
 * @param row the converted row (after, or before for deletes), or null for tombstones
 */
public record RecordOrigin(String topic, String db, String table, BsonDocument row) {}
