package dev.sluice.benchmarks.embedded;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Row changes at a fixed rate, {@code rowsPerTransaction} per transaction (1: single-row
 * transactions): change {@code n} upserts row {@code id = n % keys + 1} of
 * {@code <database>.changes}, writing {@code n} into column {@value #CHANGE_COLUMN} (the join key of
 * the measurement); transaction {@code t} holds changes {@code t*k .. t*k+k-1} in one multi-row
 * upsert and is due at {@code origin + t*k / rate}. The first change of a key inserts the row, later
 * ones update it, so the view keeps {@code keys} documents however long the run.
 *
 * <p>Several JDBC connections take the next due change from one shared counter, so commits keep to
 * the schedule while one connection waits for a commit. Each statement runs in autocommit mode: it
 * returns when its transaction committed, and that moment is the change's commit time. A change
 * whose due time has passed runs at once (the schedule is not stretched); how far behind the
 * workload fell is reported as the largest slip.
 */
final class PacedWorkload {
  /** The table every change goes to. */
  static final String TABLE = "changes";
  /** The column holding the change number. */
  static final String CHANGE_COLUMN = "n";

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String database;
  private final int keys;
  private final int connections;
  private final int rowsPerTransaction;

  /**
   * What a run did.
   *
   * @param committed    changes committed
   * @param maxSlipNanos the longest a change started after its due time
   * @param error        the first failure (naming change, row and table), or null
   */
  record Outcome(int committed, long maxSlipNanos, String error) {}

  PacedWorkload(String jdbcUrl, String user, String password, String database, int keys, int connections, int rowsPerTransaction) {
    if (keys < 1 || connections < 1 || rowsPerTransaction < 1 || rowsPerTransaction > keys) {
      throw new IllegalArgumentException("keys, connections and rows per transaction must be positive, and rows per transaction at most "
          + "keys: " + keys + ", " + connections + ", " + rowsPerTransaction);
    }
    this.rowsPerTransaction = rowsPerTransaction;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.database = database;
    this.keys = keys;
    this.connections = connections;
  }

  /** The DDL of the table, in {@code database}. */
  static String createTable(String database) {
    return "CREATE TABLE `" + database + "`." + TABLE + " (id INT NOT NULL PRIMARY KEY, " + CHANGE_COLUMN + " BIGINT NOT NULL,"
        + " note VARCHAR(64) NOT NULL, amount DECIMAL(12,2) NOT NULL, updated_at DATETIME(3) NOT NULL)";
  }

  /** When change {@code n} is due, on the {@link System#nanoTime()} scale of {@code origin}. */
  static long dueNanos(long origin, long n, double rate) {
    return origin + (long) (n * 1e9 / rate);
  }

  /** The row change {@code n} writes. */
  static int key(long n, int keys) {
    return (int) (n % keys) + 1;
  }

  /**
   * Runs changes {@code 0 .. total - 1} at {@code rate} per second and returns when all are done, one
   * failed, or {@code abort} turned true.
   */
  Outcome run(int total, double rate, LatencyRecorder recorder, BooleanSupplier abort) throws InterruptedException {
    return run(total, rate, recorder, abort, null);
  }

  /**
   * As {@link #run(int, double, LatencyRecorder, BooleanSupplier)}, but no change starts once
   * {@code timeLimit} has passed since the first was due (null: no limit); those left out are not
   * an error.
   */
  Outcome run(int total, double rate, LatencyRecorder recorder, BooleanSupplier abort, java.time.Duration timeLimit)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger committed = new AtomicInteger();
    AtomicLong maxSlip = new AtomicLong();
    AtomicReference<String> error = new AtomicReference<>();
    int k = rowsPerTransaction;
    String sql = "INSERT INTO `" + database + "`." + TABLE + " (id, " + CHANGE_COLUMN + ", note, amount, updated_at) VALUES "
        + String.join(", ", java.util.Collections.nCopies(k, "(?, ?, ?, ?, NOW(3))"))
        + " ON DUPLICATE KEY UPDATE " + CHANGE_COLUMN + " = VALUES(" + CHANGE_COLUMN + "), note = VALUES(note), amount = VALUES(amount),"
        + " updated_at = VALUES(updated_at)";
    List<Connection> open = new ArrayList<>();
    try {
      for (int c = 0; c < connections; c++) {
        Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        open.add(connection);
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      closeAll(open);
      return new Outcome(0, 0, "could not open " + connections + " connections to " + jdbcUrl + ": " + e.getMessage());
    }
    long origin = System.nanoTime() + 1_000_000L;
    long stopAt = timeLimit == null ? Long.MAX_VALUE : origin + timeLimit.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (Connection connection : open) {
      Thread t = new Thread(() -> {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          while (error.get() == null && !abort.getAsBoolean()) {
            int first = next.getAndIncrement() * k;
            if (first + k > total || System.nanoTime() - stopAt > 0) {
              return;
            }
            long due = dueNanos(origin, first, rate);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
              LockSupport.parkNanos(wait);
            }
            maxSlip.accumulateAndGet(-wait, Math::max);
            for (int r = 0; r < k; r++) {
              int n = first + r;
              statement.setInt(4 * r + 1, key(n, keys));
              statement.setLong(4 * r + 2, n);
              statement.setString(4 * r + 3, "change " + n);
              statement.setBigDecimal(4 * r + 4, BigDecimal.valueOf(n % 10_000_000, 2));
            }
            try {
              statement.executeUpdate();
            } catch (SQLException e) {
              error.compareAndSet(null, "changes n=" + first + ".." + (first + k - 1) + " (rows id=" + key(first, keys) + ".. of " + database
                  + "." + TABLE + ") failed: " + e.getMessage());
              return;
            }
            long commit = System.nanoTime();
            for (int r = 0; r < k; r++) {
              recorder.committed(first + r, commit);
            }
            committed.addAndGet(k);
          }
        } catch (SQLException e) {
          error.compareAndSet(null, "could not prepare the statement on " + database + "." + TABLE + ": " + e.getMessage());
        }
      }, "latency-workload-" + threads.size());
      threads.add(t);
      t.start();
    }
    try {
      for (Thread t : threads) {
        t.join();
      }
    } finally {
      closeAll(open);
    }
    if (error.get() == null && committed.get() < total && abort.getAsBoolean()) {
      error.set("the workload stopped after " + committed.get() + " of " + total + " changes: the pipeline failed");
    }
    return new Outcome(committed.get(), maxSlip.get(), error.get());
  }

  private static void closeAll(List<Connection> open) {
    for (Connection c : open) {
      try {
        c.close();
      } catch (SQLException e) {
        // The measurement is done; a connection that fails to close changes nothing of it, but say so.
        System.err.println("closing a workload connection failed: " + e.getMessage());
      }
    }
  }
}
