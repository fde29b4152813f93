package dev.sluice.converters.protobuf.store;

/**
 * One version of a subject.
 *
 * @param subject the subject
 * @param version its version number, from 1
 * @param id the global schema id written into records
 * @param schema the schema
 */
public record RegisteredSchema(String subject, int version, int id, SchemaText schema) {}
