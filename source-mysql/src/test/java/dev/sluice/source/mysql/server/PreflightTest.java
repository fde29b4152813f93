package dev.sluice.source.mysql.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.source.mysql.MySqlSourceConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreflightTest {
  private static final ServerFlavor MARIADB = ServerFlavor.fromVersion("11.4.5-MariaDB-log");
  private static final ServerFlavor MYSQL = ServerFlavor.fromVersion("8.4.3");

  @Test
  void theDocumentedGrantsAreEnough() {
    assertThat(Preflight.checkGrants(List.of("GRANT SELECT, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `sluice`@`%`"), MARIADB)).isEmpty();
    assertThat(Preflight.checkGrants(List.of("GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `sluice`@`%`"), MYSQL)).isEmpty();
    assertThat(Preflight.checkGrants(List.of("GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"), MYSQL)).isEmpty();
  }

  @Test
  void eachMissingPrivilegeIsReportedOnTheUserSettingWithTheGrantToRun() {
    List<Preflight.Problem> problems = Preflight.checkGrants(List.of("GRANT SELECT ON *.* TO `sluice`@`%`"), MARIADB);
    assertThat(problems).extracting(Preflight.Problem::setting).containsOnly(MySqlSourceConfig.USER_CONFIG);
    assertThat(problems).extracting(Preflight.Problem::message)
        .anyMatch(m -> m.contains("GRANT REPLICATION SLAVE ON *.*"))
        .anyMatch(m -> m.contains("GRANT BINLOG MONITOR ON *.*"));
  }

  @Test
  void replicationOnOneDatabaseIsNotEnough() {
    List<Preflight.Problem> problems = Preflight.checkGrants(List.of("GRANT USAGE ON *.* TO `sluice`@`%`",
        "GRANT SELECT ON `shop`.* TO `sluice`@`%`"), MYSQL);
    assertThat(problems).hasSize(2);
  }

  @Test
  void flavoursAndFullMetadataSupportComeFromTheVersion() {
    assertThat(MARIADB.isMariaDb()).isTrue();
    assertThat(MARIADB.supportsFullRowMetadata()).isTrue();
    assertThat(MARIADB.connectorName()).isEqualTo("mariadb");
    assertThat(ServerFlavor.fromVersion("10.4.30-MariaDB").supportsFullRowMetadata()).isFalse();
    assertThat(ServerFlavor.fromVersion("8.0.0").supportsFullRowMetadata()).isFalse();
    assertThat(MYSQL.supportsFullRowMetadata()).isTrue();
    assertThat(MYSQL.connectorName()).isEqualTo("mysql");
  }
}
