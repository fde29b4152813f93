package dev.sluice.benchmarks.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import dev.sluice.embedded.pipeline.EmbeddedPipeline;
import dev.sluice.embedded.pipeline.PipelineConfig;
import dev.sluice.stack.AtomicBackends;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.MySqlEndpoint;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Commit -> view latency of the one-process pipeline ({@link EmbeddedPipeline}: Sluice's source on
 * the Debezium embedded engine, Sluice's MongoDB sink task) under a paced load of single-row
 * transactions.
 *
 * <p>Starts MariaDB through {@link LocalStack} ({@code SLUICE_MYSQL_URL} for another server) and an
 * in-process mongo-java-server ({@code SLUICE_MONGODB_URI} for a real MongoDB). Each trial (one run
 * of one target rate) gets a fresh database, view database, offset file and pipeline; a
 * {@link PacedWorkload} commits single-row transactions at the target rate for the warm-up and then
 * the measured duration. Latency of a change = the moment MongoDB acknowledged its write (the
 * pipeline's {@link dev.sluice.embedded.pipeline.AcknowledgementListener}, no polling of MongoDB)
 * minus the moment its COMMIT returned to the workload, both on this JVM's {@link System#nanoTime()},
 * joined by the change number the workload writes into every row. Binlog timestamps (one-second
 * resolution on MariaDB) are not used.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests -Dsluice.it.skip=true
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.embedded.CommitToViewLatencyBenchmark --rates 1000,5000 --runs 3 --duration 20
 * </pre>
 *
 * <p>Exit status 0 only when every trial committed and saw acknowledged every change of its window
 * and no pipeline failed.
 */
@Command(name = "commit-to-view-latency", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Commit -> MongoDB view latency of the embedded pipeline under paced single-row transactions (see benchmarks/README.md).")
public final class CommitToViewLatencyBenchmark implements Callable<Integer> {
  /** Goal of issue 8: p99 at 5,000 changes/s. */
  static final double GOAL_P99_MS = 200;
  static final int GOAL_RATE = 5_000;
  /** Held so that the level set on it stays: java.util.logging keeps loggers only weakly. */
  private static final java.util.logging.Logger BINLOG_CLIENT_LOG = java.util.logging.Logger.getLogger("com.github.shyiko.mysql.binlog");

  @Option(names = "--rates", split = ",", description = "Target rates in changes/s, comma-separated (default: ${DEFAULT-VALUE}).")
  List<Integer> rates = List.of(1_000, 5_000);

  @Option(names = "--runs", description = "Trials per rate; medians are reported (default: ${DEFAULT-VALUE}).")
  int runs = 3;

  @Option(names = "--duration", description = "Measured seconds per trial (default: ${DEFAULT-VALUE}).")
  int durationSeconds = 20;

  @Option(names = "--warmup", description = "Seconds at the target rate before measuring (default: ${DEFAULT-VALUE}).")
  int warmupSeconds = 5;

  @Option(names = "--jvm-warmup", description = "Seconds of one unreported trial at the highest rate before the first measured one, so "
      + "no measured trial runs on a cold JIT (default: ${DEFAULT-VALUE}; 0: none).")
  int jvmWarmupSeconds = 20;

  @Option(names = "--connections", description = "JDBC connections of the workload; 0: one per 1,000 changes/s of the target, at least 2 "
      + "(default: ${DEFAULT-VALUE}).")
  int connections = 0;

  @Option(names = "--rows-per-transaction", description = "Row changes per transaction (one multi-row upsert); the target rate counts "
      + "row changes, so 5000/s with 5 rows per transaction commits 1000 transactions/s (default: ${DEFAULT-VALUE}: single-row transactions).")
  int rowsPerTransaction = 1;

  @Option(names = "--keys", description = "Rows the workload upserts in turn, i.e. documents in the view (default: ${DEFAULT-VALUE}).")
  int keys = 1_000;

  @Option(names = "--drain-timeout", description = "Seconds to wait after the last commit for the last acknowledgement (default: ${DEFAULT-VALUE}).")
  int drainTimeoutSeconds = 60;

  @Option(names = "--set", description = "A pipeline setting for every trial, as in a pipeline file, e.g. --set source.poll.interval.ms=50 "
      + "(repeatable; overrides the harness's own).")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--breakdown", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Stamp records in the transform chain (PollStamp) to split the latency into commit -> transform and transform -> view "
          + "(default: ${DEFAULT-VALUE}).")
  boolean breakdown = true;

  @Option(names = "--innodb-flush-log-at-trx-commit", description = "Set this global on the local MariaDB before the trials "
      + "(2: no redo-log fsync per commit); default: leave the server's setting.")
  Integer innodbFlushLogAtTrxCommit;

  @Option(names = "--stock-planner", description = "In-process endpoint only: keep mongo-java-server's own planner, under which every "
      + "guarded write of the sink scans the whole collection (default: answer _id-pinned filters from the _id index, as MongoDB does).")
  boolean stockPlanner;

  @Option(names = "--work-dir", description = "Run folders (stack, offsets, report) go here (default: ${DEFAULT-VALUE}).")
  Path workDir = Path.of("target", "latency-benchmark");

  public static void main(String[] args) {
    // Every trial starts and stops a pipeline, which logs its lifecycle at INFO: only warnings here (-D... overrides).
    for (String logger : List.of("org.slf4j.simpleLogger.defaultLogLevel", "org.slf4j.simpleLogger.log.dev.sluice")) {
      if (System.getProperty(logger) == null) {
        System.setProperty(logger, "warn");
      }
    }
    // mysql-binlog-connector-java logs each connect through java.util.logging.
    BINLOG_CLIENT_LOG.setLevel(java.util.logging.Level.WARNING);
    System.exit(new CommandLine(new CommitToViewLatencyBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (rates.isEmpty() || rates.stream().anyMatch(r -> r < 1) || runs < 1 || durationSeconds < 1 || warmupSeconds < 0 || keys < 1
        || connections < 0 || jvmWarmupSeconds < 0 || rowsPerTransaction < 1 || rowsPerTransaction > keys) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--rates, --runs, --duration and --keys must be positive, --warmup, --jvm-warmup and --connections not negative, "
              + "--rows-per-transaction between 1 and --keys");
    }
    Path runDir = workDir.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))).toAbsolutePath();
    Files.createDirectories(runDir);
    String external = System.getenv("SLUICE_MONGODB_URI");
    MongoServer mongoServer = null;
    try (LocalStack stack = LocalStack.builder().name("latency-bench").baseDir(runDir.resolve("stack")).mysql().start()) {
      String mongoUri;
      String endpoint;
      if (external == null || external.isBlank()) {
        mongoServer = new MongoServer(stockPlanner ? AtomicBackends.memoryStockPlanner() : AtomicBackends.memory());
        InetSocketAddress address = mongoServer.bind();
        mongoUri = "mongodb://127.0.0.1:" + address.getPort() + "/";
        endpoint = "in-process mongo-java-server (memory backend, " + (stockPlanner ? "stock planner: guarded writes scan" : "_id-pinned filters use the _id index") + ")";
      } else {
        mongoUri = external;
        endpoint = "SLUICE_MONGODB_URI";
      }
      MySqlEndpoint db = stack.mysql();
      if (innodbFlushLogAtTrxCommit != null && stack.mariaDb().isPresent()) {
        admin(db, "SET GLOBAL innodb_flush_log_at_trx_commit = " + innodbFlushLogAtTrxCommit);
      }
      List<String> header = new ArrayList<>();
      header.add("command: " + String.join(" ", ProcessHandle.current().info().arguments().orElse(new String[0])));
      header.add(String.format(Locale.ROOT, "MongoDB: %s; MySQL: %s:%d%s; %d s JVM warm-up, then per trial %d s warm-up + %d s measured; "
              + "%d keys, %d row(s) per transaction, %d runs, %d cores, pipeline settings %s", endpoint, db.host(), db.port(),
          innodbFlushLogAtTrxCommit == null ? "" : " (innodb_flush_log_at_trx_commit=" + innodbFlushLogAtTrxCommit + ")", jvmWarmupSeconds,
          warmupSeconds, durationSeconds, keys, rowsPerTransaction, runs, Runtime.getRuntime().availableProcessors(), settings));
      header.forEach(System.out::println);

      List<TrialResult> results = new ArrayList<>();
      boolean warmupOk = true;
      try (MongoClient client = MongoClients.create(mongoUri)) {
        int trial = 0;
        if (jvmWarmupSeconds > 0) {
          int rate = rates.stream().mapToInt(Integer::intValue).max().orElseThrow();
          TrialResult warm = trial(db, mongoUri, client, runDir, 0, rate, trial++, jvmWarmupSeconds, true);
          warmupOk = warm.error() == null && warm.missing() == 0;
          System.out.printf(Locale.ROOT, "JVM warm-up (not counted): %,d/s for %d s, achieved %,.0f/s, p99 %.1f ms%s%n", rate,
              jvmWarmupSeconds, warm.achievedRate(), warm.commitToView().p99(), warmupOk ? "" : "  FAILED: " + warm.problem());
        }
        for (int run = 1; run <= runs; run++) {
          for (int i = 0; i < rates.size(); i++) {
            // Rotate the order so no rate always runs first (on a cold JVM).
            int rate = rates.get((i + run - 1) % rates.size());
            TrialResult r = trial(db, mongoUri, client, runDir, run, rate, trial++, durationSeconds, false);
            results.add(r);
            System.out.println(r.line());
          }
        }
      }
      if (!warmupOk) {
        results.add(new TrialResult(0, 0, 0, 0, 0, 0, 0, Percentiles.NONE, Percentiles.NONE, Percentiles.NONE, 0, 0, 0, 0, 0,
            "the JVM warm-up trial failed (see above)"));
      }
      List<String> report = report(results);
      report.forEach(System.out::println);
      List<String> file = new ArrayList<>(header);
      results.forEach(r -> file.add(r.line()));
      file.addAll(report);
      Files.write(runDir.resolve("report.txt"), file, StandardCharsets.UTF_8);
      System.out.println("report: " + runDir.resolve("report.txt"));
      return results.stream().allMatch(TrialResult::ok) ? 0 : 1;
    } finally {
      if (mongoServer != null) {
        mongoServer.shutdownNow();
      }
    }
  }

  private TrialResult trial(MySqlEndpoint db, String mongoUri, MongoClient client, Path runDir, int run, int rate, int trial, int seconds,
      boolean timeBounded) throws Exception {
    String name = "lat-" + run + "-" + rate;
    String database = "lat_" + run + "_" + rate;
    String viewDatabase = database + "_view";
    Path dir = runDir.resolve(name);
    Files.createDirectories(dir);
    admin(db, "CREATE DATABASE `" + database + "`", PacedWorkload.createTable(database));

    // Whole transactions only: both counts are multiples of the rows per transaction.
    int warmup = roundToTransactions((double) rate * warmupSeconds);
    int measured = roundToTransactions((double) rate * seconds);
    int total = warmup + measured;
    int transactionRate = (rate + rowsPerTransaction - 1) / rowsPerTransaction;
    int conns = connections > 0 ? connections : Math.max(2, (transactionRate + 999) / 1_000);
    LatencyRecorder recorder = new LatencyRecorder(total, PacedWorkload.CHANGE_COLUMN);
    PipelineConfig config = new PipelineConfig(pipelineSettings(db, mongoUri, name, database, viewDatabase, trial), dir);
    double load0 = loadAverage();
    long cpu0 = processCpuNanos();
    EmbeddedPipeline pipeline = new EmbeddedPipeline(config, recorder).start();
    String error = null;
    PacedWorkload.Outcome outcome = new PacedWorkload.Outcome(0, 0, null);
    try {
      if (!pipeline.awaitStreaming(Duration.ofSeconds(120))) {
        error = "the pipeline did not start streaming within 120 s" + pipeline.failure().map(t -> ": " + t).orElse("");
      } else {
        PacedWorkload workload = new PacedWorkload(db.jdbcUrl(null), db.adminUser(), db.adminPassword(), database, keys, conns, rowsPerTransaction);
        // The JVM warm-up stops on time even when the workload cannot keep the rate; measured trials commit every change.
        outcome = workload.run(total, rate, recorder, () -> pipeline.failure().isPresent(),
            timeBounded ? Duration.ofSeconds(warmupSeconds + seconds) : null);
        long deadline = System.nanoTime() + Duration.ofSeconds(drainTimeoutSeconds).toNanos();
        while (!recorder.allCommittedAcknowledged(0, total) && pipeline.failure().isEmpty()
            && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        error = outcome.error();
      }
    } finally {
      pipeline.stop();
    }
    if (pipeline.failure().isPresent()) {
      error = "the pipeline failed: " + pipeline.failure().get();
    }
    long cpu = processCpuNanos() - cpu0;
    LatencyRecorder.Window w = recorder.window(warmup, total);
    int warmupMissing = recorder.window(0, warmup).missing();
    if (warmupMissing > 0 && error == null) {
      error = warmupMissing + " committed changes of the warm-up never reached MongoDB";
    }
    client.getDatabase(viewDatabase).drop();
    admin(db, "DROP DATABASE `" + database + "`");
    if (recorder.unjoinable() > 0 && error == null) {
      error = recorder.unjoinable() + " acknowledged records carried no change number in column " + PacedWorkload.CHANGE_COLUMN;
    }
    double meanBatch = recorder.batches() == 0 ? 0 : (double) recorder.batchRecords() / recorder.batches();
    if (outcome.maxSlipNanos() > 1_000_000_000L) {
      System.out.printf(Locale.ROOT, "  note: the workload fell up to %.1f s behind its schedule; see the achieved rate%n",
          outcome.maxSlipNanos() / 1e9);
    }
    return new TrialResult(run, rate, conns, w.measured(), w.committed(), w.missing(), w.achievedRate(), w.commitToView(),
        w.commitToTransform(), w.transformToView(), meanBatch, recorder.largestBatch(), cpu / 1e9, load0, loadAverage(), error);
  }

  private int roundToTransactions(double changes) {
    return (int) Math.round(changes / rowsPerTransaction) * rowsPerTransaction;
  }

  /** The pipeline file of one trial: what ShopPipelines writes for the ITs, plus the stamp and the user's --set settings. */
  Map<String, String> pipelineSettings(MySqlEndpoint db, String mongoUri, String name, String database, String viewDatabase, int trial) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("source.database.hostname", db.host());
    p.put("source.database.port", Integer.toString(db.port()));
    p.put("source.database.user", MySqlEndpoint.CONNECTOR_USER);
    p.put("source.database.password", MySqlEndpoint.CONNECTOR_PASSWORD);
    p.put("source.database.server.id", Long.toString(6_100 + trial));
    p.put("source.topic.prefix", name);
    p.put("source.database.include.list", database);
    p.put("sink.connection.uri", mongoUri);
    p.put("sink.database", viewDatabase);
    p.put("offset.storage.file.filename", name + ".offsets");
    if (breakdown) {
      p.put("transforms", "stamp");
      p.put("transforms.stamp.type", PollStamp.class.getName());
    }
    p.putAll(settings);
    return p;
  }

  private static void admin(MySqlEndpoint db, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(null), db.adminUser(), db.adminPassword()); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private List<String> report(List<TrialResult> results) {
    List<String> out = new ArrayList<>();
    out.add("");
    out.add(String.format(Locale.ROOT, "medians over %d run(s) per rate (commit -> MongoDB acknowledgement, ms):", runs));
    out.add(String.format(Locale.ROOT, "%10s %10s %7s %7s %7s %8s %14s %14s %s", "target/s", "achieved/s", "p50", "p90", "p99", "max",
        "c->transform99", "transform->v99", "trials ok"));
    for (int rate : rates) {
      List<TrialResult> all = results.stream().filter(r -> r.targetRate() == rate).toList();
      List<TrialResult> ok = all.stream().filter(TrialResult::ok).toList();
      out.add(String.format(Locale.ROOT, "%,10d %,10.0f %7.1f %7.1f %7.1f %8.1f %14.1f %14.1f %d/%d", rate, median(ok, TrialResult::achievedRate),
          median(ok, r -> r.commitToView().p50()), median(ok, r -> r.commitToView().p90()), median(ok, r -> r.commitToView().p99()),
          median(ok, r -> r.commitToView().max()), median(ok, r -> r.commitToTransform().p99()), median(ok, r -> r.transformToView().p99()),
          ok.size(), all.size()));
    }
    if (rates.contains(GOAL_RATE)) {
      List<TrialResult> goal = results.stream().filter(r -> r.targetRate() == GOAL_RATE && r.ok()).toList();
      out.add(goalLine(median(goal, r -> r.commitToView().p99()), median(goal, TrialResult::achievedRate)));
    }
    return out;
  }

  /**
   * The verdict on the goal: judged only when the workload reached at least 95 % of the goal's rate,
   * since a lower p99 at a lower rate shows nothing about 5,000/s.
   */
  static String goalLine(double p99, double achieved) {
    String head = String.format(Locale.ROOT, "goal (issue 8): p99 <= %.0f ms at %,d changes/s: ", GOAL_P99_MS, GOAL_RATE);
    if (Double.isNaN(p99)) {
      return head + "NOT MEASURED (no successful trial)";
    }
    String measured = String.format(Locale.ROOT, "median p99 %.1f ms at a median achieved %,.0f changes/s", p99, achieved);
    if (achieved < 0.95 * GOAL_RATE) {
      return head + measured + " -> NOT SHOWN: the workload did not reach the goal's rate on this machine";
    }
    return head + measured + (p99 <= GOAL_P99_MS ? " -> met" : " -> MISSED");
  }

  /** The median of {@code f} over the trials; NaN for none. */
  static double median(List<TrialResult> trials, ToDoubleFunction<TrialResult> f) {
    double[] values = trials.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
