package dev.sluice.source.mysql.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
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
}
