package dev.sluice.embedded.quickstart;

import dev.sluice.embedded.pipeline.EmbeddedPipeline;
import dev.sluice.embedded.pipeline.PipelineConfig;
import dev.sluice.embedded.pipeline.PipelineStats;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.MySqlEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The quickstart's pipeline in this process: the same {@link EmbeddedPipeline} {@code sluice run} runs. */
final class EmbeddedMode implements Mode {
  private static final String NAME = "quickstart";

  private final LocalStack stack;
  private final ShopViews views;
  private final long serverId;
  private final Path work;
  private final PrintWriter out;
  private EmbeddedPipeline pipeline;

  EmbeddedMode(LocalStack stack, ShopViews views, long serverId, Path work, PrintWriter out) {
    this.stack = stack;
    this.views = views;
    this.serverId = serverId;
    this.work = work;
    this.out = out;
  }

  @Override
  public void start() throws Exception {
    MySqlEndpoint mysql = stack.mysql();
    Map<String, String> props = new LinkedHashMap<>();
    props.put(PipelineConfig.NAME_CONFIG, NAME);
    views.source(mysql.host(), mysql.port(), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD, serverId)
        .forEach((k, v) -> props.put(PipelineConfig.SOURCE_PREFIX + k, v));
    views.sink(stack.mongo().connectionString()).forEach((k, v) -> props.put(PipelineConfig.SINK_PREFIX + k, v));
    props.put(PipelineConfig.OFFSET_FILE_CONFIG, NAME + ".offsets");
    // A fresh shop each run: offsets of an earlier one point into another server's binlog.
    Files.deleteIfExists(work.resolve(NAME + ".offsets"));
    Path file = writePipelineFile(props);
    out.println("  pipeline file " + file + " (run the same pipeline with: java -jar embedded/target/sluice.jar run " + file + ")");
    out.flush();
    pipeline = new EmbeddedPipeline(new PipelineConfig(props, work)).start();
    if (!pipeline.awaitStreaming(Duration.ofMinutes(3))) {
      throw new IllegalStateException("the pipeline did not start: "
          + pipeline.failure().map(Throwable::getMessage).orElse("no answer within 3 minutes"));
    }
  }

  private Path writePipelineFile(Map<String, String> props) throws IOException {
    Properties p = new Properties();
    p.putAll(props);
    Path file = work.resolve(NAME + "-pipeline.properties");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "written by sluice quickstart: the shop's tables into the views customers and orders (with lines embedded)");
    }
    return file;
  }

  @Override
  public String status() {
    PipelineStats.Snapshot s = pipeline.stats().snapshot();
    return "captured " + s.applied() + " changes, lag " + (s.lastLagMs() < 0 ? "-" : s.lastLagMs() + " ms")
        + (s.redeliveries() > 0 ? ", " + s.redeliveries() + " redeliveries" : "");
  }

  @Override
  public void awaitIdle(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    long last = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long applied = pipeline.stats().snapshot().received();
      if (applied != last) {
        last = applied;
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince > 2_000_000_000L) {
        return;
      }
      if (pipeline.failure().isPresent()) {
        throw new IllegalStateException("the pipeline failed: " + pipeline.failure().get().getMessage(), pipeline.failure().get());
      }
      Thread.sleep(200);
    }
  }

  @Override
  public void stop() {
    if (pipeline != null) {
      pipeline.stop();
    }
  }
}
