package dev.sluice.stack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * mongo-java-server backends whose writes are atomic per collection, as MongoDB's are per document.
 *
 * <p>mongo-java-server synchronizes inserts, deletes and queries on the collection, but an update
 * reads the matching documents and writes them back in two steps without a lock. Two concurrent
 * updates of one document then lose one of them (a {@code $push} from one sink task and a
 * {@code $pull} from another, say), which MongoDB never does. The collections made here run every
 * update while holding the collection's own monitor, the one its synchronized methods take, so an
 * update is as atomic as the rest: the memory backend's collections synchronize their updates too,
 * the H2 backend's collections are wrapped in a proxy that takes the monitor around every call.
 */
public final class AtomicBackends {
  private AtomicBackends() {}

  /** An in-memory backend with atomic writes. */
  public static MemoryBackend memory() {
    return new MemoryBackend() {
      @Override
      public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
          @Override
          protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new MemoryCollection(this, collectionName, options, cursorRegistry) {
              @Override
              public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
                  boolean isMulti, boolean isUpsert, Oplog oplog) {
                return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
              }
            };
          }
        };
      }
    };
  }

  /** An H2 (MVStore file) backend with atomic writes; it survives a restart of its process. */
  public static H2Backend h2(String file) {
    return new H2Backend(file) {
      @Override
      protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new H2Database(databaseName, getMvStore(), getCursorRegistry()) {
          @Override
          protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            return atomic(super.openOrCreateCollection(collectionName, options));
          }
        };
      }
    };
  }

  /** {@code collection} with every call made under its own monitor. */
  @SuppressWarnings("unchecked")
  static <P> MongoCollection<P> atomic(MongoCollection<P> collection) {
    return (MongoCollection<P>) Proxy.newProxyInstance(AtomicBackends.class.getClassLoader(), new Class<?>[] {MongoCollection.class},
        (proxy, method, args) -> {
          synchronized (collection) {
            try {
              return method.invoke(collection, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          }
        });
  }
}
