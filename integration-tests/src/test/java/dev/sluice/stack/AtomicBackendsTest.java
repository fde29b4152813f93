package dev.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conditional updates of one document through {@link AtomicBackends} are atomic: a filter that
 * matched still holds when the update is applied. Each writer does compare-and-set increments
 * ({@code update where v = n set v = n + 1}); if two could both succeed from the same {@code n},
 * the successes would outnumber the final value.
 */
class AtomicBackendsTest {
  private static final int WRITERS = 4;
  private static final int ATTEMPTS = 250;

  @Test
  void compareAndSetUpdatesOfTheMemoryBackendNeverBothSucceed() {
    assertCompareAndSetIsAtomic(AtomicBackends.memory());
  }

  @Test
  void compareAndSetUpdatesOfTheH2BackendNeverBothSucceed(@TempDir Path dir) {
    assertCompareAndSetIsAtomic(AtomicBackends.h2(dir.resolve("mongo.mv").toString()));
  }

  private static void assertCompareAndSetIsAtomic(MongoBackend backend) {
    MongoServer server = new MongoServer(backend);
    InetSocketAddress address = server.bind();
    String uri = "mongodb://127.0.0.1:" + address.getPort();
    try (MongoClient client = MongoClients.create(uri)) {
      MongoCollection<Document> docs = client.getDatabase("atomic").getCollection("docs");
      // A large document: mongo-java-server copies it between matching and writing, which widens the
      // window in which a non-atomic update lets another one in.
      List<Integer> ballast = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) {
        ballast.add(i);
      }
      docs.insertOne(new Document("_id", 1).append("v", 0L).append("ballast", ballast));
      List<CompletableFuture<Long>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        writers.add(CompletableFuture.supplyAsync(() -> {
          long successes = 0;
          try (MongoClient own = MongoClients.create(uri)) {
            MongoCollection<Document> mine = own.getDatabase("atomic").getCollection("docs");
            for (int i = 0; i < ATTEMPTS; i++) {
              long seen = mine.find(Filters.eq("_id", 1)).projection(new Document("v", 1)).first().getLong("v");
              successes += mine.updateOne(Filters.and(Filters.eq("_id", 1), Filters.eq("v", seen)), Updates.inc("v", 1L))
                  .getModifiedCount();
            }
          }
          return successes;
        }));
      }
      long successes = writers.stream().mapToLong(CompletableFuture::join).sum();
      long value = docs.find(Filters.eq("_id", 1)).first().getLong("v");
      assertThat(successes).as("updates that reported success").isPositive();
      assertThat(value).as("the final value: one increment per successful compare-and-set").isEqualTo(successes);
    } finally {
      server.shutdownNow();
    }
  }
}
