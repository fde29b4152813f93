package dev.sluice.source.mysql.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import dev.sluice.source.mysql.filter.CaptureFilter;
import dev.sluice.source.mysql.value.BinlogDeserialization;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The row filter's decision on the reading thread, from that thread's own table maps. */
class CapturedTablesTest {
  private final Map<Long, TableMapEventData> tableMaps = BinlogDeserialization.newTableMapCache();
  private final CapturedTables captured = new CapturedTables(tableMaps,
      new CaptureFilter(List.of(), List.of(), List.of(Pattern.compile("shop\\.orders")), List.of(), List.of()));

  private void map(long id, String db, String table) {
    TableMapEventData data = new TableMapEventData();
    data.setTableId(id);
    data.setDatabase(db);
    data.setTable(table);
    tableMaps.put(id, data);
  }

  @Test
  void capturedTablesAreDecodedAndExcludedOnesAreNot() {
    map(70, "shop", "orders");
    map(71, "shop", "audit");
    assertThat(captured.test(70)).isTrue();
    assertThat(captured.test(71)).isFalse();
  }

  @Test
  void aTableIdWithoutTableMapIsDecodedSoThatTheHandlerReportsIt() {
    assertThat(captured.test(99)).isTrue();
  }

  @Test
  void theLatestTableMapOfAnIdDecides() {
    map(70, "shop", "audit");
    assertThat(captured.test(70)).isFalse();
    // Table ids are reused after FLUSH TABLES or a restart of the server.
    map(70, "shop", "orders");
    assertThat(captured.test(70)).isTrue();
  }
}
