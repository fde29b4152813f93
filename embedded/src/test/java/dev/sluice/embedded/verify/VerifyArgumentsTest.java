package dev.sluice.embedded.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerifyArgumentsTest {
  @Test
  void tablesAreDatabaseDotName() {
    assertThat(TableRef.parse("shop.orders", "--table")).isEqualTo(new TableRef("shop", "orders"));
    assertThat(TableRef.parse("views.orders.v2", "--collection")).isEqualTo(new TableRef("views", "orders.v2"));
    assertThat(new TableRef("a`b", "t").quoted()).isEqualTo("`a``b`.`t`");
    assertThatThrownBy(() -> TableRef.parse("orders", "--table")).hasMessageContaining("--table").hasMessageContaining("database.name");
  }

  @Test
  void anEmbedNamesTheChildTableTheArrayAndTheForeignKey() {
    EmbeddedChild e = EmbeddedChild.parse("shop.order_lines:lines:order_id");
    assertThat(e.table()).isEqualTo(new TableRef("shop", "order_lines"));
    assertThat(e.field()).isEqualTo("lines");
    assertThat(e.parentKeyColumns()).containsExactly("order_id");
    assertThat(EmbeddedChild.parse("s.c:items:region, no").parentKeyColumns()).containsExactly("region", "no");
    assertThatThrownBy(() -> EmbeddedChild.parse("shop.order_lines:lines")).hasMessageContaining("--embed");
  }

  @Test
  void columnKindsFollowTheSourcesTypeMapping() {
    assertThat(MySqlTable.kind("tinyint", "tinyint(1)", false)).isEqualTo(ColumnKind.BOOLEAN);
    assertThat(MySqlTable.kind("tinyint", "tinyint(4) unsigned", false)).isEqualTo(ColumnKind.INTEGER);
    assertThat(MySqlTable.kind("longtext", "longtext", true)).isEqualTo(ColumnKind.JSON);
    assertThat(MySqlTable.kind("longtext", "longtext", false)).isEqualTo(ColumnKind.TEXT);
    assertThat(MySqlTable.kind("enum", "enum('a','b')", false)).isEqualTo(ColumnKind.TEXT);
    assertThat(MySqlTable.kind("varbinary", "varbinary(4)", false)).isEqualTo(ColumnKind.BINARY);
    assertThat(MySqlTable.kind("point", "point", false)).isEqualTo(ColumnKind.UNSUPPORTED);
  }

  @Test
  void aReportWithoutDifferencesIsNoDriftAndOneDifferenceIsDrift() {
    ViewReport clean = new ViewReport(new TableRef("s", "o"), new TableRef("v", "o"),
        List.of(EmbeddedChild.parse("s.l:lines:o_id")), 5);
    clean.chunk(10, false);
    assertThat(clean.drift()).isFalse();
    assertThat(clean.format()).contains("compared 10 rows in 1 chunks").contains("result: no drift").contains("lines[]");

    ViewReport drift = new ViewReport(new TableRef("s", "o"), new TableRef("v", "o"), List.of(EmbeddedChild.parse("s.l:lines:o_id")), 1);
    drift.chunk(10, true);
    drift.childDifferent("lines", "v.o _id=1 lines[id=2]: qty");
    drift.childDifferent("lines", "v.o _id=1 lines[id=3]: qty");
    assertThat(drift.drift()).isTrue();
    assertThat(drift.children("lines")).isEqualTo(new ViewReport.Counts(0, 0, 2));
    assertThat(drift.format()).contains("result: DRIFT").contains("lines[id=2]").doesNotContain("lines[id=3]");
    assertThatThrownBy(() -> drift.children("items")).hasMessageContaining("lines");
  }
}
