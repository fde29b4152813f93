package dev.sluice.converters.protobuf.store;

/**
 * Two different schemas have the same fingerprint id. Ids of the Kafka-topic store are 31 bits of
 * a SHA-256; with thousands of schemas a clash is unlikely but possible, and it must never let one
 * schema be read as another.
 */
public final class FingerprintClashException extends SchemaRejectedException {
  private static final long serialVersionUID = 1L;

  public FingerprintClashException(String message) {
    super(message);
  }
}
