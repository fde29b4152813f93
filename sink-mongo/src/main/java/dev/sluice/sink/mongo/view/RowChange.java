package dev.sluice.sink.mongo.view;

import dev.sluice.sink.mongo.TopicConfig;
import dev.sluice.sink.mongo.namespace.Namespace;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * One change to one document or one embedded element, parsed from a record.
 *
 * @param kind what happens
 * @param namespace the collection
 * @param id the document {@code _id}; for child changes the child key document; null for truncates
 * @param row the converted row: after for upserts, before (or null) for deletes, null for truncates
 * @param version where the change stands in its stream
 * @param eventTimeMs when the change happened (source.ts_ms, else the record timestamp, else 0)
 * @param child the embedding, for changes of embedded child rows; else null
 * @param parentId for child upserts, the parent {@code _id} (null: the child belongs to no document)
 * @param formerParentId for child changes whose record has a before row: the parent {@code _id} of that row, the
 *     document the child leaves when it moves or goes (null: none, or not known)
 * @param topic the settings of the record's topic
 * @param record the record the change came from
 * @param ordinal the record's position among the records the task received: later records have higher ones
 */
public record RowChange(
    Kind kind,
    Namespace namespace,
    BsonValue id,
    BsonDocument row,
    Version version,
    long eventTimeMs,
    EmbedSpec child,
    BsonValue parentId,
    BsonValue formerParentId,
    TopicConfig topic,
    SinkRecord record,
    long ordinal) {

  /** What a change does. */
  public enum Kind {
    /** Insert, update or snapshot read: the row as it is now. */
    UPSERT,
    /** The row is gone. */
    DELETE,
    /** Every row of the table is gone. */
    TRUNCATE
  }

  /** True for changes of embedded child rows. */
  public boolean isChild() {
    return child != null;
  }

  /**
   * The document this change may leave without children: the former parent of a child that is
   * deleted or moves to another parent. Null for everything else.
   */
  public BsonValue leftParent() {
    return child != null && formerParentId != null && !formerParentId.equals(parentId) ? formerParentId : null;
  }

  /** What in-batch compaction groups by: one document, or one element of one array. */
  public WriteKey key() {
    return new WriteKey(namespace, child == null ? null : child.field(), kind == Kind.TRUNCATE ? null : id);
  }

  /** {@code topic/partition/offset} of the record, for messages. */
  public String where() {
    return record.topic() + "/" + record.kafkaPartition() + "/" + record.kafkaOffset();
  }

  /**
   * A compaction key.
   *
   * @param namespace the collection
   * @param field the array field for child rows, else null
   * @param id the document id or child key; null for a truncate (which stands for every key)
   */
  public record WriteKey(Namespace namespace, String field, BsonValue id) {}
}
