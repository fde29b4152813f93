package dev.sluice.source.mysql.server;

import dev.sluice.source.mysql.MySqlSourceConfig;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server-side requirements of the connector, checked by {@code validate()} (so the REST
 * validate endpoint reports them) and again by the task at start-up. Each problem names the
 * connector setting it belongs to and says exactly what to change on the server.
 */
public final class Preflight {
  static final List<String> VARIABLES = List.of("log_bin", "binlog_format", "binlog_row_image", "binlog_row_metadata",
      "binlog_row_value_options", "gtid_mode", "enforce_gtid_consistency", "log_bin_compress", "binlog_annotate_row_events",
      "binlog_rows_query_log_events", "binlog_transaction_compression");

  /** One failed requirement: the setting whose ConfigValue carries it, and the message. */
  public record Problem(String setting, String message) {
  }

  private Preflight() {
  }

  public static List<Problem> check(ServerProbe probe, boolean includeQuery) throws SQLException {
    ServerFlavor flavor = probe.flavor();
    Map<String, String> vars = probe.variables(VARIABLES);
    List<Problem> problems = new ArrayList<>();
    String host = MySqlSourceConfig.HOSTNAME_CONFIG;
    String where = " on " + flavor + " at " + probe.description();

    if (!flavor.supportsFullRowMetadata()) {
      problems.add(new Problem(host, "Sluice reads table schemas from binlog_row_metadata=FULL, which needs MySQL 8.0.1+ or MariaDB 10.5+; the server is " + flavor.versionString()));
    }
    expect(problems, vars, "log_bin", "ON", where, "binary logging is off: start the server with log_bin=binlog (it cannot be switched on at run time)");
    expect(problems, vars, "binlog_format", "ROW", where, "set binlog_format=ROW in the server configuration and SET GLOBAL binlog_format='ROW' (sessions opened before keep the old format)");
    expect(problems, vars, "binlog_row_image", "FULL", where, "set binlog_row_image=FULL (SET GLOBAL binlog_row_image='FULL' and in the server configuration): updates and deletes must carry every column");
    if (flavor.supportsFullRowMetadata()) {
      expect(problems, vars, "binlog_row_metadata", "FULL", where, "set binlog_row_metadata=FULL (SET GLOBAL binlog_row_metadata='FULL' and in the server configuration): column names, signedness, charsets, ENUM/SET values and the primary key come from it");
    }
    String valueOptions = vars.getOrDefault("binlog_row_value_options", "");
    if (valueOptions.toUpperCase(Locale.ROOT).contains("PARTIAL_JSON")) {
      problems.add(new Problem(host, "binlog_row_value_options=PARTIAL_JSON" + where + " writes JSON updates as diffs that cannot be turned into full rows: SET GLOBAL binlog_row_value_options=''"));
    }
    String gtidMode = vars.get("gtid_mode");
    if (!flavor.isMariaDb() && gtidMode != null && gtidMode.toUpperCase(Locale.ROOT).endsWith("PERMISSIVE")) {
      problems.add(new Problem(host, "gtid_mode=" + gtidMode + where + " mixes GTID and anonymous transactions: finish the migration to gtid_mode=ON (or OFF)"));
    }
    if (flavor.isMariaDb() && "ON".equalsIgnoreCase(vars.get("log_bin_compress"))) {
      problems.add(new Problem(host, "log_bin_compress=ON" + where + " writes compressed row events that the binlog reader cannot decode: SET GLOBAL log_bin_compress=OFF"));
    }
    if (includeQuery) {
      String var = flavor.isMariaDb() ? "binlog_annotate_row_events" : "binlog_rows_query_log_events";
      if (!"ON".equalsIgnoreCase(vars.get(var))) {
        problems.add(new Problem(MySqlSourceConfig.INCLUDE_QUERY_CONFIG, MySqlSourceConfig.INCLUDE_QUERY_CONFIG + "=true needs " + var + "=ON" + where
            + ": SET GLOBAL " + var + "=ON, or set " + MySqlSourceConfig.INCLUDE_QUERY_CONFIG + "=false"));
      }
    }
    problems.addAll(checkGrants(probe.grants(), flavor));
    return problems;
  }

  static List<Problem> checkGrants(List<String> grants, ServerFlavor flavor) {
    List<Problem> problems = new ArrayList<>();
    boolean all = grants.stream().anyMatch(g -> g.contains("ALL PRIVILEGES ON *.*"));
    if (all) {
      return problems;
    }
    List<String> global = grants.stream().filter(g -> g.contains(" ON *.* ")).toList();
    String replicationClient = flavor.isMariaDb() ? "BINLOG MONITOR" : "REPLICATION CLIENT";
    if (!hasAny(global, "REPLICATION SLAVE", "REPLICATION REPLICA")) {
      problems.add(missing("REPLICATION SLAVE", "reading the binlog"));
    }
    if (!hasAny(global, "REPLICATION CLIENT", "BINLOG MONITOR", "SUPER")) {
      problems.add(missing(replicationClient, "SHOW BINARY LOGS and the current binlog position"));
    }
    if (!hasAny(grants, "SELECT")) {
      problems.add(missing("SELECT", "snapshots and table metadata"));
    }
    return problems;
  }

  private static boolean hasAny(List<String> grants, String... privileges) {
    for (String g : grants) {
      String privilegePart = g.startsWith("GRANT ") && g.contains(" ON ") ? g.substring(6, g.indexOf(" ON ")) : g;
      for (String p : privileges) {
        for (String granted : privilegePart.split(",")) {
          if (granted.trim().equals(p)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static Problem missing(String privilege, String neededFor) {
    return new Problem(MySqlSourceConfig.USER_CONFIG, "the account lacks " + privilege + " (needed for " + neededFor + "): GRANT "
        + privilege + " ON *.* TO '<user>'@'<host>'. The connector needs exactly SELECT, REPLICATION SLAVE, REPLICATION CLIENT on *.*");
  }

  private static void expect(List<Problem> problems, Map<String, String> vars, String name, String expected, String where, String remedy) {
    String actual = vars.get(name);
    if (actual == null || !actual.equalsIgnoreCase(expected)) {
      problems.add(new Problem(MySqlSourceConfig.HOSTNAME_CONFIG, name + " is " + (actual == null ? "not available" : actual) + where + ", Sluice needs " + expected + ": " + remedy));
    }
  }
}
