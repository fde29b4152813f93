package dev.sluice.embedded.quickstart;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.sluice.embedded.DurationConverter;
import dev.sluice.embedded.ExitCodes;
import dev.sluice.embedded.verify.Verifier;
import dev.sluice.embedded.verify.VerifyException;
import dev.sluice.embedded.verify.VerifyOptions;
import dev.sluice.embedded.verify.ViewReport;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.MySqlEndpoint;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice quickstart}: a local MariaDB (the binary from Maven Central) and MongoDB endpoint, a
 * sample shop, the pipeline from its tables to two views, a scripted stream of changes with a live
 * progress line, and {@code verify} of every view at the end.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Starts a local MariaDB with binlog and a MongoDB endpoint (or uses SLUICE_MYSQL_URL / SLUICE_MONGODB_URI), creates a"
            + " sample shop (customers, orders, order_lines), runs the pipeline into two views (customers; orders with their lines"
            + " embedded), applies a stream of changes with a live progress line, and verifies every view when it stops"
            + " (Ctrl-C or --duration).",
        "Exit status: 0 every view equals its table, 1 drift, 3 failed."})
public final class QuickstartCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "Stop the change stream after this long (e.g. 60s); default: at Ctrl-C.")
  private Duration duration;

  @Option(names = "--distributed", description = "Run on a local Kafka broker and two Connect workers instead of in this process;"
      + " the connectors are created through the REST API and the curl commands printed.")
  private boolean distributed;

  @Option(names = "--rate", defaultValue = "20", description = "Transactions per second of the change stream (default ${DEFAULT-VALUE}).")
  private int rate;

  @Option(names = "--work-dir", defaultValue = "target/quickstart", description = "Where the servers' data and logs, the offset file"
      + " and the pipeline file go (default ${DEFAULT-VALUE}).")
  private Path workDir;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the change stream (default ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--catch-up-timeout", defaultValue = "120s", converter = DurationConverter.class,
      description = "How long the views may take to catch up before verify reports what is still missing (default ${DEFAULT-VALUE}).")
  private Duration catchUpTimeout;

  @Option(names = "--show-values", description = "Show the differing values in verify's examples (off: column names only).")
  private boolean showValues;

  @Override
  public Integer call() throws Exception {
    if (rate < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rate must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path work = workDir.toAbsolutePath().normalize();
    Files.createDirectories(work);
    StopSignal stop = StopSignal.install();
    boolean externalDb = present("SLUICE_MYSQL_URL");
    boolean externalMongo = present("SLUICE_MONGODB_URI");
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
    // Never touch a database of the same name on a server the user pointed us at.
    ShopViews views = new ShopViews(externalDb ? "shop_" + stamp : "shop", externalMongo ? "shop_views_" + stamp : "shop_views", "shop");

    out.println("Sluice quickstart" + (distributed ? " (distributed: Kafka broker + 2 Connect workers)" : " (embedded: one process)"));
    out.println("  starting " + (externalDb ? "the MySQL of SLUICE_MYSQL_URL" : "MariaDB") + ", "
        + (externalMongo ? "the MongoDB of SLUICE_MONGODB_URI" : "a MongoDB endpoint")
        + (distributed ? ", a Kafka broker and two Connect workers" : "") + " under " + work
        + " (the first run downloads them through Maven)...");
    out.flush();
    LocalStack.Builder builder = LocalStack.builder().name("quickstart").baseDir(work.resolve("stack")).mysql().mongo();
    if (distributed) {
      builder.kafkaBrokers(1).connectWorkers(2);
    }
    try (LocalStack stack = builder.start()) {
      MySqlEndpoint mysql = stack.mysql();
      String mongoUri = stack.mongo().connectionString();
      try (ShopWorkload shop = ShopWorkload.create(mysql.jdbcUrl(null), mysql.adminUser(), mysql.adminPassword(), views.db(), seed);
          MongoClient mongo = MongoClients.create(mongoUri)) {
        long serverId = 10_000 + ThreadLocalRandom.current().nextLong(50_000);
        Mode mode = distributed ? new DistributedMode(stack, views, serverId, out) : new EmbeddedMode(stack, views, serverId, work, out);
        Thread hook = new Thread(mode::stop, "sluice-quickstart-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
          mode.start();
          out.println("  pipeline streaming; loading the shop (20 customers, 30 orders), then " + rate + " transactions/s"
              + (duration == null ? " until Ctrl-C" : " for " + duration.toSeconds() + " s"));
          out.flush();
          shop.seed(20, 30);
          Progress progress = new Progress(out, mode, shop, mongo, views);
          runWorkload(shop, stop, progress);
          progress.finish();
          out.println("  change stream stopped after " + shop.transactions() + " transactions (" + shop.rowChanges() + " rows written);"
              + " waiting for the views to catch up, then verifying them");
          out.flush();
          List<ViewReport> reports = verify(mysql, mongoUri, views, mode);
          boolean drift = false;
          for (ViewReport report : reports) {
            out.print(report.format());
            drift |= report.drift();
          }
          out.println(drift ? "quickstart: DRIFT — a view differs from its table (see above)"
              : "quickstart: every view equals its table (verify: no drift in " + reports.size() + " views)");
          out.flush();
          return drift ? ExitCodes.DRIFT : ExitCodes.OK;
        } finally {
          mode.stop();
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
          }
        }
      }
    }
  }

  private void runWorkload(ShopWorkload shop, StopSignal stop, Progress progress) throws Exception {
    long start = System.nanoTime();
    long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
    long intervalNanos = 1_000_000_000L / rate;
    long next = start;
    while (!stop.requested() && System.nanoTime() < end) {
      shop.step();
      next += intervalNanos;
      progress.maybePrint(Duration.ofNanos(System.nanoTime() - start));
      long sleep = next - System.nanoTime();
      if (sleep > 0 && stop.await(Duration.ofNanos(Math.min(sleep, Math.max(0, end - System.nanoTime()))))) {
        break;
      }
    }
  }

  /** Waits for the views to catch up: verify is repeated until it finds no drift or the catch-up time is over. */
  private List<ViewReport> verify(MySqlEndpoint mysql, String mongoUri, ShopViews views, Mode mode) throws InterruptedException {
    mode.awaitIdle(Duration.ofSeconds(30));
    Verifier verifier = new Verifier(mysql.jdbcUrl(null), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD, mongoUri,
        VerifyOptions.defaults().withShowValues(showValues));
    long deadline = System.nanoTime() + catchUpTimeout.toNanos();
    while (true) {
      List<ViewReport> reports = new ArrayList<>();
      for (ShopViews.View v : views.views()) {
        try {
          reports.add(verifier.verify(v.table(), v.collection(), v.embeds()));
        } catch (VerifyException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
        }
      }
      boolean clean = reports.size() == views.views().size() && reports.stream().noneMatch(ViewReport::drift);
      if (clean || System.nanoTime() > deadline) {
        return reports;
      }
      Thread.sleep(2_000);
    }
  }

  private static boolean present(String env) {
    String v = System.getenv(env);
    return v != null && !v.isBlank();
  }
}
