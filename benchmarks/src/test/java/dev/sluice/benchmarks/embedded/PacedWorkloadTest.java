package dev.sluice.benchmarks.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PacedWorkloadTest {
  @Test
  void changesAreDueEvenlyAtTheTargetRate() {
    long origin = 1_000L;
    assertThat(PacedWorkload.dueNanos(origin, 0, 5_000)).isEqualTo(1_000L);
    assertThat(PacedWorkload.dueNanos(origin, 1, 5_000)).isEqualTo(1_000L + 200_000L);
    assertThat(PacedWorkload.dueNanos(origin, 5_000, 5_000)).isEqualTo(1_000L + 1_000_000_000L);
    assertThat(PacedWorkload.dueNanos(origin, 100_000, 5_000) - origin).as("20 s at 5k/s").isEqualTo(20_000_000_000L);
  }

  @Test
  void changesGoToTheKeysInTurnSoTheViewStaysAtKeysDocuments() {
    assertThat(IntStream.range(0, 6).map(n -> PacedWorkload.key(n, 3))).containsExactly(1, 2, 3, 1, 2, 3);
    assertThat(PacedWorkload.key(1_000_000_007L, 1_000)).isEqualTo(8);
  }

  @Test
  void theTableHasThePrimaryKeyAndTheChangeNumberColumn() {
    assertThat(PacedWorkload.createTable("lat_1_5000"))
        .startsWith("CREATE TABLE `lat_1_5000`.changes (")
        .contains("id INT NOT NULL PRIMARY KEY")
        .contains(PacedWorkload.CHANGE_COLUMN + " BIGINT NOT NULL");
  }

  @Test
  void keysConnectionsAndRowsPerTransactionMustBePositive() {
    assertThatThrownBy(() -> new PacedWorkload("jdbc:mariadb://h/", "u", "p", "d", 0, 2, 1)).hasMessageContaining("keys, connections");
    assertThatThrownBy(() -> new PacedWorkload("jdbc:mariadb://h/", "u", "p", "d", 10, 0, 1)).hasMessageContaining("keys, connections");
    assertThatThrownBy(() -> new PacedWorkload("jdbc:mariadb://h/", "u", "p", "d", 10, 2, 0)).hasMessageContaining("rows per transaction");
  }

  @Test
  void aTransactionCannotHoldTheSameRowTwice() {
    assertThatThrownBy(() -> new PacedWorkload("jdbc:mariadb://h/", "u", "p", "d", 4, 2, 5)).hasMessageContaining("at most keys");
  }
}
