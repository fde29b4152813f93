package dev.sluice.source.mysql.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * JDBC connections to the source server through the MariaDB driver (which also speaks to MySQL),
 * with the connector's account, timeouts and {@code database.ssl.mode}. The driver has no
 * "preferred" mode, so {@code preferred} is done as MySQL clients do it: TLS without certificate
 * checks when the server offers it ({@code sslMode=trust}), plain TCP when the server answers
 * that it has no TLS. Once a server has said so, this instance's later connections go plain
 * straight away. Use {@code required}, {@code verify_ca} or {@code verify_identity} to refuse
 * plain connections.
 */
public final class JdbcConnections {
  /** What the driver says when it asked for TLS and the server has none. */
  static final String SERVER_WITHOUT_TLS = "ssl not enabled in the server";

  /** Opens one connection with the given driver properties. */
  @FunctionalInterface
  interface Opener {
    Connection open(String url, Properties props) throws SQLException;
  }

  private final String url;
  private final Properties props;
  private final String sslMode;
  private final Opener opener;
  private final AtomicBoolean serverWithoutTls = new AtomicBoolean();

  /** @param sslMode the connector's {@code database.ssl.mode}: disabled, preferred, required, verify_ca, verify_identity */
  public JdbcConnections(String host, int port, String user, String password, String sslMode, int timeoutMillis) {
    this(host, port, user, password, sslMode, timeoutMillis, DriverManager::getConnection);
  }

  JdbcConnections(String host, int port, String user, String password, String sslMode, int timeoutMillis, Opener opener) {
    this.url = "jdbc:mariadb://" + host + ":" + port + "/";
    this.props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password == null ? "" : password);
    props.setProperty("connectTimeout", Integer.toString(timeoutMillis));
    props.setProperty("socketTimeout", Integer.toString(Math.max(timeoutMillis, 30_000)));
    this.sslMode = sslMode;
    this.opener = opener;
    // An unknown mode fails here, not at the first connection.
    driverSslMode(sslMode);
  }

  /** The driver's {@code sslMode} for a {@code database.ssl.mode} ({@code preferred}: its first try). */
  static String driverSslMode(String sslMode) {
    return switch (sslMode) {
      case "disabled" -> "disable";
      case "preferred", "required" -> "trust";
      case "verify_ca" -> "verify-ca";
      case "verify_identity" -> "verify-full";
      default -> throw new IllegalArgumentException("unknown database.ssl.mode '" + sslMode + "'");
    };
  }

  public Connection open() throws SQLException {
    boolean preferred = "preferred".equals(sslMode);
    if (preferred && serverWithoutTls.get()) {
      return opener.open(url, with("disable"));
    }
    try {
      return opener.open(url, with(driverSslMode(sslMode)));
    } catch (SQLException e) {
      if (!preferred || !saysServerHasNoTls(e)) {
        throw e;
      }
      serverWithoutTls.set(true);
      return opener.open(url, with("disable"));
    }
  }

  private Properties with(String driverSslMode) {
    Properties p = new Properties();
    p.putAll(props);
    p.setProperty("sslMode", driverSslMode);
    return p;
  }

  private static boolean saysServerHasNoTls(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(SERVER_WITHOUT_TLS)) {
        return true;
      }
    }
    return false;
  }
}
