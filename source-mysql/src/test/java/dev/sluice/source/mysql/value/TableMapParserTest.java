package dev.sluice.source.mysql.value;

import static dev.sluice.source.mysql.value.BinlogBytes.BINARY;
import static dev.sluice.source.mysql.value.BinlogBytes.JSON;
import static dev.sluice.source.mysql.value.BinlogBytes.LATIN1_SWEDISH_CI;
import static dev.sluice.source.mysql.value.BinlogBytes.LONG;
import static dev.sluice.source.mysql.value.BinlogBytes.UTF8MB4_0900_AI_CI;
import static dev.sluice.source.mysql.value.BinlogBytes.UTF8MB4_GENERAL_CI;
import static dev.sluice.source.mysql.value.BinlogBytes.YEAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import dev.sluice.source.mysql.value.BinlogBytes.Col;
import dev.sluice.source.mysql.value.BinlogBytes.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableMapParserTest {

  @Test
  void remembersTheLastTableMapOfABoundedNumberOfTables() throws IOException {
    TableMapParser parser = new TableMapParser();
    List<Col> cols = List.of(Col.of("id", LONG).notNull(), Col.varchar("c", 10, LATIN1_SWEDISH_CI));
    TableMapEventData first = parser.deserialize(stream(BinlogBytes.tableMap(1, "db", "t1", Layout.mariaDb(0), cols)));
    assertThat(parser.deserialize(stream(BinlogBytes.tableMap(1, "db", "t1", Layout.mariaDb(0), cols)))).isSameAs(first);

    for (int id = 2; id <= TableMapParser.REMEMBERED_TABLES + 1; id++) {
      parser.deserialize(stream(BinlogBytes.tableMap(id, "db", "t" + id, Layout.mariaDb(0), cols)));
    }
    TableMapEventData again = parser.deserialize(stream(BinlogBytes.tableMap(1, "db", "t1", Layout.mariaDb(0), cols)));

    assertThat(again).isNotSameAs(first);
    assertThat(again.getTable()).isEqualTo("t1");
    assertThat(again.getEventMetadata().getColumnNames()).containsExactly("id", "c");
  }

  private static com.github.shyiko.mysql.binlog.io.ByteArrayInputStream stream(byte[] body) {
    return new com.github.shyiko.mysql.binlog.io.ByteArrayInputStream(body);
  }

  @Test
  void readsMariaDbFullMetadataWithEnumValuesInTheirColumnCharset() {
    List<Col> cols = List.of(Col.of("id", LONG).notNull(), Col.of("y", YEAR), Col.of("u", LONG).asUnsigned(), Col.geometry("g", 1),
        Col.varchar("c", 10, LATIN1_SWEDISH_CI), Col.enumeration("e", LATIN1_SWEDISH_CI, "é", "ü"), Col.set("s", UTF8MB4_GENERAL_CI, "ä", "ß"),
        Col.blob("t", 2, UTF8MB4_GENERAL_CI));
    TableMapEventData data = BinlogBytes.parseTableMap(BinlogBytes.tableMap(42, "shop", "orders", Layout.mariaDb(0), cols));

    assertThat(data.getTableId()).isEqualTo(42);
    assertThat(data.getDatabase()).isEqualTo("shop");
    assertThat(data.getTable()).isEqualTo("orders");
    assertThat(data.getColumnNullability().get(0)).isFalse();
    assertThat(data.getColumnNullability().get(1)).isTrue();
    TableMapEventMetadata m = data.getEventMetadata();
    assertThat(m.getColumnNames()).containsExactly("id", "y", "u", "g", "c", "e", "s", "t");
    // YEAR counts as a numeric column in SIGNEDNESS; only u is unsigned.
    assertThat(m.getSignedness().stream().boxed().toList()).containsExactly(2);
    // MariaDB lists a charset for GEOMETRY too.
    assertThat(m.getColumnCharsets()).containsExactly(BINARY, LATIN1_SWEDISH_CI, UTF8MB4_GENERAL_CI);
    assertThat(m.getEnumStrValues()).hasSize(1);
    assertThat(m.getEnumStrValues().get(0)).containsExactly("é", "ü");
    assertThat(m.getSetStrValues().get(0)).containsExactly("ä", "ß");
    assertThat(m.getGeometryTypes()).containsExactly(1);
    assertThat(m.getSimplePrimaryKeys()).containsExactly(0);
  }

  @Test
  void readsMySql8MetadataWithDefaultCharsetFormVisibilityAndJson() {
    List<Col> cols = List.of(Col.of("id", LONG).notNull(), Col.of("j", JSON, 4), Col.geometry("g", 0), Col.varchar("a", 40, UTF8MB4_0900_AI_CI),
        Col.varchar("b", 10, LATIN1_SWEDISH_CI), Col.varchar("c", 40, UTF8MB4_0900_AI_CI));
    TableMapEventData data = BinlogBytes.parseTableMap(BinlogBytes.tableMap(7, "db", "t", Layout.mySql8(0), cols));

    TableMapEventMetadata m = data.getEventMetadata();
    assertThat(m.getColumnCharsets()).isNull();
    assertThat(m.getDefaultCharset().getDefaultCharsetCollation()).isEqualTo(UTF8MB4_0900_AI_CI);
    // Index 1 among the character columns (a, b, c): MySQL does not count GEOMETRY.
    assertThat(m.getDefaultCharset().getCharsetCollations()).containsEntry(1, LATIN1_SWEDISH_CI).hasSize(1);
    assertThat(m.getVisibility().cardinality()).isEqualTo(6);
    assertThat(data.getColumnMetadata()[1]).isEqualTo(4);
  }

  @Test
  void signednessFollowsTheFieldLengthWhenYearIsNotCounted() throws IOException {
    // 8 INT columns and a YEAR: a server that does not count YEAR writes one byte, one that does writes two.
    List<Col> cols = new ArrayList<>();
    cols.add(Col.of("y", YEAR));
    for (int i = 0; i < 8; i++) {
      cols.add(i == 7 ? Col.of("c" + i, LONG).asUnsigned() : Col.of("c" + i, LONG));
    }
    byte[] body = BinlogBytes.tableMap(1, "db", "t", Layout.mariaDb(), cols);
    TableMapEventData counted = TableMapParser.parse(body);
    assertThat(counted.getEventMetadata().getSignedness().stream().boxed().toList()).containsExactly(8);

    byte[] withoutYear = replaceSignedness(body, new byte[] {0x01});
    TableMapEventData notCounted = TableMapParser.parse(withoutYear);
    assertThat(notCounted.getEventMetadata().getSignedness().stream().boxed().toList()).containsExactly(8);
    assertThat(notCounted.getEventMetadata().getColumnNames()).hasSize(9);
  }

  /** Rewrites the SIGNEDNESS field (the first optional field) with other bits. */
  private static byte[] replaceSignedness(byte[] body, byte[] bits) {
    int at = optionalMetadataStart(body);
    int oldLength = body[at + 1];
    BinlogBytes.Out out = new BinlogBytes.Out();
    out.bytes(java.util.Arrays.copyOfRange(body, 0, at)).u8(1).packed(bits.length).bytes(bits);
    out.bytes(java.util.Arrays.copyOfRange(body, at + 2 + oldLength, body.length));
    return out.toByteArray();
  }

  private static int optionalMetadataStart(byte[] body) {
    int pos = 8;
    pos += 1 + (body[pos] & 0xFF) + 1;
    pos += 1 + (body[pos] & 0xFF) + 1;
    int columns = body[pos++] & 0xFF;
    pos += columns;
    int metaLength = body[pos++] & 0xFF;
    pos += metaLength;
    return pos + (columns + 7) / 8;
  }

  @Test
  void unknownOptionalFieldsAreSkippedByTheirLength() throws IOException {
    byte[] body = BinlogBytes.tableMap(1, "db", "t", Layout.mariaDb(0), List.of(Col.of("id", LONG).notNull(), Col.of("n", LONG)));
    BinlogBytes.Out out = new BinlogBytes.Out().bytes(body).u8(99).packed(3).bytes(new byte[] {1, 2, 3});
    TableMapEventData data = TableMapParser.parse(out.toByteArray());
    assertThat(data.getEventMetadata().getColumnNames()).containsExactly("id", "n");
  }

  @Test
  void extraBytesInTheColumnMetadataBlockDoNotShiftLaterFields() throws IOException {
    // MySQL 8.0.17/8.0.18 wrote more column metadata than the types need; the declared length rules.
    byte[] body = BinlogBytes.tableMap(1, "db", "t", Layout.mariaDb(0), List.of(Col.of("id", LONG).notNull()));
    int metaLengthAt = 8 + (1 + 2 + 1) + (1 + 1 + 1) + 1 + 1;
    assertThat(body[metaLengthAt]).isZero();
    BinlogBytes.Out out = new BinlogBytes.Out().bytes(java.util.Arrays.copyOfRange(body, 0, metaLengthAt)).u8(2).u8(0xAB).u8(0xCD)
        .bytes(java.util.Arrays.copyOfRange(body, metaLengthAt + 1, body.length));
    TableMapEventData data = TableMapParser.parse(out.toByteArray());
    assertThat(data.getEventMetadata().getColumnNames()).containsExactly("id");
    assertThat(data.getEventMetadata().getSimplePrimaryKeys()).containsExactly(0);
  }

  @Test
  void aTruncatedEventFailsWithTheTableName() {
    byte[] body = BinlogBytes.tableMap(1, "db", "t", Layout.mariaDb(0), List.of(Col.of("id", LONG).notNull(), Col.of("name", LONG)));
    // Cut inside the last field (SIMPLE_PRIMARY_KEY: type, length, value): its length byte is missing.
    byte[] truncated = java.util.Arrays.copyOf(body, body.length - 2);
    assertThatThrownBy(() -> TableMapParser.parse(truncated)).isInstanceOf(IOException.class).hasMessageContaining("db.t");
  }

  @Test
  void namesAreUtf8WhateverTheJvmDefaultCharset() {
    String name = "prénom_名前";
    TableMapEventData data = BinlogBytes.parseTableMap(BinlogBytes.tableMap(1, "db", "t", Layout.mariaDb(), List.of(Col.of(name, LONG))));
    assertThat(data.getEventMetadata().getColumnNames()).containsExactly(name);
    assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(name.length());
  }
}
