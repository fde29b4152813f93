package dev.sluice.sink.mongo.namespace;

import java.util.Optional;
import org.apache.kafka.connect.errors.DataException;

/** Chooses the database and collection of a record. */
public sealed interface NamespaceMapper permits TemplateNamespaceMapper, RegexNamespaceMapper, FieldNamespaceMapper {

  /**
   * The namespace of one record.
   *
   * @throws DataException when the record lacks what the mapping needs, or the result is not a
   *     valid MongoDB namespace
   */
  Namespace map(RecordOrigin origin);

  /**
   * The namespace of every record of a topic when it depends on the topic name alone, as embedded
   * views require; empty when it depends on record content.
   */
  Optional<Namespace> forTopicAlone(String topic);

  /** Rejects invalid names with a message naming the topic. */
  static Namespace checked(Namespace namespace, String topic) {
    namespace.problem().ifPresent(problem -> {
      throw new DataException("topic '" + topic + "' maps to an invalid namespace: " + problem);
    });
    return namespace;
  }
}
