package dev.sluice.sink.mongo.namespace;

import java.util.Optional;
import org.apache.kafka.connect.errors.DataException;
import org.bson.BsonValue;

/**
 * {@link NamespaceMapperKind#FIELD}: database and/or collection from string fields of the row;
 * what no field names comes from the template mapper.
 */
public final class FieldNamespaceMapper implements NamespaceMapper {
  private final String databaseField;
  private final String collectionField;
  private final TemplateNamespaceMapper fallback;

  /**
   * A mapper.
   *
   * @param databaseField the row field holding the database name, or null
   * @param collectionField the row field holding the collection name, or null
   * @param fallback the templates for the part without a field
   */
  public FieldNamespaceMapper(String databaseField, String collectionField, TemplateNamespaceMapper fallback) {
    this.databaseField = databaseField;
    this.collectionField = collectionField;
    this.fallback = fallback;
  }

  @Override
  public Namespace map(RecordOrigin origin) {
    String db = databaseField == null
        ? fallback.database().apply(origin.topic(), origin.db(), origin.table())
        : field(origin, databaseField, "namespace.field.database");
    String coll = collectionField == null
        ? fallback.collection().apply(origin.topic(), origin.db(), origin.table())
        : field(origin, collectionField, "namespace.field.collection");
    return NamespaceMapper.checked(new Namespace(db, coll), origin.topic());
  }

  @Override
  public Optional<Namespace> forTopicAlone(String topic) {
    return Optional.empty();
  }

  private static String field(RecordOrigin origin, String field, String setting) {
    if (origin.row() == null) {
      throw new DataException("a record without a row (tombstone) cannot be mapped by " + setting + "=" + field);
    }
    BsonValue value = origin.row().get(field);
    if (value == null || !value.isString() || value.asString().getValue().isEmpty()) {
      throw new DataException("field '" + field + "' named by " + setting + " is missing, null, empty or not a string: " + value);
    }
    return value.asString().getValue();
  }
}
