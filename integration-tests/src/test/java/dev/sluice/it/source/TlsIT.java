package dev.sluice.it.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.support.SourceTasks;
import dev.sluice.source.mysql.MySqlSourceConfig;
import dev.sluice.source.mysql.SluiceMySqlSourceTask;
import dev.sluice.source.mysql.schema.InformationSchemaColumnHints;
import dev.sluice.source.mysql.server.JdbcConnections;
import dev.sluice.stack.MariaDbServer;
import dev.sluice.stack.MySqlEndpoint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code database.ssl.mode} against a real MariaDB that serves TLS (its auto-generated certificate):
 * the default {@code preferred} encrypts the connector's JDBC connections (and {@code disabled} does
 * not), and the task streams over TLS with the default. The fallback to plain TCP on servers without
 * TLS runs in every other source IT, whose servers start with {@code --skip-ssl}.
 */
class TlsIT {
  private static MariaDbServer server;

  @BeforeAll
  static void startMariaDbWithTls() {
    Path dir = Path.of(System.getProperty("sluice.stack.dir", "target/stack"), "TlsIT-" + System.nanoTime());
    server = MariaDbServer.builder(dir).tls(true).build().start();
  }

  @AfterAll
  static void stopMariaDb() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void preferredEncryptsTheJdbcConnectionsAndDisabledDoesNot() throws SQLException {
    assertThat(cipher(new JdbcConnections(server.host(), server.port(), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD,
        "preferred", 10_000).open())).as("Ssl_cipher of a preferred connection").isNotEmpty();
    assertThat(cipher(new JdbcConnections(server.host(), server.port(), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD,
        "required", 10_000).open())).as("Ssl_cipher of a required connection").isNotEmpty();
    assertThat(cipher(new JdbcConnections(server.host(), server.port(), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD,
        "disabled", 10_000).open())).as("Ssl_cipher of a disabled connection").isEmpty();
    // The snapshot's and the column hints' connections come from the same place.
    assertThat(cipher(InformationSchemaColumnHints.connections(new MySqlSourceConfig(config())).open())).isNotEmpty();
  }

  @Test
  void theTaskStreamsWithTheDefaultSslMode() throws Exception {
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE tls_it");
      s.execute("CREATE TABLE tls_it.t (id INT PRIMARY KEY, v VARCHAR(10))");
    }
    SluiceMySqlSourceTask task = SourceTasks.start(config(), null);
    List<SourceRecord> records;
    try {
      try (Connection c = admin(); Statement s = c.createStatement()) {
        s.execute("INSERT INTO tls_it.t VALUES (1, 'secret')");
      }
      records = SourceTasks.poll(task, "tls.tls_it.t", 1, Duration.ofSeconds(60));
    } finally {
      task.stop();
    }
    assertThat(records).as("the insert, streamed within 60 s").hasSize(1);
    assertThat(((Struct) records.get(0).value()).getStruct("after").getString("v")).isEqualTo("secret");
  }

  private static Map<String, String> config() {
    Map<String, String> c = new HashMap<>();
    c.put("database.hostname", server.host());
    c.put("database.port", Integer.toString(server.port()));
    c.put("database.user", MySqlEndpoint.CONNECTOR_USER);
    c.put("database.password", MySqlEndpoint.CONNECTOR_PASSWORD);
    c.put("database.server.id", "7301");
    c.put("topic.prefix", "tls");
    c.put("database.include.list", "tls_it");
    return c;
  }

  private static String cipher(Connection connection) throws SQLException {
    try (connection; Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
      assertThat(rs.next()).as("Ssl_cipher status row").isTrue();
      return rs.getString(2);
    }
  }

  private static Connection admin() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(null), server.adminUser(), server.adminPassword());
  }
}
