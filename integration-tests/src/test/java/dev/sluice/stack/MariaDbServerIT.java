package dev.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MariaDB launcher: restarts keep data and the binlog's GTID history, extra server options take
 * effect (negative tests start servers with wrong binlog settings), and a {@code mariadbd} from PATH
 * works too where one is installed.
 */
class MariaDbServerIT {

  static Stream<MariaDbServer.Binary> binaries() {
    return Stream.of(new MariaDbServer.Binary.FromMaven(System.getProperty("sluice.mariadb.version", "11.4.5")),
        new MariaDbServer.Binary.FromPath());
  }

  @ParameterizedTest
  @MethodSource("binaries")
  void restartKeepsDataAndGtidHistoryAndExtraOptionsApply(MariaDbServer.Binary binary) throws Exception {
    if (binary instanceof MariaDbServer.Binary.FromPath) {
      boolean onPath = Stream.of(System.getenv("PATH").split(":"), new String[] {"/usr/sbin"})
          .flatMap(Stream::of).anyMatch(d -> Files.isExecutable(Path.of(d, "mariadbd")));
      if (!onPath) {
        System.out.println("[MariaDbServerIT] SKIPPED for mariadbd from PATH: no mariadbd on PATH or in /usr/sbin (install Debian's mariadb-server to test 10.11)");
      }
      Assumptions.assumeTrue(onPath, "no mariadbd on PATH");
    }
    Path dir = Path.of(System.getProperty("sluice.stack.dir", "target/stack"), "MariaDbServerIT-" + System.nanoTime());
    try (MariaDbServer server = MariaDbServer.builder(dir).binary(binary).serverId(7)
        .extraArg("--binlog-row-metadata=MINIMAL").generalLog(true).build().start()) {
      System.out.println("[MariaDbServerIT] " + server + " started in " + server.lastStartup().toMillis() + " ms");
      String gtidBefore;
      try (Connection c = connect(server); Statement s = c.createStatement()) {
        assertThat(variable(s, "binlog_row_metadata")).isEqualTo("MINIMAL");
        assertThat(variable(s, "server_id")).isEqualTo("7");
        s.execute("CREATE DATABASE restart_it");
        s.execute("CREATE TABLE restart_it.t (id INT PRIMARY KEY)");
        s.execute("INSERT INTO restart_it.t VALUES (1), (2)");
        gtidBefore = variable(s, "gtid_binlog_pos");
        assertThat(gtidBefore).startsWith("0-7-");
      }
      server.stop();
      assertThat(server.isRunning()).isFalse();
      assertThat(ManagedProcess.portOpen(server.port())).isFalse();
      server.start();
      try (Connection c = connect(server); Statement s = c.createStatement()) {
        assertThat(variable(s, "gtid_binlog_pos")).isEqualTo(gtidBefore);
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM restart_it.t")) {
          rs.next();
          assertThat(rs.getInt(1)).isEqualTo(2);
        }
        s.execute("INSERT INTO restart_it.t VALUES (3)");
        long seqBefore = Long.parseLong(gtidBefore.substring(gtidBefore.lastIndexOf('-') + 1));
        String gtidAfter = variable(s, "gtid_binlog_pos");
        assertThat(Long.parseLong(gtidAfter.substring(gtidAfter.lastIndexOf('-') + 1))).isGreaterThan(seqBefore);
      }
      List<String> general = Files.readAllLines(server.generalLogFile());
      assertThat(general).anyMatch(l -> l.contains("INSERT INTO restart_it.t VALUES (3)"));
    }
  }

  private static Connection connect(MariaDbServer server) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(null), server.adminUser(), server.adminPassword());
  }

  private static String variable(Statement s, String name) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT @@GLOBAL." + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
