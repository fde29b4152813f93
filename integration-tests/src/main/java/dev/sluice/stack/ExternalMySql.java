package dev.sluice.stack;

import java.net.URI;

/**
 * An external MySQL or MariaDB named by {@code SLUICE_MYSQL_URL}, e.g.
 * {@code mysql://admin:secret@db.example:3306?serverId=1}. The admin account must be able to create
 * databases and users; the stack creates the connector account with exactly {@link Grants}.
 */
public record ExternalMySql(String host, int port, String adminUser, String adminPassword, long serverId) implements MySqlEndpoint {

  /** Parses {@code [jdbc:]mysql|mariadb://user:password@host:port[?serverId=N]}. */
  public static ExternalMySql parse(String url) {
    String plain = url.startsWith("jdbc:") ? url.substring(5) : url;
    URI uri = URI.create(plain);
    if (uri.getHost() == null || uri.getUserInfo() == null) {
      throw new IllegalArgumentException("SLUICE_MYSQL_URL must look like mysql://user:password@host:port, got '" + url + "'");
    }
    String[] user = uri.getUserInfo().split(":", 2);
    long serverId = 1;
    if (uri.getQuery() != null) {
      for (String pair : uri.getQuery().split("&")) {
        if (pair.startsWith("serverId=")) {
          serverId = Long.parseLong(pair.substring("serverId=".length()));
        }
      }
    }
    return new ExternalMySql(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 3306, user[0], user.length > 1 ? user[1] : "", serverId);
  }

  @Override
  public void close() {
    // the external server outlives the tests
  }
}
