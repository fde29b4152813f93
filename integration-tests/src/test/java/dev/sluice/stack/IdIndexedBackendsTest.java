package dev.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code _id}-indexed planner of {@link AtomicBackends} answers the sink's guarded writes
 * exactly as a scan would (and as MongoDB does), on the memory and the H2 backend. The planner over
 * every index ({@link IndexPlanner}, {@link MultikeyIndex}) is compared with the scanning planner
 * in {@link IndexedBackendsTest}.
 */
class IdIndexedBackendsTest {
  @TempDir
  Path dir;

  private static Bson guarded(long id, long seq) {
    return Filters.and(Filters.eq("_id", id), Filters.or(Filters.lt("seq", seq), Filters.exists("seq", false)));
  }

  @Test
  void aGuardedWriteAppliesOnlyANewerVersionOfTheOneDocumentWithThatId() {
    for (MongoBackend backend : List.of(AtomicBackends.memory(), AtomicBackends.h2(dir.resolve("a.mv").toString()))) {
      withCollection(backend, docs -> {
        for (long id = 1; id <= 50; id++) {
          docs.insertOne(new org.bson.Document("_id", id).append("seq", 5L).append("v", "old"));
        }
        assertThat(docs.updateOne(guarded(7, 6), Updates.set("v", "new")).getModifiedCount()).isEqualTo(1);
        assertThat(docs.updateOne(guarded(8, 4), Updates.set("v", "stale")).getModifiedCount()).isZero();
        assertThat(docs.find(Filters.eq("v", "new")).map(d -> d.getLong("_id")).into(new ArrayList<>())).containsExactly(7L);
        assertThat(docs.countDocuments(Filters.eq("v", "stale"))).isZero();
        assertThat(docs.find(guarded(9, 6)).into(new ArrayList<>())).extracting(d -> d.getLong("_id")).containsExactly(9L);
      });
    }
  }

  @Test
  void aGuardedUpsertInsertsAMissingDocumentAndCollidesWithANewerOneAsInMongoDb() {
    for (MongoBackend backend : List.of(AtomicBackends.memory(), AtomicBackends.h2(dir.resolve("b.mv").toString()))) {
      withCollection(backend, docs -> {
        docs.updateOne(guarded(1, 3), Updates.set("seq", 3L), new UpdateOptions().upsert(true));
        assertThat(docs.find(Filters.eq("_id", 1L)).first()).isNotNull().containsEntry("seq", 3L);
        assertThatThrownBy(() -> docs.updateOne(guarded(1, 2), Updates.set("seq", 2L), new UpdateOptions().upsert(true)))
            .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        assertThat(docs.find(Filters.eq("_id", 1L)).first()).containsEntry("seq", 3L);
      });
    }
  }

  @Test
  void theH2BackendKeepsWhatItsCollectionsWroteAcrossARestart() {
    String file = dir.resolve("c.mv").toString();
    withCollection(AtomicBackends.h2(file), docs -> docs.insertOne(new org.bson.Document("_id", 1L).append("seq", 4L)));
    withCollection(AtomicBackends.h2(file), docs -> {
      assertThat(docs.find(guarded(1, 5)).first()).isNotNull().containsEntry("seq", 4L);
      assertThat(docs.updateOne(guarded(1, 5), Updates.set("seq", 5L)).getModifiedCount()).isEqualTo(1);
    });
  }

  @Test
  void theStockPlannerGivesTheSameAnswers() {
    withCollection(AtomicBackends.memoryStockPlanner(), docs -> {
      docs.insertOne(new org.bson.Document("_id", 7L).append("seq", 5L));
      assertThat(docs.updateOne(guarded(7, 4), Updates.set("seq", 4L)).getModifiedCount()).isZero();
      assertThat(docs.updateOne(guarded(7, 6), Updates.set("seq", 6L)).getModifiedCount()).isEqualTo(1);
    });
  }

  /** Runs {@code body} against collection {@code t.docs} of a fresh server on {@code backend}. */
  static void withCollection(MongoBackend backend, Consumer<MongoCollection<org.bson.Document>> body) {
    MongoServer server = new MongoServer(backend);
    InetSocketAddress address = server.bind();
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort() + "/")) {
      body.accept(client.getDatabase("t").getCollection("docs"));
    } finally {
      server.shutdownNow();
    }
  }
}
