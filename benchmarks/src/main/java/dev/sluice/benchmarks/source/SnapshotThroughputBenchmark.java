package dev.sluice.benchmarks.source;

import static dev.sluice.benchmarks.source.Harness.median;
import static dev.sluice.benchmarks.source.Harness.ratioLine;

import dev.sluice.stack.LocalStack;
import dev.sluice.stack.MySqlEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Sluice's snapshot vs Debezium's initial snapshot of the same table on the same MariaDB: starts
 * MariaDB through {@link LocalStack}, fills one table of mixed types ({@link SnapshotTable}), then
 * lets each connector task copy it from a first start (no stored offset), each run in its own JVM
 * ({@link ReaderMain} through {@link ReaderJvm}, same {@code -Xmx}), several runs in rotating order,
 * and prints medians, the ratio, heap peaks and the locks each connector took (the server's
 * {@code Com_flush}/{@code Com_lock_tables} counters around each run).
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.source.SnapshotThroughputBenchmark --rows 1000000 --runs 3
 * </pre>
 */
@Command(name = "snapshot-throughput", sortOptions = false,
    description = "Sluice's snapshot vs Debezium's initial snapshot of one table (see benchmarks/README.md).")
public final class SnapshotThroughputBenchmark implements Callable<Integer> {
  private static final String TOPIC_PREFIX = "bench";
  /** Debezium's documented grants (RELOAD for its global read lock, LOCK TABLES for its table-lock fallback). */
  static final String DEBEZIUM_USER = "debezium";
  private static final String DEBEZIUM_PASSWORD = "debezium-bench";
  private static final String DEBEZIUM_GRANTS = "SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, LOCK TABLES";
  /** What Debezium logs at INFO about its locks; the reader JVMs log that class at INFO so the report can quote it. */
  private static final String DEBEZIUM_SNAPSHOT_LOGGER = "io.debezium.connector.binlog.BinlogSnapshotChangeEventSource";
  private static final List<String> LOCK_COUNTERS = List.of("Com_flush", "Com_lock_tables", "Com_unlock_tables");

  @Option(names = "--rows", order = 1, description = "Rows of the table to copy (default: ${DEFAULT-VALUE}).")
  long rows = 1_000_000;

  @Option(names = "--threads", order = 3, description = "Sluice's snapshot.max.threads (default: ${DEFAULT-VALUE}).")
  int threads = 2;

  @Option(names = "--chunk-size", order = 4,
      description = "Sluice's snapshot.chunk.size; 0 keeps the connector's default (default: ${DEFAULT-VALUE}).")
  int chunkSize = 0;

  @Option(names = "--readers", order = 5, split = ",", converter = SnapshotReaderConverter.class,
      description = "Readers, comma-separated: sluice, debezium (default: both).")
  List<ReaderKind> readers = List.of(ReaderKind.SLUICE, ReaderKind.DEBEZIUM);

  @Option(names = "--batch-rows", order = 9, description = "Rows per INSERT while loading the table (default: ${DEFAULT-VALUE}).")
  int batchRows = 1000;

  /** --runs, --xmx, the connectors' sizes, --converter, --timeout, --seed, --work-dir, --jfr, --reader-jvm-arg, --help, --version. */
  @Mixin
  ReaderRunOptions options = new ReaderRunOptions(Path.of("target", "snapshot-benchmark"));

  /** Runs the readers; set in {@link #call()}, its running JVM killed if this JVM is stopped. */
  private volatile ReaderJvm jvm;

  public static void main(String[] args) {
    SnapshotThroughputBenchmark benchmark = new SnapshotThroughputBenchmark();
    System.exit(Harness.execute(benchmark, () -> benchmark.jvm, "snapshot-benchmark-reader-reaper", args));
  }

  @Override
  public Integer call() throws Exception {
    if (rows < 1 || options.runs < 1 || threads < 1 || chunkSize < 0 || readers.isEmpty()) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--rows, --runs and --threads must be positive, --chunk-size not negative, and --readers not empty");
    }
    jvm = options.readerJvm("-Dorg.slf4j.simpleLogger.log." + DEBEZIUM_SNAPSHOT_LOGGER + "=info");
    Path runDir = options.newRunDir();
    try (LocalStack stack = LocalStack.builder().name("snapshot-bench").baseDir(runDir.resolve("stack")).mysql().start()) {
      MySqlEndpoint db = stack.mysql();
      List<String> summary = new ArrayList<>();
      BinlogPosition position;
      try (Connection admin = DriverManager.getConnection(db.jdbcUrl(null), db.adminUser(), db.adminPassword())) {
        System.out.printf("loading %,d rows into %s.%s (%d per INSERT)%n", rows, Workload.DATABASE, SnapshotTable.NAME, batchRows);
        SnapshotTable.Loaded loaded = loadFast(admin, stack.mariaDb().isPresent());
        summary.add(String.format("table %s.%s: %,d rows of %d columns, %s of InnoDB data, loaded in %.1f s", Workload.DATABASE,
            SnapshotTable.NAME, loaded.rows(), SnapshotTable.columns().split(",").length, Stats.mib(loaded.dataBytes()), loaded.took().toMillis() / 1000.0));
        try (Statement s = admin.createStatement()) {
          s.execute("CREATE USER IF NOT EXISTS '" + DEBEZIUM_USER + "'@'%' IDENTIFIED BY '" + DEBEZIUM_PASSWORD + "'");
          s.execute("GRANT " + DEBEZIUM_GRANTS + " ON *.* TO '" + DEBEZIUM_USER + "'@'%'");
        }
        position = BinlogPosition.current(admin);
      }
      summary.add("sluice: snapshot.mode=initial_only, snapshot.max.threads=" + threads + ", snapshot.chunk.size="
          + (chunkSize == 0 ? "default" : Integer.toString(chunkSize)) + ", user " + MySqlEndpoint.CONNECTOR_USER + " (SELECT, REPLICATION SLAVE, "
          + "REPLICATION CLIENT)");
      summary.add("debezium: snapshot.mode=initial, default snapshot.locking.mode, user " + DEBEZIUM_USER + " (" + DEBEZIUM_GRANTS + ")");
      summary.forEach(System.out::println);

      OptionalLong serverPid = ServerCpu.pid(stack.runDir().resolve("mariadb").resolve("mariadb.pid"));
      List<RunOutcome> results = new ArrayList<>();
      long serverId = 5500;
      try (Connection admin = DriverManager.getConnection(db.jdbcUrl(null), db.adminUser(), db.adminPassword())) {
        for (int run = 1; run <= options.runs; run++) {
          for (int i = 0; i < readers.size(); i++) {
            // Rotate the order so no reader always runs first (or right after loading).
            ReaderKind kind = readers.get((i + run - 1) % readers.size());
            boolean debezium = kind == ReaderKind.DEBEZIUM;
            ReaderSpec spec = new ReaderSpec(db.host(), db.port(), debezium ? DEBEZIUM_USER : MySqlEndpoint.CONNECTOR_USER,
                debezium ? DEBEZIUM_PASSWORD : MySqlEndpoint.CONNECTOR_PASSWORD, serverId++, Workload.DATABASE, List.of(SnapshotTable.NAME),
                SnapshotTable.includeList(), TOPIC_PREFIX, position, position, ChangeCounts.NONE, options.maxBatchSize, options.maxQueueSize,
                options.converter, options.timeoutSeconds, new ReaderSpec.Snapshot(rows, threads, chunkSize));
            Map<String, Long> locks0 = counters(admin);
            ServerCpu.Mark before = ServerCpu.mark(serverPid);
            Path dir = runDir.resolve("run-" + run + "-" + kind.id());
            ReaderResult r = jvm.run(kind, spec, dir);
            ServerCpu.Mark after = ServerCpu.mark(serverPid);
            Map<String, Long> locks1 = counters(admin);
            Map<String, Long> locks = new LinkedHashMap<>();
            LOCK_COUNTERS.forEach(c -> locks.put(c, locks1.getOrDefault(c, 0L) - locks0.getOrDefault(c, 0L)));
            RunOutcome outcome = new RunOutcome(run, r, after.cpuNanosSince(before), before.load(), after.load(), locks,
                lockLog(dir.resolve("reader.log")));
            results.add(outcome);
            System.out.println(outcome.line());
          }
        }
      }
      List<String> report = report(results);
      report.forEach(System.out::println);
      Harness.writeReport(runDir, summary, results.stream().map(RunOutcome::line).toList(), report);
      return results.stream().allMatch(r -> r.result().ok()) ? 0 : 1;
    }
  }

  /** Loads with {@code innodb_flush_log_at_trx_commit = 2} on the local server (no fsync per commit), restored afterwards. */
  private SnapshotTable.Loaded loadFast(Connection admin, boolean localServer) throws SQLException {
    String before = null;
    if (localServer) {
      try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL.innodb_flush_log_at_trx_commit")) {
        rs.next();
        before = rs.getString(1);
        s.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 2");
      }
    }
    try {
      return SnapshotTable.load(admin, rows, batchRows, options.seed);
    } finally {
      if (before != null) {
        try (Statement s = admin.createStatement()) {
          s.execute("SET GLOBAL innodb_flush_log_at_trx_commit = " + Integer.parseInt(before));
        }
      }
    }
  }

  private static Map<String, Long> counters(Connection admin) throws SQLException {
    Map<String, Long> values = new HashMap<>();
    try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('"
        + String.join("','", LOCK_COUNTERS) + "')")) {
      while (rs.next()) {
        values.put(rs.getString(1), rs.getLong(2));
      }
    }
    return values;
  }

  /** Debezium's own words on its locks (INFO lines of its snapshot source) from a run's log. */
  private static List<String> lockLog(Path log) throws IOException {
    if (!Files.isRegularFile(log)) {
      return List.of();
    }
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains("global read lock") || l.contains("prevented for a total of") || l.contains("table read lock")
            || l.contains("read lock for"))
        .map(l -> l.substring(l.indexOf(" - ") >= 0 ? l.indexOf(" - ") + 3 : 0).trim())
        .toList();
  }

  private List<String> report(List<RunOutcome> outcomes) {
    Map<ReaderKind, List<RunOutcome>> byReader = new LinkedHashMap<>();
    readers.forEach(k -> byReader.put(k, new ArrayList<>()));
    outcomes.forEach(o -> byReader.get(o.result().reader()).add(o));
    Map<ReaderKind, OptionalDouble> rate = new LinkedHashMap<>();
    Map<ReaderKind, OptionalDouble> cpuRate = new LinkedHashMap<>();
    List<String> out = new ArrayList<>();
    out.add("");
    out.add(String.format("medians of %d run(s); %,d rows per run; reader heap -Xmx%s; records through %s; Sluice snapshot.max.threads=%d", options.runs,
        rows, options.xmx, options.converter, threads));
    out.add(String.format("%-10s %12s %10s %14s %14s %14s %18s %s", "reader", "rows/s", "seconds", "rows/CPU-s", "CPU us/row", "max heap used",
        "max heap after GC", "runs ok"));
    byReader.forEach((kind, list) -> {
      List<ReaderResult> ok = list.stream().map(RunOutcome::result).filter(ReaderResult::ok).toList();
      OptionalDouble r = median(ok, ReaderResult::changesPerSecond);
      rate.put(kind, r);
      OptionalDouble perCpu = median(ok, ReaderResult::changesPerCpuSecond);
      cpuRate.put(kind, perCpu);
      long used = ok.stream().mapToLong(x -> x.heap().usedBytes()).max().orElse(0);
      long after = ok.stream().mapToLong(x -> x.heap().afterGcBytes()).max().orElse(0);
      out.add(String.format("%-10s %,12.0f %10.2f %,14.0f %14.1f %14s %18s %d/%d", kind.id(), r.orElse(0), median(ok, ReaderResult::seconds).orElse(0),
          perCpu.orElse(0), perCpu.isPresent() && perCpu.getAsDouble() > 0 ? 1e6 / perCpu.getAsDouble() : 0, Stats.mib(used), Stats.mib(after),
          ok.size(), list.size()));
    });
    out.add("");
    ratioLine(out, "Sluice / Debezium rows/s (goal >= 2.0)", rate.get(ReaderKind.SLUICE), rate.get(ReaderKind.DEBEZIUM));
    ratioLine(out, "Sluice / Debezium rows per CPU-s", cpuRate.get(ReaderKind.SLUICE), cpuRate.get(ReaderKind.DEBEZIUM));
    if (byReader.containsKey(ReaderKind.SLUICE)) {
      List<ReaderResult> sluice = byReader.get(ReaderKind.SLUICE).stream().map(RunOutcome::result).toList();
      boolean allOk = !sluice.isEmpty() && sluice.stream().allMatch(ReaderResult::ok);
      long peak = sluice.stream().mapToLong(x -> x.heap().usedBytes()).max().orElse(0);
      out.add(String.format("Sluice completed every run within -Xmx%s: %s (peak used %s; goal: heap <= 256 MB)", options.xmx, allOk ? "yes" : "NO",
          Stats.mib(peak)));
    }
    byReader.forEach((kind, list) -> {
      Map<String, Long> total = new LinkedHashMap<>();
      list.forEach(o -> o.locks().forEach((k, v) -> total.merge(k, v, Long::sum)));
      out.add(String.format("locks taken by %s over %d run(s): %s", kind.id(), list.size(), total));
    });
    double loadMin = outcomes.stream().mapToDouble(o -> Math.min(o.loadBefore(), o.loadAfter())).min().orElse(Double.NaN);
    double loadMax = outcomes.stream().mapToDouble(o -> Math.max(o.loadBefore(), o.loadAfter())).max().orElse(Double.NaN);
    out.add(String.format("1-minute load average around the runs: %.1f .. %.1f on %d CPUs", loadMin, loadMax,
        Runtime.getRuntime().availableProcessors()));
    return out;
  }

  /**
   * One snapshot run as the harness saw it.
   *
   * @param run            1-based run number
   * @param result         what the reader JVM reported
   * @param serverCpuNanos CPU time MariaDB used meanwhile (-1 if unknown)
   * @param loadBefore     1-minute load average before
   * @param loadAfter      and after
   * @param locks          change of the server's lock statement counters over the run
   * @param lockLog        the connector's own log lines about locks
   */
  record RunOutcome(int run, ReaderResult result, long serverCpuNanos, double loadBefore, double loadAfter, Map<String, Long> locks,
                    List<String> lockLog) {
    String line() {
      ReaderResult r = result;
      String head = "run " + run + " " + String.format("%-9s", r.reader().id());
      if (!r.ok() && r.totalNanos() == 0) {
        return head + " FAILED: " + r.error();
      }
      return head + String.format(" %7.2f s (start %.2f s), %,9.0f rows/s, %,9.0f rows/CPU-s (reader CPU %.1f s, MariaDB CPU %s, load %.1f->%.1f); "
              + "%,d rows in %,d records, %s serialized; heap max %s used, %s after GC, %d GCs %d ms; locks %s%s",
          r.seconds(), r.startupNanos() / 1e9, r.changesPerSecond(), r.changesPerCpuSecond(), r.cpuNanos() / 1e9,
          serverCpuNanos < 0 ? "n/a" : String.format("%.1f s", serverCpuNanos / 1e9), loadBefore, loadAfter, r.changes(), r.records(),
          Stats.mib(r.serializedBytes()), Stats.mib(r.heap().usedBytes()), Stats.mib(r.heap().afterGcBytes()), r.heap().collections(),
          r.heap().gcMillis(), locks, lockLog.isEmpty() ? "" : " " + lockLog)
          + (r.ok() ? "" : " NOT OK: " + r.error());
    }
  }

  /** Parses reader names for picocli: only the connector readers copy tables. */
  static final class SnapshotReaderConverter implements CommandLine.ITypeConverter<ReaderKind> {
    @Override
    public ReaderKind convert(String value) {
      ReaderKind kind = ReaderKind.parse(value);
      if (kind.isRaw()) {
        throw new IllegalArgumentException("reader '" + value + "' reads the binlog only and cannot copy a table; valid: sluice, debezium");
      }
      return kind;
    }
  }
}
