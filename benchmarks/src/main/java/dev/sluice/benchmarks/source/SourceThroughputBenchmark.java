package dev.sluice.benchmarks.source;

import static dev.sluice.benchmarks.source.Harness.median;
import static dev.sluice.benchmarks.source.Harness.ratioLine;

import dev.sluice.stack.LocalStack;
import dev.sluice.stack.MySqlEndpoint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Sluice's source task vs Debezium's MariaDB connector task vs the bare {@code BinaryLogClient}, on
 * the same generated binlog of a real MariaDB: starts MariaDB through {@link LocalStack}, notes the
 * binlog position, writes the workload ({@link Workload}: DDL included, a quarter of the changes on
 * tables the connectors do not capture), notes the end position, then reads that range with each
 * reader in its own JVM ({@link ReaderMain}, same {@code -Xmx}), several runs in rotating order,
 * and prints medians, ratios and heap peaks.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.source.SourceThroughputBenchmark --changes 1000000 --runs 3
 * </pre>
 */
@Command(name = "source-throughput", sortOptions = false,
    description = "Sluice vs Debezium vs BinaryLogClient on one generated binlog (see benchmarks/README.md).")
public final class SourceThroughputBenchmark implements Callable<Integer> {
  private static final String TOPIC_PREFIX = "bench";

  @Option(names = "--changes", order = 1, description = "Row changes to generate, all tables (default: ${DEFAULT-VALUE}).")
  long changes = 1_000_000;

  @Option(names = "--readers", order = 3, split = ",", converter = ReaderKindConverter.class,
      description = "Readers, comma-separated: raw, raw-sluice-deser, sluice, debezium (default: all).")
  List<ReaderKind> readers = List.of(ReaderKind.RAW, ReaderKind.RAW_SLUICE_DESERIALIZER, ReaderKind.SLUICE, ReaderKind.DEBEZIUM);

  @Option(names = "--filtered-share", order = 7,
      description = "Share of changes on tables the connectors do not capture (default: ${DEFAULT-VALUE}).")
  double filteredShare = 0.25;

  @Option(names = "--single-row-share", order = 8, description = "Share of changes made by one-row transactions (default: ${DEFAULT-VALUE}).")
  double singleRowShare = 0.05;

  @Option(names = "--batch-rows", order = 9, description = "Rows per multi-row INSERT/UPDATE/DELETE (default: ${DEFAULT-VALUE}).")
  int batchRows = 500;

  /** --runs, --xmx, the connectors' sizes, --converter, --timeout, --seed, --work-dir, --jfr, --reader-jvm-arg, --help, --version. */
  @Mixin
  ReaderRunOptions options = new ReaderRunOptions(Path.of("target", "source-benchmark"));

  /** Runs the readers; set in {@link #call()}, its running JVM killed if this JVM is stopped. */
  private volatile ReaderJvm jvm;

  public static void main(String[] args) {
    SourceThroughputBenchmark benchmark = new SourceThroughputBenchmark();
    System.exit(Harness.execute(benchmark, () -> benchmark.jvm, "source-benchmark-reader-reaper", args));
  }

  @Override
  public Integer call() throws Exception {
    if (changes < 1 || options.runs < 1 || readers.isEmpty()) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--changes and --runs must be positive and --readers not empty");
    }
    jvm = options.readerJvm();
    Path runDir = options.newRunDir();
    try (LocalStack stack = LocalStack.builder().name("source-bench").baseDir(runDir.resolve("stack")).mysql().start()) {
      MySqlEndpoint db = stack.mysql();
      BinlogPosition start;
      BinlogPosition end;
      Workload.Summary workload;
      long binlogBytes;
      try (Connection admin = DriverManager.getConnection(db.jdbcUrl(null), db.adminUser(), db.adminPassword())) {
        if (stack.mariaDb().isPresent()) {
          try (Statement s = admin.createStatement()) {
            // Only the generation speeds up (no fsync per commit); reading the binlog is unaffected.
            s.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 2");
          }
        }
        start = BinlogPosition.current(admin);
        System.out.printf("generating %,d row changes (%.0f%% on filtered tables, %.0f%% in one-row transactions) from binlog %s%n",
            changes, filteredShare * 100, singleRowShare * 100, start);
        workload = new Workload(admin, batchRows, options.seed).run(changes, filteredShare, singleRowShare);
        end = BinlogPosition.current(admin);
        binlogBytes = binlogBytes(admin, start, end);
      }
      List<String> summary = new ArrayList<>();
      summary.add(String.format("workload: %,d transactions in %.1f s, binlog %s .. %s (%s)", workload.transactions(),
          workload.took().toMillis() / 1000.0, start, end, Stats.mib(binlogBytes)));
      workload.byTable().forEach((table, counts) -> summary.add(String.format("  %-10s %-9s %s", table,
          Workload.TABLES.stream().anyMatch(t -> t.name().equals(table) && t.captured()) ? "captured" : "filtered", counts)));
      summary.add("  captured: " + workload.captured() + "; filtered: " + workload.filtered());
      summary.forEach(System.out::println);

      OptionalLong serverPid = ServerCpu.pid(stack.runDir().resolve("mariadb").resolve("mariadb.pid"));
      List<RunOutcome> results = new ArrayList<>();
      long serverId = 5400;
      for (int run = 1; run <= options.runs; run++) {
        for (int i = 0; i < readers.size(); i++) {
          // Rotate the order so no reader always runs first (or right after the workload).
          ReaderKind kind = readers.get((i + run - 1) % readers.size());
          ReaderSpec spec = new ReaderSpec(db.host(), db.port(), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD, serverId++,
              Workload.DATABASE, Workload.capturedTables(), Workload.tableIncludeList(), TOPIC_PREFIX, start, end, workload.captured(),
              options.maxBatchSize, options.maxQueueSize, options.converter, options.timeoutSeconds, null);
          ServerCpu.Mark before = ServerCpu.mark(serverPid);
          ReaderResult r = jvm.run(kind, spec, runDir.resolve("run-" + run + "-" + kind.id()));
          ServerCpu.Mark after = ServerCpu.mark(serverPid);
          RunOutcome outcome = new RunOutcome(run, r, after.cpuNanosSince(before), before.load(), after.load());
          results.add(outcome);
          System.out.println(outcome.line());
        }
      }
      List<String> report = report(results, workload);
      report.forEach(System.out::println);
      Harness.writeReport(runDir, summary, results.stream().map(RunOutcome::line).toList(), report);
      return results.stream().allMatch(r -> r.result().ok()) ? 0 : 1;
    }
  }

  private static long binlogBytes(Connection admin, BinlogPosition start, BinlogPosition end) throws SQLException {
    long total = 0;
    try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
      while (rs.next()) {
        String name = rs.getString(1);
        long size = rs.getLong(2);
        if (name.compareTo(start.file()) < 0 || name.compareTo(end.file()) > 0) {
          continue;
        }
        long from = name.equals(start.file()) ? start.position() : 0;
        long to = name.equals(end.file()) ? end.position() : size;
        total += to - from;
      }
    }
    return total;
  }

  private List<String> report(List<RunOutcome> outcomes, Workload.Summary workload) {
    Map<ReaderKind, List<ReaderResult>> byReader = new LinkedHashMap<>();
    readers.forEach(k -> byReader.put(k, new ArrayList<>()));
    outcomes.forEach(o -> byReader.get(o.result().reader()).add(o.result()));
    Map<ReaderKind, OptionalDouble> rate = new LinkedHashMap<>();
    Map<ReaderKind, OptionalDouble> cpuRate = new LinkedHashMap<>();
    List<String> out = new ArrayList<>();
    out.add("");
    out.add(String.format("medians of %d run(s); captured changes per run: %,d; reader heap -Xmx%s; connector records through %s", options.runs,
        workload.captured().total(), options.xmx, options.converter));
    out.add(String.format("%-17s %12s %10s %18s %14s %18s %s", "reader", "changes/s", "seconds", "changes/CPU-s", "max heap used",
        "max heap after GC", "runs ok"));
    byReader.forEach((kind, list) -> {
      List<ReaderResult> ok = list.stream().filter(ReaderResult::ok).toList();
      OptionalDouble r = median(ok, ReaderResult::changesPerSecond);
      rate.put(kind, r);
      OptionalDouble secs = median(ok, ReaderResult::seconds);
      OptionalDouble perCpu = median(ok, ReaderResult::changesPerCpuSecond);
      cpuRate.put(kind, perCpu);
      long used = ok.stream().mapToLong(x -> x.heap().usedBytes()).max().orElse(0);
      long after = ok.stream().mapToLong(x -> x.heap().afterGcBytes()).max().orElse(0);
      out.add(String.format("%-17s %,12.0f %10.2f %,18.0f %14s %18s %d/%d", kind.id(), r.orElse(0), secs.orElse(0), perCpu.orElse(0),
          Stats.mib(used), Stats.mib(after), ok.size(), list.size()));
    });
    out.add("");
    ratioLine(out, "Sluice / Debezium (goal >= 2.0)", rate.get(ReaderKind.SLUICE), rate.get(ReaderKind.DEBEZIUM));
    ratioLine(out, "Sluice / raw BinaryLogClient (goal >= 0.60)", rate.get(ReaderKind.SLUICE), rate.get(ReaderKind.RAW));
    ratioLine(out, "Sluice / raw with Sluice's deserializer", rate.get(ReaderKind.SLUICE), rate.get(ReaderKind.RAW_SLUICE_DESERIALIZER));
    ratioLine(out, "Debezium / raw BinaryLogClient", rate.get(ReaderKind.DEBEZIUM), rate.get(ReaderKind.RAW));
    out.add("per CPU second of the reader JVM (less sensitive to other load on the machine):");
    ratioLine(out, "  Sluice / Debezium", cpuRate.get(ReaderKind.SLUICE), cpuRate.get(ReaderKind.DEBEZIUM));
    ratioLine(out, "  Sluice / raw BinaryLogClient", cpuRate.get(ReaderKind.SLUICE), cpuRate.get(ReaderKind.RAW));
    if (byReader.containsKey(ReaderKind.SLUICE)) {
      List<ReaderResult> sluice = byReader.get(ReaderKind.SLUICE);
      boolean allOk = !sluice.isEmpty() && sluice.stream().allMatch(ReaderResult::ok);
      out.add(String.format("Sluice completed every run with -Xmx%s: %s (goal: peak heap <= 256 MB)", options.xmx, allOk ? "yes" : "NO"));
    }
    return out;
  }

  /**
   * One reader run as the harness saw it.
   *
   * @param run             1-based run number
   * @param result          what the reader JVM reported
   * @param serverCpuNanos  CPU time MariaDB used meanwhile (-1 if unknown)
   * @param loadBefore      1-minute load average before
   * @param loadAfter       and after
   */
  record RunOutcome(int run, ReaderResult result, long serverCpuNanos, double loadBefore, double loadAfter) {
    String line() {
      ReaderResult r = result;
      String head = "run " + run + " " + String.format("%-17s", r.reader().id());
      if (!r.ok() && r.totalNanos() == 0) {
        return head + " FAILED: " + r.error();
      }
      String detail = r.reader().isRaw()
          ? String.format("%,.0f binlog events/s, %,.0f rows/s of all tables", r.binlogEvents() / r.seconds(), r.binlogRows() / r.seconds())
          : String.format("%,d records, %s serialized", r.records(), Stats.mib(r.serializedBytes()));
      return head + String.format(" %7.2f s (start %.2f s), %,9.0f changes/s, %,9.0f changes/CPU-s (reader CPU %.1f s, MariaDB CPU %s, load %.1f->%.1f); "
              + "%s; heap max %s used, %s after GC, %d GCs %d ms",
          r.seconds(), r.startupNanos() / 1e9, r.changesPerSecond(), r.changesPerCpuSecond(), r.cpuNanos() / 1e9,
          serverCpuNanos < 0 ? "n/a" : String.format("%.1f s", serverCpuNanos / 1e9), loadBefore, loadAfter, detail,
          Stats.mib(r.heap().usedBytes()), Stats.mib(r.heap().afterGcBytes()), r.heap().collections(), r.heap().gcMillis())
          + (r.ok() ? "" : " NOT OK: " + r.error());
    }
  }

  /** Parses reader names for picocli, with the valid names in the error. */
  static final class ReaderKindConverter implements CommandLine.ITypeConverter<ReaderKind> {
    @Override
    public ReaderKind convert(String value) {
      return ReaderKind.parse(value);
    }
  }
}
