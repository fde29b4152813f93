package dev.sluice.stack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
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
 * <p><b>Filters use indexes as in MongoDB.</b> mongo-java-server uses an index only when the filter
 * has exactly the index's fields, and keeps nothing in non-unique indexes, so the sink's guarded
 * writes ({@code {_id: X, $or: [<older version>]}}), its tombstone writes ({@code _id} a document),
 * its clean-up of touched documents ({@code _id: {$in: [...]}} with other conditions) and its
 * lookups of embedded children ({@code {$or: [{lines: {$elemMatch: {<child key>}}}, ...]}} or
 * {@code {lines.<key>: {$in: [...]}}}, answered in MongoDB from the multikey index the sink creates)
 * each scan and deserialize the whole collection: the endpoint, not the connector, becomes what a
 * test or a benchmark measures. Here non-unique indexes are kept ({@link MultikeyIndex}) and
 * {@link IndexPlanner} takes a filter's candidates from the {@code _id} index and those indexes;
 * the full filter is still matched against each candidate, so which documents match, upserts and
 * duplicate-key errors are unchanged. {@link #memoryStockPlanner()} keeps the scanning planner, for
 * comparison. The H2 backend also keeps its unique indexes in memory ({@link InMemoryUniqueIndex}).
 */
public final class AtomicBackends {
  private static final Pattern NUMERIC_PART = Pattern.compile("(^|\\.)\\d+(\\.|$)");

  private AtomicBackends() {}

  /** An in-memory backend with atomic writes, non-unique indexes and filters planned on indexes. */
  public static MemoryBackend memory() {
    return memoryBackend(IndexedMemoryCollection::new, true);
  }

  /** An in-memory backend with atomic writes and mongo-java-server's own (scanning) planner and indexes. */
  public static MemoryBackend memoryStockPlanner() {
    return memoryBackend(AtomicMemoryCollection::new, false);
  }

  /**
   * An H2 (MVStore file) backend with atomic writes, non-unique indexes and filters planned on
   * indexes; it survives a restart of its process. Its indexes live in memory ({@link InMemoryUniqueIndex},
   * {@link MultikeyIndex}) and are rebuilt from the documents when the file is opened.
   */
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
            return new IndexedH2Collection(this, collectionName, options, store.openMap("databases." + namespace),
                store.openMap("meta." + namespace), cursorRegistry);
          }

          @Override
          protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return new InMemoryUniqueIndex<>(indexName, keys, sparse);
          }

          @Override
          protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return secondaryIndex(collectionName, indexName, keys, sparse)
                .orElseGet(() -> super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse));
          }
        };
      }
    };
  }

  private interface MemoryCollectionFactory {
    MemoryCollection create(MemoryDatabase database, String name, CollectionOptions options, de.bwaldvogel.mongo.backend.CursorRegistry cursors);
  }

  private static MemoryBackend memoryBackend(MemoryCollectionFactory collections, boolean secondaryIndexes) {
    return new MemoryBackend() {
      @Override
      public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
          @Override
          protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return collections.create(this, collectionName, options, cursorRegistry);
          }

          @Override
          protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
              boolean sparse) {
            Optional<Index<Integer>> index = secondaryIndexes ? secondaryIndex(collectionName, indexName, keys, sparse) : Optional.empty();
            return index.orElseGet(() -> super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse));
          }
        };
      }
    };
  }

  /**
   * A {@link MultikeyIndex}, except on system collections (which have no {@code _id} to keep
   * positions by) and for a leading path naming an array position.
   */
  private static <P> Optional<Index<P>> secondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
    if (collectionName.startsWith("system.") || keys.isEmpty() || NUMERIC_PART.matcher(keys.get(0).getKey()).find()) {
      return Optional.empty();
    }
    return Optional.of(new MultikeyIndex<>(indexName, keys, sparse));
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

  private static final class IndexedMemoryCollection extends AtomicMemoryCollection {
    IndexedMemoryCollection(MemoryDatabase database, String name, CollectionOptions options,
        de.bwaldvogel.mongo.backend.CursorRegistry cursors) {
      super(database, name, options, cursors);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize, Document fields) {
      List<IndexPlanner.Branch<Integer>> plan = IndexPlanner.plan(getIndexes(), query, orderBy);
      if (plan == null) {
        return super.queryDocuments(query, orderBy, skip, limit, batchSize, fields);
      }
      return matchDocumentsFromStream(IndexPlanner.matches(plan, this::getDocument, this::documentMatchesQuery), new Document(), orderBy,
          skip, limit, batchSize, fields);
    }
  }

  private static final class IndexedH2Collection extends H2Collection {
    IndexedH2Collection(MongoDatabase database, String name, CollectionOptions options,
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
      List<IndexPlanner.Branch<Object>> plan = IndexPlanner.plan(getIndexes(), query, orderBy);
      if (plan == null) {
        return super.queryDocuments(query, orderBy, skip, limit, batchSize, fields);
      }
      return matchDocumentsFromStream(IndexPlanner.matches(plan, this::getDocument, this::documentMatchesQuery), new Document(), orderBy,
          skip, limit, batchSize, fields);
    }
  }
}
