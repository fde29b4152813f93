package dev.sluice.source.mysql.value;

import static dev.sluice.source.mysql.value.BinlogBytes.DATE;
import static dev.sluice.source.mysql.value.BinlogBytes.DOUBLE;
import static dev.sluice.source.mysql.value.BinlogBytes.FLOAT;
import static dev.sluice.source.mysql.value.BinlogBytes.JSON;
import static dev.sluice.source.mysql.value.BinlogBytes.LATIN1_SWEDISH_CI;
import static dev.sluice.source.mysql.value.BinlogBytes.LONG;
import static dev.sluice.source.mysql.value.BinlogBytes.LONGLONG;
import static dev.sluice.source.mysql.value.BinlogBytes.TINY;
import static dev.sluice.source.mysql.value.BinlogBytes.UTF8MB4_GENERAL_CI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializationException;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer.CompatibilityMode;
import dev.sluice.source.mysql.value.BinlogBytes.Col;
import dev.sluice.source.mysql.value.BinlogBytes.Layout;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sluice walks row images itself ({@link RowDeserializers#row}); for every type it leaves to the
 * library, each cell must come out exactly as the library's own row reader returns it, with NULLs,
 * long CHAR columns (whose length is packed into the type byte), ENUM/SET and partial row images.
 */
class RowDeserializersTest {
  private static final List<Col> COLUMNS = List.of(Col.of("id", LONG).notNull(), Col.of("tiny", TINY), Col.decimal("amount", 12, 2),
      Col.bit("flags", 10), Col.longFixed("code", 300, UTF8MB4_GENERAL_CI), Col.fixed("kind", 10, LATIN1_SWEDISH_CI),
      Col.varchar("name", 20, UTF8MB4_GENERAL_CI), Col.enumeration("state", UTF8MB4_GENERAL_CI, "new", "paid", "sent"),
      Col.set("tags", UTF8MB4_GENERAL_CI, "a", "b", "c"), Col.blob("body", 2, BinlogBytes.BINARY), Col.of("doc", JSON, 4),
      Col.geometry("shape", 1), Col.of("ratio", DOUBLE, 8), Col.of("weight", FLOAT, 4), Col.of("big", LONGLONG), Col.of("day", DATE));

  private static byte[] tableMap() {
    return BinlogBytes.event(BinlogBytes.TABLE_MAP_EVENT, BinlogBytes.tableMap(9, "shop", "items", Layout.mariaDb(0), COLUMNS));
  }

  private static byte[][] fullRow() {
    return new byte[][] {BinlogBytes.le(7, 4), BinlogBytes.le(-5, 1),
        // DECIMAL(12,2) 12.34: 1 leading digit (1 byte), 9 digits (4 bytes), 2 fraction digits (1 byte), sign bit flipped
        new byte[] {(byte) 0x80, 0, 0, 0, 12, 34}, new byte[] {0x02, 0x01},
        BinlogBytes.varString("çödé 日本".getBytes(StandardCharsets.UTF_8), 300), BinlogBytes.varString(new byte[] {'b', (byte) 0xE9}, 10),
        BinlogBytes.varString("ñame 😀".getBytes(StandardCharsets.UTF_8), 20), BinlogBytes.le(2, 1), BinlogBytes.le(5, 1),
        BinlogBytes.blob(new byte[] {0, 1, 2, (byte) 0xFF}, 2), BinlogBytes.blob("{\"a\":1}".getBytes(StandardCharsets.UTF_8), 4),
        BinlogBytes.blob(new byte[] {0, 0, 0, 0, 1, 1, 0, 0, 0}, 4), BinlogBytes.le(Double.doubleToLongBits(2.5), 8),
        BinlogBytes.le(Float.floatToIntBits(1.5f), 4), BinlogBytes.le(Long.MIN_VALUE, 8), BinlogBytes.date(2024, 2, 29)};
  }

  private static byte[][] sparseRow() {
    byte[][] row = new byte[COLUMNS.size()][];
    byte[][] full = fullRow();
    for (int i = 0; i < row.length; i += 2) {
      row[i] = full[i];
    }
    return row;
  }

  private static List<Serializable[]> rows(EventDeserializer deserializer, byte[] rowsEvent) {
    List<Event> events = BinlogBytes.decode(deserializer, tableMap(), rowsEvent);
    return ((WriteRowsEventData) events.get(1).getData()).getRows();
  }

  private static EventDeserializer library() {
    EventDeserializer d = new EventDeserializer();
    d.setCompatibilityMode(CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
    return d;
  }

  @Test
  void fullAndSparseRowsComeOutAsTheLibraryReadsThem() {
    byte[] event = BinlogBytes.event(BinlogBytes.WRITE_ROWS_V2,
        BinlogBytes.writeRows(9, COLUMNS.size(), List.of(fullRow(), sparseRow())));
    List<Serializable[]> sluice = rows(BinlogDeserialization.newEventDeserializer(), event);
    List<Serializable[]> library = rows(library(), event);

    assertThat(sluice).hasSize(2);
    int date = COLUMNS.size() - 1;
    for (int r = 0; r < 2; r++) {
      assertThat(sluice.get(r)).hasSize(COLUMNS.size());
      for (int c = 0; c < date; c++) {
        assertThat(sluice.get(r)[c]).as("row %d column %s", r, COLUMNS.get(c).name()).isEqualTo(library.get(r)[c]);
      }
    }
    Serializable[] full = sluice.get(0);
    assertThat(full[0]).isEqualTo(7);
    assertThat(full[2]).isEqualTo(new BigDecimal("12.34"));
    assertThat(full[4]).isEqualTo("çödé 日本".getBytes(StandardCharsets.UTF_8));
    assertThat(full[7]).isEqualTo(2);
    assertThat(full[14]).isEqualTo(Long.MIN_VALUE);
    // Temporal cells stay Sluice's own.
    assertThat(full[date]).isEqualTo(new MysqlDate(2024, 2, 29));
    assertThat(sluice.get(1)[1]).isNull();
    assertThat(sluice.get(1)[date]).isNull();
  }

  @Test
  void aPartialRowImageHoldsOnlyItsColumnsInOrder() {
    BitSet present = new BitSet();
    present.set(0);
    present.set(4);
    present.set(7);
    present.set(12);
    byte[][] full = fullRow();
    byte[][] row = {full[0], full[4], null, full[12]};
    byte[] event = BinlogBytes.event(BinlogBytes.WRITE_ROWS_V2, BinlogBytes.writeRows(9, COLUMNS.size(), present, List.<byte[][]>of(row)));

    Serializable[] sluice = rows(BinlogDeserialization.newEventDeserializer(), event).get(0);

    assertThat(sluice).containsExactly(rows(library(), event).get(0));
    assertThat(sluice).hasSize(4);
    assertThat(sluice[1]).isEqualTo("çödé 日本".getBytes(StandardCharsets.UTF_8));
    assertThat(sluice[2]).isNull();
    assertThat(sluice[3]).isEqualTo(2.5);
  }

  @Test
  void aTypeCodeTheLibraryDoesNotKnowIsAnErrorNamingTheColumn() {
    // 243 is MySQL's MYSQL_TYPE_INVALID, a placeholder no column has.
    List<Col> columns = List.of(Col.of("id", LONG).notNull(), Col.of("odd", 243));
    byte[] map = BinlogBytes.event(BinlogBytes.TABLE_MAP_EVENT, BinlogBytes.tableMap(3, "shop", "odd", Layout.mariaDb(0), columns));
    byte[] event = BinlogBytes.event(BinlogBytes.WRITE_ROWS_V2,
        BinlogBytes.writeRows(3, 2, List.<byte[][]>of(new byte[][] {BinlogBytes.le(1, 4), BinlogBytes.le(0, 3)})));

    assertThatThrownBy(() -> BinlogBytes.decode(map, event)).isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage("column 'odd' (#2) of shop.odd (table id 3) has binlog type code 243, which mysql-binlog-connector-java "
            + "cannot decode")
        .cause().isInstanceOf(EventDataDeserializationException.class);
  }
}
