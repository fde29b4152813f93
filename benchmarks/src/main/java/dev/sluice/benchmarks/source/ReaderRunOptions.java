package dev.sluice.benchmarks.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of {@link SourceThroughputBenchmark} and {@link SnapshotThroughputBenchmark} that
 * set up the reader runs rather than the data: how many runs, the reader JVMs, the connectors' batch
 * and queue sizes, the converter, the timeout, the seed and where the run folders go; and
 * {@code --help}/{@code --version}. A picocli mixin; each command passes its own {@code --work-dir}
 * default.
 *
 * <p>The {@code order} values keep the usage help in its usual order: these options take 2, 6 and
 * 10 to 19; the commands put their own options at 1, 3 to 5 and 7 to 9.
 */
final class ReaderRunOptions {
  @Option(names = "--runs", order = 2, description = "Runs of each reader; medians are reported (default: ${DEFAULT-VALUE}).")
  int runs = 3;

  @Option(names = "--xmx", order = 6, description = "Heap limit of every reader JVM (default: ${DEFAULT-VALUE}).")
  String xmx = "256m";

  @Option(names = "--max-batch-size", order = 10, description = "max.batch.size of both connectors (default: ${DEFAULT-VALUE}).")
  int maxBatchSize = 2048;

  @Option(names = "--max-queue-size", order = 11, description = "max.queue.size of both connectors (default: ${DEFAULT-VALUE}).")
  int maxQueueSize = 8192;

  @Option(names = "--converter", order = 12, description = "What the connector readers do with each record: JSON (JsonConverter with "
      + "schemas, as a worker would), CACHED_JSON (Sluice's SchemaCachingJsonConverter: the same bytes), PROTOBUF (Sluice's "
      + "ProtobufConverter, in-process schema store) or NONE (the task alone) (default: ${DEFAULT-VALUE}).")
  ReaderSpec.Converter converter = ReaderSpec.Converter.JSON;

  @Option(names = "--timeout", order = 13, description = "Seconds one reader run may take (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds = 900;

  @Option(names = "--seed", order = 14, description = "Seed of the generated values (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--work-dir", order = 15, description = "Run folders (stack, reader logs, report) go here (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(names = "--jfr", order = 16, description = "Record a JFR profile of every reader run into its run folder.")
  boolean jfr;

  @Option(names = "--reader-jvm-arg", order = 17, description = "Extra JVM option for every reader JVM (repeatable).")
  List<String> readerJvmArgs = new ArrayList<>();

  // picocli's mixinStandardHelpOptions would list these first, as they have no order.
  @Option(names = {"-h", "--help"}, order = 18, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = {"-V", "--version"}, order = 19, versionHelp = true, description = "Print version information and exit.")
  boolean version;

  /**
   * @param workDir the command's {@code --work-dir} default; picocli shows it as the default since
   *                the command hands this instance to its {@code @Mixin} field
   */
  ReaderRunOptions(Path workDir) {
    this.workDir = workDir;
  }

  /** Runs readers with {@code --xmx}, {@code --jfr}, every {@code --reader-jvm-arg} and then {@code extraJvmArgs}. */
  ReaderJvm readerJvm(String... extraJvmArgs) {
    List<String> jvmArgs = new ArrayList<>(readerJvmArgs);
    jvmArgs.addAll(List.of(extraJvmArgs));
    return new ReaderJvm(xmx, jfr, jvmArgs);
  }

  /** Creates and returns a new run folder under {@code --work-dir}, named after the local time. */
  Path newRunDir() throws IOException {
    Path runDir = workDir.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))).toAbsolutePath();
    Files.createDirectories(runDir);
    return runDir;
  }
}
