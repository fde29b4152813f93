package dev.sluice.benchmarks.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.pipeline.PipelineConfig;
import dev.sluice.stack.MySqlEndpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommitToViewLatencyBenchmarkTest {
  @TempDir
  Path dir;

  /** Host and port only: nothing connects while a pipeline config is parsed. */
  private static final MySqlEndpoint DB = new MySqlEndpoint() {
    @Override
    public String host() {
      return "127.0.0.1";
    }

    @Override
    public int port() {
      return 3306;
    }

    @Override
    public String adminUser() {
      return "admin";
    }

    @Override
    public String adminPassword() {
      return "pw";
    }

    @Override
    public long serverId() {
      return 1;
    }

    @Override
    public void close() {
    }
  };

  @Test
  void defaultsMeasureThreeRunsOfTwentySecondsAtOneAndFiveThousandChangesPerSecond() {
    CommitToViewLatencyBenchmark b = new CommitToViewLatencyBenchmark();
    new CommandLine(b).parseArgs();
    assertThat(b.rates).containsExactly(1_000, 5_000);
    assertThat(b.runs).isEqualTo(3);
    assertThat(b.durationSeconds).isEqualTo(20);
    assertThat(b.breakdown).isTrue();
    assertThat(b.settings).isEmpty();
  }

  @Test
  void aTrialsSettingsAreAValidPipelineWithTheStampAndTheUsersOverrides() {
    CommitToViewLatencyBenchmark b = new CommitToViewLatencyBenchmark();
    new CommandLine(b).parseArgs("--rates", "2000", "--set", "source.max.batch.size=256", "--set", "sink.max.batch.size=100");
    assertThat(b.rates).containsExactly(2_000);

    Map<String, String> p = b.pipelineSettings(DB, "mongodb://127.0.0.1:1/", "lat-1-2000", "lat_1_2000", "lat_1_2000_view", 0);
    PipelineConfig config = new PipelineConfig(p, dir);

    assertThat(config.sourceProps()).containsEntry("database.include.list", "lat_1_2000").containsEntry("max.batch.size", "256");
    assertThat(config.sinkWithName()).containsEntry("database", "lat_1_2000_view");
    assertThat(config.engineProperties().getProperty("transforms.stamp.type")).isEqualTo(PollStamp.class.getName());
    assertThat(config.offsetFile()).isEqualTo(dir.resolve("lat-1-2000.offsets").toAbsolutePath());
  }

  @Test
  void withoutBreakdownNoTransformIsAdded() {
    CommitToViewLatencyBenchmark b = new CommitToViewLatencyBenchmark();
    new CommandLine(b).parseArgs("--no-breakdown");
    Map<String, String> p = b.pipelineSettings(DB, "mongodb://127.0.0.1:1/", "n", "d", "v", 1);
    assertThat(p).doesNotContainKey("transforms");
  }

  @Test
  void mediansIgnoreMissingValuesAndAverageTheMiddleTwo() {
    List<TrialResult> trials = List.of(trial(10), trial(30), trial(20), trial(Double.NaN));
    assertThat(CommitToViewLatencyBenchmark.median(trials, r -> r.commitToView().p99())).isEqualTo(20.0);
    assertThat(CommitToViewLatencyBenchmark.median(trials.subList(0, 2), r -> r.commitToView().p99())).isEqualTo(20.0);
    assertThat(CommitToViewLatencyBenchmark.median(List.of(), r -> r.commitToView().p99())).isNaN();
  }

  @Test
  void aTrialWithAMissingChangeIsNotOk() {
    TrialResult missing = new TrialResult(1, 1000, 2, 100, 100, 1, 1000, Percentiles.NONE, Percentiles.NONE, Percentiles.NONE, 1, 1, 1, 0, 0,
        null);
    assertThat(missing.ok()).isFalse();
    assertThat(missing.line()).contains("NOT OK").contains("1 committed changes never reached MongoDB");
    assertThat(trial(5).ok()).isTrue();
  }

  @Test
  void theGoalIsJudgedOnlyWhenTheWorkloadReachedItsRate() {
    assertThat(CommitToViewLatencyBenchmark.goalLine(150, 4_990)).endsWith("-> met");
    assertThat(CommitToViewLatencyBenchmark.goalLine(250, 5_000)).endsWith("-> MISSED");
    assertThat(CommitToViewLatencyBenchmark.goalLine(50, 2_600)).contains("NOT SHOWN").contains("2,600");
    assertThat(CommitToViewLatencyBenchmark.goalLine(Double.NaN, Double.NaN)).contains("NOT MEASURED");
  }

  private static TrialResult trial(double p99) {
    Percentiles p = new Percentiles(10, 1, 2, p99, 40);
    return new TrialResult(1, 5000, 5, 10, 10, 0, 5000, p, p, p, 1, 1, 1, 0, 0, null);
  }
}
