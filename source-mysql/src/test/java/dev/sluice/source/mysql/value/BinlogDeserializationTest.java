package dev.sluice.source.mysql.value;

import static dev.sluice.source.mysql.value.BinlogBytes.DATE;
import static dev.sluice.source.mysql.value.BinlogBytes.DATETIME2;
import static dev.sluice.source.mysql.value.BinlogBytes.LATIN1_SWEDISH_CI;
import static dev.sluice.source.mysql.value.BinlogBytes.LONG;
import static dev.sluice.source.mysql.value.BinlogBytes.TIME2;
import static dev.sluice.source.mysql.value.BinlogBytes.TIMESTAMP2;
import static dev.sluice.source.mysql.value.BinlogBytes.YEAR;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import dev.sluice.source.mysql.value.BinlogBytes.Col;
import dev.sluice.source.mysql.value.BinlogBytes.Layout;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinlogDeserializationTest {
  private static final List<Col> COLUMNS = List.of(Col.of("id", LONG).notNull(), Col.of("d", DATE), Col.of("t", TIME2, 6),
      Col.of("dt", DATETIME2, 3), Col.of("ts", TIMESTAMP2, 6), Col.of("y", YEAR), Col.varchar("s", 20, LATIN1_SWEDISH_CI),
      Col.enumeration("e", LATIN1_SWEDISH_CI, "é", "ü"));

  private static byte[] tableMap() {
    return BinlogBytes.event(BinlogBytes.TABLE_MAP_EVENT, BinlogBytes.tableMap(5, "db", "t", Layout.mariaDb(0), COLUMNS));
  }

  private static byte[] rows() {
    byte[][] row = {BinlogBytes.le(-1, 4), BinlogBytes.date(0, 0, 0), BinlogBytes.time2(true, 838, 59, 59, 0, 6),
        BinlogBytes.datetime2(2024, 2, 29, 23, 59, 59, 999_000, 3), BinlogBytes.timestamp2(0, 0, 6), new byte[] {0},
        BinlogBytes.varString(new byte[] {(byte) 0xE9}, 20), new byte[] {2}};
    byte[][] nulls = {BinlogBytes.le(2, 4), null, null, null, null, null, null, null};
    return BinlogBytes.event(BinlogBytes.WRITE_ROWS_V2, BinlogBytes.writeRows(5, COLUMNS.size(), List.of(row, nulls)));
  }

  @Test
  void rowsArriveWithExactTemporalValuesAndStringsAsBytes() {
    List<Event> events = BinlogBytes.decode(tableMap(), rows());

    assertThat(events).hasSize(2);
    WriteRowsEventData write = events.get(1).getData();
    Serializable[] row = write.getRows().get(0);
    assertThat(row[0]).isEqualTo(-1);
    assertThat(row[1]).isEqualTo(new MysqlDate(0, 0, 0));
    assertThat(row[2]).isEqualTo(new MysqlTime(-MysqlTime.MAX_MICROS));
    assertThat(row[3]).isEqualTo(new MysqlDateTime(2024, 2, 29, 23, 59, 59, 999_000));
    assertThat(((MysqlTimestamp) row[4]).isZero()).isTrue();
    assertThat(row[5]).isEqualTo(0);
    assertThat(row[6]).isEqualTo(new byte[] {(byte) 0xE9});
    assertThat(row[7]).isEqualTo(2);
    assertThat(write.getRows().get(1)).containsExactly(2, null, null, null, null, null, null, null);
  }

  @Test
  void tableMapEventsCarryEnumValuesDecodedWithTheColumnCharset() {
    TableMapEventData tableMap = BinlogBytes.decode(tableMap()).get(0).getData();
    assertThat(tableMap.getEventMetadata().getEnumStrValues().get(0)).containsExactly("é", "ü");
    assertThat(tableMap.getEventMetadata().getColumnNames()).containsExactly("id", "d", "t", "dt", "ts", "y", "s", "e");
  }

  @Test
  void anUnchangedTableMapIsDecodedOnceAndAChangedOneAnew() {
    EventDeserializer deserializer = BinlogDeserialization.newEventDeserializer();
    List<Col> altered = new java.util.ArrayList<>(COLUMNS);
    altered.add(Col.varchar("added", 5, LATIN1_SWEDISH_CI));
    byte[] alteredMap = BinlogBytes.event(BinlogBytes.TABLE_MAP_EVENT, BinlogBytes.tableMap(5, "db", "t", Layout.mariaDb(0), altered));
    byte[][] wide = {BinlogBytes.le(9, 4), null, null, null, null, null, null, null, BinlogBytes.varString(new byte[] {'x'}, 5)};
    byte[] wideRows = BinlogBytes.event(BinlogBytes.WRITE_ROWS_V2, BinlogBytes.writeRows(5, altered.size(), List.<byte[][]>of(wide)));

    List<Event> events = BinlogBytes.decode(deserializer, tableMap(), rows(), tableMap(), alteredMap, wideRows, tableMap());

    TableMapEventData first = events.get(0).getData();
    assertThat((TableMapEventData) events.get(2).getData()).isSameAs(first);
    TableMapEventData changed = events.get(3).getData();
    assertThat(changed).isNotSameAs(first);
    assertThat(changed.getEventMetadata().getColumnNames()).endsWith("e", "added");
    // The rows after the changed TABLE_MAP are read with its nine columns.
    assertThat(((WriteRowsEventData) events.get(4).getData()).getRows().get(0)).hasSize(9).endsWith(new byte[] {'x'});
    TableMapEventData back = events.get(5).getData();
    assertThat(back.getEventMetadata().getColumnNames()).containsExactly("id", "d", "t", "dt", "ts", "y", "s", "e");
  }

  @Test
  void rowsAreReadWithTheTableMapTheEventCarries() {
    Map<Long, TableMapEventData> tableMaps = new HashMap<>();
    EventDeserializer deserializer = BinlogDeserialization.newEventDeserializer(tableMaps);

    List<Event> events = BinlogBytes.decode(deserializer, tableMap(), rows());

    // One parse, Sluice's: the library's own TABLE_MAP reader did not run beside it.
    assertThat(tableMaps.get(5L)).isSameAs(events.get(0).getData());
    assertThat(((WriteRowsEventData) events.get(1).getData()).getRows()).hasSize(2);
  }

  @Test
  void eachCallReturnsAnIndependentDeserializer() {
    EventDeserializer first = BinlogDeserialization.newEventDeserializer();
    BinlogBytes.decode(first, tableMap());
    // A second deserializer has not seen the TABLE_MAP: its cache is its own.
    EventDeserializer second = BinlogDeserialization.newEventDeserializer();
    assertThat(first).isNotSameAs(second);
    List<Event> both = BinlogBytes.decode(first, rows());
    assertThat(((WriteRowsEventData) both.get(0).getData()).getRows()).hasSize(2);
  }

  @Test
  void compressedTransactionsDecodeTheirRowsLikeUncompressedOnes() {
    byte[] inner = concat(tableMap(), rows());
    byte[] compressed = Zstd.compress(inner);
    BinlogBytes.Out body = new BinlogBytes.Out();
    // Header fields (type, length, value), then the end mark, then the payload.
    body.packed(1).packed(lengthOf(compressed.length)).packed(compressed.length);
    body.packed(2).packed(1).packed(0);
    body.packed(3).packed(lengthOf(inner.length)).packed(inner.length);
    body.packed(0);
    body.bytes(compressed);

    List<Event> events = BinlogBytes.decode(BinlogBytes.event(BinlogBytes.TRANSACTION_PAYLOAD, body.toByteArray()));

    assertThat(events).hasSize(1);
    assertThat(events.get(0).getHeader().getEventType()).isEqualTo(EventType.TRANSACTION_PAYLOAD);
    TransactionPayloadEventData payload = events.get(0).getData();
    assertThat(payload.getUncompressedEvents()).hasSize(2);
    TableMapEventData tableMap = payload.getUncompressedEvents().get(0).getData();
    assertThat(tableMap.getEventMetadata().getEnumStrValues().get(0)).containsExactly("é", "ü");
    Serializable[] row = ((WriteRowsEventData) payload.getUncompressedEvents().get(1).getData()).getRows().get(0);
    assertThat(row[2]).isEqualTo(new MysqlTime(-MysqlTime.MAX_MICROS));
    assertThat(row[6]).isEqualTo("é".getBytes(StandardCharsets.ISO_8859_1));
  }

  private static int lengthOf(long packedValue) {
    return new BinlogBytes.Out().packed(packedValue).size();
  }

  private static byte[] concat(byte[]... parts) {
    BinlogBytes.Out out = new BinlogBytes.Out();
    for (byte[] p : parts) {
      out.bytes(p);
    }
    return out.toByteArray();
  }
}
