package dev.sluice.source.mysql.binlog;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import dev.sluice.source.mysql.filter.CaptureFilter;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Whether a row event's rows must be decoded, asked by {@link CapturedRowsDeserializer} on the
 * thread that reads the binlog, from the table maps that thread's deserializer has read so far: yes
 * for a captured table, no for a table the filter excludes, and yes for a table id without a
 * TABLE_MAP (so that the handler reports it, never skips it silently).
 *
 * <p>It does not ask the handler: the handler runs on its own thread, behind a queue, and may not
 * have seen the TABLE_MAP that came just before the rows yet.
 */
final class CapturedTables implements LongPredicate {
  private final Map<Long, TableMapEventData> tableMaps;
  private final CaptureFilter filter;

  /**
   * @param tableMaps the deserializer's table maps by id (see
   *                  {@link dev.sluice.source.mysql.value.BinlogDeserialization#newTableMapCache()})
   */
  CapturedTables(Map<Long, TableMapEventData> tableMaps, CaptureFilter filter) {
    this.tableMaps = tableMaps;
    this.filter = filter;
  }

  @Override
  public boolean test(long tableId) {
    TableMapEventData map = tableMaps.get(tableId);
    return map == null || filter.includesTable(map.getDatabase(), map.getTable());
  }
}
