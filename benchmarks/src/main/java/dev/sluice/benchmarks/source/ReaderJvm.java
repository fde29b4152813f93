package dev.sluice.benchmarks.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one reader in its own JVM ({@link ReaderMain}) with the same heap limit and JVM options for
 * every reader, and reads back its result line. Shared by {@link SourceThroughputBenchmark} and
 * {@link SnapshotThroughputBenchmark}. The JVM running now is killed by {@link #destroyCurrent()}
 * (from the harness's shutdown hook), so stopping the harness leaves no reader behind.
 */
final class ReaderJvm {
  private final String xmx;
  private final boolean jfr;
  private final List<String> jvmArgs;
  private volatile Process current;

  /**
   * @param xmx     {@code -Xmx} of every reader JVM
   * @param jfr     record a JFR profile ({@code settings=profile}) into each run folder
   * @param jvmArgs extra JVM options for every reader JVM
   */
  ReaderJvm(String xmx, boolean jfr, List<String> jvmArgs) {
    this.xmx = xmx;
    this.jfr = jfr;
    this.jvmArgs = List.copyOf(jvmArgs);
  }

  String xmx() {
    return xmx;
  }

  /** Kills the reader JVM running now, if any. */
  void destroyCurrent() {
    Process p = current;
    if (p != null) {
      p.destroyForcibly();
    }
  }

  /** Runs {@code kind} on {@code spec} in a new JVM with {@code dir} as its run folder (spec, log, profile). */
  ReaderResult run(ReaderKind kind, ReaderSpec spec, Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path specFile = dir.resolve("spec.json");
    ReaderMain.JSON.writerWithDefaultPrettyPrinter().writeValue(specFile.toFile(), spec);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + xmx);
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    if (jfr) {
      command.add("-XX:StartFlightRecording=filename=" + dir.resolve("profile.jfr") + ",settings=profile");
    }
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ReaderMain.class.getName());
    command.add(kind.id());
    command.add(specFile.toString());
    Path log = dir.resolve("reader.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    current = p;
    try {
      return awaitResult(kind, spec, p, log);
    } finally {
      current = null;
    }
  }

  private ReaderResult awaitResult(ReaderKind kind, ReaderSpec spec, Process p, Path log) throws IOException, InterruptedException {
    if (!p.waitFor(spec.timeoutSeconds() + 120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      return failed(kind, "the reader JVM did not finish in " + (spec.timeoutSeconds() + 120) + " s; log " + log);
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith(ReaderMain.RESULT_PREFIX)) {
        return ReaderMain.JSON.readValue(lines.get(i).substring(ReaderMain.RESULT_PREFIX.length()), ReaderResult.class);
      }
    }
    boolean oom = lines.stream().anyMatch(l -> l.contains("OutOfMemoryError"));
    String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    return failed(kind, (oom ? "OutOfMemoryError with -Xmx" + xmx : "exit code " + p.exitValue() + ", no result") + "; log " + log + ":\n" + tail);
  }

  static ReaderResult failed(ReaderKind kind, String why) {
    return new ReaderResult(kind, false, why, 0, ChangeCounts.NONE, 0, 0, 0, 0, 0, 0, 0, HeapSampler.Peak.NONE);
  }
}
