package dev.sluice.it.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.sluice.converters.protobuf.ProtobufConverter;
import dev.sluice.converters.protobuf.ProtobufConverterConfig;
import dev.sluice.embedded.verify.EmbeddedChild;
import dev.sluice.embedded.verify.TableRef;
import dev.sluice.embedded.verify.Verifier;
import dev.sluice.embedded.verify.VerifyOptions;
import dev.sluice.embedded.verify.ViewReport;
import dev.sluice.sink.mongo.SluiceMongoSinkConnector;
import dev.sluice.source.mysql.SluiceMySqlSourceConnector;
import dev.sluice.stack.ConnectCluster;
import dev.sluice.stack.ConnectRestClient;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.MongoJavaServer;
import dev.sluice.stack.MySqlEndpoint;
import dev.sluice.transforms.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.assertj.core.api.SoftAssertions;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Sluice on a distributed Connect cluster while things break (issue #9): three KRaft brokers, three
 * Connect workers with the bundle's plugin folder, MariaDB and a MongoDB endpoint. The source runs
 * with exactly-once delivery and connector-defined transaction boundaries (Kafka transactions end
 * only where MySQL transactions end), Route renames its topics, keys and values are Protobuf
 * (schemas in a Kafka topic), and the sink keeps four views, {@code orders} with its
 * {@code order_lines} embedded.
 *
 * <p>While a random shop workload writes (at least {@value #DEFAULT_CHANGES} row changes,
 * {@code -Dsluice.chaos.changes=N}, paced to spread over {@code -Dsluice.chaos.seconds=150} and
 * going on for as long as the faults last) and a probe row changes five times a second, one after
 * another: the worker running the source task is killed with {@code kill -9} (three times,
 * {@code -Dsluice.chaos.source.kills}), MariaDB restarts, the MongoDB endpoint is down for 30 s, the
 * worker running the sink task is killed, both connectors' configurations are changed through REST
 * (a table added to the source, its Route changed, the sink given the new topic), and a broker is
 * killed. Killed processes are started again once their work moved, so capacity returns.
 *
 * <p>At the end: {@code verify} finds no drift in any view; a {@code read_committed} consumer saw
 * every change exactly once (no seq twice, no row change twice under another seq, no gap in the
 * seqs); and every source offset committed to Connect's offsets topic (one per Kafka transaction)
 * lies between two MySQL transactions, never inside one. Fail-over times (kill -9 to the first
 * record the task wrote from its new worker, by broker append time; for the sink, to the first
 * change of the views) are printed with their p50 and max.
 *
 * <p>The issue's 100k-change run: {@code -Dsluice.chaos.changes=100000 -Dsluice.chaos.seconds=600}.
 * The faults take five to seven minutes on two cores, so 600 s paces the workload at about 170 row
 * changes a second, which the stack sustains while recovering from each fault; the rest is written
 * unpaced after them. {@code -Dsluice.stack.jfr=true} records every worker and the MongoDB endpoint
 * with Java Flight Recorder into the stack's directory under {@code target/stack}.
 */
class ChaosIT {
  static final long DEFAULT_CHANGES = 6_000;
  private static final long CHANGES = Long.getLong("sluice.chaos.changes", DEFAULT_CHANGES);
  /** The seconds the paced workload is planned to last; the faults happen during it. */
  private static final long PLANNED_SECONDS = Long.getLong("sluice.chaos.seconds", 150);
  private static final int SOURCE_KILLS = Integer.getInteger("sluice.chaos.source.kills", 3);
  /** The issue's goal for the source task's fail-over. */
  private static final Duration FAILOVER_GOAL = Duration.ofSeconds(15);

  private static final String DB = "chaos";
  private static final String VIEW_DB = "chaos_views";
  private static final String SOURCE = "chaos-source";
  private static final String SINK = "chaos-sink";
  private static final String TOPIC_PREFIX = "chaos";
  private static final String OFFSETS_TOPIC = "sluice-connect-offsets";
  private static final List<String> FIRST_TABLES = List.of("customers", "orders", "order_lines", "probe");

  private final List<String> outages = new ArrayList<>();
  private final List<Failover> sourceFailovers = new ArrayList<>();
  private final List<Failover> sinkFailovers = new ArrayList<>();
  private final Restarts restarts = new Restarts();
  private long startMs;

  /** One kill -9 of a worker at {@code killMs} and what followed, in ms after the kill. */
  record Failover(String what, int worker, long killMs, long reassignedMs, long firstRecordMs) {}

  @Test
  void killsRestartsAndOutagesLoseNothingDuplicateNothingAndSplitNoTransaction() throws Exception {
    startMs = System.currentTimeMillis();
    try (LocalStack stack = LocalStack.builder().name("ChaosIT").mysql().kafkaBrokers(3).connectWorkers(3).mongo().start()) {
      note("stack up: 3 brokers (%s), 3 workers, MariaDB, MongoDB endpoint", stack.kafka().bootstrapServers());
      MySqlEndpoint mysql = stack.mysql();
      String jdbc = mysql.jdbcUrl(null);
      ChaosWorkload workload = ChaosWorkload.create(jdbc, mysql.adminUser(), mysql.adminPassword(), DB, 9L);
      workload.seed(200, 40, 300);
      long seeded = workload.rowChanges();
      note("seeded: %d row changes in %d transactions (copied by the snapshot)", workload.rowChanges(), workload.transactions());

      ConnectRestClient rest = stack.connect().rest();
      rest.putConfig(SOURCE, sourceConfig(stack, FIRST_TABLES, "chaos\\.(customers|orders|order_lines|probe)"));
      rest.awaitState(SOURCE, "RUNNING", 1, Duration.ofMinutes(2));
      List<String> firstTopics = FIRST_TABLES.stream().map(ChaosIT::topic).toList();
      awaitTopics(stack, firstTopics, Duration.ofMinutes(2));
      rest.putConfig(SINK, sinkConfig(stack, firstTopics));
      rest.awaitState(SINK, "RUNNING", 1, Duration.ofMinutes(2));
      note("connectors RUNNING: source task on worker %d, sink task on worker %d", workerOf(stack, SOURCE), workerOf(stack, SINK));

      try (ChangeStreamAudit audit = new ChangeStreamAudit(stack.kafka().bootstrapServers(),
              Pattern.compile("cdc\\." + DB + "\\..*|__sluice-heartbeat\\..*"));
          MongoClient mongo = MongoClients.create(stack.mongo().connectionString());
          Writers writers = new Writers(jdbc, mysql.adminUser(), mysql.adminPassword(), workload)) {
        ViewProbe view = new ViewProbe(mongo);
        try {
          runFaultsAndCheck(stack, workload, seeded, audit, view, writers);
        } catch (Exception | AssertionError e) {
          // What the stack looked like when it failed, in the failure itself: CI keeps little else.
          String state = diagnosis(stack, audit, view, writers);
          System.out.println("[ChaosIT] state at the failure:\n" + state);
          e.addSuppressed(new IllegalStateException("state at the failure:\n" + state));
          throw e;
        }
      }
    }
  }

  private void runFaultsAndCheck(LocalStack stack, ChaosWorkload workload, long seeded, ChangeStreamAudit audit, ViewProbe view,
      Writers writers) throws Exception {
    writers.start();
    awaitTrue("the probe row to reach its view", Duration.ofMinutes(2), () -> view.beat() > 0);
    note("pipeline flowing end to end; the workload writes at least %d row changes, about %d per second while the faults run",
        CHANGES, CHANGES / PLANNED_SECONDS);
    Thread.sleep(3_000);

    // Faults that need no worker run while a killed worker boots again.
    sourceFailover(stack, audit, view, 1);
    restartMariaDb(stack, view);
    stopMongo(stack, view);
    sinkFailover(stack, view);
    updateConnectorsThroughRest(stack, view);
    if (SOURCE_KILLS >= 2) {
      sourceFailover(stack, audit, view, 2);
    }
    killBroker(stack, audit, view);
    for (int kill = 3; kill <= SOURCE_KILLS; kill++) {
      sourceFailover(stack, audit, view, kill);
    }
    restarts.awaitAll();

    note("faults done; the workload finishes its %d row changes unpaced (%d so far)", CHANGES, workload.rowChanges() - seeded);
    writers.finish(Duration.ofMinutes(3));
    note("workload done: %d row changes in %d transactions after the seed, %d reconnects", workload.rowChanges() - seeded,
        workload.transactions(), workload.reconnects());

    List<ViewReport> reports = verifyUntilClean(stack, Duration.ofMinutes(3));
    reports.forEach(r -> System.out.print(r.format()));
    note("verify: %s", reports.stream().anyMatch(ViewReport::drift) ? "DRIFT" : "no drift in any view");
    audit.awaitQuiet(Duration.ofSeconds(5), Duration.ofMinutes(1));
    List<ChangeStreamAudit.Change> seen = audit.changes();
    ChangeStreamAudit.Findings findings = ChangeStreamAudit.analyse(seen, audit.committedOffsets(OFFSETS_TOPIC, SOURCE));
    note("%s", findings.format());
    JsonNode sourceStatus = rest(stack, r -> r.status(SOURCE));
    JsonNode sinkStatus = rest(stack, r -> r.status(SINK));

    recomputeFailovers(seen);
    printFigures(workload, seeded, findings);

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(reports).as("verify reports").noneMatch(ViewReport::drift);
    soft.assertThat(reports).extracting(ViewReport::rows).allMatch(rows -> rows > 0);
    soft.assertThat(findings.problems()).as("read_committed audit").isEmpty();
    soft.assertThat(findings.changeEvents).as("change events").isGreaterThanOrEqualTo(CHANGES / 2);
    soft.assertThat(findings.multiRecordTransactions).as("multi-record MySQL transactions seen").isPositive();
    soft.assertThat(sourceStatus.path("tasks").path(0).path("state").asText()).as("source task").isEqualTo("RUNNING");
    soft.assertThat(sinkStatus.path("tasks").path(0).path("state").asText()).as("sink task").isEqualTo("RUNNING");
    soft.assertThat(sourceFailovers).hasSize(SOURCE_KILLS).allMatch(f -> f.firstRecordMs() > 0);
    soft.assertThat(p50(sourceFailovers.stream().map(Failover::firstRecordMs).toList()))
        .as("p50 of the source task's fail-over (kill -9 to its first record from the new worker), goal %s", FAILOVER_GOAL)
        .isLessThanOrEqualTo(FAILOVER_GOAL.toMillis());
    soft.assertAll();
  }

  /**
   * Both connectors' states as a live worker reports them (with a failed task's trace), the probe's
   * counter in MariaDB and in its view, what the read_committed audit read last, the writers'
   * failure if any, each worker's liveness and its last ERROR lines.
   */
  private static String diagnosis(LocalStack stack, ChangeStreamAudit audit, ViewProbe view, Writers writers) {
    StringBuilder out = new StringBuilder();
    for (String connector : List.of(SOURCE, SINK)) {
      out.append("  ").append(connector).append(": ").append(statusOnce(stack, connector)).append(System.lineSeparator());
    }
    String inTable;
    try {
      inTable = Long.toString(probeBeatInTable(stack));
    } catch (SQLException | RuntimeException e) {
      inTable = "unreadable (" + e + ")";
    }
    out.append("  probe beat: ").append(inTable).append(" in MariaDB, ").append(view.beat()).append(" in its view (-1: none)")
        .append(System.lineSeparator());
    List<ChangeStreamAudit.Change> seen = audit.changes();
    out.append("  read_committed audit: ").append(seen.size()).append(" records read");
    if (!seen.isEmpty()) {
      ChangeStreamAudit.Change last = seen.get(seen.size() - 1);
      out.append(", the last read ").append(last.where()).append(" (seq ").append(last.seq()).append("), appended ")
          .append(String.format("%.1f s ago", (System.currentTimeMillis() - last.appendMs()) / 1000.0));
    }
    out.append(System.lineSeparator());
    out.append("  writers: ").append(writers.failure.get() == null ? "no failure" : "failed: " + writers.failure.get())
        .append(System.lineSeparator());
    for (ConnectCluster.Worker w : stack.connect().workers()) {
      out.append("  worker ").append(w.index()).append(w.process().isAlive() ? " (alive)" : " (not running)").append(", last ERROR lines of ")
          .append(w.process().logFile().getFileName()).append(':').append(System.lineSeparator());
      errorLines(w.process().logFile(), 8).forEach(l -> out.append("    ").append(l).append(System.lineSeparator()));
    }
    return out.toString();
  }

  private static String statusOnce(LocalStack stack, String connector) {
    String last = "no live worker";
    for (ConnectCluster.Worker w : stack.connect().workers()) {
      if (!w.process().isAlive()) {
        continue;
      }
      try {
        return w.rest().status(connector).toString();
      } catch (RuntimeException e) {
        last = "worker " + w.index() + ": " + e.getMessage();
      }
    }
    return "status unavailable (" + last + ")";
  }

  private static List<String> errorLines(Path log, int max) {
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      List<String> errors = lines.filter(l -> l.contains(" ERROR ")).toList();
      return errors.subList(Math.max(0, errors.size() - max), errors.size());
    } catch (IOException | UncheckedIOException e) {
      return List.of("(log unreadable: " + e + ")");
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Connector configurations

  static String topic(String table) {
    return "cdc." + DB + "." + table;
  }

  private static Map<String, String> converters(LocalStack stack) {
    Map<String, String> c = new LinkedHashMap<>();
    for (String side : List.of("key.converter", "value.converter")) {
      c.put(side, ProtobufConverter.class.getName());
      c.put(side + "." + ProtobufConverterConfig.KAFKA_BOOTSTRAP_CONFIG, stack.kafka().bootstrapServers());
    }
    return c;
  }

  private static Map<String, String> sourceConfig(LocalStack stack, List<String> tables, String routeRegex) {
    MySqlEndpoint mysql = stack.mysql();
    Map<String, String> c = new LinkedHashMap<>();
    c.put("connector.class", SluiceMySqlSourceConnector.class.getName());
    c.put("tasks.max", "1");
    c.put("database.hostname", mysql.host());
    c.put("database.port", Integer.toString(mysql.port()));
    c.put("database.user", MySqlEndpoint.CONNECTOR_USER);
    c.put("database.password", MySqlEndpoint.CONNECTOR_PASSWORD);
    c.put("database.server.id", "7301");
    c.put("topic.prefix", TOPIC_PREFIX);
    c.put("database.include.list", DB);
    c.put("table.include.list", DB + "\\.(" + String.join("|", tables) + ")");
    c.put("exactly.once.support", "required");
    c.put("transaction.boundary", "connector");
    c.putAll(converters(stack));
    c.put("transforms", "route");
    c.put("transforms.route.type", Route.class.getName());
    c.put("transforms.route.table.regex", routeRegex);
    c.put("transforms.route.topic.template", "cdc.${db}.${table}");
    c.put("topic.creation.default.replication.factor", "3");
    c.put("topic.creation.default.partitions", "2");
    // The broker stamps each record when it appends it: the fail-over figures are read from these stamps.
    c.put("topic.creation.default.message.timestamp.type", "LogAppendTime");
    return c;
  }

  private static Map<String, String> sinkConfig(LocalStack stack, List<String> topics) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("connector.class", SluiceMongoSinkConnector.class.getName());
    c.put("tasks.max", "1");
    c.put("topics", String.join(",", topics));
    c.put("connection.uri", stack.mongo().connectionString());
    c.put("database", VIEW_DB);
    c.put("collection", "${table}");
    String lines = "topic.override." + topic("order_lines") + ".";
    c.put(lines + "collection", "orders");
    c.put(lines + "embed.field", "lines");
    c.put(lines + "embed.parent.key", "order_id");
    c.putAll(converters(stack));
    return c;
  }

  // ------------------------------------------------------------------------------------------------
  // Faults

  /** kill -9 of the worker running the source task; fail-over = first record appended after the kill. */
  private void sourceFailover(LocalStack stack, ChangeStreamAudit audit, ViewProbe view, int round) throws Exception {
    ConnectCluster connect = stack.connect();
    // Capacity back first: every worker killed before runs again.
    restarts.awaitAll();
    int worker = workerOf(stack, SOURCE);
    long t0 = System.currentTimeMillis();
    connect.kill(worker);
    note("source fail-over %d: kill -9 worker %d (running the source task)", round, worker);
    long reassigned = awaitTaskElsewhere(stack, SOURCE, worker, t0, Duration.ofMinutes(2));
    // Nothing the dead worker had in flight can be appended a second after it died.
    long first = awaitFirstAppendAfter(audit, t0 + 1_000, Duration.ofMinutes(2)) - t0;
    note("  task RUNNING on worker %d after %.1f s; first record from it appended %.1f s after the kill", workerOf(stack, SOURCE),
        reassigned / 1000.0, first / 1000.0);
    sourceFailovers.add(new Failover("source #" + round, worker, t0, reassigned, first));
    restarts.worker(connect, worker, t0, this::note);
    awaitViewAdvance(view, "after source fail-over " + round, Duration.ofMinutes(3));
  }

  /** kill -9 of the worker running the sink task; fail-over = first view write after the kill. */
  private void sinkFailover(LocalStack stack, ViewProbe view) throws Exception {
    ConnectCluster connect = stack.connect();
    restarts.awaitAll();
    int worker = workerOf(stack, SINK);
    boolean sourceToo = workerOf(stack, SOURCE) == worker;
    long t0 = System.currentTimeMillis();
    connect.kill(worker);
    note("sink fail-over: kill -9 worker %d (running the sink task%s)", worker, sourceToo ? " and the source task" : "");
    Thread.sleep(1_000);
    long before = view.beat();
    long reassigned = awaitTaskElsewhere(stack, SINK, worker, t0, Duration.ofMinutes(2));
    long first = awaitViewChange(view, before, Duration.ofMinutes(2)) - t0;
    note("  sink task RUNNING on worker %d after %.1f s; first view write from it %.1f s after the kill", workerOf(stack, SINK),
        reassigned / 1000.0, first / 1000.0);
    sinkFailovers.add(new Failover("sink", worker, t0, reassigned, first));
    restarts.worker(connect, worker, t0, this::note);
    awaitViewAdvance(view, "after the sink fail-over", Duration.ofMinutes(3));
  }

  /** A clean stop and start of MariaDB; measured: from its start to the first change made after it in the view. */
  private void restartMariaDb(LocalStack stack, ViewProbe view) throws Exception {
    if (stack.mariaDb().isEmpty()) {
      note("MariaDB restart skipped: SLUICE_MYSQL_URL points at an external server this test must not restart");
      return;
    }
    long t0 = System.currentTimeMillis();
    stack.mariaDb().get().stop();
    long down = System.currentTimeMillis();
    stack.mariaDb().get().start();
    long up = System.currentTimeMillis();
    long beatAtStart = probeBeatInTable(stack);
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (view.beat() <= beatAtStart) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no change made after the MariaDB restart reached MongoDB within 2 minutes");
      }
      Thread.sleep(100);
    }
    String line = String.format("MariaDB restart (clean stop %.1f s, start %.1f s): first change made after it in MongoDB %.1f s after the"
        + " start", (down - t0) / 1000.0, (up - down) / 1000.0, (System.currentTimeMillis() - up) / 1000.0);
    outages.add(line);
    note("%s", line);
  }

  private static long probeBeatInTable(LocalStack stack) throws SQLException {
    MySqlEndpoint mysql = stack.mysql();
    try (Connection c = ChaosWorkload.openWithRetry(mysql.jdbcUrl(null), mysql.adminUser(), mysql.adminPassword());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT beat FROM `" + DB + "`.probe WHERE id = 1")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Source: a table added and Route changed; sink: the new topic. Both through PUT /connectors/{name}/config. */
  private void updateConnectorsThroughRest(LocalStack stack, ViewProbe view) throws Exception {
    List<String> tables = new ArrayList<>(FIRST_TABLES);
    tables.add("products");
    long t0 = System.currentTimeMillis();
    // Route now matches every table of the database (it matched the four first ones by name).
    rest(stack, r -> r.putConfig(SOURCE, sourceConfig(stack, tables, "chaos\\.(.*)")));
    awaitTopics(stack, List.of(topic("products")), Duration.ofMinutes(2));
    long topicUp = System.currentTimeMillis();
    rest(stack, r -> r.putConfig(SINK, sinkConfig(stack, tables.stream().map(ChaosIT::topic).toList())));
    rest(stack, r -> r.awaitState(SOURCE, "RUNNING", 1, Duration.ofMinutes(2)));
    rest(stack, r -> r.awaitState(SINK, "RUNNING", 1, Duration.ofMinutes(2)));
    note("connector configs updated through REST: products added to the source's table.include.list and Route's table.regex "
        + "widened; its topic appeared after %.1f s and was added to the sink's topics", (topicUp - t0) / 1000.0);
    awaitTrue("products to reach their view", Duration.ofMinutes(2), () -> view.count("products") > 0);
    awaitViewAdvance(view, "after the config update", Duration.ofMinutes(2));
  }

  private void stopMongo(LocalStack stack, ViewProbe view) throws Exception {
    if (!(stack.mongo() instanceof MongoJavaServer server)) {
      note("MongoDB outage skipped: SLUICE_MONGODB_URI points at an external server this test must not stop");
      return;
    }
    server.stop();
    long t0 = System.currentTimeMillis();
    note("MongoDB endpoint stopped for 30 s");
    Thread.sleep(30_000);
    server.start();
    long up = System.currentTimeMillis();
    long before = view.beat();
    long first = awaitViewChange(view, before, Duration.ofMinutes(2));
    String line = String.format("MongoDB endpoint down %.1f s: the sink's first view write %.1f s after it was back", (up - t0) / 1000.0,
        (first - up) / 1000.0);
    outages.add(line);
    note("%s", line);
  }

  /** kill -9 of one broker that is not the KRaft quorum leader, then its restart. */
  private void killBroker(LocalStack stack, ChangeStreamAudit audit, ViewProbe view) throws Exception {
    int leader;
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      leader = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
    }
    int victim = leader == 2 ? 1 : 2;
    long t0 = System.currentTimeMillis();
    stack.kafka().kill(victim);
    note("kill -9 broker %d (the KRaft quorum leader is broker %d: every broker is a controller too, and two of three keep the quorum)",
        victim, leader);
    long before = view.beat();
    long first = awaitFirstAppendAfter(audit, t0 + 1_000, Duration.ofMinutes(2));
    long viewed = awaitViewChange(view, before, Duration.ofMinutes(2));
    String line = String.format("kill -9 of broker %d: source writing again %.1f s after it, views advancing %.1f s after it", victim,
        (first - t0) / 1000.0, (viewed - t0) / 1000.0);
    outages.add(line);
    note("%s", line);
    restarts.broker(stack, victim, t0, this::note);
  }

  // ------------------------------------------------------------------------------------------------
  // Waiting and measuring

  /** The index of the worker whose REST address the task's status names. */
  private static int workerOf(LocalStack stack, String connector) {
    String id = rest(stack, r -> r.status(connector)).path("tasks").path(0).path("worker_id").asText("");
    for (ConnectCluster.Worker w : stack.connect().workers()) {
      if (id.endsWith(":" + w.restPort())) {
        return w.index();
      }
    }
    throw new IllegalStateException("the task of " + connector + " runs on '" + id + "', not on a worker of this stack");
  }

  /**
   * A REST call made to the first worker that answers it: a worker booting again after a kill has a
   * live process but no REST listener yet, and any worker may answer 409 during a rebalance. Retried
   * for up to two minutes.
   */
  private static <T> T rest(LocalStack stack, Function<ConnectRestClient, T> call) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    ConnectRestClient.ConnectRestException last = null;
    while (System.nanoTime() < deadline) {
      for (ConnectCluster.Worker w : stack.connect().workers()) {
        if (!w.process().isAlive()) {
          continue;
        }
        try {
          return call.apply(w.rest());
        } catch (ConnectRestClient.ConnectRestException e) {
          if (e.status() == 200) {
            throw e;
          }
          last = e;
        }
      }
      ManagedSleep.sleep(500);
    }
    throw new IllegalStateException("no Connect worker answered for two minutes; last error: " + (last == null ? "none" : last.getMessage()),
        last);
  }

  /** Ms after {@code t0} until the task is RUNNING on a worker other than {@code dead}. */
  private static long awaitTaskElsewhere(LocalStack stack, String connector, int dead, long t0, Duration max) throws InterruptedException {
    String deadId = ":" + stack.connect().worker(dead).restPort();
    AtomicReference<String> last = new AtomicReference<>("");
    awaitTrue(connector + "'s task to run on another worker", max, () -> {
      JsonNode task = rest(stack, r -> r.status(connector)).path("tasks").path(0);
      last.set(task.toString());
      if ("FAILED".equals(task.path("state").asText())) {
        throw new IllegalStateException("the task of " + connector + " FAILED after the kill: " + task.path("trace").asText());
      }
      return "RUNNING".equals(task.path("state").asText()) && !task.path("worker_id").asText().endsWith(deadId);
    });
    return System.currentTimeMillis() - t0;
  }

  private static long awaitFirstAppendAfter(ChangeStreamAudit audit, long afterMs, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      OptionalLong first = audit.firstAppendAfter(afterMs);
      if (first.isPresent()) {
        // Let records of other partitions still in flight to the audit consumer arrive before taking the earliest.
        Thread.sleep(1_000);
        return audit.firstAppendAfter(afterMs).getAsLong();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no record was appended to the source's topics for " + max.toSeconds() + " s");
  }

  private static long awaitViewChange(ViewProbe view, long before, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      long now = view.beat();
      if (now >= 0 && now != before) {
        return System.currentTimeMillis();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the probe's view did not change for " + max.toSeconds() + " s");
  }

  private void awaitViewAdvance(ViewProbe view, String when, Duration max) throws InterruptedException {
    long before = view.beat();
    awaitViewChange(view, before, max);
    // The probe row changes five times a second: a second later the view is a second fresher.
    Thread.sleep(1_000);
    note("  views advancing %s", when);
  }

  private static void awaitTopics(LocalStack stack, List<String> topics, Duration max) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      awaitTrue("topics " + topics, max, () -> {
        try {
          return admin.listTopics().names().get(10, TimeUnit.SECONDS).containsAll(topics);
        } catch (Exception e) {
          return false;
        }
      });
    }
  }

  private static void awaitTrue(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (ConnectRestClient.ConnectRestException e) {
        // a worker answering during a rebalance, or a dead one: ask again
        last = e;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("timed out after " + max.toSeconds() + " s waiting for " + what
        + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
  }

  private static List<ViewReport> verifyUntilClean(LocalStack stack, Duration timeout) throws InterruptedException {
    MySqlEndpoint mysql = stack.mysql();
    Verifier verifier = new Verifier(mysql.jdbcUrl(null), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD,
        stack.mongo().connectionString(), VerifyOptions.defaults().withShowValues(true));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ViewReport> reports = new ArrayList<>();
      for (String table : List.of("customers", "products", "probe")) {
        reports.add(verifier.verify(new TableRef(DB, table), new TableRef(VIEW_DB, table), List.of()));
      }
      reports.add(verifier.verify(new TableRef(DB, "orders"), new TableRef(VIEW_DB, "orders"),
          List.of(new EmbeddedChild(new TableRef(DB, "order_lines"), "lines", List.of("order_id")))));
      if (reports.stream().noneMatch(ViewReport::drift) || System.nanoTime() > deadline) {
        return reports;
      }
      Thread.sleep(3_000);
    }
  }

  /**
   * Replaces each live figure of a source fail-over (the earliest append the audit had read a second
   * after the first one) by the earliest append time among all records read.
   */
  private void recomputeFailovers(List<ChangeStreamAudit.Change> seen) {
    List<Failover> exact = new ArrayList<>();
    for (Failover f : sourceFailovers) {
      long threshold = f.killMs() + 1_000;
      long first = seen.stream().mapToLong(ChangeStreamAudit.Change::appendMs).filter(t -> t > threshold).min().orElse(-1);
      exact.add(new Failover(f.what(), f.worker(), f.killMs(), f.reassignedMs(), first < 0 ? -1 : first - f.killMs()));
    }
    sourceFailovers.clear();
    sourceFailovers.addAll(exact);
  }

  private void printFigures(ChaosWorkload workload, long seeded, ChangeStreamAudit.Findings findings) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%n[ChaosIT] figures (at least %d row changes requested; %d written in %d transactions after the seed; %.0f s"
        + " in all)%n", CHANGES, workload.rowChanges() - seeded, workload.transactions(), (System.currentTimeMillis() - startMs) / 1000.0));
    out.append(String.format("  %-12s %-7s %-24s %-28s%n", "kill -9", "worker", "task RUNNING elsewhere", "first record/write from it"));
    List<Failover> all = new ArrayList<>(sourceFailovers);
    all.addAll(sinkFailovers);
    for (Failover f : all) {
      out.append(String.format("  %-12s %-7d %22.1f s %26.1f s%n", f.what(), f.worker(), f.reassignedMs() / 1000.0,
          f.firstRecordMs() / 1000.0));
    }
    List<Long> source = sourceFailovers.stream().map(Failover::firstRecordMs).toList();
    out.append(String.format("  source fail-over (kill -9 -> first record from the new worker) over %d kills: p50 %.1f s, max %.1f s "
        + "(goal <= %d s)%n", source.size(), p50(source) / 1000.0, max(source) / 1000.0, FAILOVER_GOAL.toSeconds()));
    outages.forEach(o -> out.append("  ").append(o).append(System.lineSeparator()));
    out.append("  ").append(findings.format().replace("\n", "\n  ")).append(System.lineSeparator());
    System.out.println(out);
  }

  private static long p50(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.isEmpty() ? 0 : sorted.get((sorted.size() - 1) / 2);
  }

  private static long max(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).max().orElse(0);
  }

  private void note(String format, Object... args) {
    System.out.println("[ChaosIT] " + String.format("[%5.1f s] ", (System.currentTimeMillis() - startMs) / 1000.0)
        + String.format(format, args));
  }

  // ------------------------------------------------------------------------------------------------
  // Writers and the view probe

  /** The probe row's counter as its view holds it, read from MongoDB. */
  private static final class ViewProbe {
    private final MongoClient mongo;

    ViewProbe(MongoClient mongo) {
      this.mongo = mongo;
    }

    /** The view's probe counter, or -1 while it cannot be read (MongoDB down, document not there yet). */
    long beat() {
      try {
        Document d = mongo.getDatabase(VIEW_DB).getCollection("probe").find(Filters.eq("_id", 1)).first();
        return d == null ? -1 : ((Number) d.get("beat")).longValue();
      } catch (RuntimeException e) {
        return -1;
      }
    }

    long count(String collection) {
      try {
        return mongo.getDatabase(VIEW_DB).getCollection(collection).countDocuments();
      } catch (RuntimeException e) {
        return -1;
      }
    }
  }

  /**
   * Two writer threads: the paced random workload, and the probe that bumps one row five times a
   * second (so the stream never idles and fail-overs are timed to a fifth of a second).
   */
  private static final class Writers implements AutoCloseable {
    private final String jdbc;
    private final String user;
    private final String password;
    private final ChaosWorkload workload;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean faultsRunning = true;
    private volatile boolean stopped;
    private Thread workloadThread;
    private Thread probeThread;

    Writers(String jdbc, String user, String password, ChaosWorkload workload) {
      this.jdbc = jdbc;
      this.user = user;
      this.password = password;
      this.workload = workload;
    }

    void start() {
      long base = workload.rowChanges();
      double perMs = CHANGES / (PLANNED_SECONDS * 1000.0);
      long t0 = System.currentTimeMillis();
      workloadThread = new Thread(() -> {
        try {
          // Paced while the faults run (however long they take), then unpaced up to CHANGES if not there yet.
          while (!stopped && (faultsRunning || workload.rowChanges() - base < CHANGES)) {
            if (faultsRunning && workload.rowChanges() - base > perMs * (System.currentTimeMillis() - t0)) {
              Thread.sleep(5);
              continue;
            }
            workload.step();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
          failure.compareAndSet(null, e);
        }
      }, "chaos-workload");
      probeThread = new Thread(this::probe, "chaos-probe");
      workloadThread.start();
      probeThread.start();
    }

    private void probe() {
      Connection c = null;
      try {
        c = ChaosWorkload.openWithRetry(jdbc, user, password);
        while (!stopped) {
          try (PreparedStatement s = c.prepareStatement("UPDATE `" + DB + "`.probe SET beat = beat + 1, at_ms = ? WHERE id = 1")) {
            s.setLong(1, System.currentTimeMillis());
            s.executeUpdate();
          } catch (SQLException e) {
            closeQuietly(c);
            c = ChaosWorkload.openWithRetry(jdbc, user, password);
          }
          Thread.sleep(200);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (SQLException | RuntimeException e) {
        failure.compareAndSet(null, e);
      } finally {
        closeQuietly(c);
      }
    }

    private static void closeQuietly(Connection c) {
      if (c == null) {
        return;
      }
      try {
        c.close();
      } catch (SQLException e) {
        // the connection is broken already; a new one replaces it
        System.out.println("[ChaosIT] closing a broken probe connection: " + e);
      }
    }

    /** Lets the workload run unpaced to at least CHANGES row changes (at most {@code max}), then stops the probe. */
    void finish(Duration max) throws InterruptedException {
      faultsRunning = false;
      workloadThread.join(max.toMillis());
      boolean done = !workloadThread.isAlive();
      stopped = true;
      workloadThread.join(30_000);
      probeThread.join(30_000);
      check();
      if (!done) {
        throw new IllegalStateException("the workload did not write its " + CHANGES + " row changes within " + max.toMinutes()
            + " minutes after the faults (" + workload.rowChanges() + " so far): lower -Dsluice.chaos.changes");
      }
    }

    void check() {
      Throwable t = failure.get();
      if (t != null) {
        throw new IllegalStateException("a writer failed: " + t, t);
      }
    }

    @Override
    public void close() throws Exception {
      stopped = true;
      if (workloadThread != null) {
        workloadThread.join(30_000);
        probeThread.join(30_000);
      }
      workload.close();
    }
  }

  /**
   * Killed processes started again in the background, so the next fault need not wait for a JVM to
   * boot; a worker kill waits for them first (capacity back), and the end of the run waits for all.
   */
  private static final class Restarts {
    private final List<Thread> running = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    interface Note {
      void note(String format, Object... args);
    }

    void worker(ConnectCluster connect, int worker, long killedMs, Note note) {
      start("restart-worker-" + worker, () -> {
        connect.startWorker(worker);
        note.note("  worker %d back (healthy) %.1f s after its kill", worker, (System.currentTimeMillis() - killedMs) / 1000.0);
      });
    }

    void broker(LocalStack stack, int broker, long killedMs, Note note) {
      start("restart-broker-" + broker, () -> {
        // Five seconds down at least: long enough for leaders and coordinators to move away.
        ManagedSleep.sleep(Math.max(0, killedMs + 5_000 - System.currentTimeMillis()));
        stack.kafka().startBroker(broker);
        note.note("  broker %d back %.1f s after its kill", broker, (System.currentTimeMillis() - killedMs) / 1000.0);
      });
    }

    private synchronized void start(String name, Runnable action) {
      Thread t = new Thread(() -> {
        try {
          action.run();
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
        }
      }, name);
      t.start();
      running.add(t);
    }

    synchronized void awaitAll() throws InterruptedException {
      for (Thread t : running) {
        t.join(Duration.ofMinutes(4).toMillis());
        if (t.isAlive()) {
          throw new IllegalStateException(t.getName() + " did not finish within 4 minutes");
        }
      }
      running.clear();
      Throwable t = failure.get();
      if (t != null) {
        throw new IllegalStateException("restarting a killed process failed: " + t, t);
      }
    }
  }

  /** Thread.sleep for lambdas that cannot throw InterruptedException. */
  private static final class ManagedSleep {
    private ManagedSleep() {
    }

    static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
