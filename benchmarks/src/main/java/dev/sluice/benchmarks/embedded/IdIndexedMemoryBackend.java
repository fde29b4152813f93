package dev.sluice.benchmarks.embedded;

import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.Collection;

/**
 * mongo-java-server's memory backend with one planner fix: a filter that pins {@code _id} to one
 * value and adds more conditions is answered from the {@code _id} index, as MongoDB answers it.
 *
 * <p>mongo-java-server uses an index only when the filter has exactly the index's fields, so every
 * guarded write of Sluice's sink ({@code {_id: X, $or: [<older version>]}}, what makes replays
 * harmless) scans the whole collection there, and a latency measurement at thousands of changes
 * per second would measure that scan (a profile shows mostly {@code DefaultQueryMatcher}). Here the
 * candidates are the (at most one) document with that {@code _id}; the full filter is still matched
 * against it, so which documents match, upserts and duplicate-key errors are unchanged. Updates are
 * atomic per collection as with {@link dev.sluice.stack.AtomicBackends#memory()}.
 */
public final class IdIndexedMemoryBackend extends MemoryBackend {
  private static final String ID = "_id";

  @Override
  public MemoryDatabase openOrCreateDatabase(String databaseName) {
    return new MemoryDatabase(databaseName, getCursorRegistry()) {
      @Override
      protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
        return new IdIndexedCollection(this, collectionName, options, cursorRegistry);
      }
    };
  }

  static final class IdIndexedCollection extends MemoryCollection {
    IdIndexedCollection(MemoryDatabase database, String name, CollectionOptions options,
        de.bwaldvogel.mongo.backend.CursorRegistry cursorRegistry) {
      super(database, name, options, cursorRegistry);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
        Document fieldSelector) {
      Document byId = idOnly(query);
      if (byId != null) {
        for (Index<Integer> index : getIndexes()) {
          if (index.canHandle(byId)) {
            return matchDocuments(query, index.getPositions(byId), orderBy, numberToSkip, limit, batchSize, fieldSelector);
          }
        }
      }
      return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters, boolean isMulti,
        boolean isUpsert, Oplog oplog) {
      return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
    }
  }

  /** {@code {_id: X}} when {@code query} pins {@code _id} to one plain value and has other conditions too; else null. */
  static Document idOnly(Document query) {
    if (query == null || query.size() < 2 || !query.containsKey(ID)) {
      return null;
    }
    Object id = query.get(ID);
    if (id == null || id instanceof Document || id instanceof Collection || BsonRegularExpression.isRegularExpression(id)) {
      return null;
    }
    return new Document(ID, id);
  }
}
