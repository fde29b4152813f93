package dev.sluice.it.source;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A seeded random workload over five tables that together hold every type the source maps
 * (integers signed/unsigned, decimals, floats, bits, strings in several charsets, binaries, ENUM,
 * SET, JSON, temporals with every precision, GEOMETRY, a composite key). One writer, so commit order
 * is program order; the model records, per key, the operations in commit order.
 */
final class RandomWorkload {
  static final List<String> TABLES = List.of("numbers", "texts", "temporal", "composite", "geo");

  /** One expected change event. */
  record Expected(String table, String key, String op) {
  }

  private final String db;
  private final Random random;
  private final Map<String, List<Object>> liveKeys = new HashMap<>();
  private final List<Expected> expected = new ArrayList<>();
  private final AtomicInteger changes = new AtomicInteger();
  private int nextId = 1;

  RandomWorkload(String db, long seed) {
    this.db = db;
    this.random = new Random(seed);
    TABLES.forEach(t -> liveKeys.put(t, new ArrayList<>()));
  }

  static List<String> ddl(String db) {
    return List.of(
        "CREATE DATABASE " + db,
        "CREATE TABLE " + db + ".numbers (id INT PRIMARY KEY, ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED,"
            + " mi MEDIUMINT, miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, d1 DECIMAL(10,2),"
            + " d2 DECIMAL(65,30), f FLOAT, dbl DOUBLE, b1 BIT(1), b12 BIT(12), bo BOOLEAN)",
        "CREATE TABLE " + db + ".texts (id BIGINT PRIMARY KEY, vc VARCHAR(100) CHARACTER SET utf8mb4, ch CHAR(10) CHARACTER SET latin1,"
            + " tx TEXT CHARACTER SET utf8mb4, vb VARBINARY(50), bl BLOB, bn BINARY(4), vbin VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,"
            + " e ENUM('small','medium','large'), s SET('a','b','c'), j JSON)",
        "CREATE TABLE " + db + ".temporal (id INT PRIMARY KEY, dt DATE, t0 TIME, t6 TIME(6), dt0 DATETIME, dt3 DATETIME(3), dt6 DATETIME(6),"
            + " ts0 TIMESTAMP NULL, ts6 TIMESTAMP(6) NULL, y YEAR)",
        "CREATE TABLE " + db + ".composite (tenant INT, code VARCHAR(20), qty INT NOT NULL, note TEXT, PRIMARY KEY (tenant, code))",
        "CREATE TABLE " + db + ".geo (id INT PRIMARY KEY, g GEOMETRY, label VARCHAR(30))");
  }

  List<Expected> expected() {
    synchronized (expected) {
      return List.copyOf(expected);
    }
  }

  int changes() {
    return changes.get();
  }

  /** Runs until {@code total} row changes are committed, in transactions of 1 to 5 changes. */
  void run(Connection c, int total) throws SQLException {
    c.setAutoCommit(false);
    while (changes.get() < total) {
      int size = 1 + random.nextInt(5);
      List<Expected> tx = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        String table = TABLES.get(random.nextInt(TABLES.size()));
        List<Object> keys = liveKeys.get(table);
        int dice = random.nextInt(10);
        if (keys.isEmpty() || dice < 5) {
          insert(c, table, tx);
        } else if (dice < 8) {
          update(c, table, keys.get(random.nextInt(keys.size())), tx);
        } else {
          Object key = keys.remove(random.nextInt(keys.size()));
          delete(c, table, key, tx);
        }
      }
      c.commit();
      synchronized (expected) {
        expected.addAll(tx);
      }
      changes.addAndGet(tx.size());
    }
  }

  private void insert(Connection c, String table, List<Expected> tx) throws SQLException {
    Object key;
    if (table.equals("composite")) {
      key = List.of(random.nextInt(5), "c" + (nextId++));
    } else {
      key = nextId++;
    }
    Map<String, Object> values = values(table);
    List<String> cols = new ArrayList<>(keyColumns(table));
    cols.addAll(values.keySet());
    String sql = "INSERT INTO " + db + "." + table + " (" + String.join(",", cols) + ") VALUES (" + placeholders(table, cols) + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = bindKey(ps, key, 1);
      for (Object v : values.values()) {
        ps.setObject(i++, v);
      }
      ps.executeUpdate();
    }
    liveKeys.get(table).add(key);
    tx.add(new Expected(table, keyString(table, key), "c"));
  }

  private void update(Connection c, String table, Object key, List<Expected> tx) throws SQLException {
    if (table.equals("composite") && random.nextInt(4) == 0) {
      // A primary-key change: Debezium semantics are a delete of the old key and a create of the new.
      List<?> old = (List<?>) key;
      List<Object> moved = List.of(old.get(0), "c" + (nextId++));
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + db + ".composite SET code = ? WHERE tenant = ? AND code = ?")) {
        ps.setObject(1, moved.get(1));
        ps.setObject(2, old.get(0));
        ps.setObject(3, old.get(1));
        ps.executeUpdate();
      }
      liveKeys.get(table).remove(key);
      liveKeys.get(table).add(moved);
      tx.add(new Expected(table, keyString(table, key), "d"));
      tx.add(new Expected(table, keyString(table, moved), "c"));
      return;
    }
    Map<String, Object> values = values(table);
    List<String> sets = new ArrayList<>();
    for (String col : values.keySet()) {
      sets.add(col + " = " + placeholder(table, col));
    }
    String sql = "UPDATE " + db + "." + table + " SET " + String.join(", ", sets) + " WHERE " + keyPredicate(table);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (Object v : values.values()) {
        ps.setObject(i++, v);
      }
      bindKey(ps, key, i);
      // The server logs no row for an update that changes nothing (the connection reports changed
      // rows, useAffectedRows=true), and so no event is due.
      if (ps.executeUpdate() == 0) {
        return;
      }
    }
    tx.add(new Expected(table, keyString(table, key), "u"));
  }

  private void delete(Connection c, String table, Object key, List<Expected> tx) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + db + "." + table + " WHERE " + keyPredicate(table))) {
      bindKey(ps, key, 1);
      ps.executeUpdate();
    }
    tx.add(new Expected(table, keyString(table, key), "d"));
  }

  static List<String> keyColumns(String table) {
    return table.equals("composite") ? List.of("tenant", "code") : List.of("id");
  }

  private static String keyPredicate(String table) {
    return table.equals("composite") ? "tenant = ? AND code = ?" : "id = ?";
  }

  private static int bindKey(PreparedStatement ps, Object key, int index) throws SQLException {
    if (key instanceof List<?> parts) {
      ps.setObject(index, parts.get(0));
      ps.setObject(index + 1, parts.get(1));
      return index + 2;
    }
    ps.setObject(index, key);
    return index + 1;
  }

  /** The key as the test writes it: column=value pairs in key column order. */
  static String keyString(String table, Object key) {
    if (key instanceof List<?> parts) {
      return "tenant=" + parts.get(0) + ",code=" + parts.get(1);
    }
    return "id=" + key;
  }

  private static String placeholders(String table, List<String> cols) {
    List<String> p = new ArrayList<>();
    for (String col : cols) {
      p.add(placeholder(table, col));
    }
    return String.join(",", p);
  }

  private static String placeholder(String table, String col) {
    if (table.equals("geo") && col.equals("g")) {
      return "ST_GeomFromText(?, 4326)";
    }
    return "?";
  }

  private Map<String, Object> values(String table) {
    Map<String, Object> v = new LinkedHashMap<>();
    switch (table) {
      case "numbers" -> {
        v.put("ti", maybeNull(random.nextInt(256) - 128));
        v.put("tiu", maybeNull(random.nextInt(256)));
        v.put("si", maybeNull(random.nextInt(65536) - 32768));
        v.put("siu", maybeNull(random.nextInt(65536)));
        v.put("mi", maybeNull(random.nextInt(1 << 24) - (1 << 23)));
        v.put("miu", maybeNull(random.nextInt(1 << 24)));
        v.put("i", maybeNull(random.nextInt()));
        v.put("iu", maybeNull(Integer.toUnsignedLong(random.nextInt())));
        v.put("bi", maybeNull(random.nextLong()));
        v.put("biu", maybeNull(random.nextInt(8) == 0 ? new BigInteger("18446744073709551615") : new BigInteger(64, random)));
        v.put("d1", maybeNull(BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, 2)));
        v.put("d2", maybeNull(new BigDecimal(new BigInteger(200, random), 30).remainder(BigDecimal.TEN.pow(35)).setScale(30, RoundingMode.DOWN)
            .multiply(random.nextBoolean() ? BigDecimal.ONE : BigDecimal.ONE.negate())));
        v.put("f", maybeNull((float) (random.nextGaussian() * 1000)));
        v.put("dbl", maybeNull(random.nextGaussian() * 1e12));
        v.put("b1", maybeNull(random.nextBoolean()));
        v.put("b12", maybeNull(random.nextInt(4096)));
        v.put("bo", maybeNull(random.nextBoolean()));
      }
      case "texts" -> {
        v.put("vc", maybeNull(pick("plain", "grüße", "日本語テキスト", "emoji 🐟🚀", "O'Reilly \"quoted\"", "")));
        v.put("ch", maybeNull(pick("café", "naïve", "abc", "")));
        v.put("tx", maybeNull("long text " + "x".repeat(random.nextInt(2000)) + " ✓"));
        v.put("vb", maybeNull(bytes(random.nextInt(50))));
        v.put("bl", maybeNull(bytes(random.nextInt(3000))));
        v.put("bn", maybeNull(bytes(4)));
        v.put("vbin", maybeNull(pick("Case", "case", "CASE")));
        v.put("e", maybeNull(pick("small", "medium", "large")));
        v.put("s", maybeNull(pick("", "a", "a,c", "a,b,c", "b")));
        v.put("j", maybeNull(pick("{\"a\": 1, \"b\": [true, null, 2.5]}", "[]", "{\"nested\": {\"k\": \"v ü\"}}", "\"text\"", "42")));
      }
      case "temporal" -> {
        v.put("dt", maybeNull(String.format("%04d-%02d-%02d", 1000 + random.nextInt(9000), 1 + random.nextInt(12), 1 + random.nextInt(28))));
        v.put("t0", maybeNull(String.format("%s%02d:%02d:%02d", random.nextInt(5) == 0 ? "-" : "", random.nextInt(839), random.nextInt(60), random.nextInt(60))));
        v.put("t6", maybeNull(String.format("%s%02d:%02d:%02d.%06d", random.nextInt(5) == 0 ? "-" : "", random.nextInt(838), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000))));
        v.put("dt0", maybeNull(datetime(0)));
        v.put("dt3", maybeNull(datetime(3)));
        v.put("dt6", maybeNull(datetime(6)));
        v.put("ts0", maybeNull(timestamp(0)));
        v.put("ts6", maybeNull(timestamp(6)));
        v.put("y", maybeNull(1901 + random.nextInt(254)));
      }
      case "composite" -> {
        v.put("qty", random.nextInt(1000));
        v.put("note", maybeNull(pick("first", "second ü", "")));
      }
      case "geo" -> {
        v.put("g", maybeNull(String.format(java.util.Locale.ROOT, "POINT(%.6f %.6f)", random.nextDouble() * 80, random.nextDouble() * 170)));
        v.put("label", maybeNull(pick("home", "work", "café")));
      }
      default -> throw new IllegalArgumentException(table);
    }
    return v;
  }

  private String datetime(int fsp) {
    String base = String.format("%04d-%02d-%02d %02d:%02d:%02d", 1000 + random.nextInt(9000), 1 + random.nextInt(12), 1 + random.nextInt(28),
        random.nextInt(24), random.nextInt(60), random.nextInt(60));
    return fsp == 0 ? base : base + "." + String.format("%0" + fsp + "d", random.nextInt((int) Math.pow(10, fsp)));
  }

  private String timestamp(int fsp) {
    // TIMESTAMP range: 1970-01-01 00:00:01 UTC .. 2038-01-19; stay clear of the session-zone edges.
    String base = String.format("%04d-%02d-%02d %02d:%02d:%02d", 1971 + random.nextInt(66), 1 + random.nextInt(12), 1 + random.nextInt(28),
        random.nextInt(24), random.nextInt(60), random.nextInt(60));
    return fsp == 0 ? base : base + "." + String.format("%06d", random.nextInt(1_000_000));
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private Object pick(Object... options) {
    return options[random.nextInt(options.length)];
  }

  private Object maybeNull(Object value) {
    return random.nextInt(12) == 0 ? null : value;
  }

  static void createSchema(Connection c, String db) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String statement : ddl(db)) {
        s.execute(statement);
      }
    }
  }
}
