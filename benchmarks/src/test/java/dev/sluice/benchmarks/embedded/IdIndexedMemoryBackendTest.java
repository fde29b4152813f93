package dev.sluice.benchmarks.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdIndexedMemoryBackendTest {
  private MongoServer server;
  private MongoClient client;
  private MongoCollection<org.bson.Document> docs;

  @BeforeEach
  void start() {
    server = new MongoServer(new IdIndexedMemoryBackend());
    var address = server.bind();
    client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort() + "/");
    docs = client.getDatabase("t").getCollection("docs");
  }

  @AfterEach
  void stop() {
    client.close();
    server.shutdownNow();
  }

  private static Bson guarded(long id, long seq) {
    return Filters.and(Filters.eq("_id", id), Filters.or(Filters.lt("seq", seq), Filters.exists("seq", false)));
  }

  @Test
  void aGuardedWriteAppliesOnlyANewerVersionOfTheOneDocumentWithThatId() {
    for (long id = 1; id <= 50; id++) {
      docs.insertOne(new org.bson.Document("_id", id).append("seq", 5L).append("v", "old"));
    }

    assertThat(docs.updateOne(guarded(7, 6), Updates.set("v", "new")).getModifiedCount()).isEqualTo(1);
    assertThat(docs.updateOne(guarded(8, 4), Updates.set("v", "stale")).getModifiedCount()).isZero();

    assertThat(docs.find(Filters.eq("v", "new")).map(d -> d.getLong("_id")).into(new java.util.ArrayList<>())).containsExactly(7L);
    assertThat(docs.countDocuments(Filters.eq("v", "stale"))).isZero();
  }

  @Test
  void aGuardedUpsertInsertsAMissingDocumentAndCollidesWithANewerOneAsInMongoDb() {
    docs.updateOne(guarded(1, 3), Updates.set("seq", 3L), new UpdateOptions().upsert(true));
    assertThat(docs.find(Filters.eq("_id", 1L)).first()).isNotNull().containsEntry("seq", 3L);

    assertThatThrownBy(() -> docs.updateOne(guarded(1, 2), Updates.set("seq", 2L), new UpdateOptions().upsert(true)))
        .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
    assertThat(docs.find(Filters.eq("_id", 1L)).first()).containsEntry("seq", 3L);
  }

  @Test
  void onlyFiltersPinningIdToOnePlainValueBesidesOtherConditionsAreNarrowed() {
    assertThat(IdIndexedMemoryBackend.idOnly(new Document("_id", 5L).append("seq", new Document("$lt", 3L))))
        .isEqualTo(new Document("_id", 5L));
    assertThat(IdIndexedMemoryBackend.idOnly(new Document("_id", 5L))).as("the stock index handles it").isNull();
    assertThat(IdIndexedMemoryBackend.idOnly(new Document("_id", new Document("$in", List.of(1, 2))).append("a", 1))).isNull();
    assertThat(IdIndexedMemoryBackend.idOnly(new Document("_id", new Document("a", 1)).append("b", 1))).isNull();
    assertThat(IdIndexedMemoryBackend.idOnly(new Document("a", 1).append("b", 2))).isNull();
  }
}
