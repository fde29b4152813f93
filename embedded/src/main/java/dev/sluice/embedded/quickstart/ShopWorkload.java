package dev.sluice.embedded.quickstart;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The sample shop: three tables (customers, orders, order_lines) and a scripted, seeded stream of
 * the changes a shop makes: new customers and orders (an order with its lines in one transaction),
 * status changes, quantity changes that update the order total, lines added and removed, orders
 * deleted with their lines, customers renamed and promoted.
 *
 * <p>It is the only writer of its database, so it keeps the keys it created in memory and every
 * statement it runs changes exactly the rows it means to.
 */
public final class ShopWorkload implements AutoCloseable {
  private static final String[] STATUSES = {"new", "paid", "packed", "shipped", "delivered"};
  private static final String[] TIERS = {"basic", "gold", "platinum"};
  private static final String[] FIRST = {"Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Frances", "Edsger", "Radia"};
  private static final String[] LAST = {"Lovelace", "Hopper", "Torvalds", "Liskov", "Thompson", "Hamilton", "Ritchie", "Allen", "Dijkstra",
      "Perlman"};
  private static final String[] SKUS = {"TEA-GREEN", "TEA-BLACK", "MUG-BLUE", "MUG-RED", "KETTLE", "FILTER-100", "SPOON", "TRAY"};

  private final SqlWriter writer;
  private final String db;
  private final Random random;
  private final List<Integer> customers = new ArrayList<>();
  private final Map<Long, List<Integer>> orders = new LinkedHashMap<>();
  private final Map<Long, Integer> orderStatus = new LinkedHashMap<>();
  private int nextCustomer = 1;
  private long nextOrder = 1000;

  private ShopWorkload(Connection connection, String db, long seed) {
    this.writer = new SqlWriter(connection);
    this.db = db;
    this.random = new Random(seed);
  }

  /**
   * Connects, and creates the database and its tables (dropping an older copy).
   *
   * @param jdbcUrl a server URL without database
   */
  public static ShopWorkload create(String jdbcUrl, String user, String password, String db, long seed) throws SQLException {
    Connection c = DriverManager.getConnection(jdbcUrl, user, password);
    try (Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS `" + db + "`");
      s.execute("CREATE DATABASE `" + db + "` CHARACTER SET utf8mb4");
      createTables(s, db);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return new ShopWorkload(c, db, seed);
  }

  /** Creates the shop's tables (customers, orders, order_lines) in {@code db}. */
  public static void createTables(Statement s, String db) throws SQLException {
    s.execute("CREATE TABLE `" + db + "`.customers ("
        + " id INT PRIMARY KEY,"
        + " name VARCHAR(100) NOT NULL,"
        + " email VARCHAR(200),"
        + " tier ENUM('basic','gold','platinum') NOT NULL DEFAULT 'basic',"
        + " created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))");
    s.execute("CREATE TABLE `" + db + "`.orders ("
        + " id BIGINT PRIMARY KEY,"
        + " customer_id INT NOT NULL,"
        + " status VARCHAR(20) NOT NULL,"
        + " total DECIMAL(12,2) NOT NULL,"
        + " placed_at DATETIME(6) NOT NULL,"
        + " note JSON NULL)");
    s.execute("CREATE TABLE `" + db + "`.order_lines ("
        + " order_id BIGINT NOT NULL,"
        + " line_no INT NOT NULL,"
        + " sku VARCHAR(40) NOT NULL,"
        + " qty INT NOT NULL,"
        + " price DECIMAL(10,2) NOT NULL,"
        + " PRIMARY KEY (order_id, line_no))");
  }

  /** Loads {@code customerCount} customers and {@code orderCount} orders. */
  public void seed(int customerCount, int orderCount) throws SQLException {
    for (int i = 0; i < customerCount; i++) {
      newCustomer();
    }
    for (int i = 0; i < orderCount; i++) {
      newOrder();
    }
  }

  /** One scripted change (one transaction). */
  public void step() throws SQLException {
    int dice = random.nextInt(100);
    if (customers.isEmpty() || dice < 5) {
      newCustomer();
    } else if (orders.isEmpty() || dice < 30) {
      newOrder();
    } else if (dice < 50) {
      advanceOrder();
    } else if (dice < 65) {
      changeQuantity();
    } else if (dice < 75) {
      addLine();
    } else if (dice < 82) {
      removeLine();
    } else if (dice < 88) {
      deleteOrder();
    } else {
      updateCustomer();
    }
  }

  /** Rows inserted, updated or deleted so far (each is one change event). */
  public long rowChanges() {
    return writer.rowChanges();
  }

  /** Transactions committed so far. */
  public long transactions() {
    return writer.transactions();
  }

  /** The database. */
  public String database() {
    return db;
  }

  private void newCustomer() throws SQLException {
    int id = nextCustomer++;
    String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
    inTransaction(() -> update("INSERT INTO `" + db + "`.customers (id, name, email, tier) VALUES (?, ?, ?, ?)",
        id, name, random.nextInt(5) == 0 ? null : name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.com",
        TIERS[random.nextInt(2)]));
    customers.add(id);
  }

  private void updateCustomer() throws SQLException {
    int id = customers.get(random.nextInt(customers.size()));
    String tier = TIERS[random.nextInt(TIERS.length)];
    String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)] + " " + random.nextInt(1000);
    inTransaction(() -> update("UPDATE `" + db + "`.customers SET name = ?, tier = ? WHERE id = ?", name, tier, id));
  }

  private void newOrder() throws SQLException {
    long id = nextOrder++;
    int customer = customers.get(random.nextInt(customers.size()));
    int lines = 1 + random.nextInt(4);
    List<Integer> lineNumbers = new ArrayList<>();
    String note = random.nextInt(3) == 0 ? null
        : "{\"channel\": \"" + (random.nextBoolean() ? "web" : "store") + "\", \"gift\": " + random.nextBoolean() + ", \"tags\": [\"q" + random.nextInt(5)
            + "\"]}";
    inTransaction(() -> {
      update("INSERT INTO `" + db + "`.orders (id, customer_id, status, total, placed_at, note) VALUES (?, ?, 'new', 0, NOW(6), ?)", id, customer,
          note);
      for (int n = 1; n <= lines; n++) {
        insertLine(id, n);
        lineNumbers.add(n);
      }
      recomputeTotal(id);
    });
    orders.put(id, lineNumbers);
    orderStatus.put(id, 0);
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

  private void changeQuantity() throws SQLException {
    long id = anyOrder();
    List<Integer> lines = orders.get(id);
    if (lines.isEmpty()) {
      addLine(id);
      return;
    }
    int line = lines.get(random.nextInt(lines.size()));
    inTransaction(() -> {
      update("UPDATE `" + db + "`.order_lines SET qty = qty + ? WHERE order_id = ? AND line_no = ?", 1 + random.nextInt(3), id, line);
      recomputeTotal(id);
    });
  }

  private void addLine() throws SQLException {
    addLine(anyOrder());
  }

  private void addLine(long id) throws SQLException {
    List<Integer> lines = orders.get(id);
    int n = lines.isEmpty() ? 1 : lines.get(lines.size() - 1) + 1;
    inTransaction(() -> {
      insertLine(id, n);
      recomputeTotal(id);
    });
    lines.add(n);
  }

  private void removeLine() throws SQLException {
    long id = anyOrder();
    List<Integer> lines = orders.get(id);
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

  private void deleteOrder() throws SQLException {
    long id = anyOrder();
    int lines = orders.get(id).size();
    inTransaction(() -> {
      int deleted = update("DELETE FROM `" + db + "`.order_lines WHERE order_id = ?", id);
      if (deleted != lines) {
        throw new SQLException("order " + id + " should have had " + lines + " lines but " + deleted + " were deleted");
      }
      update("DELETE FROM `" + db + "`.orders WHERE id = ?", id);
    });
    orders.remove(id);
    orderStatus.remove(id);
  }

  private long anyOrder() {
    List<Long> ids = new ArrayList<>(orders.keySet());
    return ids.get(random.nextInt(ids.size()));
  }

  private void insertLine(long order, int lineNo) throws SQLException {
    BigDecimal price = BigDecimal.valueOf(199 + random.nextInt(5000), 2);
    update("INSERT INTO `" + db + "`.order_lines (order_id, line_no, sku, qty, price) VALUES (?, ?, ?, ?, ?)", order, lineNo,
        SKUS[random.nextInt(SKUS.length)], 1 + random.nextInt(5), price);
  }

  private void recomputeTotal(long order) throws SQLException {
    // Changes the row only when the total changed; MySQL writes no row event for an unchanged row.
    update("UPDATE `" + db + "`.orders SET total = (SELECT COALESCE(SUM(qty * price), 0) FROM `" + db + "`.order_lines WHERE order_id = ?)"
        + " WHERE id = ?", order, order);
  }

  private int update(String sql, Object... params) throws SQLException {
    return writer.update(sql, params);
  }

  private void inTransaction(SqlWriter.SqlAction action) throws SQLException {
    writer.inTransaction(action);
  }

  @Override
  public void close() throws SQLException {
    writer.connection().close();
  }
}
