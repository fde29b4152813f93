package dev.sluice.sink.mongo.writemodel;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import dev.sluice.sink.mongo.testsupport.AtomicMemoryBackend;
import dev.sluice.sink.mongo.testsupport.Shop;
import dev.sluice.sink.mongo.testsupport.SinkHarness;
import dev.sluice.sink.mongo.testsupport.TestMongo;
import dev.sluice.sink.mongo.testsupport.TestTable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.data.Struct;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Another task's write landing between this task's lookup of an embedded child and its update of
 * it, made deterministic by a server that runs that write just before the update.
 */
class ConcurrentWritersTest {
  private final TestTable orders = Shop.orders();
  private final TestTable lines = Shop.lines();
  /** Applied once, on the server, right before the next in-place update of an array element: another task's update. */
  private final AtomicReference<Document[]> beforeElementUpdate = new AtomicReference<>();
  /** Inserted once into the tombstone collection right before the next {@code $push}: another task's delete. */
  private final AtomicReference<Document> tombstoneBeforePush = new AtomicReference<>();
  private TestMongo mongo;
  private SinkHarness sink;

  @BeforeEach
  void start() {
    mongo = TestMongo.local(new AtomicMemoryBackend() {
      @Override
      protected void beforeUpdate(MemoryCollection collection, Document update, ArrayFilters arrayFilters, Oplog oplog) {
        if (update.containsKey("$push")) {
          Document tombstone = tombstoneBeforePush.getAndSet(null);
          if (tombstone != null) {
            collection.getDatabase().resolveCollection("_sluice_tombstones", true).insertDocuments(java.util.List.of(tombstone), false);
          }
        }
        Object set = update.get("$set");
        if (set instanceof Document fields && fields.keySet().stream().anyMatch(k -> k.endsWith(".$"))) {
          Document[] other = beforeElementUpdate.getAndSet(null);
          if (other != null) {
            collection.updateDocuments(other[0], other[1], arrayFilters, false, false, oplog);
          }
        }
      }
    });
    sink = new SinkHarness(mongo, TestMongo.freshDatabase("race"), Shop.embedLines("cascade"));
  }

  @AfterEach
  void stop() {
    sink.close();
    mongo.close();
  }

  @Test
  void aChildUpdateWhoseElementACascadeRemovedAfterTheLookupIsWrittenAgainNotLost() {
    Struct o1 = Shop.order(orders, 1, "ada", "1");
    Struct v1 = Shop.line(lines, 11, 1L, "a", 1);
    Struct v2 = Shop.line(lines, 11, 1L, "a", 7);
    sink.put(orders.insert(0, 1, o1), lines.insert(0, 2, v1));
    // Between this task's lookup of line 11 and its in-place update at seq 5, the task of the
    // orders topic applies the cascade of a delete of order 1 at seq 3: the element at seq 2 goes.
    beforeElementUpdate.set(new Document[] {new Document("_id", 1L),
        new Document("$pull", new Document("lines", new Document("line_id", 11L)))});
    sink.put(lines.update(1, 5, v1, v2));

    assertThat(beforeElementUpdate.get()).as("the other task's writes ran in the window").isNull();
    BsonDocument doc = sink.document("orders", 1L);
    assertThat(doc.getArray("lines")).as("line 11 at seq 5 is newer than the cascade at seq 3").hasSize(1);
    assertThat(doc.getArray("lines").get(0).asDocument().getInt32("qty").getValue()).isEqualTo(7);
  }

  @Test
  void aChildPushedWhileAnotherTaskDeletesItIsRemovedByThePushersRecheck() {
    sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")));
    // Line 11's primary key changes at seq 7: the delete of key 11 arrives on the new key's
    // partition, owned by another task, which writes its tombstone (finding no element yet)
    // between this task's lookups and its push of line 11's insert at seq 5.
    tombstoneBeforePush.set(new Document("_id", new Document(Tombstones.NS, "orders.lines").append(Tombstones.ID, new Document("line_id", 11L)))
        .append(VersionFilters.SEQ, 7L).append(VersionFilters.SRC, Shop.LINES_TOPIC + "/0").append(VersionFilters.OFF, 3L)
        .append(Tombstones.AT, java.time.Instant.now()));
    sink.put(lines.insert(0, 5, Shop.line(lines, 11, 1L, "a", 1)));

    assertThat(tombstoneBeforePush.get()).as("the other task's tombstone was written in the window").isNull();
    assertThat(sink.document("orders", 1L).getArray("lines")).as("line 11 was deleted at seq 7, after its insert at seq 5").isEmpty();
  }
}
