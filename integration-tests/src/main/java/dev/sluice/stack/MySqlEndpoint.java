package dev.sluice.stack;

/**
 * A MySQL or MariaDB server the tests talk to: one the stack started, or an external one named by
 * {@code SLUICE_MYSQL_URL}.
 */
public interface MySqlEndpoint extends AutoCloseable {
  /** Name and password of the account the Sluice source connector logs in with (see {@link Grants}). */
  String CONNECTOR_USER = "sluice";
  String CONNECTOR_PASSWORD = "sluice-pw";

  String host();

  int port();

  /** An account allowed to create schemas, users and data. */
  String adminUser();

  String adminPassword();

  /** JDBC URL for the MariaDB driver (which also speaks to MySQL), without credentials. */
  default String jdbcUrl(String database) {
    return "jdbc:mariadb://" + host() + ":" + port() + "/" + (database == null ? "" : database);
  }

  /** {@code server_id} the server writes into its binlog. */
  long serverId();

  @Override
  void close();
}
