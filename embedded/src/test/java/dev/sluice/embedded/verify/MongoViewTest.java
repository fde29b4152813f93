package dev.sluice.embedded.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.sluice.embedded.testsupport.InProcessMongo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lookups by primary key against a real (in-process) MongoDB server, whatever BSON type the view's {@code _id}s have. */
class MongoViewTest {
  private InProcessMongo server;
  private MongoClient client;
  private final Canonical canonical = new Canonical(VerifyOptions.defaults());

  @BeforeEach
  void start() {
    server = new InProcessMongo();
    client = MongoClients.create(server.uri());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static MySqlTable.Row row(Map<String, String> values, List<String> key) {
    return new MySqlTable.Row(MySqlTable.keyOf(values, key), values, new Object[0]);
  }

  @Test
  void integerKeysAreFoundWhetherStoredAsInt32OrInt64() {
    MongoCollection<BsonDocument> c = client.getDatabase("v").getCollection("orders", BsonDocument.class);
    c.insertOne(new BsonDocument("_id", new BsonInt32(1)));
    c.insertOne(new BsonDocument("_id", new BsonInt64(2)));
    c.insertOne(new BsonDocument("_id", new BsonInt64(3)));
    TableColumn id = new TableColumn("id", ColumnKind.INTEGER, "bigint", 0, 1);
    MongoView view = new MongoView(new TableRef("v", "orders"), c, List.of(id), canonical, VerifyOptions.defaults());

    Map<String, BsonDocument> found = view.byKeys(List.of(row(Map.of("id", "1"), List.of("id")), row(Map.of("id", "2"), List.of("id")),
        row(Map.of("id", "9"), List.of("id"))));

    assertThat(found).containsOnlyKeys("1", "2");
  }

  @Test
  void compositeKeysAreSubDocumentsMatchedFieldByField() {
    MongoCollection<BsonDocument> c = client.getDatabase("v").getCollection("lines", BsonDocument.class);
    c.insertOne(new BsonDocument("_id", new BsonDocument("order_id", new BsonInt64(7)).append("line_no", new BsonInt32(1))));
    c.insertOne(new BsonDocument("_id", new BsonDocument("order_id", new BsonInt64(7)).append("line_no", new BsonInt32(2))));
    List<TableColumn> key = List.of(new TableColumn("order_id", ColumnKind.INTEGER, "bigint", 0, 1),
        new TableColumn("line_no", ColumnKind.INTEGER, "int", 0, 2));
    MongoView view = new MongoView(new TableRef("v", "lines"), c, key, canonical, VerifyOptions.defaults());
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put("order_id", "7");
    wanted.put("line_no", "2");

    Map<String, BsonDocument> found = view.byKeys(List.of(row(wanted, List.of("order_id", "line_no"))));

    assertThat(found).hasSize(1);
    assertThat(found.values().iterator().next().getDocument("_id").getInt32("line_no").getValue()).isEqualTo(2);
  }

  @Test
  void textKeysAndTheirCanonicalKeyAgree() {
    MongoCollection<BsonDocument> c = client.getDatabase("v").getCollection("skus", BsonDocument.class);
    c.insertOne(new BsonDocument("_id", new BsonString("TEA-GREEN")));
    TableColumn sku = new TableColumn("sku", ColumnKind.TEXT, "varchar(40)", 0, 1);
    MongoView view = new MongoView(new TableRef("v", "skus"), c, List.of(sku), canonical, VerifyOptions.defaults());
    assertThat(view.byKeys(List.of(row(Map.of("sku", "TEA-GREEN"), List.of("sku"))))).containsOnlyKeys("TEA-GREEN");
    assertThat(view.keyOf(new BsonString("TEA-GREEN"))).isEqualTo("TEA-GREEN");
  }
}
