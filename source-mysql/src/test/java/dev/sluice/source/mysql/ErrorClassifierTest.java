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
  void aRefusedLoginNamesTheSettingsToCheck() {
    String message = ErrorClassifier.describeFatal(new AuthenticationException("Access denied for user 'sluice'"), "db1", 3306, "sluice", null);
    assertThat(message).contains("db1:3306").contains(MySqlSourceConfig.USER_CONFIG).contains(MySqlSourceConfig.PASSWORD_CONFIG);
  }
}
