package dev.sluice.sink.mongo.writemodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.sluice.sink.mongo.view.EmbedSpec;
import dev.sluice.sink.mongo.view.RowChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Writes one batch of compacted changes to one collection: document changes, then each array's
 * child changes, then, in collections with embedded children, the clean-up that keeps their shape
 * a function of their rows alone:
 *
 * <ul>
 *   <li>a document with its parent row has every array (possibly empty);
 *   <li>a document without its parent row (children that arrived first, or outlived it) has only
 *       its non-empty arrays and no metadata at the top level;
 *   <li>a document with neither is removed.
 * </ul>
 *
 * Everything here is idempotent, so a retry after a transient failure simply runs it again.
 */
public final class ViewWriter {
  private final VersionFilters filters;
  private final Tombstones tombstones;
  private final DocumentWriter documents;
  private final ChildWriter children;

  /** A writer using the metadata field of {@code filters} and the given tombstones. */
  public ViewWriter(VersionFilters filters, Tombstones tombstones) {
    this.filters = filters;
    this.tombstones = tombstones;
    this.documents = new DocumentWriter(filters, tombstones);
    this.children = new ChildWriter(filters, tombstones);
  }

  /**
   * Writes the changes.
   *
   * @param database the collection's database
   * @param collection the collection
   * @param documentChanges changes of whole documents, at most one per {@code _id}
   * @param supersededDeletes parent deletes compaction dropped behind newer changes of their key:
   *     only their cascade to the children (and their tombstone) is written
   * @param childChanges changes of embedded children by array field, at most one per child key
   * @param embeds the embeddings into this collection (empty for ordinary collections)
   * @param cleanUpScope documents of an embedding collection that may be left with neither parent
   *     row nor children: those the batch's children leave ({@link RowChange#leftParent}). The
   *     writer adds every document its writes may have emptied. A caller that writes the batch again
   *     after a failure passes the same set, so that the clean-up an attempt did not finish reaches
   *     the documents it emptied, though the changes are stale by then.
   */
  public WriteOutcome write(MongoDatabase database, MongoCollection<BsonDocument> collection,
      List<RowChange> documentChanges, List<RowChange> supersededDeletes, Map<String, List<RowChange>> childChanges,
      List<EmbedSpec> embeds, Set<BsonValue> cleanUpScope) {
    tombstones.purgeIfDue(database);
    WriteOutcome outcome = documents.write(database, collection, documentChanges, supersededDeletes, embeds, cleanUpScope);
    for (Map.Entry<String, List<RowChange>> e : childChanges.entrySet()) {
      if (!e.getValue().isEmpty()) {
        outcome.merge(children.write(database, collection, e.getValue().get(0).child(), e.getValue(), cleanUpScope));
      }
    }
    if (!embeds.isEmpty() && (outcome.isTouchedAll() || !outcome.touchedDocuments().isEmpty())) {
      cleanUp(collection, outcome, embeds);
    }
    return outcome;
  }

  private void cleanUp(MongoCollection<BsonDocument> collection, WriteOutcome outcome, List<EmbedSpec> embeds) {
    BsonDocument scope = new BsonDocument(filters.meta(), new BsonDocument("$exists", BsonBoolean.FALSE));
    if (!outcome.isTouchedAll()) {
      scope.put("_id", new BsonDocument("$in", new BsonArray(new ArrayList<BsonValue>(outcome.touchedDocuments()))));
    }
    Map<String, Boolean> fields = new LinkedHashMap<>();
    embeds.forEach(e -> fields.put(e.field(), true));
    BsonDocument empty = scope.clone();
    // First the empty arrays of parentless documents go, then the documents left with nothing.
    // Failures propagate: transient ones to the retry of the whole (idempotent) batch.
    for (String field : fields.keySet()) {
      collection.updateMany(scope.clone().append(field, new BsonDocument("$size", new BsonInt32(0))),
          new BsonDocument("$unset", new BsonDocument(field, new BsonString(""))));
      empty.append(field, new BsonDocument("$exists", BsonBoolean.FALSE));
    }
    collection.deleteMany(empty);
    outcome.count(WriteKind.CLEANUP, 1);
  }
}
