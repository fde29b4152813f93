package dev.sluice.converters.protobuf.store;

import java.io.Closeable;
import java.util.Optional;

/**
 * Where Protobuf schemas live, shaped like Confluent's registry API: schemas are {@code .proto}
 * texts with references, registered under subjects as numbered versions, each with a global id.
 *
 * <p>Three implementations: {@link dev.sluice.converters.protobuf.registry.RegistryClient} (a
 * Confluent-compatible registry over REST), {@link KafkaTopicSchemaStore} (a compacted Kafka topic
 * shared by every worker, ids being fingerprints) and {@link InProcessSchemaStore} (one JVM, for the
 * embedded runner and tests).
 *
 * <p>Transient failures (a store that cannot be reached) throw
 * {@link org.apache.kafka.connect.errors.RetriableException}; a schema the store refuses throws
 * {@link SchemaRejectedException}.
 */
public interface SchemaStore extends Closeable {

  /**
   * Registers a schema under a subject; registering the same schema again returns the same
   * version and id.
   *
   * @throws SchemaRejectedException if the store refuses it (incompatible, invalid, id clash)
   */
  RegisteredSchema register(String subject, SchemaText schema);

  /** The version of a subject that has exactly this schema, without registering it. */
  Optional<RegisteredSchema> lookup(String subject, SchemaText schema);

  /** The latest version of a subject, if it has any. */
  Optional<RegisteredSchema> latest(String subject);

  /** One version of a subject. */
  Optional<RegisteredSchema> version(String subject, int version);

  /** The schema with an id. */
  Optional<SchemaText> byId(int id);

  /** What this store is, for messages: e.g. {@code schema registry http://registry:8081}. */
  String describe();

  @Override
  default void close() {}
}
