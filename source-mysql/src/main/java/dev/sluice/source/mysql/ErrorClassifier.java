package dev.sluice.source.mysql;

import com.github.shyiko.mysql.binlog.network.AuthenticationException;
import com.github.shyiko.mysql.binlog.network.ServerException;
import dev.sluice.source.mysql.offset.SourceOffset;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Decides whether a failure talking to the server is worth retrying (network trouble, a restarting
 * server) or fatal (credentials, privileges, a purged binlog, undecodable data), and words fatal
 * ones so the user knows which host, account and setting to look at.
 */
public final class ErrorClassifier {
  /** Got fatal error from master when reading data from binary log: purged file or unknown GTID. */
  public static final int ER_MASTER_FATAL_ERROR_READING_BINLOG = 1236;
  private static final int ER_ACCESS_DENIED = 1045;
  private static final int ER_DBACCESS_DENIED = 1044;
  private static final int ER_SPECIFIC_ACCESS_DENIED = 1227;
  private static final int ER_TABLEACCESS_DENIED = 1142;
  private static final int ER_SERVER_SHUTDOWN = 1053;

  /** Retry, or give up. */
  public enum Kind { TRANSIENT, FATAL }

  private ErrorClassifier() {
  }

  public static Kind classify(Throwable error) {
    if (error instanceof org.apache.kafka.connect.errors.DataException || error instanceof org.apache.kafka.connect.errors.ConnectException) {
      // Undecodable or unconvertible data does not heal by retrying.
      return Kind.FATAL;
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof AuthenticationException) {
        return Kind.FATAL;
      }
      if (t instanceof ServerException se) {
        return switch (se.getErrorCode()) {
          case ER_MASTER_FATAL_ERROR_READING_BINLOG, ER_ACCESS_DENIED, ER_DBACCESS_DENIED, ER_SPECIFIC_ACCESS_DENIED, ER_TABLEACCESS_DENIED -> Kind.FATAL;
          default -> Kind.TRANSIENT;
        };
      }
      if (t instanceof SQLException sql) {
        if (isAuthenticationFailure(sql)) {
          return Kind.FATAL;
        }
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("HY") || sql.getErrorCode() == ER_SERVER_SHUTDOWN)) {
          return Kind.TRANSIENT;
        }
      }
    }
    Throwable root = rootCause(error);
    if (root instanceof IOException || root instanceof TimeoutException) {
      return Kind.TRANSIENT;
    }
    if (error instanceof SQLException) {
      return Kind.TRANSIENT;
    }
    return Kind.FATAL;
  }

  public static boolean isAuthenticationFailure(SQLException e) {
    return e.getErrorCode() == ER_ACCESS_DENIED || "28000".equals(e.getSQLState());
  }

  /** A purged binlog or a GTID the server no longer has. */
  public static boolean isBinlogGone(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ServerException se && se.getErrorCode() == ER_MASTER_FATAL_ERROR_READING_BINLOG) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the server's refusal (error 1236) says the requested GTIDs were never in its history,
   * rather than purged from it: MariaDB's "... which is not in the master's binlog", MySQL's "...
   * has more GTIDs than the source has".
   */
  private static boolean isDivergedHistory(String reason) {
    String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    return r.contains("not in the master's binlog") || r.contains("diverged") || r.contains("more gtids than the");
  }

  /**
   * The message of a fatal failure: what failed, against which server and account, where the
   * connector stood, and what to do.
   */
  public static String describeFatal(Throwable error, String host, int port, String user, SourceOffset position) {
    String where = host + ":" + port + " as '" + user + "'";
    String at = position == null ? "" : " (position: binlog " + position.file() + ":" + position.position()
        + (position.hasGtids() ? ", GTID set " + position.gtids() : "") + ")";
    if (isBinlogGone(error)) {
      String reason = rootCause(error).getMessage();
      String startOver = "start the connector over from the current position by deleting its offsets "
          + "(stop it, DELETE /connectors/<name>/offsets, resume); changes made in between are not captured.";
      if (isDivergedHistory(reason)) {
        return "the GTID set the connector must resume from is not in the binlog history of " + where + at + ": " + reason
            + ". The stored offset was not written by this server's history: the connector now points at another server, "
            + "a failover went to a server without those transactions, or the binlog was reset (RESET MASTER). Point "
            + MySqlSourceConfig.HOSTNAME_CONFIG + " at the server the offsets came from, or " + startOver;
      }
      return "the binlog the connector must resume from is no longer on " + where + at + ": " + reason
          + ". The server purged it while the connector was stopped or behind. Keep binlogs longer (binlog_expire_logs_seconds / "
          + "expire_logs_days) and " + startOver;
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof AuthenticationException || (t instanceof ServerException se && se.getErrorCode() == ER_ACCESS_DENIED)
          || (t instanceof SQLException sql && isAuthenticationFailure(sql))) {
        return "the server at " + where + " refused the login: " + t.getMessage() + ". Check " + MySqlSourceConfig.USER_CONFIG + " and "
            + MySqlSourceConfig.PASSWORD_CONFIG + ".";
      }
      if (t instanceof ServerException se && (se.getErrorCode() == ER_SPECIFIC_ACCESS_DENIED || se.getErrorCode() == ER_DBACCESS_DENIED
          || se.getErrorCode() == ER_TABLEACCESS_DENIED)) {
        return "the account " + where + " lacks a privilege: " + t.getMessage()
            + ". GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO the account (" + MySqlSourceConfig.USER_CONFIG + ").";
      }
    }
    return "reading the binlog of " + where + " failed" + at + ": " + error;
  }

  private static Throwable rootCause(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
