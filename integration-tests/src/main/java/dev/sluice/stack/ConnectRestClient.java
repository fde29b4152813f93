package dev.sluice.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small client for the Kafka Connect REST API (java.net.http + Jackson): what a platform team
 * does with curl — create, update, pause, resume, restart, delete and validate connectors, and read
 * their status and the installed plugins. Every non-2xx answer becomes a {@link ConnectRestException}
 * carrying the status and the worker's error message.
 */
public final class ConnectRestClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final HttpClient http;
  private final Duration timeout;

  public ConnectRestClient(URI base) {
    this(base, Duration.ofSeconds(60));
  }

  public ConnectRestClient(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public URI baseUri() {
    return base;
  }

  /** {@code GET /}: version, commit and {@code kafka_cluster_id} of the worker. */
  public JsonNode serverInfo() {
    return send("GET", "/", null);
  }

  /** {@code GET /health} (Kafka 3.9+): 200 once the worker has joined its group and can serve requests. */
  public JsonNode health() {
    return send("GET", "/health", null);
  }

  /** Class names of every installed plugin (connectors, converters, transforms, predicates...). */
  public List<String> pluginClasses() {
    JsonNode plugins = send("GET", "/connector-plugins?connectorsOnly=false", null);
    List<String> classes = new ArrayList<>();
    plugins.forEach(p -> classes.add(p.path("class").asText()));
    return classes;
  }

  /** The raw plugin list: class, type and version of each. */
  public JsonNode plugins() {
    return send("GET", "/connector-plugins?connectorsOnly=false", null);
  }

  public List<String> connectors() {
    List<String> names = new ArrayList<>();
    send("GET", "/connectors", null).forEach(n -> names.add(n.asText()));
    return names;
  }

  /** {@code POST /connectors}. */
  public JsonNode create(String name, Map<String, String> config) {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", name);
    body.set("config", JSON.valueToTree(config));
    return send("POST", "/connectors", body);
  }

  /** {@code PUT /connectors/{name}/config}: creates or updates. */
  public JsonNode putConfig(String name, Map<String, String> config) {
    return send("PUT", "/connectors/" + encode(name) + "/config", JSON.valueToTree(config));
  }

  public JsonNode config(String name) {
    return send("GET", "/connectors/" + encode(name) + "/config", null);
  }

  /** {@code GET /connectors/{name}/status}: connector and task states and the worker running each. */
  public JsonNode status(String name) {
    return send("GET", "/connectors/" + encode(name) + "/status", null);
  }

  public void pause(String name) {
    send("PUT", "/connectors/" + encode(name) + "/pause", null);
  }

  public void resume(String name) {
    send("PUT", "/connectors/" + encode(name) + "/resume", null);
  }

  /** Restarts the connector and its tasks ({@code includeTasks=true}). */
  public void restart(String name) {
    send("POST", "/connectors/" + encode(name) + "/restart?includeTasks=true&onlyFailed=false", null);
  }

  public void delete(String name) {
    send("DELETE", "/connectors/" + encode(name), null);
  }

  /** {@code GET /connectors/{name}/offsets} (Kafka 3.5+). */
  public JsonNode offsets(String name) {
    return send("GET", "/connectors/" + encode(name) + "/offsets", null);
  }

  /**
   * {@code PUT /connector-plugins/{class}/config/validate}: the worker's verdict on a configuration,
   * {@code error_count} and per-setting {@code errors}.
   */
  public JsonNode validate(String connectorClass, Map<String, String> config) {
    return send("PUT", "/connector-plugins/" + encode(connectorClass) + "/config/validate", JSON.valueToTree(config));
  }

  /** The error messages {@link #validate} reported for one setting (empty when it is fine). */
  public static List<String> errorsFor(JsonNode validation, String setting) {
    List<String> errors = new ArrayList<>();
    for (JsonNode config : validation.path("configs")) {
      JsonNode value = config.path("value");
      if (setting.equals(value.path("name").asText())) {
        value.path("errors").forEach(e -> errors.add(e.asText()));
      }
    }
    return errors;
  }

  /** Waits until the connector and {@code tasks} tasks are in {@code state} (e.g. RUNNING, PAUSED). */
  public JsonNode awaitState(String name, String state, int tasks, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    ConnectRestException lastError = null;
    while (System.nanoTime() < deadline) {
      try {
        last = status(name);
        lastError = null;
        boolean connectorOk = state.equals(last.path("connector").path("state").asText());
        int inState = 0;
        for (JsonNode task : last.path("tasks")) {
          if ("FAILED".equals(task.path("state").asText()) && !"FAILED".equals(state)) {
            throw new ConnectRestException(200, "task of " + name + " FAILED: " + task.path("trace").asText());
          }
          if (state.equals(task.path("state").asText())) {
            inState++;
          }
        }
        if (connectorOk && inState >= tasks) {
          return last;
        }
      } catch (ConnectRestException e) {
        if (e.status() == 200) {
          throw e;
        }
        lastError = e;
      }
      ManagedProcess.sleep(250);
    }
    throw new StackException("connector " + name + " not " + state + " with " + tasks + " task(s) within " + timeout.toSeconds()
        + " s; last status: " + last + (lastError == null ? "" : "; last error: " + lastError.getMessage()));
  }

  /** How long a request answered "momentarily unavailable" (409 during a rebalance) is tried again. */
  private static final Duration REBALANCE_RETRY = Duration.ofSeconds(30);

  /**
   * One request; a 409 that Connect gives while a rebalance or a config change settles ("rebalance
   * is in progress", "stale configuration") is tried again for up to {@link #REBALANCE_RETRY}, as
   * Connect's documentation tells clients to. Other 409s (a connector that already exists) fail at once.
   */
  private JsonNode send(String method, String path, JsonNode body) {
    long deadline = System.nanoTime() + REBALANCE_RETRY.toNanos();
    while (true) {
      try {
        return sendOnce(method, path, body);
      } catch (ConnectRestException e) {
        String m = e.getMessage();
        boolean settling = e.status() == 409 && (m.contains("rebalance") || m.contains("stale configuration"));
        if (!settling || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(250);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private JsonNode sendOnce(String method, String path, JsonNode body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(timeout)
        .header("Accept", "application/json");
    if (body != null) {
      try {
        request.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("cannot serialize request body", e);
      }
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ConnectRestException(-1, method + " " + base.resolve(path) + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectRestException(-1, method + " " + base.resolve(path) + " interrupted", e);
    }
    String text = response.body();
    if (response.statusCode() / 100 != 2) {
      String message = text;
      try {
        JsonNode error = JSON.readTree(text);
        if (error.hasNonNull("message")) {
          message = error.get("message").asText();
        }
      } catch (IOException notJson) {
        // the body is not JSON (e.g. a proxy's HTML page): report it as it is
        message = text;
      }
      throw new ConnectRestException(response.statusCode(), method + " " + path + " -> " + response.statusCode() + ": " + message);
    }
    if (text == null || text.isBlank()) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new ConnectRestException(response.statusCode(), method + " " + path + " answered non-JSON: " + text, e);
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A Connect REST call failed; {@link #status()} is the HTTP status, or -1 when no answer came. */
  public static final class ConnectRestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ConnectRestException(int status, String message) {
      super(message);
      this.status = status;
    }

    public ConnectRestException(int status, String message, Throwable cause) {
      super(message, cause);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
