package dev.sluice.it.embedded;

import dev.sluice.embedded.quickstart.ShopWorkload;
import dev.sluice.embedded.quickstart.SqlWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos test's writer: a seeded, random stream of shop transactions over customers, orders,
 * order_lines and products: single-row inserts, updates and deletes, multi-row transactions across
 * tables (an order with its lines and the stock it takes), multi-row statements (restocks, bulk
 * status changes, an order deleted with its lines) and primary-key changes.
 *
 * <p>It survives a database restart: when its connection breaks it reconnects and reloads the keys it
 * works on from the database, because a commit that was in flight when the server went away may or
 * may not have happened. It is the only writer of its database.
 */
final class ChaosWorkload implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChaosWorkload.class);
  private static final String[] STATUSES = {"new", "paid", "packed", "shipped", "delivered"};
  private static final String[] TIERS = {"basic", "gold", "platinum"};
  private static final String[] FIRST = {"Ada", "Grace", "Zoë", "Łukasz", "Renée", "渡辺", "Ken", "Margaret", "Søren", "Radia"};
  private static final String[] LAST = {"Lovelace", "Hopper", "Núñez", "Liskov", "Thompson", "Hamilton", "Ritchie", "Allen", "Dijkstra"};

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String db;
  private final Random random;
  private final SqlWriter writer;

  // What the database holds, as far as this writer knows; reloaded after a reconnect.
  private final List<Integer> customers = new ArrayList<>();
  private final Map<Long, List<Integer>> orderLines = new HashMap<>();
  private final Map<Long, Integer> orderStatus = new HashMap<>();
  private final List<Long> orderIds = new ArrayList<>();
  private final List<String> skus = new ArrayList<>();
  private int nextCustomer = 1;
  private long nextOrder = 1000;
  private int nextSku = 1;

  private final AtomicLong reconnects = new AtomicLong();

  private ChaosWorkload(String jdbcUrl, String user, String password, String db, long seed) throws SQLException {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.db = db;
    this.random = new Random(seed);
    this.writer = new SqlWriter(DriverManager.getConnection(jdbcUrl, user, password));
  }

  /** Creates the database {@code db} (dropping an older one) with its tables, and a writer for it. */
  static ChaosWorkload create(String jdbcUrl, String user, String password, String db, long seed) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS `" + db + "`");
      s.execute("CREATE DATABASE `" + db + "` CHARACTER SET utf8mb4");
      ShopWorkload.createTables(s, db);
      s.execute("CREATE TABLE `" + db + "`.products (sku VARCHAR(40) PRIMARY KEY, name VARCHAR(100) NOT NULL, stock INT NOT NULL,"
          + " price DECIMAL(10,2) NOT NULL, updated_at DATETIME(3) NOT NULL)");
      s.execute("CREATE TABLE `" + db + "`.probe (id INT PRIMARY KEY, beat BIGINT NOT NULL, at_ms BIGINT NOT NULL)");
      s.execute("INSERT INTO `" + db + "`.probe VALUES (1, 0, 0)");
    }
    return new ChaosWorkload(jdbcUrl, user, password, db, seed);
  }

  /** Loads {@code customerCount} customers, {@code productCount} products and {@code orderCount} orders. */
  void seed(int customerCount, int productCount, int orderCount) throws SQLException {
    for (int i = 0; i < customerCount; i++) {
      newCustomer();
    }
    for (int i = 0; i < productCount; i++) {
      newProduct();
    }
    for (int i = 0; i < orderCount; i++) {
      newOrder();
    }
  }

  /** One random transaction; a broken connection is re-opened (waiting up to two minutes) and the step skipped. */
  void step() throws SQLException {
    try {
      randomTransaction();
    } catch (SQLException e) {
      if (connectionAlive() && !connectionError(e)) {
        throw e;
      }
      LOG.info("workload connection lost ({}); reconnecting", e.toString());
      reconnect();
    }
  }

  private void randomTransaction() throws SQLException {
    int dice = random.nextInt(100);
    if (customers.isEmpty() || dice < 4) {
      newCustomer();
    } else if (skus.size() < 5 || dice < 7) {
      newProduct();
    } else if (orderIds.isEmpty() || dice < 27) {
      newOrder();
    } else if (dice < 41) {
      advanceOrder();
    } else if (dice < 52) {
      changeQuantity();
    } else if (dice < 60) {
      addLine(anyOrder());
    } else if (dice < 66) {
      removeLine();
    } else if (dice < 72) {
      deleteOrder();
    } else if (dice < 81) {
      updateCustomer();
    } else if (dice < 88) {
      restock();
    } else if (dice < 92) {
      bulkDeliver();
    } else if (dice < 93) {
      renumberCustomer();
    } else {
      repriceProduct();
    }
  }

  long rowChanges() {
    return writer.rowChanges();
  }

  long transactions() {
    return writer.transactions();
  }

  long reconnects() {
    return reconnects.get();
  }

  private void newCustomer() throws SQLException {
    int id = nextCustomer++;
    String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
    String email = random.nextInt(5) == 0 ? null : "c" + id + "@example.com";
    String tier = TIERS[random.nextInt(2)];
    inTransaction(() -> update("INSERT INTO `" + db + "`.customers (id, name, email, tier) VALUES (?, ?, ?, ?)", id, name, email, tier));
    customers.add(id);
  }

  private void updateCustomer() throws SQLException {
    int id = customers.get(random.nextInt(customers.size()));
    String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)] + " " + random.nextInt(1000);
    String tier = TIERS[random.nextInt(TIERS.length)];
    inTransaction(() -> update("UPDATE `" + db + "`.customers SET name = ?, tier = ? WHERE id = ?", name, tier, id));
  }

  /** A primary-key change: the source emits a delete of the old key and a create of the new one. */
  private void renumberCustomer() throws SQLException {
    int index = random.nextInt(customers.size());
    int old = customers.get(index);
    int id = nextCustomer++;
    inTransaction(() -> update("UPDATE `" + db + "`.customers SET id = ?, email = ? WHERE id = ?", id, "c" + id + "@example.com", old));
    customers.set(index, id);
  }

  private void newProduct() throws SQLException {
    String sku = String.format(Locale.ROOT, "SKU-%05d", nextSku++);
    BigDecimal price = BigDecimal.valueOf(199 + random.nextInt(5000), 2);
    inTransaction(() -> update("INSERT INTO `" + db + "`.products (sku, name, stock, price, updated_at) VALUES (?, ?, ?, ?, NOW(3))", sku,
        "Product " + sku.toLowerCase(Locale.ROOT), 50 + random.nextInt(100), price));
    skus.add(sku);
  }

  /** One statement changing several product rows. */
  private void restock() throws SQLException {
    List<String> some = pick(skus, 2 + random.nextInt(5));
    int amount = 1 + random.nextInt(20);
    inTransaction(() -> update("UPDATE `" + db + "`.products SET stock = stock + ?, updated_at = NOW(3) WHERE sku IN (" + marks(some.size())
        + ")", concat(amount, some)));
  }

  private void repriceProduct() throws SQLException {
    String sku = skus.get(random.nextInt(skus.size()));
    BigDecimal price = BigDecimal.valueOf(199 + random.nextInt(5000), 2);
    inTransaction(() -> update("UPDATE `" + db + "`.products SET price = ?, updated_at = NOW(3) WHERE sku = ?", price, sku));
  }

  /** An order with its lines and the stock they take: one transaction across three tables. */
  private void newOrder() throws SQLException {
    long id = nextOrder++;
    int customer = customers.get(random.nextInt(customers.size()));
    int lines = 1 + random.nextInt(4);
    List<Integer> lineNumbers = new ArrayList<>();
    String note = random.nextInt(3) == 0 ? null
        : "{\"channel\": \"" + (random.nextBoolean() ? "web" : "store") + "\", \"gift\": " + random.nextBoolean() + "}";
    inTransaction(() -> {
      update("INSERT INTO `" + db + "`.orders (id, customer_id, status, total, placed_at, note) VALUES (?, ?, 'new', 0, NOW(6), ?)", id,
          customer, note);
      for (int n = 1; n <= lines; n++) {
        insertLine(id, n);
        lineNumbers.add(n);
      }
      recomputeTotal(id);
    });
    orderLines.put(id, lineNumbers);
    orderStatus.put(id, 0);
    orderIds.add(id);
  }

  private void advanceOrder() throws SQLException {
    long id = anyOrder();
    int status = orderStatus.get(id);
    if (status == STATUSES.length - 1) {
      updateCustomer();
      return;
    }
    inTransaction(() -> update("UPDATE `" + db + "`.orders SET status = ? WHERE id = ?", STATUSES[status + 1], id));
    orderStatus.put(id, status + 1);
  }

  /** One statement changing several order rows. */
  private void bulkDeliver() throws SQLException {
    List<Long> some = pick(orderIds, 2 + random.nextInt(4));
    inTransaction(() -> update("UPDATE `" + db + "`.orders SET status = 'delivered' WHERE id IN (" + marks(some.size()) + ")",
        some.toArray()));
    some.forEach(id -> orderStatus.put(id, STATUSES.length - 1));
  }

  private void changeQuantity() throws SQLException {
    long id = anyOrder();
    List<Integer> lines = orderLines.get(id);
    if (lines.isEmpty()) {
      addLine(id);
      return;
    }
    int line = lines.get(random.nextInt(lines.size()));
    int delta = 1 + random.nextInt(3);
    inTransaction(() -> {
      update("UPDATE `" + db + "`.order_lines SET qty = qty + ? WHERE order_id = ? AND line_no = ?", delta, id, line);
      recomputeTotal(id);
    });
  }

  private void addLine(long id) throws SQLException {
    List<Integer> lines = orderLines.get(id);
    int n = lines.isEmpty() ? 1 : lines.get(lines.size() - 1) + 1;
    inTransaction(() -> {
      insertLine(id, n);
      recomputeTotal(id);
    });
    lines.add(n);
  }

  private void removeLine() throws SQLException {
    long id = anyOrder();
    List<Integer> lines = orderLines.get(id);
    if (lines.size() < 2) {
      addLine(id);
      return;
    }
    Integer line = lines.get(random.nextInt(lines.size()));
    inTransaction(() -> {
      update("DELETE FROM `" + db + "`.order_lines WHERE order_id = ? AND line_no = ?", id, line);
      recomputeTotal(id);
    });
    lines.remove(line);
  }

  /** The lines (one statement, several rows), then the order. */
  private void deleteOrder() throws SQLException {
    long id = anyOrder();
    inTransaction(() -> {
      update("DELETE FROM `" + db + "`.order_lines WHERE order_id = ?", id);
      update("DELETE FROM `" + db + "`.orders WHERE id = ?", id);
    });
    orderLines.remove(id);
    orderStatus.remove(id);
    orderIds.remove(id);
  }

  private void insertLine(long order, int lineNo) throws SQLException {
    String sku = skus.get(random.nextInt(skus.size()));
    int qty = 1 + random.nextInt(5);
    BigDecimal price = BigDecimal.valueOf(199 + random.nextInt(5000), 2);
    update("INSERT INTO `" + db + "`.order_lines (order_id, line_no, sku, qty, price) VALUES (?, ?, ?, ?, ?)", order, lineNo, sku, qty, price);
    update("UPDATE `" + db + "`.products SET stock = stock - ?, updated_at = NOW(3) WHERE sku = ?", qty, sku);
  }

  private void recomputeTotal(long order) throws SQLException {
    update("UPDATE `" + db + "`.orders SET total = (SELECT COALESCE(SUM(qty * price), 0) FROM `" + db + "`.order_lines WHERE order_id = ?)"
        + " WHERE id = ?", order, order);
  }

  private long anyOrder() {
    return orderIds.get(random.nextInt(orderIds.size()));
  }

  private <T> List<T> pick(List<T> from, int count) {
    List<T> picked = new ArrayList<>();
    for (int i = 0; i < count && picked.size() < from.size(); i++) {
      T candidate = from.get(random.nextInt(from.size()));
      if (!picked.contains(candidate)) {
        picked.add(candidate);
      }
    }
    return picked;
  }

  private static String marks(int count) {
    StringJoiner j = new StringJoiner(", ");
    for (int i = 0; i < count; i++) {
      j.add("?");
    }
    return j.toString();
  }

  private static Object[] concat(Object first, List<?> rest) {
    List<Object> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all.toArray();
  }

  private void update(String sql, Object... params) throws SQLException {
    writer.update(sql, params);
  }

  private void inTransaction(SqlWriter.SqlAction action) throws SQLException {
    writer.inTransaction(action);
  }

  /** Errors of a server going away: SQLSTATE class 08, shutdown in progress (1053), lost or gone connection (2006, 2013). */
  private static boolean connectionError(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && ((s.getSQLState() != null && s.getSQLState().startsWith("08")) || s.getErrorCode() == 1053
          || s.getErrorCode() == 2006 || s.getErrorCode() == 2013)) {
        return true;
      }
    }
    return false;
  }

  private boolean connectionAlive() {
    try {
      return writer.connection().isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Opens a new connection (retrying for up to two minutes) and reloads the keys from the database. */
  private void reconnect() throws SQLException {
    try {
      writer.connection().close();
    } catch (SQLException e) {
      LOG.debug("closing the broken workload connection: {}", e.toString());
    }
    writer.replaceConnection(openWithRetry(jdbcUrl, user, password));
    reconnects.incrementAndGet();
    reload();
  }

  static Connection openWithRetry(String jdbcUrl, String user, String password) throws SQLException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    SQLException last;
    do {
      try {
        return DriverManager.getConnection(jdbcUrl, user, password);
      } catch (SQLException e) {
        last = e;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while reconnecting to " + jdbcUrl, e);
      }
    } while (System.nanoTime() < deadline);
    throw new SQLException("could not reconnect to " + jdbcUrl + " within two minutes", last);
  }

  private void reload() throws SQLException {
    customers.clear();
    orderLines.clear();
    orderStatus.clear();
    orderIds.clear();
    skus.clear();
    try (Statement s = writer.connection().createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT id FROM `" + db + "`.customers ORDER BY id")) {
        while (rs.next()) {
          customers.add(rs.getInt(1));
          nextCustomer = Math.max(nextCustomer, rs.getInt(1) + 1);
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT id, status FROM `" + db + "`.orders ORDER BY id")) {
        while (rs.next()) {
          long id = rs.getLong(1);
          orderIds.add(id);
          orderLines.put(id, new ArrayList<>());
          orderStatus.put(id, List.of(STATUSES).indexOf(rs.getString(2)));
          nextOrder = Math.max(nextOrder, id + 1);
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT order_id, line_no FROM `" + db + "`.order_lines ORDER BY order_id, line_no")) {
        while (rs.next()) {
          List<Integer> lines = orderLines.get(rs.getLong(1));
          if (lines != null) {
            lines.add(rs.getInt(2));
          }
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT sku FROM `" + db + "`.products ORDER BY sku")) {
        while (rs.next()) {
          skus.add(rs.getString(1));
        }
      }
    }
    nextSku = skus.size() + 1;
    LOG.info("workload reconnected: {} customers, {} orders, {} products", customers.size(), orderIds.size(), skus.size());
  }

  @Override
  public void close() throws SQLException {
    writer.connection().close();
  }
}
