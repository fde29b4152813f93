package dev.sluice.it.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.sluice.embedded.ExitCodes;
import dev.sluice.embedded.SluiceCli;
import dev.sluice.embedded.pipeline.EmbeddedPipeline;
import dev.sluice.embedded.pipeline.PipelineConfig;
import dev.sluice.embedded.quickstart.ShopWorkload;
import dev.sluice.embedded.verify.ViewReport;
import dev.sluice.stack.Jvm;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.ManagedProcess;
import dev.sluice.stack.MySqlEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The runner as a process of its own ({@code sluice run pipeline.properties}) against a real MariaDB and MongoDB endpoint:
 * stopped with SIGTERM and killed with {@code kill -9} while changes stream in, restarted each time, and verified equal to the
 * tables afterwards; and {@code verify} catching a view changed behind the pipeline's back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedRunnerIT {
  /** What the runner prints once its source streams. */
  private static final String STREAMING = "streaming; offsets in";
  private LocalStack stack;

  @BeforeAll
  void startStack() {
    stack = LocalStack.builder().name("EmbeddedRunnerIT").mysql().mongo().start();
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void killedAndRestartedMidStreamTheRunnerLeavesNoDrift() throws Exception {
    MySqlEndpoint mysql = stack.mysql();
    Path dir = stack.runDir().resolve("runner");
    Files.createDirectories(dir);
    Path file = writePipeline(dir, ShopPipelines.pipeline(stack, "runner", "runner", "runner_views"));
    ManagedProcess runner = new ManagedProcess("sluice-run", Jvm.command(Jvm.ownClasspath(), "384m", childProperties(),
        SluiceCli.class.getName(), List.of("run", file.toString(), "--progress-interval", "5s")), Map.of(), dir, dir.resolve("runner.log"));

    try (ShopWorkload shop = ShopWorkload.create(mysql.jdbcUrl(null), mysql.adminUser(), mysql.adminPassword(), "runner", 7)) {
      runner.start();
      awaitLog(runner, STREAMING, 1);
      shop.seed(20, 30);
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicReference<Throwable> workloadFailure = new AtomicReference<>();
      Thread workload = new Thread(() -> {
        try {
          while (writing.get()) {
            shop.step();
            Thread.sleep(25);
          }
        } catch (Throwable t) {
          workloadFailure.set(t);
        }
      }, "shop-workload");
      workload.start();
      try {
        Thread.sleep(6_000);
        // SIGTERM mid-stream: a clean stop that commits what MongoDB acknowledged.
        long t0 = System.nanoTime();
        runner.stop(Duration.ofSeconds(30));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("exited on SIGTERM, without the SIGKILL after 30 s").isLessThan(Duration.ofSeconds(25));
        assertThat(runner.isAlive()).isFalse();
        assertThat(Files.readString(runner.logFile())).contains("stopped; offsets of acknowledged changes are in");
        Thread.sleep(2_000);
        runner.start();
        awaitLog(runner, STREAMING, 2);
        Thread.sleep(6_000);
        // kill -9 mid-stream: no shutdown hook, no final offset commit.
        long appliedBeforeKill = lastApplied(runner);
        runner.kill();
        assertThat(runner.isAlive()).isFalse();
        Thread.sleep(4_000);
        runner.start();
        awaitLog(runner, STREAMING, 3);
        Thread.sleep(5_000);
        assertThat(appliedBeforeKill).as("changes applied before the kill (progress log)").isPositive();
      } finally {
        writing.set(false);
        workload.join(30_000);
      }
      assertThat(workloadFailure.get()).isNull();
      assertThat(shop.transactions()).isGreaterThan(200);

      List<ViewReport> reports = ShopPipelines.verifyUntilClean(stack, "runner", "runner_views", Duration.ofSeconds(90));
      reports.forEach(r -> System.out.print(r.format()));
      assertThat(reports).allSatisfy(r -> assertThat(r.drift()).as(r.format()).isFalse());
      assertThat(reports.get(0).rows()).isGreaterThan(20);
      assertThat(reports.get(1).rows()).isGreaterThan(30);
      String log = Files.readString(runner.logFile());
      assertThat(count(log, "resuming server=runner")).as("both restarts resumed from the offset file").isEqualTo(2);
    } finally {
      runner.stop(Duration.ofSeconds(30));
    }
  }

  @Test
  void verifyReportsADocumentChangedByHandAndARowDeletedBehindThePipelinesBack() throws Exception {
    MySqlEndpoint mysql = stack.mysql();
    Path dir = stack.runDir().resolve("drift");
    Files.createDirectories(dir);
    try (ShopWorkload shop = ShopWorkload.create(mysql.jdbcUrl(null), mysql.adminUser(), mysql.adminPassword(), "drift", 11)) {
      EmbeddedPipeline pipeline = new EmbeddedPipeline(new PipelineConfig(ShopPipelines.pipeline(stack, "drift", "drift", "drift_views"), dir));
      try {
        pipeline.start();
        assertThat(pipeline.awaitStreaming(Duration.ofMinutes(2))).isTrue();
        shop.seed(10, 10);
        for (int i = 0; i < 40; i++) {
          shop.step();
        }
        List<ViewReport> before = ShopPipelines.verifyUntilClean(stack, "drift", "drift_views", Duration.ofSeconds(60));
        assertThat(before).allSatisfy(r -> assertThat(r.drift()).as(r.format()).isFalse());
      } finally {
        pipeline.stop();
      }
      assertThat(verifyCli("drift.customers", "drift_views.customers").status).isEqualTo(ExitCodes.OK);

      List<Long> orderIds = new ArrayList<>();
      try (MongoClient mongo = MongoClients.create(stack.mongo().connectionString())) {
        var customers = mongo.getDatabase("drift_views").getCollection("customers");
        var orders = mongo.getDatabase("drift_views").getCollection("orders");
        for (Document d : orders.find().sort(new Document("_id", 1))) {
          if (d.getList("lines", Document.class) != null && !d.getList("lines", Document.class).isEmpty() && d.containsKey("status")) {
            orderIds.add(((Number) d.get("_id")).longValue());
          }
        }
        assertThat(orderIds).hasSizeGreaterThanOrEqualTo(2);
        // By hand in MongoDB: a customer's name, an embedded line's quantity, a whole order document.
        assertThat(customers.updateOne(Filters.eq("_id", 3), Updates.set("name", "changed by hand")).getModifiedCount()).isEqualTo(1);
        assertThat(orders.updateOne(Filters.eq("_id", orderIds.get(0)), Updates.set("lines.0.qty", 999)).getModifiedCount()).isEqualTo(1);
        assertThat(orders.deleteOne(Filters.eq("_id", orderIds.get(1))).getDeletedCount()).isEqualTo(1);
      }
      // Behind the pipeline's back in MariaDB: a delete that never reaches the binlog.
      try (Connection c = DriverManager.getConnection(mysql.jdbcUrl(null), mysql.adminUser(), mysql.adminPassword());
          Statement s = c.createStatement()) {
        s.execute("SET SESSION sql_log_bin = 0");
        assertThat(s.executeUpdate("DELETE FROM drift.customers WHERE id = 5")).isEqualTo(1);
      }

      Result customers = verifyCli("drift.customers", "drift_views.customers", "--show-values");
      System.out.print(customers.out);
      assertThat(customers.status).isEqualTo(ExitCodes.DRIFT);
      assertThat(customers.out).contains("documents    missing 0, extra 1, different 1")
          .contains("_id=5: no row in drift.customers")
          .contains("_id=3: name (table '").contains("view 'changed by hand')")
          .contains("result: DRIFT");

      // Small chunks: the keyset pagination and the per-chunk hashes must give the same counts.
      Result orders = verifyCli("drift.orders", "drift_views.orders", "--embed", "drift.order_lines:lines:order_id", "--chunk-size", "3");
      System.out.print(orders.out);
      assertThat(orders.status).isEqualTo(ExitCodes.DRIFT);
      assertThat(orders.out).containsPattern("compared [0-9]+ rows in [4-9][0-9]* chunks; [12] chunks differ")
          .contains("documents    missing 1, extra 0, different 0")
          .contains("lines[]      missing 0, extra 0, different 1")
          .contains("_id=" + orderIds.get(1) + ": no document")
          .contains("_id=" + orderIds.get(0) + " lines[order_id=" + orderIds.get(0) + ", line_no=")
          .contains(": qty");
    }
  }

  private record Result(int status, String out) {}

  private Result verifyCli(String table, String collection, String... extra) {
    MySqlEndpoint mysql = stack.mysql();
    List<String> args = new ArrayList<>(List.of("verify", "--mysql", mysql.jdbcUrl(null), "--user", MySqlEndpoint.CONNECTOR_USER,
        "--password", MySqlEndpoint.CONNECTOR_PASSWORD, "--table", table, "--mongo", stack.mongo().connectionString(),
        "--collection", collection));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = SluiceCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    return new Result(status, out + err.toString());
  }

  private static Path writePipeline(Path dir, Map<String, String> entries) throws IOException {
    Properties p = new Properties();
    p.putAll(entries);
    Path file = dir.resolve("pipeline.properties");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "EmbeddedRunnerIT");
    }
    return file;
  }

  /** The runner child JVM gets the build's Maven settings, like the stack's own children. */
  private static List<String> childProperties() {
    List<String> args = new ArrayList<>();
    for (String key : List.of("maven.home", "maven.repo.local")) {
      String value = System.getProperty(key);
      if (value != null && !value.isBlank()) {
        args.add("-D" + key + "=" + value);
      }
    }
    return args;
  }

  private static void awaitLog(ManagedProcess process, String text, int occurrences) {
    process.awaitCondition("'" + text + "' to appear " + occurrences + " times in " + process.logFile(), Duration.ofMinutes(2),
        () -> count(Files.readString(process.logFile()), text) >= occurrences);
  }

  private static long lastApplied(ManagedProcess process) throws IOException {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) changes applied to MongoDB").matcher(Files.readString(process.logFile()));
    long last = -1;
    while (m.find()) {
      last = Long.parseLong(m.group(1));
    }
    return last;
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
