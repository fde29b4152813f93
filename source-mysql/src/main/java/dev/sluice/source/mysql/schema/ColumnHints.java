package dev.sluice.source.mysql.schema;

import java.util.Map;
import java.util.Optional;

/**
 * What TABLE_MAP lacks, looked up elsewhere (information_schema) once per table shape: whether a
 * MariaDB LONGTEXT is really JSON, TINYINT(1)'s display width, and whether the server is MariaDB
 * or MySQL (they count GEOMETRY columns differently in TABLE_MAP's charset metadata).
 *
 * <p>TABLE_MAP stays the source of truth: a hint only refines a column whose binlog type it fits,
 * so a hint that is newer than the event being read (an ALTER TABLE in between) never changes how
 * values are decoded, at most a semantic marker.
 */
public interface ColumnHints {

  /** Whether the server is MariaDB (true) or MySQL (false). */
  boolean mariaDb();

  /**
   * The hints for the columns of one table, keyed by lower-case column name; empty when the table
   * is unknown (dropped or renamed since the event).
   *
   * @throws org.apache.kafka.connect.errors.ConnectException when the lookup itself fails
   */
  Map<String, ColumnHint> columns(TableId table);

  /** The charset of a collation id that {@link dev.sluice.source.mysql.value.MysqlCharsets} does not know, if the server does. */
  default Optional<String> charsetOfCollation(int collationId) {
    return Optional.empty();
  }

  /** No hints: JSON on MariaDB stays a plain string, TINYINT(1) an int16. For tests and for servers without information_schema access. */
  static ColumnHints none(boolean mariaDb) {
    return new ColumnHints() {
      @Override
      public boolean mariaDb() {
        return mariaDb;
      }

      @Override
      public Map<String, ColumnHint> columns(TableId table) {
        return Map.of();
      }

      @Override
      public String toString() {
        return "no column hints (" + (mariaDb ? "MariaDB" : "MySQL") + ")";
      }
    };
  }

  /** Fixed hints, for tests. */
  static ColumnHints of(boolean mariaDb, Map<TableId, Map<String, ColumnHint>> byTable) {
    Map<TableId, Map<String, ColumnHint>> copy = Map.copyOf(byTable);
    return new ColumnHints() {
      @Override
      public boolean mariaDb() {
        return mariaDb;
      }

      @Override
      public Map<String, ColumnHint> columns(TableId table) {
        return copy.getOrDefault(table, Map.of());
      }
    };
  }
}
