package dev.sluice.source.mysql.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class SourceOffsetTest {

  @Test
  void roundTripsThroughTheMapConnectStores() {
    SourceOffset offset = new SourceOffset("0-1-41", "binlog.000003", 1234, 2, 99);
    assertThat(SourceOffset.fromMap(offset.toMap(), "server=x")).isEqualTo(offset);
  }

  @Test
  void readsIntegersThatAJsonOffsetStoreReturnsForSmallNumbers() {
    Map<String, Object> stored = new HashMap<>();
    stored.put("gtids", "");
    stored.put("file", "binlog.000001");
    stored.put("pos", 4);
    stored.put("tx_emitted", 0);
    stored.put("seq", 7);
    SourceOffset offset = SourceOffset.fromMap(stored, "server=x");
    assertThat(offset.position()).isEqualTo(4);
    assertThat(offset.seq()).isEqualTo(7);
    assertThat(offset.hasGtids()).isFalse();
  }

  @Test
  void theSignalPositionRoundTripsWithTheSnapshotStateAndIsAbsentFromOlderOffsets() {
    SourceOffset offset = new SourceOffset("0-1-41", "binlog.000003", 1234, 0, 99,
        new SnapshotState(null, null, List.of("shop.orders"), List.of("shop.orders", "shop.lines"), 42L));
    // What an offset store hands back: a map of its own.
    Map<String, Object> map = new HashMap<>(offset.toMap());
    assertThat(map).containsEntry("signal_offset", 42L);
    SourceOffset back = SourceOffset.fromMap(map, "server=x");
    assertThat(back).isEqualTo(offset);
    assertThat(back.snapshot().signalOffset()).isEqualTo(42L);
    // A JSON offset store hands small numbers back as Integer.
    map.put("signal_offset", 42);
    assertThat(SourceOffset.fromMap(map, "server=x").snapshot().signalOffset()).isEqualTo(42L);

    // An offset written before signals existed: the same state, no signal position.
    Map<String, Object> older = new SourceOffset("0-1-41", "binlog.000003", 1234, 0, 99,
        new SnapshotState(null, null, List.of(), List.of("shop.orders"))).toMap();
    assertThat(older).doesNotContainKey("signal_offset");
    SnapshotState state = SourceOffset.fromMap(older, "server=x").snapshot();
    assertThat(state.signalOffset()).isNull();
    assertThat(state.done()).containsExactly("shop.orders");
    assertThat(state.withSignalOffset(7).signalOffset()).isEqualTo(7L);
  }

  @Test
  void aSignalPositionThatIsNotANumberFailsNamingTheEntry() {
    Map<String, Object> map = new HashMap<>(new SourceOffset("", "binlog.000003", 4, 0, 1, SnapshotState.empty()).toMap());
    map.put("signal_offset", "x");
    assertThatThrownBy(() -> SourceOffset.fromMap(map, "server=x")).isInstanceOf(ConnectException.class).hasMessageContaining("signal_offset");
  }

  @Test
  void theSeqBeforeTheTransactionIsTheStoredSeqLessTheRecordsEmittedInIt() {
    SourceOffset offset = new SourceOffset("0-1-5", "f", 4, 3, 10);
    assertThat(offset.seqAtTransactionStart()).isEqualTo(7);
    assertThat(offset.emitted()).isEqualTo(new SourceOffset("0-1-5", "f", 4, 4, 11));
  }

  @Test
  void aForeignOffsetFailsNamingThePartitionAndTheRemedy() {
    Map<String, Object> debeziumLike = Map.of("file", "mysql-bin.000003", "pos", 154L, "row", 1);
    assertThatThrownBy(() -> SourceOffset.fromMap(debeziumLike, "server=shop"))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("server=shop")
        .hasMessageContaining("tx_emitted")
        .hasMessageContaining("DELETE /connectors/<name>/offsets");
  }

  @Test
  void rejectsMoreRecordsInTheTransactionThanInTotal() {
    assertThatThrownBy(() -> new SourceOffset("", "f", 4, 5, 3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theOffsetMapIsReadOnlyAndEqualToAPlainMapOfItsEntries() {
    SourceOffset offset = new SourceOffset("0-1-7", "binlog.000002", 1234, 2, 9);
    Map<String, Object> map = offset.toMap();

    assertThat(map).isEqualTo(Map.of("gtids", "0-1-7", "file", "binlog.000002", "pos", 1234L, "tx_emitted", 2L, "seq", 9L));
    assertThat(new HashMap<>(map).hashCode()).isEqualTo(map.hashCode());
    assertThat(map.get("seq")).isEqualTo(9L);
    assertThatThrownBy(() -> map.put("seq", 10L)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(SourceOffset.fromMap(map, "test")).isEqualTo(offset);
  }
}
