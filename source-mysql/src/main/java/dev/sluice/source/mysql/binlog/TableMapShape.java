package dev.sluice.source.mysql.binlog;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Whether two TABLE_MAP events describe the same table shape. A server repeats TABLE_MAP before
 * every row event; the schema is rebuilt only when the shape changed (an ALTER TABLE).
 */
final class TableMapShape {
  private TableMapShape() {
  }

  static boolean same(TableMapEventData a, TableMapEventData b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    return a.getTableId() == b.getTableId()
        && Objects.equals(a.getDatabase(), b.getDatabase())
        && Objects.equals(a.getTable(), b.getTable())
        && Arrays.equals(a.getColumnTypes(), b.getColumnTypes())
        && Arrays.equals(a.getColumnMetadata(), b.getColumnMetadata())
        && Objects.equals(a.getColumnNullability(), b.getColumnNullability())
        && sameMetadata(a.getEventMetadata(), b.getEventMetadata());
  }

  private static boolean sameMetadata(TableMapEventMetadata a, TableMapEventMetadata b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Objects.equals(a.getColumnNames(), b.getColumnNames())
        && Objects.equals(a.getSignedness(), b.getSignedness())
        && Objects.equals(a.getSimplePrimaryKeys(), b.getSimplePrimaryKeys())
        && Objects.equals(a.getPrimaryKeysWithPrefix(), b.getPrimaryKeysWithPrefix())
        && Objects.equals(a.getGeometryTypes(), b.getGeometryTypes())
        && Objects.equals(a.getVisibility(), b.getVisibility())
        && Objects.equals(a.getDefaultCharset() == null ? null : a.getDefaultCharset().toString(),
            b.getDefaultCharset() == null ? null : b.getDefaultCharset().toString())
        && Objects.equals(a.getColumnCharsets(), b.getColumnCharsets())
        && sameStrings(a.getEnumStrValues(), b.getEnumStrValues())
        && sameStrings(a.getSetStrValues(), b.getSetStrValues());
  }

  private static boolean sameStrings(List<String[]> a, List<String[]> b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
