package dev.sluice.transforms.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TombstoneMatchingTest {

  @Test
  void parseAcceptsCodesIgnoringBlanksAndCase() {
    assertThat(TombstoneMatching.parse("match")).isEqualTo(TombstoneMatching.MATCH);
    assertThat(TombstoneMatching.parse(" SKIP ")).isEqualTo(TombstoneMatching.SKIP);
  }

  @Test
  void parseNamesTheBadValueAndTheValidOnes() {
    assertThatThrownBy(() -> TombstoneMatching.parse("drop"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'drop'")
        .hasMessageContaining("match, skip");
    assertThatThrownBy(() -> TombstoneMatching.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'null'");
  }

  @Test
  void onlyMatchMatches() {
    assertThat(TombstoneMatching.MATCH.matches()).isTrue();
    assertThat(TombstoneMatching.SKIP.matches()).isFalse();
  }
}
