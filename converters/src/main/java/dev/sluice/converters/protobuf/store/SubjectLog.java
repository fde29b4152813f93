package dev.sluice.converters.protobuf.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Subjects, versions and fingerprint ids held in memory, in the order schemas were registered.
 * The first schema to claim an id keeps it; a different schema with the same id is a clash.
 */
final class SubjectLog {
  private record Entry(String fingerprint, int id, SchemaText schema, String firstSubject) {}

  private final Map<Integer, Entry> byId = new HashMap<>();
  private final Map<String, List<Entry>> bySubject = new HashMap<>();
  private final Map<String, String> clashes = new HashMap<>();
  private final String storeName;

  SubjectLog(String storeName) {
    this.storeName = storeName;
  }

  /**
   * Adds a schema under a subject, or finds it.
   *
   * @throws FingerprintClashException if another schema already has the id
   */
  synchronized RegisteredSchema add(String subject, SchemaText schema, String fingerprint, int id) {
    Entry existing = byId.get(id);
    if (existing != null && !existing.fingerprint.equals(fingerprint)) {
      String message = "schema id " + id + " of subject '" + subject + "' (fingerprint " + fingerprint.substring(0, 16)
          + "...) clashes with the schema first registered under subject '" + existing.firstSubject + "' (fingerprint "
          + existing.fingerprint.substring(0, 16) + "...) in " + storeName + ": two different schemas have the same "
          + "31-bit fingerprint id; the first keeps it and the other cannot be used, so no record is ever read with the wrong schema. Use a schema registry "
          + "(schema.registry.url) for these topics, or change the schema (e.g. its doc) so that its fingerprint changes.";
      clashes.put(fingerprint, message);
      throw new FingerprintClashException(message);
    }
    List<Entry> versions = bySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    for (int i = 0; i < versions.size(); i++) {
      if (versions.get(i).fingerprint.equals(fingerprint)) {
        return new RegisteredSchema(subject, i + 1, id, schema);
      }
    }
    Entry e = existing != null ? existing : new Entry(fingerprint, id, schema, subject);
    versions.add(e);
    byId.putIfAbsent(id, e);
    return new RegisteredSchema(subject, versions.size(), id, schema);
  }

  /** The clash recorded for a fingerprint, if a schema with it was refused. */
  synchronized Optional<String> clash(String fingerprint) {
    return Optional.ofNullable(clashes.get(fingerprint));
  }

  synchronized Optional<RegisteredSchema> lookup(String subject, String fingerprint) {
    List<Entry> versions = bySubject.getOrDefault(subject, List.of());
    for (int i = 0; i < versions.size(); i++) {
      Entry e = versions.get(i);
      if (e.fingerprint.equals(fingerprint)) {
        return Optional.of(new RegisteredSchema(subject, i + 1, e.id, e.schema));
      }
    }
    return Optional.empty();
  }

  synchronized Optional<RegisteredSchema> latest(String subject) {
    List<Entry> versions = bySubject.getOrDefault(subject, List.of());
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    Entry e = versions.get(versions.size() - 1);
    return Optional.of(new RegisteredSchema(subject, versions.size(), e.id, e.schema));
  }

  synchronized Optional<RegisteredSchema> version(String subject, int version) {
    List<Entry> versions = bySubject.getOrDefault(subject, List.of());
    if (version < 1 || version > versions.size()) {
      return Optional.empty();
    }
    Entry e = versions.get(version - 1);
    return Optional.of(new RegisteredSchema(subject, version, e.id, e.schema));
  }

  synchronized Optional<SchemaText> byId(int id) {
    Entry e = byId.get(id);
    return e == null ? Optional.empty() : Optional.of(e.schema);
  }

  synchronized boolean knows(int id, String fingerprint) {
    Entry e = byId.get(id);
    return e != null && e.fingerprint.equals(fingerprint);
  }
}
