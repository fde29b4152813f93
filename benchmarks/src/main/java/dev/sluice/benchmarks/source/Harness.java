package dev.sluice.benchmarks.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine;

/**
 * What {@link SourceThroughputBenchmark} and {@link SnapshotThroughputBenchmark} do alike around
 * their reader runs: run the command with a reader JVM reaper, the medians and ratio lines of the
 * report, and the report file.
 */
final class Harness {
  private Harness() {
  }

  /**
   * Runs the picocli {@code command} on {@code args} and returns its exit code; if this JVM is
   * stopped meanwhile, a shutdown hook (thread {@code reaperName}) kills the reader JVM running now.
   *
   * @param readerJvm the command's reader JVM, null until it made one
   */
  static int execute(Object command, Supplier<ReaderJvm> readerJvm, String reaperName, String[] args) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      ReaderJvm j = readerJvm.get();
      if (j != null) {
        j.destroyCurrent();
      }
    }, reaperName));
    return new CommandLine(command).execute(args);
  }

  /** The median of {@code f} over {@code results}; empty for none. */
  static OptionalDouble median(List<ReaderResult> results, ToDoubleFunction<ReaderResult> f) {
    return Stats.median(results.stream().map(f::applyAsDouble).toList());
  }

  /** Adds {@code label} with {@code a / b} to {@code out}; nothing if a reader was not run (null). */
  static void ratioLine(List<String> out, String label, OptionalDouble a, OptionalDouble b) {
    if (a == null || b == null) {
      return;
    }
    OptionalDouble r = Stats.ratio(a, b);
    out.add(String.format("%-45s %s", label, r.isPresent() ? String.format("%.2f", r.getAsDouble()) : "n/a (a reader failed)"));
  }

  /**
   * Writes {@code report.txt} into {@code runDir}: this JVM's command line, then {@code summary},
   * {@code runLines} and {@code report}; prints where it went.
   */
  static void writeReport(Path runDir, List<String> summary, List<String> runLines, List<String> report) throws IOException {
    List<String> file = new ArrayList<>();
    file.add("command: " + String.join(" ", ProcessHandle.current().info().arguments().orElse(new String[0])));
    file.addAll(summary);
    file.addAll(runLines);
    file.addAll(report);
    Files.write(runDir.resolve("report.txt"), file, StandardCharsets.UTF_8);
    System.out.println("report: " + runDir.resolve("report.txt"));
  }
}
