package dev.sluice.embedded.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** Which engine errors after a requested stop are the stop itself rather than a failure. */
class EngineStopTest {
  @Test
  void aBatchRejectedByTheClosingEnginesPoolIsPartOfTheStop() {
    // As the async engine reports it: the poll cycle's future fails with the pool's rejection.
    Throwable reported = new ExecutionException(new RejectedExecutionException("rejected from ThreadPoolExecutor[Terminated]"));
    assertThat(EmbeddedPipeline.rejectedByClosingEngine(reported)).isTrue();
    assertThat(EmbeddedPipeline.rejectedByClosingEngine(new RejectedExecutionException("x"))).isTrue();
  }

  @Test
  void anyOtherErrorIsAFailure() {
    assertThat(EmbeddedPipeline.rejectedByClosingEngine(new ConnectException("the sink rejected a change"))).isFalse();
    assertThat(EmbeddedPipeline.rejectedByClosingEngine(new ExecutionException(new IllegalStateException("boom")))).isFalse();
    assertThat(EmbeddedPipeline.rejectedByClosingEngine(null)).isFalse();
  }
}
