package dev.sluice.source.mysql.server;

import dev.sluice.source.mysql.offset.GtidState;
import dev.sluice.source.mysql.offset.SourceOffset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the connector asks the server over JDBC: its flavour and version, the replication-relevant
 * variables, the connector account's grants, the current binlog position and which binlog files
 * still exist. One short-lived connection per probe.
 */
public final class ServerProbe implements AutoCloseable {
  private final Connection connection;
  private final String description;

  private ServerProbe(Connection connection, String description) {
    this.connection = connection;
    this.description = description;
  }

  /**
   * Opens a connection. {@code sslMode} is the connector's {@code database.ssl.mode} (see
   * {@link JdbcConnections} for how {@code preferred} is done).
   */
  public static ServerProbe open(String host, int port, String user, String password, String sslMode, int timeoutMillis) throws SQLException {
    return over(new JdbcConnections(host, port, user, password, sslMode, timeoutMillis).open(), user + "@" + host + ":" + port);
  }

  /**
   * A probe over {@code connection}, which it closes.
   *
   * @param description where the connection goes, for messages ({@code user@host:port}; never a password)
   */
  public static ServerProbe over(Connection connection, String description) {
    return new ServerProbe(connection, description);
  }

  public String description() {
    return description;
  }

  public ServerFlavor flavor() throws SQLException {
    String version = string("SELECT VERSION()");
    return ServerFlavor.fromVersion(version);
  }

  /** Global variables by name (lower case), for the names given. */
  public Map<String, String> variables(List<String> names) throws SQLException {
    Map<String, String> values = new HashMap<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES")) {
      while (rs.next()) {
        String name = rs.getString(1).toLowerCase(Locale.ROOT);
        if (names.contains(name)) {
          values.put(name, rs.getString(2));
        }
      }
    }
    return values;
  }

  /** The connector account's own grants ({@code SHOW GRANTS}), upper-cased. */
  public List<String> grants() throws SQLException {
    List<String> grants = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SHOW GRANTS")) {
      while (rs.next()) {
        grants.add(rs.getString(1).toUpperCase(Locale.ROOT));
      }
    }
    return grants;
  }

  /**
   * MariaDB's replication state at a binlog position ({@code BINLOG_GTID_POS}): the GTID set a
   * replica sends to resume there. Empty when the server cannot say (the position is not at an
   * event group's start, or its file is gone).
   */
  public Optional<String> mariaDbGtidsAt(String file, long position) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
      s.setString(1, file);
      s.setLong(2, position);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** The names of the binlog files the server still has. */
  public List<String> binlogFiles() throws SQLException {
    List<String> files = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
      while (rs.next()) {
        files.add(rs.getString(1));
      }
    }
    return files;
  }

  /**
   * The transactions after {@code gtids} (the connector's stored GTID state) that the server has
   * purged from its binlogs, described for a log line or an error; empty when the server still has
   * everything after it. MySQL: {@code GTID_SUBTRACT(@@gtid_purged, gtids)}. MariaDB (which has no
   * {@code gtid_purged}): the GTID list that opens the oldest binlog file, compared per domain.
   */
  public Optional<String> purgedAfter(ServerFlavor flavor, String gtids) throws SQLException {
    if (flavor.isMariaDb()) {
      List<String> files = binlogFiles();
      if (files.isEmpty()) {
        return Optional.empty();
      }
      String oldest = files.get(0);
      String list = null;
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery("SHOW BINLOG EVENTS IN '" + oldest.replace("'", "''") + "' LIMIT 4")) {
        while (rs.next()) {
          if ("Gtid_list".equalsIgnoreCase(rs.getString("Event_type"))) {
            list = rs.getString("Info");
            break;
          }
        }
      }
      if (list == null) {
        return Optional.empty();
      }
      List<String> missing = new GtidState.MariaDb(gtids).purgedBefore(list);
      return missing.isEmpty() ? Optional.empty()
          : Optional.of(String.join("; ", missing) + " (oldest binlog " + oldest + " starts after " + list + ")");
    }
    try (PreparedStatement s = connection.prepareStatement("SELECT GTID_SUBTRACT(@@GLOBAL.gtid_purged, ?)")) {
      s.setString(1, gtids);
      try (ResultSet rs = s.executeQuery()) {
        String missing = rs.next() ? rs.getString(1) : null;
        return missing == null || missing.isBlank() ? Optional.empty()
            : Optional.of(missing.replace("\n", "") + " (in @@gtid_purged)");
      }
    }
  }

  /** The end of the binlog now: where a connector without offsets starts streaming. */
  public SourceOffset currentPosition(ServerFlavor flavor) throws SQLException {
    String file;
    long position;
    String statusQuery = flavor.isMariaDb() || flavor.majorVersion() < 8 || (flavor.majorVersion() == 8 && flavor.minorVersion() < 2)
        ? "SHOW MASTER STATUS" : "SHOW BINARY LOG STATUS";
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(statusQuery)) {
      if (!rs.next()) {
        throw new SQLException("binary logging is off on " + description + ": " + statusQuery + " returned nothing (set log_bin)");
      }
      file = rs.getString(1);
      position = rs.getLong(2);
    }
    String gtids;
    if (flavor.isMariaDb()) {
      gtids = string("SELECT @@GLOBAL.gtid_binlog_pos");
    } else {
      String mode = string("SELECT @@GLOBAL.gtid_mode");
      gtids = "ON".equalsIgnoreCase(mode) ? string("SELECT @@GLOBAL.gtid_executed").replace("\n", "") : "";
    }
    return new SourceOffset(gtids == null ? "" : gtids, file, position, 0, 0);
  }

  private String string(String query) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
