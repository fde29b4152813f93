package dev.sluice.it.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.support.SourceConnectors;
import dev.sluice.it.support.SourceTasks;
import dev.sluice.source.mysql.SluiceMySqlSourceTask;
import dev.sluice.source.mysql.offset.SourceOffset;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.MySqlEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A task started from an offset that holds a binlog file and position but no GTID set (a first
 * start on a server that has logged no GTID yet, or an offset set by hand) against real MariaDB:
 * the GTIDs in its events and offsets must be the server's own, so that the next start, which
 * connects by that GTID set, resumes right after the last record. An offset whose GTIDs name
 * server id 0 (as earlier versions wrote them on such a start) resumes at its binlog position.
 * Runs the task in-process with the Connect context mocked.
 */
class FilePositionStartIT {
  private static final String DB = "it_file_pos";
  private static final String TOPIC = "fp." + DB + ".items";
  private static LocalStack stack;

  @BeforeAll
  static void startMariaDb() throws SQLException {
    stack = LocalStack.builder().name("FilePositionStartIT").mysql().start();
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DB);
      s.execute("CREATE TABLE " + DB + ".items (id INT PRIMARY KEY, v VARCHAR(20))");
    }
  }

  @AfterAll
  static void stopMariaDb() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void eventsStartedByFileAndPositionCarryTheServersGtidsAndTheNextStartResumesByThem() throws Exception {
    String file;
    long position;
    List<String> serverGtids = new ArrayList<>();
    String binlogPos;
    try (Connection c = admin(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
        assertThat(rs.next()).as("SHOW MASTER STATUS names the current binlog").isTrue();
        file = rs.getString("File");
        position = rs.getLong("Position");
      }
      for (int id = 1; id <= 3; id++) {
        s.execute("INSERT INTO " + DB + ".items VALUES (" + id + ", 'v" + id + "')");
        serverGtids.add(single(s, "SELECT @@last_gtid"));
      }
      binlogPos = single(s, "SELECT @@GLOBAL.gtid_binlog_pos");
    }
    assertThat(serverGtids).allMatch(g -> g.matches("\\d+-" + stack.mysql().serverId() + "-\\d+"));

    Map<String, Object> byFileAndPosition = new SourceOffset("", file, position, 0, 0).toMap();
    List<SourceRecord> first = read(byFileAndPosition, 3);
    assertThat(first).extracting(r -> source(r).getString("gtid")).containsExactlyElementsOf(serverGtids);
    assertThat(first).extracting(r -> ((Struct) r.value()).getStruct("after").getInt32("id")).containsExactly(1, 2, 3);
    Map<String, ?> last = first.get(2).sourceOffset();
    assertThat(last.get(SourceOffset.GTIDS)).as("the GTID set stored after the last record").isEqualTo(binlogPos);

    String fourth;
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO " + DB + ".items VALUES (4, 'v4')");
      fourth = single(s, "SELECT @@last_gtid");
    }
    // The stored offset now holds a GTID set, so this start connects by GTID: MariaDB (strict
    // mode) refuses a GTID set it never logged, and a wrong one would replay or skip rows.
    List<SourceRecord> resumed = read(new HashMap<>(last), 1);
    SourceRecord r = resumed.get(0);
    assertThat(((Struct) r.value()).getStruct("after").getInt32("id")).isEqualTo(4);
    assertThat(source(r).getString("gtid")).isEqualTo(fourth);
    assertThat(source(r).getInt64("seq")).isEqualTo(4L);

    // An offset as earlier versions wrote it after a start by file and position: server id 0 in
    // its GTIDs. The task resumes at its binlog position, with the server's GTID set there.
    Map<String, Object> written = new HashMap<>(r.sourceOffset());
    String gtids = (String) written.get(SourceOffset.GTIDS);
    written.put(SourceOffset.GTIDS, gtids.replaceFirst("^(\\d+)-\\d+-", "$1-0-"));
    assertThat((String) written.get(SourceOffset.GTIDS)).matches("\\d+-0-\\d+").isNotEqualTo(gtids);
    String fifth;
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO " + DB + ".items VALUES (5, 'v5')");
      fifth = single(s, "SELECT @@last_gtid");
    }
    SourceRecord repaired = read(written, 1).get(0);
    assertThat(((Struct) repaired.value()).getStruct("after").getInt32("id")).isEqualTo(5);
    assertThat(source(repaired).getString("gtid")).isEqualTo(fifth);
    assertThat(source(repaired).getInt64("seq")).isEqualTo(5L);
    assertThat(repaired.sourceOffset().get(SourceOffset.GTIDS)).isEqualTo(fifth);
  }

  /** Starts a task with {@code stored} as its offset and polls until {@code count} records of the table came. */
  private static List<SourceRecord> read(Map<String, Object> stored, int count) throws InterruptedException {
    SluiceMySqlSourceTask task = SourceTasks.start(SourceConnectors.config(stack, "fp", DB), stored);
    List<SourceRecord> records;
    try {
      records = SourceTasks.poll(task, TOPIC, count, Duration.ofSeconds(60));
    } finally {
      task.stop();
    }
    assertThat(records).as("records of %s within 60 s", TOPIC).hasSize(count);
    return records;
  }

  private static Struct source(SourceRecord r) {
    return ((Struct) r.value()).getStruct("source");
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getString(1);
    }
  }

  private static Connection admin() throws SQLException {
    MySqlEndpoint db = stack.mysql();
    return DriverManager.getConnection(db.jdbcUrl(null), db.adminUser(), db.adminPassword());
  }
}
