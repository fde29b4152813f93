package dev.sluice.sink.mongo.namespace;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link NamespaceMapperKind#TEMPLATE}: database and collection from templates. */
public final class TemplateNamespaceMapper implements NamespaceMapper {
  /** Enough for every table of a large schema; beyond it names are checked on every record. */
  private static final int CHECKED_NAMES_MAX = 10_000;

  private final Template database;
  private final Template collection;
  /** Names already found valid (checking them is per record otherwise), each to one shared instance. */
  private final Map<Namespace, Namespace> checked = new ConcurrentHashMap<>();

  /** A mapper from two templates. */
  public TemplateNamespaceMapper(Template database, Template collection) {
    this.database = database;
    this.collection = collection;
  }

  @Override
  public Namespace map(RecordOrigin origin) {
    Namespace namespace = new Namespace(
        database.apply(origin.topic(), origin.db(), origin.table()),
        collection.apply(origin.topic(), origin.db(), origin.table()));
    Namespace known = checked.get(namespace);
    if (known != null) {
      return known;
    }
    NamespaceMapper.checked(namespace, origin.topic());
    if (checked.size() < CHECKED_NAMES_MAX) {
      checked.putIfAbsent(namespace, namespace);
    }
    return namespace;
  }

  @Override
  public Optional<Namespace> forTopicAlone(String topic) {
    if (!database.dependsOnTopicAlone() || !collection.dependsOnTopicAlone()) {
      return Optional.empty();
    }
    return Optional.of(map(new RecordOrigin(topic, null, null, null)));
  }

  /** The database template. */
  Template database() {
    return database;
  }

  /** The collection template. */
  Template collection() {
    return collection;
  }
}
