package dev.sluice.source.mysql.schema;

import static dev.sluice.source.mysql.value.BinlogBytes.BINARY;
import static dev.sluice.source.mysql.value.BinlogBytes.LATIN1_SWEDISH_CI;
import static dev.sluice.source.mysql.value.BinlogBytes.LONG;
import static dev.sluice.source.mysql.value.BinlogBytes.LONGLONG;
import static dev.sluice.source.mysql.value.BinlogBytes.UTF8MB4_0900_AI_CI;
import static dev.sluice.source.mysql.value.BinlogBytes.UTF8MB4_GENERAL_CI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import dev.sluice.source.mysql.value.BinlogBytes;
import dev.sluice.source.mysql.value.BinlogBytes.Col;
import dev.sluice.source.mysql.value.BinlogBytes.Layout;
import dev.sluice.source.mysql.value.MysqlDate;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class TableSchemaFactoryTest {

  private static TableMapEventData tableMap(Layout layout, Col... cols) {
    return BinlogBytes.parseTableMap(BinlogBytes.tableMap(9, "shop", "orders", layout, List.of(cols)));
  }

  @Test
  void schemasAreNamedAfterPrefixDatabaseAndTable() {
    TableSchema s = new TableSchemaFactory("srv", TypeMappingOptions.defaults(), ColumnHints.none(true))
        .create(tableMap(Layout.mariaDb(0), Col.of("id", LONG).notNull(), Col.varchar("name", 40, UTF8MB4_GENERAL_CI)));
    assertThat(s.id()).isEqualTo(new TableId("shop", "orders"));
    assertThat(s.rowSchema().name()).isEqualTo("srv.shop.orders.Value");
    assertThat(s.rowSchema().isOptional()).isTrue();
    assertThat(s.keySchema().name()).isEqualTo("srv.shop.orders.Key");
    assertThat(s.keySchema().fields()).extracting(f -> f.name()).containsExactly("id");
    assertThat(s.rowSchema().field("id").schema().isOptional()).isFalse();
    assertThat(s.rowSchema().field("name").schema().isOptional()).isTrue();
  }

  @Test
  void compositeKeysFollowThePrimaryKeyOrderNotTheColumnOrder() {
    TableSchema s = new TableSchemaFactory("p", TypeMappingOptions.defaults(), ColumnHints.none(true))
        .create(tableMap(Layout.mariaDb(2, 0), Col.of("a", LONG).notNull(), Col.of("x", LONG), Col.of("b", LONG).notNull()));
    assertThat(s.keySchema().fields()).extracting(f -> f.name()).containsExactly("b", "a");
    Struct row = Tables.row(s, 1, 2, 3);
    Struct key = s.key(row);
    assertThat(key.get("b")).isEqualTo(3);
    assertThat(key.get("a")).isEqualTo(1);
  }

  @Test
  void sameKeyComparesAsTheKeyStructsDoBytesByContent() {
    TableSchema s = new TableSchemaFactory("p", TypeMappingOptions.defaults(), ColumnHints.none(true))
        .create(tableMap(Layout.mariaDb(2, 0), Col.of("a", LONG).notNull(), Col.of("x", LONG), Col.varchar("b", 4, BINARY).notNull()));
    Struct row = Tables.row(s, 1, 2, new byte[] {7, 8});
    Struct[] others = {Tables.row(s, 1, 5, new byte[] {7, 8}), Tables.row(s, 2, 2, new byte[] {7, 8}), Tables.row(s, 1, 2, new byte[] {7}),
        Tables.row(s, 1, null, new byte[] {7, 8})};
    for (Struct other : others) {
      assertThat(s.sameKey(row, other)).as("%s vs %s", row, other).isEqualTo(s.key(row).equals(s.key(other)));
    }
    assertThat(s.sameKey(row, others[0])).isTrue();
    assertThat(s.sameKey(row, others[1])).isFalse();
    assertThat(s.sameKey(row, others[2])).isFalse();
  }

  @Test
  void tablesWithoutPrimaryKeyHaveNoKey() {
    TableSchema s = new TableSchemaFactory("p", TypeMappingOptions.defaults(), ColumnHints.none(true))
        .create(tableMap(Layout.mariaDb(), Col.of("a", LONG)));
    assertThat(s.keySchema()).isNull();
    assertThat(s.key(Tables.row(s, 1))).isNull();
    assertThat(s.sameKey(Tables.row(s, 1), Tables.row(s, 2))).isTrue();
  }

  @Test
  void missingFullRowMetadataIsAClearErrorNamingTheTableAndTheSetting() {
    TableMapEventData minimal = tableMap(Layout.mariaDb(0), Col.of("id", LONG).notNull());
    TableMapEventMetadata stripped = new TableMapEventMetadata();
    stripped.setSignedness(minimal.getEventMetadata().getSignedness());
    minimal.setEventMetadata(stripped);
    TableSchemaFactory factory = new TableSchemaFactory("p", TypeMappingOptions.defaults(), ColumnHints.none(true));
    assertThatThrownBy(() -> factory.create(minimal)).isInstanceOf(ConnectException.class).hasMessageContaining("shop.orders")
        .hasMessageContaining("binlog_row_metadata=FULL");
    minimal.setEventMetadata(null);
    assertThatThrownBy(() -> factory.create(minimal)).isInstanceOf(ConnectException.class).hasMessageContaining("binlog_row_metadata=FULL");
  }

  @Test
  void excludedColumnsMatchRegexesOnTheFullNameButNeverDropKeyColumns() {
    TypeMappingOptions options = TypeMappingOptions.defaults().withExcludedColumns(Set.of("shop\\.orders\\.(secret|id)", "SHOP.ORDERS.NOTES"));
    TableSchema s = new TableSchemaFactory("p", options, ColumnHints.none(true)).create(tableMap(Layout.mariaDb(0), Col.of("id", LONG).notNull(),
        Col.varchar("secret", 10, UTF8MB4_GENERAL_CI), Col.varchar("notes", 10, UTF8MB4_GENERAL_CI), Col.of("total", LONG)));
    assertThat(s.rowSchema().fields()).extracting(f -> f.name()).containsExactly("id", "total");
    assertThat(s.columns()).extracting(ColumnInfo::excluded).containsExactly(false, true, true, false);
    Struct row = Tables.row(s, 7, "x".getBytes(StandardCharsets.UTF_8), "y".getBytes(StandardCharsets.UTF_8), 9);
    assertThat(row.get("total")).isEqualTo(9);
    assertThat(s.selectList()).isEqualTo("`id`, `total`");
  }

  @Test
  void anInvalidExclusionPatternIsRejectedWhenTheOptionsAreBuilt() {
    assertThatThrownBy(() -> TypeMappingOptions.defaults().withExcludedColumns(Set.of("db.(t")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("db.(t");
  }

  @Test
  void anUnsupportedColumnTypeNamesTheColumnAndSuggestsExcludingIt() {
    Col vector = Col.of("embedding", 242, 4);
    TableSchemaFactory factory = new TableSchemaFactory("p", TypeMappingOptions.defaults(), ColumnHints.none(false));
    TableMapEventData withVector = tableMap(Layout.mySql8(0), Col.of("id", LONG).notNull(), vector);
    assertThatThrownBy(() -> factory.create(withVector))
        .isInstanceOf(ConnectException.class).hasMessageContaining("shop.orders.embedding").hasMessageContaining("exclude");
    TypeMappingOptions excluding = TypeMappingOptions.defaults().withExcludedColumns(Set.of(".*\\.embedding"));
    TableSchema s = new TableSchemaFactory("p", excluding, ColumnHints.none(false)).create(tableMap(Layout.mySql8(0), Col.of("id", LONG).notNull(),
        vector));
    assertThat(Tables.row(s, 1, new byte[] {1, 2, 3, 4}).schema().fields()).hasSize(1);
  }

  @Test
  void mariaDbCountsGeometryAsACharacterColumnMySqlDoesNot() {
    Col[] cols = {Col.of("id", LONG).notNull(), Col.geometry("g", 0), Col.varchar("a", 10, LATIN1_SWEDISH_CI),
        Col.varchar("b", 40, UTF8MB4_0900_AI_CI), Col.varchar("c", 40, UTF8MB4_0900_AI_CI)};
    TableSchema maria = new TableSchemaFactory("p", TypeMappingOptions.defaults(), ColumnHints.none(true)).create(tableMap(Layout.mariaDb(0), cols));
    TableSchema mysql = new TableSchemaFactory("p", TypeMappingOptions.defaults(), ColumnHints.none(false)).create(tableMap(Layout.mySql8(0), cols));
    for (TableSchema s : List.of(maria, mysql)) {
      assertThat(s.columns()).extracting(ColumnInfo::charset).containsExactly(null, maria == s ? "binary" : null, "latin1", "utf8mb4", "utf8mb4");
      Struct row = Tables.row(s, 1, new byte[] {0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
          new byte[] {(byte) 0xE9}, "é".getBytes(StandardCharsets.UTF_8), "ü".getBytes(StandardCharsets.UTF_8));
      assertThat(row.get("a")).isEqualTo("é");
      assertThat(row.get("b")).isEqualTo("é");
    }
  }

  @Test
  void theColumnCharsetListSettlesTheGeometryRuleWhenTheFlavorIsWrong() {
    Col[] cols = {Col.of("id", LONG).notNull(), Col.geometry("g", 0), Col.varchar("a", 10, LATIN1_SWEDISH_CI)};
    // A MariaDB event, but hints that claim MySQL: the per-column list has one entry too many for MySQL's rule.
    TableSchema s = new TableSchemaFactory("p", TypeMappingOptions.defaults(), ColumnHints.none(false)).create(tableMap(Layout.mariaDb(0), cols));
    assertThat(s.columns().get(2).charset()).isEqualTo("latin1");
  }

  @Test
  void rowsFailNamingTheColumnWhenARequiredValueIsMissingOrNull() {
    TableSchema s = new TableSchemaFactory("p", TypeMappingOptions.defaults(), ColumnHints.none(true))
        .create(tableMap(Layout.mariaDb(0), Col.of("id", LONG).notNull(), Col.of("n", LONGLONG)));
    BitSet onlyN = new BitSet();
    onlyN.set(1);
    assertThatThrownBy(() -> s.row(new Serializable[] {5L}, onlyN)).isInstanceOf(DataException.class).hasMessageContaining("shop.orders.id")
        .hasMessageContaining("binlog_row_image=FULL");
    assertThatThrownBy(() -> Tables.row(s, null, 5L)).isInstanceOf(DataException.class).hasMessageContaining("shop.orders.id");
    BitSet both = new BitSet();
    both.set(0, 2);
    assertThatThrownBy(() -> s.row(new Serializable[] {1}, both)).isInstanceOf(DataException.class).hasMessageContaining("2 columns");
    BitSet onlyId = new BitSet();
    onlyId.set(0);
    assertThat(s.row(new Serializable[] {3}, onlyId).get("n")).isNull();
  }

  @Test
  void hintsAreLookedUpOncePerTableShapeAndOnlyWhenNeeded() {
    AtomicInteger lookups = new AtomicInteger();
    ColumnHints counting = new ColumnHints() {
      @Override
      public boolean mariaDb() {
        return true;
      }

      @Override
      public Map<String, ColumnHint> columns(TableId table) {
        lookups.incrementAndGet();
        return Map.of("j", new ColumnHint("j", "longtext", "utf8mb4", true));
      }
    };
    TableSchemaFactory factory = new TableSchemaFactory("p", TypeMappingOptions.defaults(), counting);
    TableMapEventData withJson = tableMap(Layout.mariaDb(0), Col.of("id", LONG).notNull(), Col.blob("j", 4, 46));
    factory.create(withJson);
    factory.create(tableMap(Layout.mariaDb(0), Col.of("id", LONG).notNull(), Col.blob("j", 4, 46)));
    assertThat(lookups).hasValue(1);
    factory.create(tableMap(Layout.mariaDb(0), Col.of("id", LONG).notNull(), Col.blob("j", 4, BINARY)));
    assertThat(lookups).as("binary blobs and integers need no hints").hasValue(1);
  }

  @Test
  void theRowSchemaFieldsFollowTheTableOrderAndReportMySqlTypes() {
    TableSchema s = Tables.withColumns(Col.of("c", LONG).asUnsigned(), Col.decimal("d", 10, 2), Col.of("t", BinlogBytes.TIME2, 3),
        Col.enumeration("e", UTF8MB4_GENERAL_CI, "x"));
    assertThat(s.rowSchema().fields()).extracting(f -> f.name()).containsExactly("id", "c", "d", "t", "e");
    assertThat(s.columns()).extracting(ColumnInfo::typeName).containsExactly("int", "int unsigned", "decimal(10,2)", "time(3)", "enum");
    assertThat(s.toString()).contains("c int unsigned");
  }

  @Test
  void keyFieldsShareTheValueFieldSchemas() {
    TableSchema s = new TableSchemaFactory("p", TypeMappingOptions.defaults(), ColumnHints.none(true))
        .create(tableMap(Layout.mariaDb(0), Col.of("d", BinlogBytes.DATE).notNull()));
    assertThat(s.keySchema().field("d").schema()).isEqualTo(s.rowSchema().field("d").schema());
    assertThat(s.keySchema().field("d").schema().type()).isEqualTo(Schema.Type.INT32);
    assertThat(s.key(Tables.row(s, new MysqlDate(1970, 1, 2))).get("d")).isEqualTo(1);
  }
}
