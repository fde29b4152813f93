package dev.sluice.converters.protobuf.store;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A schema store that lives in one JVM and forgets everything when it stops: for the embedded
 * runner (one process, no Kafka) and for tests. Never use it with distributed Connect workers,
 * which would each get a store of their own. Ids are fingerprints, as in {@link KafkaTopicSchemaStore}.
 */
public final class InProcessSchemaStore implements SchemaStore {
  private static final ConcurrentMap<String, InProcessSchemaStore> NAMED = new ConcurrentHashMap<>();

  private final String name;
  private final SubjectLog log;

  /** A new, empty store of its own. */
  public InProcessSchemaStore(String name) {
    this.name = name;
    this.log = new SubjectLog(describe(name));
  }

  /** The store of this name in this JVM, shared by every converter configured with it. */
  public static InProcessSchemaStore named(String name) {
    return NAMED.computeIfAbsent(name, InProcessSchemaStore::new);
  }

  private static String describe(String name) {
    return "the in-process schema store '" + name + "'";
  }

  @Override
  public RegisteredSchema register(String subject, SchemaText schema) {
    String fingerprint = SchemaFingerprint.of(schema);
    return log.add(subject, schema, fingerprint, SchemaFingerprint.id(fingerprint));
  }

  /** Registers with a given id; lets tests provoke a fingerprint clash. */
  RegisteredSchema register(String subject, SchemaText schema, int id) {
    return log.add(subject, schema, SchemaFingerprint.of(schema), id);
  }

  @Override
  public Optional<RegisteredSchema> lookup(String subject, SchemaText schema) {
    return log.lookup(subject, SchemaFingerprint.of(schema));
  }

  @Override
  public Optional<RegisteredSchema> latest(String subject) {
    return log.latest(subject);
  }

  @Override
  public Optional<RegisteredSchema> version(String subject, int version) {
    return log.version(subject, version);
  }

  @Override
  public Optional<SchemaText> byId(int id) {
    return log.byId(id);
  }

  @Override
  public String describe() {
    return describe(name);
  }
}
