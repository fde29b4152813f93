package dev.sluice.stack;

import java.util.List;

/**
 * The privileges the Sluice source connector needs, and nothing more. README's "MySQL/MariaDB set-up"
 * section lists the same statements.
 *
 * <ul>
 *   <li>{@code SELECT}: snapshots read the tables, and {@code information_schema} for what TABLE_MAP
 *       metadata lacks;</li>
 *   <li>{@code REPLICATION SLAVE} (MySQL 8.4: {@code REPLICATION REPLICA}): the binlog dump protocol;</li>
 *   <li>{@code REPLICATION CLIENT} (MariaDB: alias of {@code BINLOG MONITOR}): {@code SHOW BINARY LOGS}
 *       and the current binlog position/GTID used for offsets and snapshot watermarks.</li>
 * </ul>
 * No {@code RELOAD} or {@code LOCK TABLES}: snapshots take no global read lock.
 */
public final class Grants {
  private Grants() {
  }

  public static final List<String> PRIVILEGES = List.of("SELECT", "REPLICATION SLAVE", "REPLICATION CLIENT");

  public static List<String> statements(String user, String password) {
    return List.of(
        "CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
        "GRANT " + String.join(", ", PRIVILEGES) + " ON *.* TO '" + user + "'@'%'");
  }
}
