package dev.sluice.sink.mongo.namespace;

import java.util.Optional;

/** {@link NamespaceMapperKind#TEMPLATE}: database and collection from templates. */
public final class TemplateNamespaceMapper implements NamespaceMapper {
  private final Template database;
  private final Template collection;

  /** A mapper from two templates. */
  public TemplateNamespaceMapper(Template database, Template collection) {
    this.database = database;
    this.collection = collection;
  }

  @Override
  public Namespace map(RecordOrigin origin) {
    return NamespaceMapper.checked(
        new Namespace(
            database.apply(origin.topic(), origin.db(), origin.table()),
            collection.apply(origin.topic(), origin.db(), origin.table())),
        origin.topic());
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
