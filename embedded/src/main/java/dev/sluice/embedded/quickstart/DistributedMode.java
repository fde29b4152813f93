package dev.sluice.embedded.quickstart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.sink.mongo.SluiceMongoSinkConnector;
import dev.sluice.source.mysql.SluiceMySqlSourceConnector;
import dev.sluice.stack.ConnectRestClient;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.MySqlEndpoint;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The quickstart's pipeline on Kafka Connect: a local KRaft broker and two distributed workers
 * with the bundle's plugin folder; the source and sink connectors created through the REST API,
 * and the equivalent curl commands printed.
 */
final class DistributedMode implements Mode {
  static final String SOURCE = "quickstart-source";
  static final String SINK = "quickstart-sink";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final LocalStack stack;
  private final ShopViews views;
  private final long serverId;
  private final PrintWriter out;
  private ConnectRestClient rest;

  DistributedMode(LocalStack stack, ShopViews views, long serverId, PrintWriter out) {
    this.stack = stack;
    this.views = views;
    this.serverId = serverId;
    this.out = out;
  }

  @Override
  public void start() {
    rest = stack.connect().rest();
    MySqlEndpoint mysql = stack.mysql();
    Map<String, String> source = new LinkedHashMap<>();
    source.put("connector.class", SluiceMySqlSourceConnector.class.getName());
    source.put("tasks.max", "1");
    source.putAll(views.source(mysql.host(), mysql.port(), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD, serverId));
    // One broker: topics the source creates get one replica.
    source.put("topic.creation.default.replication.factor", "1");
    source.put("topic.creation.default.partitions", "1");
    Map<String, String> sink = new LinkedHashMap<>();
    sink.put("connector.class", SluiceMongoSinkConnector.class.getName());
    sink.put("tasks.max", "1");
    sink.put("topics", String.join(",", views.topic("customers"), views.topic("orders"), views.topic("order_lines")));
    sink.putAll(views.sink(stack.mongo().connectionString()));

    out.println("  creating the connectors through the REST API of " + rest.baseUri() + "; the equivalent curl commands:");
    out.println(curl(SOURCE, source));
    out.flush();
    rest.putConfig(SOURCE, source);
    rest.awaitState(SOURCE, "RUNNING", 1, Duration.ofMinutes(3));
    out.println(curl(SINK, sink));
    out.flush();
    rest.putConfig(SINK, sink);
    rest.awaitState(SINK, "RUNNING", 1, Duration.ofMinutes(3));
    out.println("  both connectors RUNNING (status: curl -s " + rest.baseUri().resolve("/connectors/" + SOURCE + "/status") + ")");
    out.flush();
  }

  /** The curl command that makes the same PUT, with the password masked. */
  private String curl(String name, Map<String, String> config) {
    Map<String, String> shown = new LinkedHashMap<>(config);
    shown.computeIfPresent("database.password", (k, v) -> "********");
    String body;
    try {
      body = JSON.writeValueAsString(shown);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a connector configuration as JSON", e);
    }
    String curl = "curl -sS -X PUT -H 'Content-Type: application/json' " + rest.baseUri().resolve("/connectors/" + name + "/config")
        + " --data @- <<'EOF'" + System.lineSeparator() + body + System.lineSeparator() + "EOF";
    return config.containsKey("database.password")
        ? curl + System.lineSeparator() + "  (database.password masked: it is the local stack's account '" + MySqlEndpoint.CONNECTOR_USER
            + "'; in production give it with a ConfigProvider, e.g. ${file:/etc/sluice/mysql.properties:password})"
        : curl;
  }

  @Override
  public String status() {
    return "source " + state(SOURCE) + ", sink " + state(SINK);
  }

  private String state(String connector) {
    try {
      var status = rest.status(connector);
      String task = status.path("tasks").path(0).path("state").asText("-");
      return status.path("connector").path("state").asText("?") + "/" + task;
    } catch (RuntimeException e) {
      return "unreachable";
    }
  }

  /** The views are behind Kafka here; the verify that follows retries until they caught up. */
  @Override
  public void awaitIdle(Duration max) throws InterruptedException {
    Thread.sleep(Math.min(max.toMillis(), 3_000));
  }

  @Override
  public void stop() {
    // The workers stop with the stack; the connectors' offsets stay in Kafka until then.
  }
}
