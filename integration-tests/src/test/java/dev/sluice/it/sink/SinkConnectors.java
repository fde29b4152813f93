package dev.sluice.it.sink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.stack.ConnectRestClient;
import dev.sluice.stack.LocalStack;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Creating Sluice MongoDB sink connectors through the Connect REST API, and watching their tasks. */
public final class SinkConnectors {
  /** The connector class. */
  public static final String CLASS = "dev.sluice.sink.mongo.SluiceMongoSinkConnector";

  private SinkConnectors() {}

  /** The base settings of a sink writing to the stack's MongoDB. */
  public static Map<String, String> settings(LocalStack stack, int tasks) {
    return settings(stack.mongo().connectionString(), tasks);
  }

  /** The base settings of a sink writing to the MongoDB at {@code connectionString}. */
  public static Map<String, String> settings(String connectionString, int tasks) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", CLASS);
    config.put("tasks.max", Integer.toString(tasks));
    config.put("connection.uri", connectionString);
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("key.converter.schemas.enable", "true");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "true");
    config.put("consumer.override.max.poll.records", "1000");
    return config;
  }

  /** Validates, creates and waits until the connector and its tasks run. */
  public static void create(ConnectRestClient rest, String name, Map<String, String> config, int tasks) {
    Map<String, String> named = new LinkedHashMap<>(config);
    named.put("name", name);
    JsonNode validation = rest.validate(CLASS, named);
    if (validation.path("error_count").asInt() != 0) {
      StringBuilder errors = new StringBuilder();
      for (JsonNode setting : validation.path("configs")) {
        JsonNode value = setting.path("value");
        value.path("errors").forEach(e -> errors.append(System.lineSeparator()).append("  ").append(value.path("name").asText())
            .append(": ").append(e.asText()));
      }
      throw new IllegalStateException("the worker rejects the configuration of " + name + ":" + errors);
    }
    rest.create(name, config);
    rest.awaitState(name, "RUNNING", tasks, Duration.ofSeconds(90));
  }

  /** The state of task 0 of a connector, and its trace when it failed. */
  public static JsonNode task(ConnectRestClient rest, String name) {
    return rest.status(name).path("tasks").path(0);
  }

  /** Waits until task 0 has FAILED; returns its trace. */
  public static String awaitFailedTask(ConnectRestClient rest, String name, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode task = null;
    while (System.nanoTime() < deadline) {
      try {
        task = task(rest, name);
      } catch (ConnectRestClient.ConnectRestException e) {
        if (e.status() != 404) {
          throw e;
        }
        // The status of a connector just created shows up a moment later.
      }
      if (task != null && "FAILED".equals(task.path("state").asText())) {
        return task.path("trace").asText();
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException("task 0 of " + name + " did not fail within " + timeout.toSeconds() + " s; last status " + task);
  }
}
