package dev.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.event.SourceInfo.Snapshot;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class SourceInfoTest {

  @Test
  void schemaFieldsAreInContractOrderWithSeqLast() {
    assertThat(SourceInfo.SCHEMA.fields())
        .extracting(f -> f.name() + ":" + f.schema().type() + (f.schema().isOptional() ? "?" : ""))
        .containsExactly(
            "version:STRING",
            "connector:STRING",
            "name:STRING",
            "ts_ms:INT64",
            "snapshot:STRING?",
            "db:STRING",
            "table:STRING?",
            "server_id:INT64",
            "gtid:STRING?",
            "file:STRING",
            "pos:INT64",
            "row:INT32",
            "thread:INT64?",
            "query:STRING?",
            "seq:INT64");
  }

  @Test
  void schemaIsNamedRequiredAndVersioned() {
    assertThat(SourceInfo.SCHEMA.name()).isEqualTo("dev.sluice.event.Source");
    assertThat(SourceInfo.SCHEMA.version()).isEqualTo(1);
    assertThat(SourceInfo.SCHEMA.isOptional()).isFalse();
  }

  @Test
  void toStructWritesEveryComponent() {
    SourceInfo info =
        SourceInfo.builder()
            .version("0.1.0")
            .connector("mariadb")
            .name("shop")
            .tsMs(11)
            .snapshot(Snapshot.INCREMENTAL)
            .db("inventory")
            .table("orders")
            .serverId(3)
            .gtid("0-1-42")
            .file("mariadb-bin.000001")
            .pos(1234)
            .row(2)
            .thread(99L)
            .query("INSERT INTO orders VALUES (1)")
            .seq(500)
            .build();

    Struct struct = info.toStruct();

    struct.validate();
    assertThat(struct.getString("version")).isEqualTo("0.1.0");
    assertThat(struct.getString("connector")).isEqualTo("mariadb");
    assertThat(struct.getString("name")).isEqualTo("shop");
    assertThat(struct.getInt64("ts_ms")).isEqualTo(11L);
    assertThat(struct.getString("snapshot")).isEqualTo("incremental");
    assertThat(struct.getString("db")).isEqualTo("inventory");
    assertThat(struct.getString("table")).isEqualTo("orders");
    assertThat(struct.getInt64("server_id")).isEqualTo(3L);
    assertThat(struct.getString("gtid")).isEqualTo("0-1-42");
    assertThat(struct.getString("file")).isEqualTo("mariadb-bin.000001");
    assertThat(struct.getInt64("pos")).isEqualTo(1234L);
    assertThat(struct.getInt32("row")).isEqualTo(2);
    assertThat(struct.getInt64("thread")).isEqualTo(99L);
    assertThat(struct.getString("query")).isEqualTo("INSERT INTO orders VALUES (1)");
    assertThat(struct.getInt64("seq")).isEqualTo(500L);
  }

  @Test
  void rowBlocksEqualTheBlocksOfEachRowsSourceInfo() {
    SourceInfo event = SourceInfo.builder().version("0.1.0").connector("mysql").name("shop").tsMs(11).snapshot(Snapshot.FALSE)
        .db("inventory").table("orders").serverId(3).gtid("0-1-42").file("binlog.000001").pos(1234).thread(99L).query("q").build();
    SourceBlocks blocks = event.rowBlocks();

    for (int row : new int[] {0, 1, 499}) {
      Struct struct = blocks.toStruct(row, 7_000_000_000L + row);

      struct.validate();
      assertThat(struct).isEqualTo(event.toBuilder().row(row).seq(7_000_000_000L + row).build().toStruct());
    }
    assertThat(blocks.toStruct(1, 2)).isNotSameAs(blocks.toStruct(1, 2));
  }

  @Test
  void optionalComponentsMayBeNull() {
    Struct struct = TestEvents.source(1).toStruct();

    struct.validate();
    assertThat(struct.get("snapshot")).isNull();
    assertThat(struct.get("gtid")).isNull();
    assertThat(struct.get("thread")).isNull();
    assertThat(struct.get("query")).isNull();
  }

  @Test
  void builderDefaultsVersionToTheRunningSluiceVersion() {
    SourceInfo info =
        SourceInfo.builder().connector("mysql").name("n").db("d").file("f").build();

    assertThat(info.version()).isEqualTo(SluiceVersion.current());
  }

  @Test
  void builderNamesTheMissingRequiredComponent() {
    assertThatThrownBy(() -> SourceInfo.builder().connector("mysql").name("n").file("f").build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("db");
  }

  @Test
  void toBuilderCopiesEverythingSoOnlyChangedComponentsDiffer() {
    SourceInfo first = TestEvents.source(10);

    SourceInfo next = first.toBuilder().row(1).seq(11).build();

    assertThat(next).isEqualTo(new SourceInfo(
        first.version(), first.connector(), first.name(), first.tsMs(), first.snapshot(),
        first.db(), first.table(), first.serverId(), first.gtid(), first.file(), first.pos(),
        1, first.thread(), first.query(), 11));
    assertThat(first.toBuilder().build()).isEqualTo(first);
  }

  @Test
  void snapshotCodesAreDebeziums() {
    assertThat(Snapshot.values())
        .extracting(Snapshot::code)
        .containsExactly("true", "false", "first", "last", "incremental");
    assertThat(Snapshot.parse(" LAST ")).isEqualTo(Snapshot.LAST);
  }

  @Test
  void snapshotParseNamesBadValueAndValidOnes() {
    assertThatThrownBy(() -> Snapshot.parse("yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'yes'")
        .hasMessageContaining("true, false, first, last, incremental");
  }
}
