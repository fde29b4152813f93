package dev.sluice.converters.protobuf.store;

/**
 * An imported file of a schema.
 *
 * @param name the import path, e.g. {@code sluice/connect.proto}
 * @param subject the subject it is registered under
 * @param version the version of that subject
 */
public record SchemaReference(String name, String subject, int version) {}
