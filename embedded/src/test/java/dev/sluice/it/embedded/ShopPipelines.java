package dev.sluice.it.embedded;

import dev.sluice.embedded.verify.EmbeddedChild;
import dev.sluice.embedded.verify.TableRef;
import dev.sluice.embedded.verify.Verifier;
import dev.sluice.embedded.verify.VerifyOptions;
import dev.sluice.embedded.verify.ViewReport;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.MySqlEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Pipeline settings and verification of the sample shop's two views, for the embedded ITs. */
final class ShopPipelines {
  private static final AtomicLong SERVER_IDS = new AtomicLong(20_000 + (System.nanoTime() & 0xFFF));

  private ShopPipelines() {
  }

  /** A pipeline file's entries: the shop database {@code db} into the MongoDB database {@code viewDb}. */
  static Map<String, String> pipeline(LocalStack stack, String name, String db, String viewDb) {
    return pipeline(stack, stack.mongo().connectionString(), name, db, viewDb);
  }

  /** The same, with the views in the MongoDB at {@code mongoUri}. */
  static Map<String, String> pipeline(LocalStack stack, String mongoUri, String name, String db, String viewDb) {
    MySqlEndpoint mysql = stack.mysql();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("source.database.hostname", mysql.host());
    p.put("source.database.port", Integer.toString(mysql.port()));
    p.put("source.database.user", MySqlEndpoint.CONNECTOR_USER);
    p.put("source.database.password", MySqlEndpoint.CONNECTOR_PASSWORD);
    p.put("source.database.server.id", Long.toString(SERVER_IDS.incrementAndGet()));
    p.put("source.topic.prefix", name);
    p.put("source.database.include.list", db);
    p.put("source.heartbeat.interval.ms", "2000");
    p.put("sink.connection.uri", mongoUri);
    p.put("sink.database", viewDb);
    String lines = "sink.topic.override." + name + "." + db + ".order_lines.";
    p.put(lines + "collection", "orders");
    p.put(lines + "embed.field", "lines");
    p.put(lines + "embed.parent.key", "order_id");
    p.put("offset.storage.file.filename", name + ".offsets");
    return p;
  }

  static Verifier verifier(LocalStack stack) {
    return verifier(stack, stack.mongo().connectionString());
  }

  /** A verifier of views in the MongoDB at {@code mongoUri}. */
  static Verifier verifier(LocalStack stack, String mongoUri) {
    MySqlEndpoint mysql = stack.mysql();
    return new Verifier(mysql.jdbcUrl(null), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD,
        mongoUri, VerifyOptions.defaults().withShowValues(true));
  }

  /** Verifies both views until neither drifts or {@code timeout} passes; returns the last reports. */
  static List<ViewReport> verifyUntilClean(LocalStack stack, String db, String viewDb, Duration timeout) throws InterruptedException {
    return verifyUntilClean(verifier(stack), db, viewDb, timeout);
  }

  /** The same with a given verifier. */
  static List<ViewReport> verifyUntilClean(Verifier verifier, String db, String viewDb, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ViewReport> reports = new ArrayList<>();
      reports.add(verifier.verify(new TableRef(db, "customers"), new TableRef(viewDb, "customers"), List.of()));
      reports.add(verifier.verify(new TableRef(db, "orders"), new TableRef(viewDb, "orders"),
          List.of(new EmbeddedChild(new TableRef(db, "order_lines"), "lines", List.of("order_id")))));
      if (reports.stream().noneMatch(ViewReport::drift) || System.nanoTime() > deadline) {
        return reports;
      }
      Thread.sleep(2_000);
    }
  }
}
