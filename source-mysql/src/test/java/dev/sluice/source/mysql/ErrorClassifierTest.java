package dev.sluice.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.network.AuthenticationException;
import com.github.shyiko.mysql.binlog.network.ServerException;
import dev.sluice.source.mysql.offset.SourceOffset;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

  @Test
  void networkTroubleIsTransient() {
    assertThat(ErrorClassifier.classify(new EOFException("closed"))).isEqualTo(ErrorClassifier.Kind.TRANSIENT);
    assertThat(ErrorClassifier.classify(new SocketException("reset"))).isEqualTo(ErrorClassifier.Kind.TRANSIENT);
    assertThat(ErrorClassifier.classify(new ConnectException("refused"))).isEqualTo(ErrorClassifier.Kind.TRANSIENT);
    assertThat(ErrorClassifier.classify(new TimeoutException())).isEqualTo(ErrorClassifier.Kind.TRANSIENT);
    assertThat(ErrorClassifier.classify(new SQLNonTransientConnectionException("Socket fail", "08000"))).isEqualTo(ErrorClassifier.Kind.TRANSIENT);
    assertThat(ErrorClassifier.classify(new ServerException("Server shutdown in progress", 1053, "08S01"))).isEqualTo(ErrorClassifier.Kind.TRANSIENT);
  }

  @Test
  void credentialsPrivilegesPurgedBinlogsAndBadDataAreFatal() {
    assertThat(ErrorClassifier.classify(new AuthenticationException("Access denied"))).isEqualTo(ErrorClassifier.Kind.FATAL);
    assertThat(ErrorClassifier.classify(new ServerException("Access denied; you need REPLICATION SLAVE", 1227, "42000"))).isEqualTo(ErrorClassifier.Kind.FATAL);
    assertThat(ErrorClassifier.classify(new ServerException("Could not find first log file name in binary log index file", 1236, "HY000")))
        .isEqualTo(ErrorClassifier.Kind.FATAL);
    assertThat(ErrorClassifier.classify(new SQLException("Access denied for user", "28000", 1045))).isEqualTo(ErrorClassifier.Kind.FATAL);
    assertThat(ErrorClassifier.classify(new DataException("cannot decode", new EOFException()))).isEqualTo(ErrorClassifier.Kind.FATAL);
  }

  @Test
  void aPurgedBinlogMessageNamesThePositionAndTheRemedy() {
    String message = ErrorClassifier.describeFatal(new ServerException("Could not find GTID state requested by slave in any binlog files", 1236, "HY000"),
        "db1", 3306, "sluice", new SourceOffset("0-1-99", "binlog.000007", 4, 0, 12));
    assertThat(message).contains("db1:3306").contains("'sluice'").contains("binlog.000007").contains("0-1-99")
        .contains("binlog_expire_logs_seconds").contains("DELETE /connectors/<name>/offsets");
  }

  @Test
  void aGtidSetOutsideTheServersHistoryIsNotCalledPurged() {
    String mariaDb = "Error: connecting slave requested to start from GTID 0-0-9, which is not in the master's binlog. Since the master's "
        + "binlog contains GTIDs with higher sequence numbers, it probably means that the slave has diverged due to executing extra "
        + "erroneous transactions";
    String mySql = "Slave has more GTIDs than the master has, using the master auto position protocol";
    for (String reason : new String[] {mariaDb, mySql}) {
      String message = ErrorClassifier.describeFatal(new ServerException(reason, 1236, "HY000"), "db1", 3306, "sluice",
          new SourceOffset("0-0-9", "binlog.000001", 2152, 0, 3));
      assertThat(message).startsWith("the GTID set the connector must resume from is not in the binlog history of db1:3306")
          .contains("0-0-9").contains(reason).contains(MySqlSourceConfig.HOSTNAME_CONFIG).contains("DELETE /connectors/<name>/offsets")
          .doesNotContain("purged it");
    }
  }

  @Test
  void aRefusedLoginNamesTheSettingsToCheck() {
    String message = ErrorClassifier.describeFatal(new AuthenticationException("Access denied for user 'sluice'"), "db1", 3306, "sluice", null);
    assertThat(message).contains("db1:3306").contains(MySqlSourceConfig.USER_CONFIG).contains(MySqlSourceConfig.PASSWORD_CONFIG);
  }
}
