package dev.sluice.embedded.verify;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Compares a MySQL/MariaDB table with its MongoDB view by primary key.
 *
 * <ol>
 *   <li>The table is read in primary-key order, {@code chunkSize} rows at a time (keyset
 *       pagination), with the child rows of embedded tables for those keys; the documents of the same
 *       keys are fetched from the view. Both sides are normalized ({@link Canonical}) and each side of
 *       the chunk hashed (SHA-256 over the canonical rows in key order).
 *   <li>Only when a chunk's two hashes differ are its rows diffed, field by field and element by
 *       element, into missing / different counts and examples.
 *   <li>A scan of every document's {@code _id} finds the documents without a row (extra). Documents
 *       that only hold child rows whose parent row does not exist (the sink makes those when a child
 *       is written before its parent) are checked against those child rows.
 * </ol>
 *
 * The comparison is of one moment on each side, not one snapshot of both: while the pipeline is
 * catching up, verify reports the changes still in flight. Run it again after the view caught up.
 */
public final class Verifier {
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String mongoUri;
  private final VerifyOptions options;
  private final Canonical canonical;

  /**
   * A verifier.
   *
   * @param jdbcUrl a {@code jdbc:mariadb://} (or {@code jdbc:mysql://}) URL of the server
   * @param mongoUri a MongoDB connection string
   */
  public Verifier(String jdbcUrl, String user, String password, String mongoUri, VerifyOptions options) {
    this.jdbcUrl = jdbcUrl.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + jdbcUrl.substring("jdbc:mysql:".length()) : jdbcUrl;
    this.user = user;
    this.password = password;
    this.mongoUri = mongoUri;
    this.options = options;
    this.canonical = new Canonical(options);
  }

  /**
   * Compares {@code table} with the view {@code collection}.
   *
   * @param embeds the child tables the view embeds as arrays
   * @throws VerifyException when either side cannot be read
   */
  public ViewReport verify(TableRef table, TableRef collection, List<EmbeddedChild> embeds) {
    ViewReport report = new ViewReport(table, collection, embeds, options.examples());
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
        MongoClient mongo = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(mongoUri))
            .applyToClusterSettings(b -> b.serverSelectionTimeout(15, TimeUnit.SECONDS))
            .build())) {
      try (Statement s = c.createStatement()) {
        // TIMESTAMP is rendered in the session time zone: read it in UTC.
        s.execute("SET time_zone = '+00:00'");
      }
      c.setReadOnly(true);
      MySqlTable parent = MySqlTable.load(c, table, options);
      report.notCompared(table.toString(), parent.notCompared());
      List<Child> children = new ArrayList<>();
      for (EmbeddedChild e : embeds) {
        MySqlTable childTable = MySqlTable.load(c, e.table(), options);
        if (e.parentKeyColumns().size() != parent.key().size()) {
          throw new VerifyException("--embed " + e.table() + ": " + e.parentKeyColumns().size() + " parent key columns given, but "
              + table + " has a primary key of " + parent.key().size());
        }
        for (String fk : e.parentKeyColumns()) {
          if (childTable.column(fk) == null) {
            throw new VerifyException("--embed " + e.table() + ": no column '" + fk + "' in " + e.table());
          }
        }
        report.notCompared(e.table().toString(), childTable.notCompared());
        children.add(new Child(e, childTable));
      }
      MongoView view = new MongoView(collection, mongo.getDatabase(collection.database()).getCollection(collection.name(), BsonDocument.class),
          parent.key(), canonical, options);
      new Run(c, parent, children, view, report).execute();
      return report;
    } catch (SQLException e) {
      throw new VerifyException("reading " + table + " over " + jdbcUrl + " as " + user + " failed: " + e.getMessage(), e);
    } catch (MongoException e) {
      throw new VerifyException("reading the view " + collection + " failed: " + e.getMessage(), e);
    }
  }

  /** An embedded child table. */
  private record Child(EmbeddedChild spec, MySqlTable table) {
    String field() {
      return spec.field();
    }
  }

  /** One verification. */
  private final class Run {
    private final Connection connection;
    private final MySqlTable parent;
    private final List<Child> children;
    private final MongoView view;
    private final ViewReport report;
    private final Set<String> parentColumns = new TreeSet<>();
    private long[] seenKeys = new long[1024];
    private int seenCount;

    Run(Connection connection, MySqlTable parent, List<Child> children, MongoView view, ViewReport report) {
      this.connection = connection;
      this.parent = parent;
      this.children = children;
      this.view = view;
      this.report = report;
      parent.columns().forEach(col -> parentColumns.add(col.name()));
    }

    void execute() throws SQLException {
      Map<String, Map<String, List<MySqlTable.Row>>> orphans = orphans();
      Object[] after = null;
      while (true) {
        List<MySqlTable.Row> rows = parent.chunk(connection, after, options.chunkSize(), canonical);
        if (rows.isEmpty()) {
          break;
        }
        after = rows.get(rows.size() - 1).rawKey();
        compareChunk(rows);
        if (rows.size() < options.chunkSize()) {
          break;
        }
      }
      long[] seen = Arrays.copyOf(seenKeys, seenCount);
      Arrays.sort(seen);
      view.scan(options.chunkSize(), doc -> {
        BsonValue id = doc.get("_id");
        String key = view.keyOf(id);
        if (Arrays.binarySearch(seen, hash64(key)) >= 0) {
          return;
        }
        Map<String, List<MySqlTable.Row>> expectedChildren = orphans.remove(key);
        if (expectedChildren != null) {
          compareChildrenOnly(key, view.byId(id), expectedChildren);
        } else {
          report.extra(view.ref() + " _id=" + displayKey(key) + ": no row in " + parent.ref() + describeExtra(id));
        }
      });
      orphans.forEach((key, byField) -> byField.forEach((field, rows) -> rows.forEach(r ->
          report.childMissing(field, view.ref() + " _id=" + displayKey(key) + " " + field + "[" + childDisplay(childOf(field), r.values())
              + "]: no document holds this child row (its parent row does not exist)"))));
    }

    /** Child rows whose parent row does not exist, by parent key and array field. */
    private Map<String, Map<String, List<MySqlTable.Row>>> orphans() throws SQLException {
      Map<String, Map<String, List<MySqlTable.Row>>> out = new HashMap<>();
      for (Child child : children) {
        for (MySqlTable.Row r : child.table().orphans(connection, child.spec().parentKeyColumns(), parent, canonical)) {
          String parentKey = MySqlTable.keyOf(r.values(), child.spec().parentKeyColumns());
          out.computeIfAbsent(parentKey, k -> new LinkedHashMap<>()).computeIfAbsent(child.field(), f -> new ArrayList<>()).add(r);
        }
      }
      return out;
    }

    private void compareChunk(List<MySqlTable.Row> rows) throws SQLException {
      List<Object[]> rawKeys = rows.stream().map(MySqlTable.Row::rawKey).toList();
      Map<String, Map<String, List<MySqlTable.Row>>> childRows = new HashMap<>();
      for (Child child : children) {
        Map<String, List<MySqlTable.Row>> byParent = new HashMap<>();
        for (MySqlTable.Row r : child.table().rowsWhere(connection, child.spec().parentKeyColumns(), rawKeys, canonical)) {
          byParent.computeIfAbsent(MySqlTable.keyOf(r.values(), child.spec().parentKeyColumns()), k -> new ArrayList<>()).add(r);
        }
        childRows.put(child.field(), byParent);
      }
      Map<String, BsonDocument> docs = view.byKeys(rows);
      MessageDigest tableSide = sha256();
      MessageDigest viewSide = sha256();
      for (MySqlTable.Row row : rows) {
        remember(row.key());
        tableSide.update(expected(row, childRows).getBytes(StandardCharsets.UTF_8));
        BsonDocument doc = docs.get(row.key());
        viewSide.update((doc == null ? "missing:" + row.key() : actual(row.key(), doc)).getBytes(StandardCharsets.UTF_8));
      }
      boolean differs = !MessageDigest.isEqual(tableSide.digest(), viewSide.digest());
      report.chunk(rows.size(), differs);
      if (differs) {
        for (MySqlTable.Row row : rows) {
          diff(row, docs.get(row.key()), childRows);
        }
      }
    }

    // ------------------------------------------------------------ canonical rows

    private String expected(MySqlTable.Row row, Map<String, Map<String, List<MySqlTable.Row>>> childRows) {
      StringBuilder out = new StringBuilder(row.key()).append('|');
      appendColumns(out, parent.columns(), row.values()::get);
      for (Child child : children) {
        List<MySqlTable.Row> rows = childRows.get(child.field()).getOrDefault(row.key(), List.of());
        Map<String, String> sorted = new TreeMap<>();
        for (MySqlTable.Row r : rows) {
          StringBuilder element = new StringBuilder();
          appendColumns(element, child.table().columns(), r.values()::get);
          sorted.put(r.key(), element.toString());
        }
        out.append(child.field()).append(sorted).append('\n');
      }
      return out.append('\u001e').toString();
    }

    private String actual(String key, BsonDocument doc) {
      StringBuilder out = new StringBuilder(key).append('|');
      appendColumns(out, parent.columns(), name -> canonical.fromBson(parent.column(name), doc.get(name)));
      List<String> unexpected = unexpectedFields(doc, parentColumns, true);
      if (!unexpected.isEmpty()) {
        out.append("unexpected").append(unexpected).append('\n');
      }
      for (Child child : children) {
        out.append(child.field()).append(elements(child, doc.get(child.field())).canonical()).append('\n');
      }
      return out.append('\u001e').toString();
    }

    private void appendColumns(StringBuilder out, List<TableColumn> columns, Function<String, String> value) {
      for (TableColumn c : columns) {
        out.append(c.name()).append('=').append(value.apply(c.name())).append('\u001f');
      }
      out.append('\n');
    }

    /** The elements of an embedded array, canonicalized and keyed by child key. */
    private Elements elements(Child child, BsonValue array) {
      Elements out = new Elements();
      if (array == null || array.isNull()) {
        return out;
      }
      if (!array.isArray()) {
        out.malformed = "field '" + child.field() + "' is a " + array.getBsonType() + ", not an array";
        return out;
      }
      Set<String> columns = new TreeSet<>();
      child.table().columns().forEach(col -> columns.add(col.name()));
      for (BsonValue v : array.asArray()) {
        if (!v.isDocument()) {
          out.malformed = "an element of '" + child.field() + "' is a " + v.getBsonType() + ", not a document";
          continue;
        }
        BsonDocument element = v.asDocument();
        Map<String, String> values = new LinkedHashMap<>();
        for (TableColumn c : child.table().columns()) {
          values.put(c.name(), canonical.fromBson(c, element.get(c.name())));
        }
        String key = MySqlTable.keyOf(values, child.table().key().stream().map(TableColumn::name).toList());
        StringBuilder text = new StringBuilder();
        appendColumns(text, child.table().columns(), values::get);
        List<String> unexpected = unexpectedFields(element, columns, false);
        if (!unexpected.isEmpty()) {
          text.append("unexpected").append(unexpected).append('\n');
        }
        if (out.byKey.putIfAbsent(key, text.toString()) != null) {
          out.duplicates.add(key);
        }
        out.values.putIfAbsent(key, values);
        out.unexpected.putIfAbsent(key, unexpected);
      }
      return out;
    }

    private List<String> unexpectedFields(BsonDocument doc, Set<String> columns, boolean topLevel) {
      List<String> out = new ArrayList<>();
      for (String name : doc.keySet()) {
        boolean known = columns.contains(name) || name.equals(options.metaField()) || options.ignoredFields().contains(name)
            || options.excludedColumns().contains(name) || (topLevel && (name.equals("_id") || isEmbedField(name)));
        if (!known) {
          out.add(name);
        }
      }
      return out;
    }

    private boolean isEmbedField(String name) {
      return children.stream().anyMatch(c -> c.field().equals(name));
    }

    // ------------------------------------------------------------ diffs

    private void diff(MySqlTable.Row row, BsonDocument doc, Map<String, Map<String, List<MySqlTable.Row>>> childRows) {
      String where = view.ref() + " _id=" + displayKey(row.key());
      if (doc == null) {
        report.missing(where + ": no document for the row of " + parent.ref());
        return;
      }
      List<String> fields = new ArrayList<>();
      for (TableColumn c : parent.columns()) {
        String expected = row.values().get(c.name());
        String actual = canonical.fromBson(c, doc.get(c.name()));
        if (!expected.equals(actual)) {
          fields.add(describe(c.name(), expected, actual));
        }
      }
      unexpectedFields(doc, parentColumns, true).forEach(f -> fields.add(f + " (no such column)"));
      if (!fields.isEmpty()) {
        report.different(where + ": " + String.join(", ", fields));
      }
      for (Child child : children) {
        compareChildren(where, child, childRows.get(child.field()).getOrDefault(row.key(), List.of()), doc.get(child.field()));
      }
    }

    private void compareChildrenOnly(String key, BsonDocument doc, Map<String, List<MySqlTable.Row>> expected) {
      String where = view.ref() + " _id=" + displayKey(key);
      if (doc == null) {
        expected.forEach((field, rows) -> rows.forEach(r -> report.childMissing(field, where + " " + field + "["
            + childDisplay(childOf(field), r.values()) + "]: no element")));
        return;
      }
      List<String> parentFields = new ArrayList<>();
      for (String name : doc.keySet()) {
        if (parentColumns.contains(name) && !isKeyColumn(name)) {
          parentFields.add(name);
        }
      }
      if (!parentFields.isEmpty()) {
        report.different(where + ": holds columns " + parentFields + " of a row that does not exist in " + parent.ref());
      }
      for (Child child : children) {
        compareChildren(where, child, expected.getOrDefault(child.field(), List.of()), doc.get(child.field()));
      }
    }

    private boolean isKeyColumn(String name) {
      return parent.key().stream().anyMatch(k -> k.name().equals(name));
    }

    private void compareChildren(String where, Child child, List<MySqlTable.Row> expectedRows, BsonValue array) {
      String field = child.field();
      Elements actual = elements(child, array);
      if (actual.malformed != null) {
        report.childDifferent(field, where + ": " + actual.malformed);
      }
      Map<String, MySqlTable.Row> expected = new LinkedHashMap<>();
      for (MySqlTable.Row r : expectedRows) {
        expected.put(r.key(), r);
      }
      for (MySqlTable.Row r : expected.values()) {
        String at = where + " " + field + "[" + childDisplay(child, r.values()) + "]";
        Map<String, String> values = actual.values.get(r.key());
        if (values == null) {
          report.childMissing(field, at + ": no element for the row of " + child.table().ref());
          continue;
        }
        List<String> fields = new ArrayList<>();
        for (TableColumn c : child.table().columns()) {
          String e = r.values().get(c.name());
          String a = values.get(c.name());
          if (!e.equals(a)) {
            fields.add(describe(c.name(), e, a));
          }
        }
        actual.unexpected.getOrDefault(r.key(), List.of()).forEach(f -> fields.add(f + " (no such column)"));
        if (!fields.isEmpty()) {
          report.childDifferent(field, at + ": " + String.join(", ", fields));
        }
      }
      for (String key : actual.values.keySet()) {
        if (!expected.containsKey(key)) {
          report.childExtra(field, where + " " + field + "[" + childDisplay(child, actual.values.get(key)) + "]: no row in " + child.table().ref());
        }
      }
      for (String key : actual.duplicates) {
        report.childExtra(field, where + " " + field + "[" + childDisplay(child, actual.values.get(key)) + "]: the element appears twice");
      }
    }

    private Child childOf(String field) {
      return children.stream().filter(c -> c.field().equals(field)).findFirst().orElseThrow();
    }

    private String describe(String column, String expected, String actual) {
      if (!options.showValues()) {
        return column;
      }
      return column + " (table " + show(expected) + ", view " + show(actual) + ")";
    }

    private String show(String canonicalValue) {
      if (Canonical.NULL.equals(canonicalValue)) {
        return "NULL";
      }
      if (Canonical.ABSENT.equals(canonicalValue)) {
        return "absent";
      }
      return "'" + canonicalValue + "'";
    }

    private String childDisplay(Child child, Map<String, String> values) {
      List<String> parts = new ArrayList<>();
      for (TableColumn k : child.table().key()) {
        parts.add(k.name() + "=" + values.get(k.name()));
      }
      return String.join(", ", parts);
    }

    private String displayKey(String key) {
      if (parent.key().size() == 1) {
        return key;
      }
      String[] parts = key.split("\u001f", -1);
      List<String> out = new ArrayList<>();
      for (int i = 0; i < parent.key().size() && i < parts.length; i++) {
        out.add(parent.key().get(i).name() + "=" + parts[i]);
      }
      return "{" + String.join(", ", out) + "}";
    }

    /** What an extra document holds: the columns of a row that is gone, or only embedded children; its content with --show-values. */
    private String describeExtra(BsonValue id) {
      BsonDocument doc = view.byId(id);
      if (doc == null) {
        return " (gone by now)";
      }
      List<String> arrays = new ArrayList<>();
      for (Child child : children) {
        BsonValue array = doc.get(child.field());
        if (array != null && array.isArray()) {
          arrays.add(child.field() + "[" + array.asArray().size() + "]");
        }
      }
      String shape = doc.containsKey(options.metaField()) ? " (holds the columns of a row" + (arrays.isEmpty() ? "" : " and " + arrays) + ")"
          : " (holds only " + (arrays.isEmpty() ? "its _id" : String.join(", ", arrays)) + ")";
      if (!options.showValues()) {
        return shape;
      }
      String json = doc.toJson();
      return shape + ": " + (json.length() > 400 ? json.substring(0, 400) + "..." : json);
    }

    private void remember(String key) {
      if (seenCount == seenKeys.length) {
        seenKeys = Arrays.copyOf(seenKeys, seenKeys.length * 2);
      }
      seenKeys[seenCount++] = hash64(key);
    }
  }

  /** The canonicalized elements of one embedded array. */
  private static final class Elements {
    final Map<String, String> byKey = new TreeMap<>();
    final Map<String, Map<String, String>> values = new LinkedHashMap<>();
    final Map<String, List<String>> unexpected = new HashMap<>();
    final List<String> duplicates = new ArrayList<>();
    String malformed;

    String canonical() {
      return byKey + (duplicates.isEmpty() ? "" : "duplicates" + duplicates) + (malformed == null ? "" : "malformed:" + malformed);
    }
  }

  /** FNV-1a over the key's characters: 64 bits, so a set of every key of a large table stays small. */
  static long hash64(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
