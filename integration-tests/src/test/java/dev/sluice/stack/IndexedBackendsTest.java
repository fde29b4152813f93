package dev.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link IndexPlanner} with {@link MultikeyIndex}: filters the sink issues (guarded writes,
 * {@code _id: {$in}} with other conditions, lookups of embedded children by {@code $elemMatch} or
 * {@code lines.<key>: {$in}}) find, update and delete exactly what mongo-java-server's scanning
 * planner does, on the memory and the H2 backend, while documents and their array elements move;
 * and such filters are answered from the indexes, not by a scan.
 */
class IndexedBackendsTest {
  private static final String LINES_INDEX = "lines_by_key";

  @TempDir
  Path dir;

  // ------------------------------------------------------------------------------------------------
  // Same answers as the scanning planner

  @Test
  void everyFilterFindsTheSameDocumentsAsTheScanningPlannerWhileDocumentsChange() {
    Random random = new Random(42);
    List<MongoServer> servers = new ArrayList<>();
    List<MongoClient> clients = new ArrayList<>();
    try {
      List<MongoCollection<org.bson.Document>> scanned = open(AtomicBackends.memoryStockPlanner(), servers, clients);
      List<MongoCollection<org.bson.Document>> memory = open(AtomicBackends.memory(), servers, clients);
      List<MongoCollection<org.bson.Document>> h2 = open(AtomicBackends.h2(dir.resolve("same.mv").toString()), servers, clients);
      List<List<MongoCollection<org.bson.Document>>> planned = List.of(memory, h2);
      List<org.bson.Document> seed = new ArrayList<>();
      for (long id = 1; id <= 120; id++) {
        seed.add(order(random, id));
      }
      seed.addAll(oddDocuments());
      for (List<MongoCollection<org.bson.Document>> c : List.of(scanned, memory, h2)) {
        c.get(0).createIndex(Indexes.ascending("lines.order_id", "lines.line_no"));
        c.get(0).createIndex(Indexes.ascending("status"), new IndexOptions().name("by_status"));
        c.get(0).insertMany(copies(seed));
        c.get(1).insertMany(copies(tombstones()));
      }
      for (int round = 0; round < 60; round++) {
        for (Bson filter : filters(random)) {
          Set<String> expected = found(scanned.get(0), filter);
          for (List<MongoCollection<org.bson.Document>> c : planned) {
            assertThat(found(c.get(0), filter)).as("round %d: %s", round, filter).isEqualTo(expected);
            assertThat(c.get(0).countDocuments(filter)).as("count of %s", filter).isEqualTo(expected.size());
          }
        }
        for (Bson filter : tombstoneFilters(random)) {
          Set<String> expected = found(scanned.get(1), filter);
          for (List<MongoCollection<org.bson.Document>> c : planned) {
            assertThat(found(c.get(1), filter)).as("round %d: %s", round, filter).isEqualTo(expected);
          }
        }
        Function<MongoCollection<org.bson.Document>, Object> change = mutation(random);
        Object outcome = outcome(change, scanned.get(0));
        for (List<MongoCollection<org.bson.Document>> c : planned) {
          assertThat(outcome(change, c.get(0))).as("outcome of the write in round %d", round).isEqualTo(outcome);
        }
        Set<String> all = found(scanned.get(0), new org.bson.Document());
        for (List<MongoCollection<org.bson.Document>> c : planned) {
          assertThat(found(c.get(0), new org.bson.Document())).as("documents after round %d", round).isEqualTo(all);
        }
      }
    } finally {
      clients.forEach(MongoClient::close);
      servers.forEach(MongoServer::shutdownNow);
    }
  }

  @Test
  void aLimitedSortedQueryReturnsTheSameDocumentsAsAScan() {
    List<MongoServer> servers = new ArrayList<>();
    List<MongoClient> clients = new ArrayList<>();
    try {
      List<MongoCollection<org.bson.Document>> scanned = open(AtomicBackends.memoryStockPlanner(), servers, clients);
      List<MongoCollection<org.bson.Document>> planned = open(AtomicBackends.memory(), servers, clients);
      for (List<MongoCollection<org.bson.Document>> c : List.of(scanned, planned)) {
        c.get(0).createIndex(Indexes.ascending("lines.order_id", "lines.line_no"));
        List<org.bson.Document> docs = new ArrayList<>();
        for (long id = 1; id <= 40; id++) {
          docs.add(order(new Random(id), id));
        }
        c.get(0).insertMany(docs);
      }
      Bson filter = Filters.in("lines.order_id", 3L, 5L, 7L, 9L, 11L, 13L);
      assertThat(planned.get(0).find(filter).sort(Sorts.descending("_id")).limit(2).into(new ArrayList<>()))
          .isEqualTo(scanned.get(0).find(filter).sort(Sorts.descending("_id")).limit(2).into(new ArrayList<>()))
          .hasSize(2);
    } finally {
      clients.forEach(MongoClient::close);
      servers.forEach(MongoServer::shutdownNow);
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Answered from the indexes

  @Test
  void theSinksFiltersTakeTheirCandidatesFromTheIdAndMultikeyIndexes() {
    MemoryUniqueIndex ids = new MemoryUniqueIndex("_id_", List.of(new IndexKey("_id", true)), false);
    MultikeyIndex<Integer> lines = new MultikeyIndex<>(LINES_INDEX, List.of(new IndexKey("lines.order_id", true),
        new IndexKey("lines.line_no", true)), false);
    List<Index<Integer>> indexes = List.of(ids, lines);
    List<Document> docs = List.of(
        doc(10L, line(10L, 1), line(10L, 2)),
        doc(11L, line(11L, 1)),
        doc(12L),
        doc(13L, line(10L, 3)));
    for (int position = 0; position < docs.size(); position++) {
      ids.add(docs.get(position), position, null);
      lines.add(docs.get(position), position, null);
    }

    Document cleanUp = new Document("_id", new Document("$in", List.of(11L, 12L))).append("__sluice", new Document("$exists", false))
        .append("lines", new Document("$size", 0));
    assertThat(IndexPlanner.candidates(indexes, cleanUp, null)).containsExactlyInAnyOrder(1, 2);
    Document locate = new Document("$or", List.of(
        new Document("lines", new Document("$elemMatch", new Document("order_id", 10).append("line_no", 2))),
        new Document("lines", new Document("$elemMatch", new Document("order_id", 11.0).append("line_no", 1)))));
    assertThat(IndexPlanner.candidates(indexes, locate, null)).as("numbers equal by value, as in MongoDB")
        .containsExactlyInAnyOrder(0, 1, 3);
    assertThat(IndexPlanner.candidates(indexes, new Document("lines.order_id", new Document("$in", List.of(11L, 99L))), null))
        .containsExactly(1);
    assertThat(IndexPlanner.candidates(indexes, new Document("_id", 12L).append("lines", new Document("$not",
        new Document("$elemMatch", new Document("order_id", 12L)))), null)).containsExactly(2);
    assertThat(IndexPlanner.candidates(indexes, new Document("$and", List.of(new Document("x", 1),
        new Document("lines.order_id", new Document("$eq", 11L)))), null)).containsExactly(1);
  }

  @Test
  void filtersNoIndexCanAnswerAreLeftToTheScan() {
    MemoryUniqueIndex ids = new MemoryUniqueIndex("_id_", List.of(new IndexKey("_id", true)), false);
    MultikeyIndex<Integer> lines = new MultikeyIndex<>(LINES_INDEX, List.of(new IndexKey("lines.order_id", true)), false);
    List<Index<Integer>> indexes = List.of(ids, lines);
    List<Document> unplanned = List.of(
        new Document(),
        new Document("status", "paid"),
        new Document("lines.order_id", null),
        new Document("lines.order_id", new Document("$gt", 5L)),
        new Document("lines.order_id", new Document("$ne", 5L)),
        new Document("lines.order_id", List.of(5L, 6L)),
        new Document("lines.order_id", new BsonRegularExpression("^5")),
        new Document("lines.order_id", new Document("$in", java.util.Arrays.asList(5L, null))),
        new Document("lines.line_no", 5L),
        new Document("$or", List.of(new Document("lines.order_id", 5L), new Document("status", "paid"))),
        new Document("$nor", List.of(new Document("_id", 5L))),
        new Document("lines", new Document("$elemMatch", new Document("$gt", 5L))));
    for (Document query : unplanned) {
      assertThat(IndexPlanner.candidates(indexes, query, null)).as("%s", query).isNull();
    }
    assertThat(IndexPlanner.candidates(indexes, new Document("_id", 5L), new Document("$natural", -1))).as("natural order").isNull();
  }

  @Test
  void theMultikeyIndexFollowsUpdatesAndDeletesAndIsRebuiltWhenTheH2FileIsOpenedAgain() {
    String file = dir.resolve("rebuilt.mv").toString();
    IdIndexedBackendsTest.withCollection(AtomicBackends.h2(file), docs -> {
      docs.createIndex(Indexes.ascending("lines.order_id", "lines.line_no"), new IndexOptions().name(LINES_INDEX));
      docs.insertOne(new org.bson.Document("_id", 1L).append("lines", List.of(bsonLine(1L, 1), bsonLine(1L, 2))));
      docs.insertOne(new org.bson.Document("_id", 2L).append("lines", List.of(bsonLine(2L, 1))));
      // A child moves from order 1 to order 2; order 2 is then deleted.
      docs.updateOne(Filters.eq("_id", 1L), Updates.pull("lines", new org.bson.Document("order_id", 1L).append("line_no", 2)));
      docs.updateOne(Filters.eq("_id", 2L), Updates.push("lines", bsonLine(1L, 2)));
      assertThat(ids(docs, elemMatch(1L, 2))).containsExactly(2L);
      docs.deleteOne(Filters.eq("_id", 2L));
      assertThat(ids(docs, elemMatch(1L, 2))).isEmpty();
      assertThat(ids(docs, elemMatch(1L, 1))).containsExactly(1L);
    });
    AbstractMongoBackend reopened = AtomicBackends.h2(file);
    try {
      AbstractMongoCollection<?> collection = (AbstractMongoCollection<?>) reopened.resolveDatabase("t").resolveCollection("docs", true);
      assertThat(collection.getIndexes()).filteredOn(i -> i instanceof MultikeyIndex)
          .singleElement().satisfies(i -> assertThat(i.getCount()).as("documents indexed").isEqualTo(1));
    } finally {
      reopened.close();
    }
    IdIndexedBackendsTest.withCollection(AtomicBackends.h2(file), docs -> {
      assertThat(ids(docs, elemMatch(1L, 1))).containsExactly(1L);
      assertThat(ids(docs, Filters.in("lines.order_id", 1L, 2L))).containsExactly(1L);
      assertThat(ids(docs, Filters.and(Filters.in("_id", 1, 2), Filters.exists("lines")))).as("the _id index, rebuilt").containsExactly(1L);
      assertThatThrownBy(() -> docs.insertOne(new org.bson.Document("_id", 1))).as("a duplicate _id after the restart")
          .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
    });
  }

  // ------------------------------------------------------------------------------------------------
  // Data and filters

  private static org.bson.Document order(Random random, long id) {
    org.bson.Document order = new org.bson.Document("_id", id).append("seq", (long) random.nextInt(50))
        .append("status", random.nextBoolean() ? "paid" : "new");
    List<org.bson.Document> lines = new ArrayList<>();
    int count = random.nextInt(4);
    for (int n = 1; n <= count; n++) {
      // Mostly the order's own lines, sometimes a line that belongs elsewhere (moved, not yet pulled).
      long orderId = random.nextInt(8) == 0 ? 1 + random.nextInt(120) : id;
      lines.add(new org.bson.Document("order_id", number(random, orderId)).append("line_no", n).append("qty", random.nextInt(9))
          .append("__sluice", new org.bson.Document("seq", (long) random.nextInt(50))));
    }
    if (count > 0 || random.nextBoolean()) {
      order.append("lines", lines);
    }
    if (random.nextInt(5) == 0) {
      order.append("__sluice", new org.bson.Document("seq", 1L));
    }
    return order;
  }

  /** The same number as an int, a long or a double: MongoDB compares them by value. */
  private static Object number(Random random, long value) {
    return switch (random.nextInt(4)) {
      case 0 -> (int) value;
      case 1 -> (double) value;
      default -> value;
    };
  }

  /** Shapes a real collection may hold besides the sink's documents. */
  private static List<org.bson.Document> oddDocuments() {
    return List.of(
        new org.bson.Document("_id", "text-id").append("lines", new org.bson.Document("order_id", 5L).append("line_no", 1)),
        new org.bson.Document("_id", 1001L).append("lines", List.of(5L, "x", new org.bson.Document("order_id", 6L))),
        new org.bson.Document("_id", 1002L).append("lines", List.of(new org.bson.Document("order_id", List.of(5L, 7L)).append("line_no", 1))),
        new org.bson.Document("_id", 1003L).append("lines", List.of(List.of(new org.bson.Document("order_id", 5L).append("line_no", 1)))),
        new org.bson.Document("_id", 1004L).append("lines", List.of(new org.bson.Document("order_id", null).append("line_no", 1))),
        new org.bson.Document("_id", 1005L).append("lines", "none"),
        new org.bson.Document("_id", 1007L).append("lines", List.of(new org.bson.Document("order_id", List.of(List.of(5L))).append("line_no", 1))),
        new org.bson.Document("_id", 1008L).append("lines", List.of(new org.bson.Document("order_id", new org.bson.Document("v", 5L)))),
        new org.bson.Document("_id", 1009L).append("lines", new org.bson.Document("order_id", 7L)),
        new org.bson.Document("_id", new org.bson.Document("ns", "orders").append("id", 5L)).append("seq", 3L),
        new org.bson.Document("_id", 1006L).append("lines", List.of()).append("status", "paid"));
  }

  private static List<org.bson.Document> tombstones() {
    List<org.bson.Document> list = new ArrayList<>();
    for (long id = 1; id <= 60; id++) {
      org.bson.Document key = id % 3 == 0 ? new org.bson.Document("order_id", id).append("line_no", (int) (id % 4))
          : new org.bson.Document("id", id);
      list.add(new org.bson.Document("_id", new org.bson.Document("ns", id % 3 == 0 ? "orders.lines" : "orders").append("id", key))
          .append("seq", id).append("at", id * 1000));
    }
    list.add(new org.bson.Document("_id", new org.bson.Document("ns", "orders").append("truncate", true)).append("seq", 7L));
    return list;
  }

  private static List<Bson> filters(Random random) {
    long a = 1 + random.nextInt(125);
    long b = 1 + random.nextInt(125);
    int line = 1 + random.nextInt(3);
    long seq = random.nextInt(50);
    Bson older = Filters.or(Filters.lt("seq", seq), Filters.exists("seq", false));
    return List.of(
        Filters.and(Filters.eq("_id", a), older),
        Filters.and(Filters.eq("_id", (int) a), older),
        Filters.and(Filters.eq("_id", (double) a), Filters.exists("lines", true)),
        Filters.in("_id", a, b, (double) b + 1, "text-id", 999_999L),
        Filters.and(Filters.in("_id", a, b, 1005L, 1006L), Filters.exists("__sluice", false), Filters.size("lines", 0)),
        Filters.and(Filters.in("_id", a, b), Filters.exists("__sluice", false), Filters.exists("lines", false)),
        Filters.or(elemMatch(a, line), elemMatch(b, line), elemMatch(5L, 1)),
        Filters.in("lines.order_id", a, (int) b, (double) a + 1, 5L),
        Filters.eq("lines.order_id", a),
        Filters.eq("lines.order_id", 5),
        Filters.eq("lines.order_id", 7.0),
        Filters.eq("lines.order_id", new org.bson.Document("v", 5)),
        Filters.in("lines.order_id", new org.bson.Document("v", 5L), 6L),
        Filters.and(Filters.eq("_id", a), Filters.elemMatch("lines", new org.bson.Document("order_id", a).append("line_no", line))),
        Filters.and(Filters.eq("_id", b), Filters.not(Filters.elemMatch("lines", new org.bson.Document("order_id", a).append("line_no", line)))),
        Filters.and(Filters.eq("lines.order_id", a), Filters.eq("status", "paid")),
        Filters.or(Filters.eq("lines.order_id", a), Filters.eq("status", "new")),
        Filters.or(Filters.eq("lines.order_id", a), Filters.eq("_id", b)),
        Filters.eq("status", "paid"),
        Filters.in("status", "new", "gone"),
        Filters.eq("lines.order_id", null),
        Filters.gt("lines.order_id", a),
        Filters.eq("_id", new org.bson.Document("ns", "orders").append("id", 5L)),
        Filters.and(Filters.eq("_id", new org.bson.Document("ns", "orders").append("id", 5L)), Filters.lt("seq", seq)));
  }

  private static List<Bson> tombstoneFilters(Random random) {
    long id = 1 + random.nextInt(65);
    long seq = random.nextInt(70);
    org.bson.Document key = new org.bson.Document("ns", "orders").append("id", new org.bson.Document("id", id));
    org.bson.Document childKey = new org.bson.Document("ns", "orders.lines")
        .append("id", new org.bson.Document("order_id", id).append("line_no", (int) (id % 4)));
    return List.of(
        Filters.in("_id", key, childKey, new org.bson.Document("ns", "orders").append("truncate", true)),
        Filters.and(Filters.eq("_id", key), Filters.or(Filters.lt("seq", seq), Filters.exists("seq", false))),
        Filters.and(Filters.eq("_id", childKey), Filters.lt("seq", seq)),
        Filters.lt("at", id * 1000));
  }

  /** One of the writes the sink makes (guarded sets, pushes, pulls, clean-up, deletes), applied to every backend alike. */
  private static Function<MongoCollection<org.bson.Document>, Object> mutation(Random random) {
    long a = 1 + random.nextInt(125);
    long b = 1 + random.nextInt(125);
    int line = 1 + random.nextInt(4);
    long seq = random.nextInt(60);
    boolean upsert = random.nextBoolean();
    org.bson.Document element = new org.bson.Document("order_id", a).append("line_no", line).append("qty", random.nextInt(9))
        .append("__sluice", new org.bson.Document("seq", seq));
    return switch (random.nextInt(7)) {
      case 0 -> docs -> docs.updateOne(Filters.and(Filters.eq("_id", b), Filters.or(Filters.lt("seq", seq), Filters.exists("seq", false))),
          Updates.set("seq", seq), new com.mongodb.client.model.UpdateOptions().upsert(upsert));
      case 1 -> docs -> docs.updateOne(Filters.and(Filters.eq("_id", b), Filters.not(Filters.elemMatch("lines",
          new org.bson.Document("order_id", a).append("line_no", line)))), Updates.push("lines", element));
      case 2 -> docs -> docs.updateMany(Filters.or(elemMatch(a, line), Filters.eq("lines.order_id", b)),
          Updates.pull("lines", new org.bson.Document("order_id", a).append("line_no", line)));
      case 3 -> docs -> docs.updateOne(Filters.and(Filters.eq("_id", a), Filters.elemMatch("lines", new org.bson.Document("order_id", a)
          .append("line_no", line))), Updates.set("lines.$", element));
      case 4 -> docs -> docs.updateMany(Filters.and(Filters.in("_id", a, b), Filters.size("lines", 0)), Updates.unset("lines"));
      case 5 -> docs -> docs.deleteMany(Filters.and(Filters.in("_id", a, b), Filters.exists("lines", false),
          Filters.exists("__sluice", false))).getDeletedCount();
      default -> docs -> docs.deleteOne(Filters.eq("lines.order_id", a)).getDeletedCount();
    };
  }

  /** What a write reported: its counts, or the server's error code (the same write must fail alike everywhere). */
  private static Object outcome(Function<MongoCollection<org.bson.Document>, Object> write, MongoCollection<org.bson.Document> docs) {
    try {
      Object result = write.apply(docs);
      return result instanceof UpdateResult u ? List.of(u.getMatchedCount(), u.getModifiedCount(), u.getUpsertedId() != null) : result;
    } catch (MongoWriteException e) {
      return "error " + e.getError().getCode();
    }
  }

  private static Bson elemMatch(long orderId, int lineNo) {
    return Filters.elemMatch("lines", new org.bson.Document("order_id", orderId).append("line_no", lineNo));
  }

  private static Document doc(long id, Document... lines) {
    Document doc = new Document("_id", id);
    if (lines.length > 0) {
      doc.put("lines", List.of(lines));
    }
    return doc;
  }

  private static Document line(long orderId, int lineNo) {
    return new Document("order_id", orderId).append("line_no", lineNo);
  }

  private static org.bson.Document bsonLine(long orderId, int lineNo) {
    return new org.bson.Document("order_id", orderId).append("line_no", lineNo);
  }

  private static List<org.bson.Document> copies(List<org.bson.Document> docs) {
    return docs.stream().map(d -> org.bson.Document.parse(d.toJson())).toList();
  }

  private static Set<String> found(MongoCollection<org.bson.Document> docs, Bson filter) {
    Set<String> json = new TreeSet<>();
    docs.find(filter).forEach(d -> json.add(d.toJson()));
    return json;
  }

  private static List<Object> ids(MongoCollection<org.bson.Document> docs, Bson filter) {
    return docs.find(filter).map(d -> d.get("_id")).into(new ArrayList<>());
  }

  private static List<MongoCollection<org.bson.Document>> open(MongoBackend backend, List<MongoServer> servers, List<MongoClient> clients) {
    MongoServer server = new MongoServer(backend);
    servers.add(server);
    InetSocketAddress address = server.bind();
    MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort() + "/");
    clients.add(client);
    return List.of(client.getDatabase("t").getCollection("orders"), client.getDatabase("t").getCollection("sluice_tombstones"));
  }
}
