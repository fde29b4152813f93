package dev.sluice.sink.mongo.testsupport;

import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * mongo-java-server's memory backend with updates as atomic as MongoDB's: its collections match an
 * update's filter and write the document in two unlocked steps, so concurrent writers (two sink
 * tasks) could see races MongoDB never has. Here updates hold the collection's monitor, like its
 * inserts, deletes and queries do.
 */
public class AtomicMemoryBackend extends MemoryBackend {
  @Override
  public MemoryDatabase openOrCreateDatabase(String databaseName) {
    return new MemoryDatabase(databaseName, getCursorRegistry()) {
      @Override
      protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
        return new MemoryCollection(this, collectionName, options, cursorRegistry) {
          @Override
          public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters, boolean isMulti,
              boolean isUpsert, Oplog oplog) {
            beforeUpdate(this, update, arrayFilters, oplog);
            Document result = super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
            afterWrite(this);
            return result;
          }

          @Override
          public synchronized int deleteDocuments(Document selector, int limit, Oplog oplog) {
            beforeDelete(this, selector);
            int deleted = super.deleteDocuments(selector, limit, oplog);
            afterWrite(this);
            return deleted;
          }
        };
      }
    };
  }

  /**
   * Runs on the server, holding the collection's monitor, right before {@code update} is applied:
   * where tests make another writer's work land between a task's lookup and its write. Nothing by
   * default.
   */
  protected void beforeUpdate(MemoryCollection collection, Document update, ArrayFilters arrayFilters, Oplog oplog) {}

  /**
   * Runs on the server, holding the collection's monitor, right before documents matching
   * {@code selector} are deleted: where tests make a delete fail. Nothing by default.
   */
  protected void beforeDelete(MemoryCollection collection, Document selector) {}

  /**
   * Runs on the server right after an update or delete was applied, before the reply: where tests
   * fail a write that took effect, as when the connection drops before the reply. Nothing by default.
   */
  protected void afterWrite(MemoryCollection collection) {}
}
