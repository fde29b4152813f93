package dev.sluice.source.mysql.schema;

import java.util.Objects;

/** A table by database and name, as TABLE_MAP names it. */
public record TableId(String database, String table) {
  public TableId {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(table, "table");
  }

  /** {@code db.table}. */
  public String qualified() {
    return database + "." + table;
  }

  @Override
  public String toString() {
    return qualified();
  }
}
