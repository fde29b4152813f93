package dev.sluice.source.mysql.schema;

import dev.sluice.source.mysql.MySqlSourceConfig;
import dev.sluice.source.mysql.server.JdbcConnections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ColumnHints} from information_schema ({@code COLUMNS}, {@code CHECK_CONSTRAINTS},
 * {@code COLLATIONS}) over short-lived connections: one query per table shape (the schema
 * factory caches the result), no connection held between lookups. Needs only the connector
 * account's SELECT privilege.
 */
public final class InformationSchemaColumnHints implements ColumnHints {
  private static final Logger LOG = LoggerFactory.getLogger(InformationSchemaColumnHints.class);
  private static final Pattern JSON_CHECK = Pattern.compile("^\\s*json_valid\\s*\\(\\s*`?([^`]+?)`?\\s*\\)\\s*$", Pattern.CASE_INSENSITIVE);

  private final ConnectionSupplier connections;
  private final String description;
  private volatile Boolean mariaDb;
  private final Map<Integer, Optional<String>> collationCharsets = new ConcurrentHashMap<>();

  /**
   * @param connections opens connections to the source server
   * @param description where the connections go, for error messages (e.g. {@code user@host:port}; never a password)
   */
  public InformationSchemaColumnHints(ConnectionSupplier connections, String description) {
    this.connections = connections;
    this.description = description;
  }

  /** Hints read over {@code connections}, which go to the server of {@code config}. */
  public static InformationSchemaColumnHints forConfig(MySqlSourceConfig config, ConnectionSupplier connections) {
    return new InformationSchemaColumnHints(connections, description(config));
  }

  /** Where the connector's connections go, for messages: {@code user@host:port}. */
  public static String description(MySqlSourceConfig config) {
    return config.user() + "@" + config.hostname() + ":" + config.port();
  }

  /**
   * Opens connections with the connector's own account and TLS settings (also used by snapshots
   * and the start-up probe). Share one per task: it remembers a server without TLS.
   */
  public static ConnectionSupplier connections(MySqlSourceConfig config) {
    JdbcConnections connections = new JdbcConnections(config.hostname(), config.port(), config.user(),
        config.password() == null ? null : config.password().value(), config.sslMode(), (int) config.connectTimeout().toMillis());
    return connections::open;
  }

  @Override
  public boolean mariaDb() {
    Boolean known = mariaDb;
    if (known == null) {
      try (Connection c = connections.open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
        rs.next();
        known = rs.getString(1).toLowerCase(Locale.ROOT).contains("mariadb");
        mariaDb = known;
      } catch (SQLException e) {
        throw new ConnectException("cannot read the server version from " + description + ": " + e.getMessage(), e);
      }
    }
    return known;
  }

  @Override
  public Map<String, ColumnHint> columns(TableId table) {
    Map<String, ColumnHint> hints = new HashMap<>();
    try (Connection c = connections.open()) {
      Map<String, Boolean> json = jsonChecks(c, table);
      try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_SET_NAME "
          + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
        ps.setString(1, table.database());
        ps.setString(2, table.table());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String name = rs.getString(1);
            String key = name.toLowerCase(Locale.ROOT);
            boolean isJson = "json".equalsIgnoreCase(rs.getString(2)) || json.getOrDefault(key, false);
            hints.put(key, new ColumnHint(name, rs.getString(3), rs.getString(4), isJson));
          }
        }
      }
    } catch (SQLException e) {
      throw new ConnectException("cannot read the columns of " + table.qualified() + " from information_schema on " + description + ": "
          + e.getMessage(), e);
    }
    if (hints.isEmpty()) {
      LOG.warn("information_schema on {} has no columns for {} (dropped or renamed since this binlog event?): "
          + "its JSON columns are emitted as plain strings and TINYINT(1) as int16 for this table shape", description, table.qualified());
    }
    return hints;
  }

  /** MariaDB's JSON: a column-level CHECK (json_valid(`col`)). MySQL has no such table before 8.0.16 and needs none. */
  private static Map<String, Boolean> jsonChecks(Connection c, TableId table) throws SQLException {
    Map<String, Boolean> json = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
        + "WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?")) {
      ps.setString(1, table.database());
      ps.setString(2, table.table());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Matcher m = JSON_CHECK.matcher(rs.getString(1));
          if (m.matches()) {
            json.put(m.group(1).toLowerCase(Locale.ROOT), true);
          }
        }
      }
    } catch (SQLException e) {
      if (!"42S02".equals(e.getSQLState())) {
        throw e;
      }
      LOG.debug("no information_schema.CHECK_CONSTRAINTS on this server: {}", e.getMessage());
    }
    return json;
  }

  @Override
  public Optional<String> charsetOfCollation(int collationId) {
    return collationCharsets.computeIfAbsent(collationId, id -> {
      try (Connection c = connections.open();
          PreparedStatement ps = c.prepareStatement("SELECT CHARACTER_SET_NAME FROM information_schema.COLLATIONS WHERE ID = ?")) {
        ps.setInt(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
      } catch (SQLException e) {
        throw new ConnectException("cannot look up collation " + id + " in information_schema on " + description + ": " + e.getMessage(), e);
      }
    });
  }

  @Override
  public String toString() {
    return "information_schema hints from " + description;
  }
}
