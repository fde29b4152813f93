package dev.sluice.embedded;

import dev.sluice.embedded.pipeline.EmbeddedPipeline;
import dev.sluice.embedded.pipeline.PipelineConfig;
import dev.sluice.embedded.pipeline.PipelineStats;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice run pipeline.properties}: one pipeline in this process until SIGTERM or Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
        "Runs Sluice's source connector on the Debezium embedded engine with the configured transforms and hands the records"
            + " to Sluice's MongoDB sink task, all in this process. Offsets go to a local file, and only for changes MongoDB"
            + " acknowledged; a restart resumes after the last of them. SIGTERM or Ctrl-C stops cleanly.",
        "Exit status: 0 stopped cleanly (143 when stopped by SIGTERM), 3 failed."},
    footer = {"", "The properties file: source.* (the source connector's settings), sink.* (the MongoDB sink's), transforms/predicates"
        + " (as in Kafka Connect), converter.roundtrip, offset.storage.file.filename, offset.flush.interval.ms, name."
        + " See embedded/README.md."})
final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PIPELINE_PROPERTIES", description = "The pipeline's settings.")
  private Path file;

  @Option(names = "--progress-interval", defaultValue = "30s", converter = DurationConverter.class,
      description = "How often progress is logged (default ${DEFAULT-VALUE}).")
  private Duration progressInterval;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file)) {
      err.println("sluice run: no pipeline file " + file.toAbsolutePath());
      return ExitCodes.FAILED;
    }
    PipelineConfig config = PipelineConfig.load(file);
    EmbeddedPipeline pipeline = new EmbeddedPipeline(config);
    Thread hook = new Thread(() -> {
      SluiceCli.exitingBySignal();
      pipeline.stop();
      out.println("sluice: pipeline '" + config.name() + "' stopped; offsets of acknowledged changes are in " + config.offsetFile());
      out.flush();
    }, "sluice-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    pipeline.start();
    if (!pipeline.awaitStreaming(Duration.ofMinutes(10))) {
      removeHook(hook);
      pipeline.stop();
      err.println("sluice run: pipeline '" + config.name() + "' did not start: "
          + pipeline.failure().map(SluiceCli::describe).orElse("no answer within 10 minutes"));
      return ExitCodes.FAILED;
    }
    out.println("sluice: pipeline '" + config.name() + "' streaming; offsets in " + config.offsetFile());
    out.flush();
    while (!pipeline.awaitTermination(progressInterval)) {
      PipelineStats.Snapshot s = pipeline.stats().snapshot();
      long[] lag = pipeline.stats().lagPercentiles(50, 99);
      LOG.info("pipeline {}: {} changes applied to MongoDB ({} records read, {} redeliveries); commit-to-view lag p50 {} ms, p99 {} ms",
          config.name(), s.applied(), s.received(), s.redeliveries(), lag[0], lag[1]);
    }
    if (!removeHook(hook)) {
      // The hook is running: it stops the pipeline and reports.
      return ExitCodes.OK;
    }
    pipeline.stop();
    if (pipeline.failure().isPresent()) {
      err.println("sluice run: pipeline '" + config.name() + "' failed: " + SluiceCli.describe(pipeline.failure().get()));
      return ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }

  private static boolean removeHook(Thread hook) {
    try {
      return Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      return false;
    }
  }
}
