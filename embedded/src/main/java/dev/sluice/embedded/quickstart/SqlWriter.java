package dev.sluice.embedded.quickstart;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The statements of a workload on one connection: counts the rows they change (each one change
 * event) and the transactions committed, which the workloads report and the tests check against.
 */
public final class SqlWriter {
  private Connection connection;
  private final AtomicLong rowChanges = new AtomicLong();
  private final AtomicLong transactions = new AtomicLong();

  public SqlWriter(Connection connection) {
    this.connection = connection;
  }

  public Connection connection() {
    return connection;
  }

  /** Writes on {@code replacement} from now on (after a reconnect); the counts go on. */
  public void replaceConnection(Connection replacement) {
    this.connection = replacement;
  }

  /** Runs one statement with {@code params} and counts the rows it changed; returns that count. */
  public int update(String sql, Object... params) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      int rows = s.executeUpdate();
      rowChanges.addAndGet(rows);
      return rows;
    }
  }

  /**
   * Runs {@code action} as one transaction. On failure it is rolled back and the failure thrown, with
   * any failure of the rollback itself (a connection that broke) attached as suppressed.
   */
  public void inTransaction(SqlAction action) throws SQLException {
    connection.setAutoCommit(false);
    try {
      action.run();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
        connection.setAutoCommit(true);
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
    transactions.incrementAndGet();
    connection.setAutoCommit(true);
  }

  /** Rows inserted, updated or deleted so far. */
  public long rowChanges() {
    return rowChanges.get();
  }

  /** Transactions committed so far. */
  public long transactions() {
    return transactions.get();
  }

  /** The statements of one transaction. */
  @FunctionalInterface
  public interface SqlAction {
    void run() throws SQLException;
  }
}
