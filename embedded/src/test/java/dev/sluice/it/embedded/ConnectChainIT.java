package dev.sluice.it.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import dev.sluice.embedded.quickstart.ShopWorkload;
import dev.sluice.embedded.verify.ViewReport;
import dev.sluice.sink.mongo.SluiceMongoSinkConnector;
import dev.sluice.source.mysql.SluiceMySqlSourceConnector;
import dev.sluice.stack.AtomicBackends;
import dev.sluice.stack.ConnectRestClient;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.MySqlEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The full chain in a real Connect cluster: MariaDB, one KRaft broker, one distributed worker with the bundle's plugin folder and
 * a MongoDB endpoint, Sluice's source and sink connectors created through the REST API, records serialized by the worker's
 * default JsonConverter.
 *
 * <p>The MongoDB endpoint is the real MongoDB of {@code SLUICE_MONGODB_URI}, else mongo-java-server's memory backend in this JVM
 * (reached by the worker over loopback), as in the sink's ITs: the stack's H2-backed endpoint cannot delete documents whose
 * {@code _id} is a sub-document once its pages were written out ("No document with key", "Found no position"), and its
 * serialized-key lookups made the 20k-change run take minutes.
 *
 * <ul>
 *   <li>Issue #7: at least 20,000 row changes of the sample shop (customers; orders; order_lines with the composite key
 *       (order_id, line_no), embedded into orders) end in views that {@code verify} finds equal to their tables, row by row.
 *   <li>Issue #5: a second source with {@code Unwrap}, {@code Mask$Value} and {@code Route} in the worker and a sink on the routed
 *       topics (order_lines embedded again); each stored document and element is checked against its row read over JDBC, with the
 *       masked column, exact decimals and timestamps, and deleted rows absent.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectChainIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TABLES = List.of("customers", "orders", "order_lines");
  private static final int RAW_CHANGES = 20_000;
  private static final int ROUTED_CHANGES = 3_000;
  private static final String MASK = "***";
  /** The sink's version field (meta.field) in every document and element. */
  private static final String META = "_sluice";
  /** The fields Unwrap adds (add.fields=op,seq). */
  private static final Set<String> UNWRAP_FIELDS = Set.of("__op", "__seq");
  /** The array of order_lines in each order document. */
  private static final String LINES = "lines";

  private LocalStack stack;
  private ConnectRestClient rest;
  private MongoServer inJvmMongo;
  private String mongoUri;
  /** Keeps the view databases of this run apart from any others on a real MongoDB. */
  private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

  @BeforeAll
  void startStack() {
    String external = System.getenv("SLUICE_MONGODB_URI");
    if (external == null || external.isBlank()) {
      inJvmMongo = new MongoServer(AtomicBackends.memory());
      mongoUri = "mongodb://127.0.0.1:" + inJvmMongo.bind().getPort() + "/?serverSelectionTimeoutMS=5000";
    } else {
      mongoUri = external;
    }
    stack = LocalStack.builder().name("ConnectChainIT").mysql().kafkaBrokers(1).connectWorkers(1).start();
    rest = stack.connect().rest();
  }

  @AfterAll
  void stopStack() {
    try {
      if (stack != null) {
        stack.close();
      }
    } finally {
      if (inJvmMongo != null) {
        inJvmMongo.shutdownNow();
      }
    }
  }

  @Test
  void twentyThousandRandomChangesOnTheShopEndInViewsEqualToTheirRowsOneByOne() throws Exception {
    String name = "chain";
    String db = "chain_shop";
    String viewDb = "chain_views_" + run;
    // The embedded pipeline's settings of the shop, split into the two connectors' configurations.
    Map<String, String> pipeline = ShopPipelines.pipeline(stack, mongoUri, name, db, viewDb);
    List<String> topics = TABLES.stream().map(t -> name + "." + db + "." + t).toList();
    Map<String, String> source = sourceConnector(pipeline);
    Map<String, String> sink = sinkConnector(pipeline);
    sink.put("topics", String.join(",", topics));

    MySqlEndpoint mysql = stack.mysql();
    try (ShopWorkload shop = ShopWorkload.create(changedRowsUrl(mysql), mysql.adminUser(), mysql.adminPassword(), db, 20_251_123L)) {
      create(name + "-source", source);
      create(name + "-sink", sink);

      long start = System.nanoTime();
      shop.seed(50, 100);
      while (shop.rowChanges() < RAW_CHANGES) {
        shop.step();
      }
      long written = System.nanoTime();
      List<ViewReport> reports = ShopPipelines.verifyUntilClean(ShopPipelines.verifier(stack, mongoUri), db, viewDb,
          Duration.ofSeconds(120));
      long clean = System.nanoTime();
      reports.forEach(r -> System.out.print(r.format()));
      Map<String, Long> events = countEvents(topics);
      long lines = count(db, "order_lines");
      System.out.printf("[ConnectChainIT] #7: %d row changes in %d transactions written in %.1f s; change events in Kafka %s;"
              + " views clean %.1f s after the last commit; rows compared: customers %d, orders %d (with %d order_lines embedded)%n",
          shop.rowChanges(), shop.transactions(), seconds(start, written), events, seconds(written, clean),
          reports.get(0).rows(), reports.get(1).rows(), lines);

      assertThat(shop.rowChanges()).isGreaterThanOrEqualTo(RAW_CHANGES);
      assertThat(shop.transactions()).as("multi-row transactions").isLessThan(shop.rowChanges());
      long changeEvents = events.getOrDefault("c", 0L) + events.getOrDefault("u", 0L) + events.getOrDefault("d", 0L);
      // The workload counts rows changed (useAffectedRows), exactly the row events in the binlog: one change event each.
      assertThat(changeEvents).as("change events the source wrote, against the rows the workload changed (%s)", events)
          .isEqualTo(shop.rowChanges());
      assertThat(events).as("inserts, updates and deletes, each delete followed by a tombstone")
          .containsKeys("c", "u", "d").containsEntry("tombstone", events.get("d"));
      for (ViewReport report : reports) {
        assertThat(report.drift()).as("drift in%n%s", report.format()).isFalse();
        assertThat(report.rows()).as("rows compared in%n%s", report.format()).isPositive();
        assertThat(report.documents().total()).isZero();
      }
      assertThat(reports.get(1).children("lines").total()).isZero();
      assertThat(lines).as("order_lines rows embedded in the compared orders").isPositive();
      assertRunning(name + "-source");
      assertRunning(name + "-sink");
    } finally {
      deleteQuietly(name + "-sink");
      deleteQuietly(name + "-source");
    }
  }

  @Test
  void unwrapMaskAndRouteInTheWorkerShapeTheStoredDocuments() throws Exception {
    String name = "masked";
    String db = "chain_masked";
    String viewDb = "routed_views_" + run;
    Map<String, String> source = sourceConnector(ShopPipelines.pipeline(stack, mongoUri, name, db, viewDb));
    // No heartbeat topic: every topic this source writes must be a routed one.
    source.remove("heartbeat.interval.ms");
    // The tables are empty when the source starts, and the workload writes only after its task runs (its
    // binlog position is fixed by then): stream everything. An initial snapshot running while the seed
    // writes would copy some seeded rows besides streaming them, and the count below is exact.
    source.put("snapshot.mode", "no_data");
    source.put("transforms", "unwrap,mask,route");
    source.put("transforms.unwrap.type", "dev.sluice.transforms.Unwrap");
    source.put("transforms.unwrap.add.fields", "op,seq");
    source.put("transforms.unwrap.add.headers", "db,table");
    source.put("transforms.mask.type", "dev.sluice.transforms.Mask$Value");
    source.put("transforms.mask.fields", "email");
    source.put("transforms.mask.replacement", MASK);
    source.put("transforms.route.type", "dev.sluice.transforms.Route");
    source.put("transforms.route.topic.template", "views.${db}.${table}");
    List<String> routed = TABLES.stream().map(t -> "views." + db + "." + t).toList();

    Map<String, String> sink = new LinkedHashMap<>();
    sink.put("connector.class", SluiceMongoSinkConnector.class.getName());
    sink.put("tasks.max", "1");
    sink.put("topics.regex", "views\\." + db + "\\..+");
    sink.put("connection.uri", mongoUri);
    sink.put("database", viewDb);
    sink.put("collection", "${table}");
    // The shop's view shape: order_lines embedded in their orders (composite key order_id, line_no), as in the raw chain.
    String lines = "topic.override." + routed.get(2) + ".";
    sink.put(lines + "collection", "orders");
    sink.put(lines + "embed.field", LINES);
    sink.put(lines + "embed.parent.key", "order_id");
    // Unwrap turns each delete into a null value keyed by the row's key: a delete of that document or element, always.
    sink.put("tombstones", "delete");
    // Every digit of DATETIME(6) and TIMESTAMP(3), as ISO-8601 text.
    sink.put("temporal.mode", "string");

    MySqlEndpoint mysql = stack.mysql();
    try (ShopWorkload shop = ShopWorkload.create(changedRowsUrl(mysql), mysql.adminUser(), mysql.adminPassword(), db, 5L);
        MongoClient mongo = MongoClients.create(mongoUri)) {
      create(name + "-source", source);
      long start = System.nanoTime();
      shop.seed(30, 60);
      // The sink subscribes by pattern; created once the routed topics exist, its first metadata fetch finds all three.
      awaitTopics(routed, Duration.ofSeconds(60));
      create(name + "-sink", sink);
      while (shop.rowChanges() < ROUTED_CHANGES) {
        shop.step();
      }
      long written = System.nanoTime();
      Comparison comparison = null;
      long deadline = written + TimeUnit.SECONDS.toNanos(90);
      while (comparison == null || !comparison.differences().isEmpty() && System.nanoTime() < deadline) {
        if (comparison != null) {
          Thread.sleep(1_000);
        }
        comparison = compare(db, mongo, viewDb);
      }
      long clean = System.nanoTime();
      Map<String, Long> events = countEvents(routed);
      Set<String> topics = topics();
      System.out.printf("[ConnectChainIT] #5: %d row changes in %d transactions written in %.1f s; records in the routed topics %s;"
              + " documents equal to their rows %.1f s after the last commit; compared %s, %d masked emails%n",
          shop.rowChanges(), shop.transactions(), seconds(start, written), events, seconds(written, clean), comparison.rows(),
          comparison.masked());

      assertThat(comparison.differences()).as("documents that differ from their rows").isEmpty();
      assertThat(comparison.rows().values()).as("rows compared per table").allMatch(n -> n > 0).hasSize(TABLES.size());
      assertThat(comparison.masked()).as("non-null emails, each stored as the replacement").isPositive();
      assertThat(events.getOrDefault("delete", 0L)).as("deletes routed as null values (%s)", events).isPositive();
      assertThat(events).as("only unwrapped rows and their deletes; the source's own tombstones dropped by Unwrap")
          .containsOnlyKeys("row", "delete");
      assertThat(events.get("row") + events.get("delete")).as("one routed record per row change (%s)", events)
          .isEqualTo(shop.rowChanges());
      assertThat(topics.stream().filter(t -> t.startsWith("views.")).toList()).as("topics").containsExactlyInAnyOrderElementsOf(routed);
      assertThat(topics).as("no record of the source kept its unrouted topic").noneMatch(t -> t.startsWith(name + "."));
      assertRunning(name + "-source");
      assertRunning(name + "-sink");
    } finally {
      deleteQuietly(name + "-sink");
      deleteQuietly(name + "-source");
    }
  }

  /** The stored documents against the rows: per table the rows compared, the masked emails seen, and every difference. */
  private record Comparison(Map<String, Integer> rows, int masked, List<String> differences) {}

  /** A column of a table, from information_schema. */
  private record Column(String name, String type, int fraction) {}

  /** A stored row: a view document, or an element of the {@code lines} array of the order document {@code parent}. */
  private record Stored(BsonValue parent, BsonDocument fields) {}

  private Comparison compare(String db, MongoClient mongo, String viewDb) throws SQLException {
    Map<BsonValue, Stored> customers = documents(mongo, viewDb, "customers");
    Map<BsonValue, Stored> orders = documents(mongo, viewDb, "orders");
    Map<BsonValue, Stored> lines = new HashMap<>();
    List<String> differences = new ArrayList<>();
    for (Stored order : orders.values()) {
      BsonValue array = order.fields().get(LINES);
      if (array == null || !array.isArray()) {
        differences.add("orders " + show(order.parent()) + ": no '" + LINES + "' array");
        continue;
      }
      for (BsonValue element : array.asArray()) {
        BsonDocument line = element.asDocument();
        BsonDocument key = new BsonDocument("order_id", line.get("order_id")).append("line_no", line.get("line_no"));
        if (lines.put(key, new Stored(order.parent(), line)) != null) {
          differences.add("order_lines " + show(key) + ": element twice");
        }
      }
    }
    Map<String, Integer> rows = new LinkedHashMap<>();
    int[] masked = {0};
    MySqlEndpoint mysql = stack.mysql();
    try (Connection c = DriverManager.getConnection(mysql.jdbcUrl(db), mysql.adminUser(), mysql.adminPassword())) {
      try (Statement s = c.createStatement()) {
        // TIMESTAMP columns are instants: read them in UTC, the zone of the stored ISO text.
        s.execute("SET time_zone = '+00:00'");
      }
      rows.put("customers", compareTable(c, db, "customers", customers, Set.of(), differences, masked));
      rows.put("orders", compareTable(c, db, "orders", orders, Set.of(LINES), differences, masked));
      rows.put("order_lines", compareTable(c, db, "order_lines", lines, Set.of(), differences, masked));
    }
    return new Comparison(rows, masked[0], differences.size() > 20 ? differences.subList(0, 20) : differences);
  }

  /** The documents of a view collection by _id. */
  private static Map<BsonValue, Stored> documents(MongoClient mongo, String viewDb, String collection) {
    Map<BsonValue, Stored> documents = new HashMap<>();
    for (BsonDocument d : mongo.getDatabase(viewDb).getCollection(collection, BsonDocument.class).find()) {
      documents.put(d.get("_id"), new Stored(d.get("_id"), d));
    }
    return documents;
  }

  /**
   * Compares every row of {@code table} with what is stored for its key, column by column, and reports stored rows without a
   * row (deleted rows that stayed); returns the rows compared.
   */
  private static int compareTable(Connection c, String db, String table, Map<BsonValue, Stored> stored, Set<String> arrays,
      List<String> differences, int[] masked) throws SQLException {
    Map<BsonValue, Stored> left = new HashMap<>(stored);
    List<Column> columns = columns(c, db, table);
    List<String> key = primaryKey(c, db, table);
    boolean child = table.equals("order_lines");
    Set<String> expectedFields = new TreeSet<>(UNWRAP_FIELDS);
    expectedFields.add(META);
    if (!child) {
      expectedFields.add("_id");
    }
    expectedFields.addAll(arrays);
    columns.forEach(col -> expectedFields.add(col.name()));
    int compared = 0;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM `" + table + "`")) {
      while (rs.next()) {
        compared++;
        BsonValue id = id(rs, key);
        Stored row = left.remove(id);
        String where = table + " " + show(id);
        if (row == null) {
          differences.add(where + ": not stored");
          continue;
        }
        BsonDocument doc = row.fields();
        if (child && !row.parent().equals(integer(rs, "order_id"))) {
          differences.add(where + ": embedded in order " + show(row.parent()));
        }
        if (!new TreeSet<>(doc.keySet()).equals(expectedFields)) {
          differences.add(where + ": fields " + new TreeSet<>(doc.keySet()) + ", expected " + expectedFields);
        }
        for (Column col : columns) {
          BsonValue expected = expected(rs, col);
          if (table.equals("customers") && col.name().equals("email") && !expected.isNull()) {
            expected = new BsonString(MASK);
            masked[0]++;
          }
          BsonValue actual = doc.get(col.name());
          if (!expected.equals(actual)) {
            differences.add(where + "." + col.name() + ": " + describe(actual) + ", row has " + describe(expected));
          }
        }
        differences.addAll(unwrapFields(where, doc, "views." + db + "." + table + "/"));
      }
    }
    // What is left has no row: a deleted row whose document or element stayed.
    left.keySet().forEach(id -> differences.add(table + " " + show(id) + ": stored without a row"));
    return compared;
  }

  /** __op of an insert or update, __seq a positive int64, and the routed topic in the sink's version meta field. */
  private static List<String> unwrapFields(String where, BsonDocument doc, String routedSource) {
    List<String> problems = new ArrayList<>();
    BsonValue op = doc.get("__op");
    if (op == null || !op.isString() || !Set.of("c", "u", "r").contains(op.asString().getValue())) {
      problems.add(where + ".__op: " + describe(op) + ", expected c, u or r");
    }
    BsonValue seq = doc.get("__seq");
    if (seq == null || !seq.isInt64() || seq.asInt64().getValue() <= 0) {
      problems.add(where + ".__seq: " + describe(seq) + ", expected a positive int64");
    }
    BsonValue meta = doc.get(META);
    boolean hasSource = meta != null && meta.isDocument() && meta.asDocument().isString("src");
    String from = hasSource ? meta.asDocument().getString("src").getValue() : "";
    if (!from.startsWith(routedSource)) {
      problems.add(where + "." + META + ": " + describe(meta) + ", expected src " + routedSource + "<partition>");
    }
    return problems;
  }

  private static List<Column> columns(Connection c, String db, String table) throws SQLException {
    List<Column> columns = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COALESCE(DATETIME_PRECISION, 0)"
        + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
      s.setString(1, db);
      s.setString(2, table);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          columns.add(new Column(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT), rs.getInt(3)));
        }
      }
    }
    assertThat(columns).as("columns of %s.%s", db, table).isNotEmpty();
    return columns;
  }

  private static List<String> primaryKey(Connection c, String db, String table) throws SQLException {
    List<String> key = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
        + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION")) {
      s.setString(1, db);
      s.setString(2, table);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          key.add(rs.getString(1));
        }
      }
    }
    assertThat(key).as("primary key of %s.%s", db, table).isNotEmpty();
    return key;
  }

  /** The sink's _id of a row: the key column's value, or a sub-document of the key columns for a composite key. */
  private static BsonValue id(ResultSet rs, List<String> key) throws SQLException {
    if (key.size() == 1) {
      return integer(rs, key.get(0));
    }
    BsonDocument id = new BsonDocument();
    for (String column : key) {
      id.put(column, integer(rs, column));
    }
    return id;
  }

  private static BsonValue integer(ResultSet rs, String column) throws SQLException {
    Object value = rs.getObject(column);
    return value instanceof Long l ? new BsonInt64(l) : new BsonInt32(((Number) value).intValue());
  }

  /**
   * The BSON value the chain must store for a column (sink: decimal.mode=decimal128, json.mode=document, temporal.mode=string),
   * written out from the type mapping rather than taken from the code under test.
   */
  private static BsonValue expected(ResultSet rs, Column col) throws SQLException {
    if (rs.getObject(col.name()) == null) {
      return BsonNull.VALUE;
    }
    return switch (col.type()) {
      case "tinyint", "smallint", "mediumint", "int" -> new BsonInt32(rs.getInt(col.name()));
      case "bigint" -> new BsonInt64(rs.getLong(col.name()));
      // Decimal128 keeps the scale: 12.50 is not 12.5.
      case "decimal" -> new BsonDecimal128(new Decimal128(rs.getBigDecimal(col.name())));
      case "varchar", "char", "text", "enum" -> new BsonString(rs.getString(col.name()));
      // MariaDB's JSON is LONGTEXT with a json_valid check; the sink stores the parsed document.
      case "longtext", "json" -> BsonDocument.parse(rs.getString(col.name()));
      // An instant, ZonedTimestamp text with exactly the column's fractional digits.
      case "timestamp" -> new BsonString(isoSeconds(rs, col) + fraction(rs, col, col.fraction(), false) + "Z");
      // A wall clock: microseconds for precision 4-6, milliseconds for 1-3, the fraction left out when zero.
      case "datetime" -> new BsonString(isoSeconds(rs, col) + fraction(rs, col, col.fraction() > 3 ? 6 : col.fraction() > 0 ? 3 : 0, true));
      default -> throw new IllegalStateException("column " + col.name() + " has type " + col.type() + ", which this test does not map");
    };
  }

  private static String isoSeconds(ResultSet rs, Column col) throws SQLException {
    LocalDateTime t = rs.getObject(col.name(), LocalDateTime.class);
    return t.toLocalDate() + "T" + String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
  }

  private static String fraction(ResultSet rs, Column col, int digits, boolean omitZero) throws SQLException {
    int nanos = rs.getObject(col.name(), LocalDateTime.class).getNano();
    if (digits == 0 || omitZero && nanos == 0) {
      return "";
    }
    return "." + String.format("%09d", nanos).substring(0, digits);
  }

  private static String describe(BsonValue value) {
    return value == null ? "absent" : value.getBsonType() + " " + show(value);
  }

  private static String show(BsonValue value) {
    return value.isDocument() ? value.asDocument().toJson() : value.toString();
  }

  /** The connector configuration of the pipeline's {@code source.} settings. */
  private static Map<String, String> sourceConnector(Map<String, String> pipeline) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("connector.class", SluiceMySqlSourceConnector.class.getName());
    c.put("tasks.max", "1");
    c.putAll(section(pipeline, "source."));
    // One broker: the topics the source creates get one replica.
    c.put("topic.creation.default.replication.factor", "1");
    c.put("topic.creation.default.partitions", "1");
    return c;
  }

  /** The connector configuration of the pipeline's {@code sink.} settings (topics to be added). */
  private static Map<String, String> sinkConnector(Map<String, String> pipeline) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("connector.class", SluiceMongoSinkConnector.class.getName());
    c.put("tasks.max", "1");
    c.putAll(section(pipeline, "sink."));
    return c;
  }

  private static Map<String, String> section(Map<String, String> pipeline, String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    pipeline.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    assertThat(out).as("%s settings of the pipeline", prefix).isNotEmpty();
    return out;
  }

  /** Server URL whose update counts are rows changed (not rows matched), so the workload counts exactly the row events. */
  private static String changedRowsUrl(MySqlEndpoint mysql) {
    return mysql.jdbcUrl(null) + "?useAffectedRows=true";
  }

  private void create(String name, Map<String, String> config) {
    rest.putConfig(name, config);
    rest.awaitState(name, "RUNNING", 1, Duration.ofSeconds(90));
  }

  private void assertRunning(String name) {
    JsonNode status = rest.status(name);
    assertThat(status.path("connector").path("state").asText()).as("%s: %s", name, status).isEqualTo("RUNNING");
    assertThat(status.path("tasks").path(0).path("state").asText()).as("%s: %s", name, status).isEqualTo("RUNNING");
  }

  /** Deletes a connector after a test; a failure to do so is printed, as the test's own outcome matters more. */
  private void deleteQuietly(String name) {
    try {
      rest.delete(name);
    } catch (ConnectRestClient.ConnectRestException e) {
      System.out.println("[ConnectChainIT] could not delete connector " + name + ": " + e.getMessage());
    }
  }

  private long count(String db, String table) throws SQLException {
    MySqlEndpoint mysql = stack.mysql();
    try (Connection c = DriverManager.getConnection(mysql.jdbcUrl(db), mysql.adminUser(), mysql.adminPassword());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    return Admin.create(p);
  }

  private Set<String> topics() throws InterruptedException, ExecutionException, TimeoutException {
    try (Admin admin = admin()) {
      return new TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
    }
  }

  private void awaitTopics(List<String> expected, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<String> topics = topics();
    while (!topics.containsAll(expected)) {
      assertThat(System.nanoTime()).as("topics %s within %s; there are %s", expected, timeout, topics).isLessThan(deadline);
      Thread.sleep(500);
      topics = topics();
    }
  }

  /**
   * Reads {@code topics} from the beginning to their current end and counts the records by kind: the op of change events
   * (c, u, d, r, t), "row" for plain rows, "delete" for a null value with a schema (Unwrap's deletes), "tombstone" for null bytes.
   */
  private Map<String, Long> countEvents(List<String> topics) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "chain-it-" + UUID.randomUUID());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // The workers run exactly-once source support: records of aborted transactions are not events.
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    Map<String, Long> counts = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      Set<TopicPartition> partitions = new LinkedHashSet<>();
      for (String topic : topics) {
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
          partitions.add(new TopicPartition(topic, info.partition()));
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        assertThat(System.nanoTime()).as("reading %s to %s", topics, end).isLessThan(deadline);
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          counts.merge(kind(r.value()), 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  private static String kind(byte[] value) {
    if (value == null) {
      return "tombstone";
    }
    try {
      JsonNode payload = JSON.readTree(value).path("payload");
      if (payload.isNull()) {
        return "delete";
      }
      return payload.has("op") && payload.has("source") ? payload.path("op").asText() : "row";
    } catch (IOException e) {
      throw new UncheckedIOException("a record that is not the JsonConverter's JSON: " + new String(value, StandardCharsets.UTF_8), e);
    }
  }

  private static double seconds(long from, long to) {
    return (to - from) / 1e9;
  }
}
