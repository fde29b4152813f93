package dev.sluice.sink.mongo.view;

import dev.sluice.sink.mongo.namespace.Namespace;
import dev.sluice.sink.mongo.writemodel.ParentDeleteMode;
import java.util.List;
import org.apache.kafka.connect.errors.DataException;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * One embedding: the rows of {@code topic} are elements of array {@code field} in the documents of
 * {@code namespace}, found by the parent key columns.
 *
 * @param topic the child table's topic
 * @param namespace the parent collection
 * @param field the array field
 * @param parentKey the child columns holding the parent's {@code _id}, in parent key order
 * @param parentDelete what a parent's hard delete does to these children
 */
public record EmbedSpec(
    String topic, Namespace namespace, String field, List<ParentKeyColumn> parentKey, ParentDeleteMode parentDelete) {

  /**
   * A foreign-key column.
   *
   * @param childColumn the column of the child row
   * @param parentField the field of the parent's composite {@code _id} (unused for a scalar id)
   */
  public record ParentKeyColumn(String childColumn, String parentField) {}

  /** The namespace under which deleted children's tombstones are kept: {@code <collection>.<field>}. */
  public String tombstoneScope() {
    return namespace.collection() + "." + field;
  }

  /**
   * The parent {@code _id} a child row points to.
   *
   * @return the id, or null when a foreign-key column is null (the child belongs to no document)
   * @throws DataException when the row lacks a foreign-key column
   */
  public BsonValue parentId(BsonDocument childRow) {
    if (parentKey.size() == 1) {
      BsonValue value = column(childRow, parentKey.get(0).childColumn());
      return value.isNull() ? null : value;
    }
    BsonDocument id = new BsonDocument();
    for (ParentKeyColumn column : parentKey) {
      BsonValue value = column(childRow, column.childColumn());
      if (value.isNull()) {
        return null;
      }
      id.put(column.parentField(), value);
    }
    return id;
  }

  /**
   * The parent {@code _id} of a child row that may lack the foreign-key columns (a before row with
   * only some columns): null when it lacks one or one is null.
   */
  public BsonValue parentIdIfPresent(BsonDocument childRow) {
    if (childRow == null) {
      return null;
    }
    for (ParentKeyColumn column : parentKey) {
      if (!childRow.containsKey(column.childColumn())) {
        return null;
      }
    }
    return parentId(childRow);
  }

  /** The child columns that hold the parent's {@code _id}. */
  public List<String> parentKeyColumns() {
    return parentKey.stream().map(ParentKeyColumn::childColumn).toList();
  }

  private BsonValue column(BsonDocument row, String column) {
    BsonValue value = row.get(column);
    if (value == null) {
      throw new DataException("embedded child row of topic '" + topic + "' has no column '" + column
          + "' named by embed.parent.key; its columns are " + row.keySet());
    }
    return value;
  }
}
