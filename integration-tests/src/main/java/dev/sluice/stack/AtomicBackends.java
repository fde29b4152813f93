package dev.sluice.stack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.Collection;
import java.util.function.Function;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server backends that behave like MongoDB in the two ways Sluice's sink depends on.
 *
 * <p><b>Atomic writes.</b> mongo-java-server synchronizes inserts, deletes and queries on the
 * collection, but an update reads the matching documents and writes them back in two steps without
 * a lock. Two concurrent updates of one document then lose one of them (a {@code $push} from one
 * sink task and a {@code $pull} from another, say), which MongoDB never does. Every update of the
 * collections made here runs while holding the collection's own monitor, the one its synchronized
 * methods take.
 *
 * <p><b>{@code _id}-pinned filters use the {@code _id} index.</b> mongo-java-server uses an index
 * only when the filter has exactly the index's fields, so each of the sink's guarded writes
 * ({@code {_id: X, $or: [<older version>]}}, which make replays harmless) scans the whole
 * collection, and the endpoint, not the connector, becomes what a test or a benchmark measures
 * (a profile shows mostly {@code DefaultQueryMatcher}). Here such a filter's candidates are the (at
 * most one) document with that {@code _id}; the full filter is still matched against it, so which
 * documents match, upserts and duplicate-key errors are unchanged. {@link #memoryStockPlanner()}
 * keeps the scanning planner, for comparison.
 */
public final class AtomicBackends {
  private static final String ID = "_id";

  private AtomicBackends() {}

  /** An in-memory backend with atomic writes whose {@code _id}-pinned filters use the {@code _id} index. */
  public static MemoryBackend memory() {
    return memoryBackend(IdIndexedMemoryCollection::new);
  }

  /** An in-memory backend with atomic writes and mongo-java-server's own (scanning) planner. */
  public static MemoryBackend memoryStockPlanner() {
    return memoryBackend(AtomicMemoryCollection::new);
  }

  /** An H2 (MVStore file) backend with atomic writes and {@code _id}-indexed filters; it survives a restart of its process. */
  public static H2Backend h2(String file) {
    return new H2Backend(file) {
      @Override
      protected MongoDatabase openOrCreateDatabase(String databaseName) {
        MVStore store = getMvStore();
        return new H2Database(databaseName, store, getCursorRegistry()) {
          @Override
          protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // The maps H2Database itself opens for a collection, so files written by either stay readable by both.
            String namespace = databaseName + "." + collectionName;
            return new IdIndexedH2Collection(this, collectionName, options, store.openMap("databases." + namespace),
                store.openMap("meta." + namespace), cursorRegistry);
          }
        };
      }
    };
  }

  private interface MemoryCollectionFactory {
    MemoryCollection create(MemoryDatabase database, String name, CollectionOptions options, de.bwaldvogel.mongo.backend.CursorRegistry cursors);
  }

  private static MemoryBackend memoryBackend(MemoryCollectionFactory collections) {
    return new MemoryBackend() {
      @Override
      public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
          @Override
          protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return collections.create(this, collectionName, options, cursorRegistry);
          }
        };
      }
    };
  }

  private static class AtomicMemoryCollection extends MemoryCollection {
    AtomicMemoryCollection(MemoryDatabase database, String name, CollectionOptions options,
        de.bwaldvogel.mongo.backend.CursorRegistry cursors) {
      super(database, name, options, cursors);
    }

    @Override
    public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters, boolean isMulti,
        boolean isUpsert, Oplog oplog) {
      return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
    }
  }

  private static final class IdIndexedMemoryCollection extends AtomicMemoryCollection {
    IdIndexedMemoryCollection(MemoryDatabase database, String name, CollectionOptions options,
        de.bwaldvogel.mongo.backend.CursorRegistry cursors) {
      super(database, name, options, cursors);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize, Document fields) {
      QueryResult byId = byIdIndex(this, query, positions -> matchDocuments(query, positions, orderBy, skip, limit, batchSize, fields));
      return byId != null ? byId : super.queryDocuments(query, orderBy, skip, limit, batchSize, fields);
    }
  }

  private static final class IdIndexedH2Collection extends H2Collection {
    IdIndexedH2Collection(MongoDatabase database, String name, CollectionOptions options,
        org.h2.mvstore.MVMap<Object, Document> data, org.h2.mvstore.MVMap<String, Object> meta,
        de.bwaldvogel.mongo.backend.CursorRegistry cursors) {
      super(database, name, options, data, meta, cursors);
    }

    @Override
    public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters, boolean isMulti,
        boolean isUpsert, Oplog oplog) {
      return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize, Document fields) {
      QueryResult byId = byIdIndex(this, query, positions -> matchDocuments(query, positions, orderBy, skip, limit, batchSize, fields));
      return byId != null ? byId : super.queryDocuments(query, orderBy, skip, limit, batchSize, fields);
    }
  }

  /** The result of {@code query} matched against the {@code _id} index's candidates, or null when the filter does not pin {@code _id}. */
  private static <P> QueryResult byIdIndex(AbstractMongoCollection<P> collection, Document query, Function<Iterable<P>, QueryResult> match) {
    Document byId = idOnly(query);
    if (byId == null) {
      return null;
    }
    for (Index<P> index : collection.getIndexes()) {
      if (index.canHandle(byId)) {
        return match.apply(index.getPositions(byId));
      }
    }
    return null;
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
