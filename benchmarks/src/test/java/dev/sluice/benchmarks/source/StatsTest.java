package dev.sluice.benchmarks.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
    assertThat(Stats.median(List.of(30.0, 10.0, 20.0))).hasValue(20.0);
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).hasValue(2.5);
  }

  @Test
  void medianOfNoRunsIsEmpty() {
    assertThat(Stats.median(List.of())).isEmpty();
  }

  @Test
  void ratioDividesAndIsEmptyWhenAReaderHasNoResultOrZeroRate() {
    assertThat(Stats.ratio(OptionalDouble.of(300_000), OptionalDouble.of(100_000))).hasValue(3.0);
    assertThat(Stats.ratio(OptionalDouble.empty(), OptionalDouble.of(1))).isEmpty();
    assertThat(Stats.ratio(OptionalDouble.of(1), OptionalDouble.of(0))).isEmpty();
  }

  @Test
  void changeCountsAddUpByOperation() {
    ChangeCounts sum = new ChangeCounts(3, 2, 1).plus(new ChangeCounts(10, 20, 30));
    assertThat(sum).isEqualTo(new ChangeCounts(13, 22, 31));
    assertThat(sum.total()).isEqualTo(66);
  }
}
