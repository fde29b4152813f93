package dev.sluice.it.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.support.SourceTasks;
import dev.sluice.source.mysql.SluiceMySqlSourceTask;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

/**
 * MySQL 8 formats end to end where Docker works: binary JSON, compressed TRANSACTION_PAYLOAD events
 * and UUID GTID sets, read by the source task (in-process, Connect context mocked) from a MySQL 8.4
 * container. Without Docker it is skipped with the reason printed; the decoding paths are covered
 * by unit tests in source-mysql.
 */
class MySql8SourceContainerIT {
  private static MySQLContainer mysql;
  private static String skipReason;

  @BeforeAll
  static void start() {
    boolean docker;
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      docker = false;
    }
    if (!docker) {
      skipReason = "no Docker engine answers: the MySQL 8.4 container variant of the source tests runs where Docker works";
      System.out.println("[MySql8SourceContainerIT] SKIPPED: " + skipReason);
      return;
    }
    mysql = new MySQLContainer("mysql:8.4")
        .withCommand("--server-id=1", "--log-bin=binlog", "--binlog-format=ROW", "--binlog-row-image=FULL",
            "--binlog-row-metadata=FULL", "--gtid-mode=ON", "--enforce-gtid-consistency=ON", "--binlog-transaction-compression=ON");
    mysql.start();
  }

  @AfterAll
  static void stop() {
    if (mysql != null) {
      mysql.stop();
    }
  }

  @BeforeEach
  void requireDocker() {
    Assumptions.assumeTrue(skipReason == null, skipReason);
  }

  @Test
  void binaryJsonCompressedTransactionsAndUuidGtidsStreamExactly() throws Exception {
    try (Connection c = DriverManager.getConnection(mysql.getJdbcUrl(), "root", mysql.getPassword()); Statement s = c.createStatement()) {
      s.execute("CREATE USER 'sluice'@'%' IDENTIFIED BY 'sluice-pw'");
      s.execute("GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'sluice'@'%'");
      s.execute("CREATE DATABASE m8");
      s.execute("CREATE TABLE m8.docs (id INT PRIMARY KEY, doc JSON, note VARCHAR(20))");
    }
    Map<String, String> props = new HashMap<>();
    props.put("database.hostname", mysql.getHost());
    props.put("database.port", Integer.toString(mysql.getMappedPort(3306)));
    props.put("database.user", "sluice");
    props.put("database.password", "sluice-pw");
    props.put("database.server.id", "7001");
    props.put("topic.prefix", "m8");
    props.put("database.include.list", "m8");
    SluiceMySqlSourceTask task = SourceTasks.start(props, null);
    try {
      try (Connection c = DriverManager.getConnection(mysql.getJdbcUrl(), "root", mysql.getPassword()); Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        s.execute("INSERT INTO m8.docs VALUES (1, '{\"a\": [1, 2.5, \"x\"], \"b\": {\"c\": null}}', 'one')");
        s.execute("INSERT INTO m8.docs VALUES (2, '[true, false]', 'two')");
        c.commit();
        s.execute("UPDATE m8.docs SET doc = JSON_SET(doc, '$.d', 'new') WHERE id = 1");
        c.commit();
      }
      List<SourceRecord> records = SourceTasks.poll(task, "m8.m8.docs", 3, Duration.ofSeconds(60));
      assertThat(records).hasSize(3);
      Struct first = ((Struct) records.get(0).value()).getStruct("after");
      assertThat(first.getString("doc")).contains("\"a\"").contains("2.5");
      Struct update = (Struct) records.get(2).value();
      assertThat(update.getString("op")).isEqualTo("u");
      assertThat(update.getStruct("after").getString("doc")).contains("\"d\"");
      assertThat(update.getStruct("source").getString("gtid")).matches("[0-9a-f-]{36}:\\d+");
      assertThat((String) records.get(2).sourceOffset().get("gtids")).contains(":");
    } finally {
      task.stop();
    }
  }
}
