package dev.sluice.source.mysql.snapshot;

import dev.sluice.source.mysql.schema.ColumnInfo;
import dev.sluice.source.mysql.schema.TableSchema;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The read-only statements of a chunked copy. Key ranges are lexicographic over the key columns,
 * spelled out as ORs of equalities ({@code a > ? OR (a = ? AND b > ?)}) so the range optimizer uses
 * the primary key for composite keys too.
 */
final class ChunkSql {
  private ChunkSql() {
  }

  static String from(TableSchema schema) {
    return TableSchema.quote(schema.id().database()) + "." + TableSchema.quote(schema.id().table());
  }

  static String orderBy(List<ColumnInfo> keys) {
    List<String> parts = new ArrayList<>();
    for (ColumnInfo c : keys) {
      parts.add(TableSchema.quote(c.name()));
    }
    return String.join(", ", parts);
  }

  /** The key columns qualified with the table, so they name the columns, never a select-list alias. */
  static String qualifiedOrderBy(String table, List<ColumnInfo> keys) {
    List<String> parts = new ArrayList<>();
    for (ColumnInfo c : keys) {
      parts.add(table + "." + TableSchema.quote(c.name()));
    }
    return String.join(", ", parts);
  }

  /** {@code key > bound} (strict) or {@code key <= bound}, lexicographically; adds the parameters in order. */
  static String compare(List<ColumnInfo> keys, List<String> bound, boolean greater, List<String> params) {
    List<String> ors = new ArrayList<>();
    int n = keys.size();
    for (int i = 0; i < n; i++) {
      StringBuilder and = new StringBuilder("(");
      for (int j = 0; j < i; j++) {
        and.append(TableSchema.quote(keys.get(j).name())).append(" = ? AND ");
        params.add(bound.get(j));
      }
      and.append(TableSchema.quote(keys.get(i).name())).append(greater ? " > ?" : " < ?").append(")");
      params.add(bound.get(i));
      ors.add(and.toString());
    }
    if (!greater) {
      StringBuilder eq = new StringBuilder("(");
      for (int j = 0; j < n; j++) {
        eq.append(j > 0 ? " AND " : "").append(TableSchema.quote(keys.get(j).name())).append(" = ?");
        params.add(bound.get(j));
      }
      ors.add(eq.append(")").toString());
    }
    return "(" + String.join(" OR ", ors) + ")";
  }

  /** The n-th key after {@code lower} (null: from the start): the upper boundary of the next chunk. */
  static String boundary(TableSchema schema, List<ColumnInfo> keys, List<String> lower, int chunkSize, List<String> params) {
    String where = lower == null ? "" : " WHERE " + compare(keys, lower, true, params);
    return "SELECT " + orderBy(keys) + " FROM " + from(schema) + where + " ORDER BY " + orderBy(keys) + " LIMIT 1 OFFSET " + (chunkSize - 1);
  }

  /** The rows with {@code lower < key <= upper} (either side open when null), in key order. */
  static String range(TableSchema schema, List<ColumnInfo> keys, List<String> lower, List<String> upper, List<String> params) {
    List<String> conditions = new ArrayList<>();
    if (lower != null) {
      conditions.add(compare(keys, lower, true, params));
    }
    if (upper != null) {
      conditions.add(compare(keys, upper, false, params));
    }
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    // Qualified: the select list's aliases (CAST(`k` AS CHAR) AS `k`) would shadow unqualified key names.
    String order = keys.isEmpty() ? "" : " ORDER BY " + qualifiedOrderBy(from(schema), keys);
    return "SELECT " + schema.selectList() + " FROM " + from(schema) + where + order;
  }

  static void bind(PreparedStatement ps, List<String> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      KeyCodec.bind(ps, i + 1, params.get(i));
    }
  }
}
