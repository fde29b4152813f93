package dev.sluice.benchmarks.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  void percentilesAreNearestRankInMilliseconds() {
    long[] nanos = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * 1_000_000L).toArray();
    Percentiles p = Percentiles.ofNanos(nanos);
    assertThat(p.count()).isEqualTo(100);
    assertThat(p.p50()).isEqualTo(50.0);
    assertThat(p.p90()).isEqualTo(90.0);
    assertThat(p.p99()).isEqualTo(99.0);
    assertThat(p.max()).isEqualTo(100.0);
  }

  @Test
  void oneSlowChangeInAThousandShowsInTheMaxButNotInTheP99() {
    long[] nanos = LongStream.range(0, 1000).map(i -> i == 500 ? 2_000_000_000L : 10_000_000L).toArray();
    Percentiles p = Percentiles.ofNanos(nanos);
    assertThat(p.p99()).isEqualTo(10.0);
    assertThat(p.max()).isEqualTo(2000.0);
  }

  @Test
  void noValuesGiveNoPercentiles() {
    Percentiles p = Percentiles.ofNanos(new long[0]);
    assertThat(p.count()).isZero();
    assertThat(p.p99()).isNaN();
    assertThat(p.line()).isEqualTo("n/a");
  }
}
