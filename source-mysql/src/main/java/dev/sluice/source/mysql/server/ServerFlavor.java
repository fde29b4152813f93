package dev.sluice.source.mysql.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL or MariaDB, and which version: they differ in GTID format, status statements, privilege
 * names and row metadata support.
 */
public record ServerFlavor(boolean isMariaDb, int majorVersion, int minorVersion, int patchVersion, String versionString) {
  private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+).*");

  public static ServerFlavor fromVersion(String version) {
    Matcher m = VERSION.matcher(version == null ? "" : version);
    if (!m.matches()) {
      throw new IllegalArgumentException("unrecognised server version '" + version + "'");
    }
    boolean maria = version.toLowerCase(java.util.Locale.ROOT).contains("mariadb");
    return new ServerFlavor(maria, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), version);
  }

  /** binlog_row_metadata=FULL exists from MySQL 8.0.1 and MariaDB 10.5.0. */
  public boolean supportsFullRowMetadata() {
    if (isMariaDb) {
      return atLeast(10, 5, 0);
    }
    return atLeast(8, 0, 1);
  }

  public boolean atLeast(int major, int minor, int patch) {
    if (majorVersion != major) {
      return majorVersion > major;
    }
    if (minorVersion != minor) {
      return minorVersion > minor;
    }
    return patchVersion >= patch;
  }

  /** {@code connector} field of the source block, as Debezium's MySQL and MariaDB connectors name it. */
  public String connectorName() {
    return isMariaDb ? "mariadb" : "mysql";
  }

  @Override
  public String toString() {
    return (isMariaDb ? "MariaDB " : "MySQL ") + majorVersion + "." + minorVersion + "." + patchVersion;
  }
}
