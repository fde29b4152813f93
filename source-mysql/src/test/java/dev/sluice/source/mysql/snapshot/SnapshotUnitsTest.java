package dev.sluice.source.mysql.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.source.mysql.offset.SnapshotState;
import dev.sluice.source.mysql.offset.SourceOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class SnapshotUnitsTest {

  @Test
  void snapshotProgressSurvivesTheOffsetMapIncludingNamesWithCommas() {
    SnapshotState state = new SnapshotState("db.t,1", KeyCodec.encode(List.of("i42", "sa,b%c", "x00ff")), List.of("db.u", "db.v,w"),
        List.of("db.done"));
    SourceOffset offset = new SourceOffset("0-1-5", "bin.000001", 4, 0, 9, state);
    SourceOffset back = SourceOffset.fromMap(offset.toMap(), "test");
    assertThat(back).isEqualTo(offset);
    assertThat(back.snapshot().pending()).containsExactly("db.u", "db.v,w");
  }

  @Test
  void anOffsetWithoutSnapshotEntriesHasNoSnapshotState() {
    SourceOffset legacy = SourceOffset.fromMap(new SourceOffset("", "bin.000001", 4, 0, 3).toMap(), "test");
    assertThat(legacy.snapshot()).isNull();
  }

  @Test
  void tablesAddedToTheIncludeListLaterArePending() {
    SnapshotState stored = new SnapshotState(null, null, List.of(), List.of("db.a"));
    SnapshotState resumed = SnapshotPlan.resume(stored, false, List.of("db.a", "db.b"));
    assertThat(resumed.pending()).containsExactly("db.b");
    assertThat(resumed.done()).containsExactly("db.a");
    assertThat(SnapshotPlan.resume(null, true, List.of("db.a")).pending()).containsExactly("db.a");
    // An offset from before snapshots: everything captured so far was streamed, nothing is copied.
    assertThat(SnapshotPlan.resume(null, false, List.of("db.a")).inProgress()).isFalse();
  }

  @Test
  void aBoundaryThatDoesNotFitTheKeyFailsNamingTheTable() {
    assertThatThrownBy(() -> KeyCodec.decode("i1,i2", List.of(), "db.t")).isInstanceOf(ConnectException.class).hasMessageContaining("db.t");
    assertThat(KeyCodec.decode(KeyCodec.encode(List.of("s,x")), List.of(dummyKeyColumn()), "db.t")).containsExactly("s,x");
  }

  private static dev.sluice.source.mysql.schema.ColumnInfo dummyKeyColumn() {
    return new dev.sluice.source.mysql.schema.ColumnInfo(0, "k", "varchar", 15, 15, 0, false, true, false, 45, "utf8mb4", 40, 0, 0, 0,
        List.of(), List.of(), -1, false, false, false);
  }

  @Test
  void mariaDbWatermarksAreContainedOncePerDomainSequenceIsReached() {
    Watermark high = new Watermark("0-1-10,1-2-5", "bin.000002", 100);
    assertThat(high.containedIn(new SourceOffset("0-1-10,1-2-4", "bin.000002", 500, 0, 0), true)).isFalse();
    assertThat(high.containedIn(new SourceOffset("0-1-11,1-3-5", "bin.000002", 50, 0, 0), true)).isTrue();
  }

  @Test
  void mySqlAndFilePositionWatermarks() {
    Watermark gtid = new Watermark("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-20", "bin.000001", 4);
    assertThat(gtid.containedIn(new SourceOffset("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-19", "x", 4, 0, 0), false)).isFalse();
    assertThat(gtid.containedIn(new SourceOffset("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-25", "x", 4, 0, 0), false)).isTrue();
    Watermark pos = new Watermark("", "bin.000009", 300);
    assertThat(pos.containedIn(new SourceOffset("", "bin.000009", 299, 0, 0), false)).isFalse();
    assertThat(pos.containedIn(new SourceOffset("", "bin.000010", 4, 0, 0), false)).isTrue();
  }

  @Test
  void compositeRangesAreSpelledOutLexicographically() {
    var a = dummyKeyColumn();
    var b = new dev.sluice.source.mysql.schema.ColumnInfo(1, "n", "int", 3, 3, 0, false, true, false, -1, null, 0, 0, 0, 0,
        List.of(), List.of(), -1, false, false, false);
    List<String> params = new java.util.ArrayList<>();
    String gt = ChunkSql.compare(List.of(a, b), List.of("sx", "i3"), true, params);
    assertThat(gt).isEqualTo("((`k` > ?) OR (`k` = ? AND `n` > ?))");
    assertThat(params).containsExactly("sx", "sx", "i3");
    params.clear();
    String le = ChunkSql.compare(List.of(a, b), List.of("sx", "i3"), false, params);
    assertThat(le).isEqualTo("((`k` < ?) OR (`k` = ? AND `n` < ?) OR (`k` = ? AND `n` = ?))");
    assertThat(params).hasSize(5);
  }

  @Test
  void chunkRowsAreOrderedByTheQualifiedKeyColumnsNotBySelectListAliases() {
    // The select list reads temporal columns as CAST(`k` AS CHAR) AS `k`: an unqualified ORDER BY `k` would sort that text.
    var a = dummyKeyColumn();
    var b = new dev.sluice.source.mysql.schema.ColumnInfo(1, "n", "int", 3, 3, 0, false, true, false, -1, null, 0, 0, 0, 0,
        List.of(), List.of(), -1, false, false, false);
    assertThat(ChunkSql.qualifiedOrderBy("`db`.`t`", List.of(a, b))).isEqualTo("`db`.`t`.`k`, `db`.`t`.`n`");
  }

  @Test
  void rowKeysMatchByValueAcrossSchemaInstancesAndByteContent() {
    Schema s1 = SchemaBuilder.struct().field("id", Schema.BYTES_SCHEMA).build();
    Schema s2 = SchemaBuilder.struct().field("id", Schema.BYTES_SCHEMA).build();
    RowKey k1 = RowKey.of(new Struct(s1).put("id", new byte[] {1, 2}));
    RowKey k2 = RowKey.of(new Struct(s2).put("id", new byte[] {1, 2}));
    assertThat(k1).isEqualTo(k2).hasSameHashCodeAs(k2);
    assertThat(Map.of(k1, 1)).containsKey(k2);
  }
}
