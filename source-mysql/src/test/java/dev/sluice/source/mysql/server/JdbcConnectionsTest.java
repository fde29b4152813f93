package dev.sluice.source.mysql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcConnectionsTest {
  private final List<String> attempts = new ArrayList<>();
  /** A stand-in for the driver's connection: only its identity is checked. */
  private final Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {Connection.class}, (proxy, method, args) -> null);

  /** A server as the driver sees it: with or without TLS. */
  private JdbcConnections.Opener server(boolean tls) {
    return (url, props) -> {
      String mode = props.getProperty("sslMode");
      attempts.add(mode);
      assertThat(url).isEqualTo("jdbc:mariadb://db1:3306/");
      assertThat(props).containsEntry("user", "sluice").containsEntry("password", "pw").containsEntry("connectTimeout", "5000");
      if (!tls && !"disable".equals(mode)) {
        throw new SQLNonTransientConnectionException("(conn=12) Trying to connect with ssl, but " + JdbcConnections.SERVER_WITHOUT_TLS, "08000");
      }
      return connection;
    };
  }

  private JdbcConnections connections(String sslMode, JdbcConnections.Opener opener) {
    return new JdbcConnections("db1", 3306, "sluice", "pw", sslMode, 5000, opener);
  }

  @Test
  void preferredUsesTlsWhenTheServerOffersIt() throws SQLException {
    JdbcConnections c = connections("preferred", server(true));
    assertThat(c.open()).isSameAs(connection);
    assertThat(c.open()).isSameAs(connection);
    assertThat(attempts).containsExactly("trust", "trust");
  }

  @Test
  void preferredConnectsPlainWhenTheServerHasNoTlsAndRemembersIt() throws SQLException {
    JdbcConnections c = connections("preferred", server(false));
    assertThat(c.open()).isSameAs(connection);
    assertThat(c.open()).isSameAs(connection);
    assertThat(attempts).containsExactly("trust", "disable", "disable");
  }

  @Test
  void otherFailuresOfAPreferredConnectionAreNotRetriedWithoutTls() {
    JdbcConnections c = connections("preferred", (url, props) -> {
      attempts.add(props.getProperty("sslMode"));
      throw new SQLException("Access denied for user 'sluice'", "28000", 1045);
    });
    assertThatThrownBy(c::open).isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
    assertThat(attempts).containsExactly("trust");
  }

  @Test
  void requiredAndVerifyingModesNeverFallBackToPlain() {
    for (String mode : List.of("required", "verify_ca", "verify_identity")) {
      attempts.clear();
      JdbcConnections c = connections(mode, server(false));
      assertThatThrownBy(c::open).as(mode).isInstanceOf(SQLException.class).hasMessageContaining(JdbcConnections.SERVER_WITHOUT_TLS);
      assertThat(attempts).hasSize(1).doesNotContain("disable");
    }
  }

  @Test
  void eachModeMapsToTheDriversSetting() throws SQLException {
    assertThat(JdbcConnections.driverSslMode("disabled")).isEqualTo("disable");
    assertThat(JdbcConnections.driverSslMode("required")).isEqualTo("trust");
    assertThat(JdbcConnections.driverSslMode("verify_ca")).isEqualTo("verify-ca");
    assertThat(JdbcConnections.driverSslMode("verify_identity")).isEqualTo("verify-full");
    connections("disabled", server(false)).open();
    assertThat(attempts).containsExactly("disable");
    assertThatThrownBy(() -> connections("sometimes", server(true))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database.ssl.mode 'sometimes'");
  }
}
