package dev.sluice.converters.protobuf.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A STAND-IN for a Confluent-compatible schema registry, for unit tests only: an in-memory HTTP(S)
 * server (com.sun.net.httpserver) implementing exactly the endpoints Sluice's registry client
 * uses, with Confluent's paths, JSON shapes and error codes. It does not check compatibility; a
 * test can make a subject refuse new versions with HTTP 409.
 */
public final class StandInSchemaRegistry implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SUBJECT_VERSIONS = Pattern.compile("^/subjects/([^/]+)/versions/?$");
  private static final Pattern SUBJECT_VERSION = Pattern.compile("^/subjects/([^/]+)/versions/([^/]+)$");
  private static final Pattern SUBJECT = Pattern.compile("^/subjects/([^/]+)/?$");
  private static final Pattern SCHEMA_ID = Pattern.compile("^/schemas/ids/(\\d+)$");
  private static final Pattern CONFIG = Pattern.compile("^/config/([^/]+)$");
  private static final Pattern COMPATIBILITY = Pattern.compile("^/compatibility/subjects/([^/]+)/versions/([^/]+)$");

  static {
    // Without it the JDK's server answers small requests ~40 ms late (Nagle against delayed ACKs).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private record Stored(int id, String schema, JsonNode references) {}

  private final HttpServer server;
  private final Map<String, List<Stored>> subjects = new LinkedHashMap<>();
  private final Map<Integer, Stored> byId = new HashMap<>();
  private final Map<String, String> compatibility = new HashMap<>();
  private final Set<String> refusing = new HashSet<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private int nextId = 1;
  private String requiredAuthorization;

  private StandInSchemaRegistry(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.start();
  }

  /** A plain HTTP stand-in on a free loopback port. */
  public static StandInSchemaRegistry http() throws IOException {
    return new StandInSchemaRegistry(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
  }

  /** An HTTPS stand-in with the given server TLS context. */
  public static StandInSchemaRegistry https(SSLContext tls) throws IOException {
    HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(tls));
    return new StandInSchemaRegistry(s);
  }

  /** The base URL. */
  public URI url() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://localhost:" + server.getAddress().getPort());
  }

  /** Requires this exact Authorization header (e.g. "Basic ..." or "Bearer ..."). */
  public synchronized StandInSchemaRegistry requireAuthorization(String header) {
    requiredAuthorization = header;
    return this;
  }

  /** New versions of the subject are refused with 409, as an incompatible schema would be. */
  public synchronized void refuseNewVersions(String subject) {
    refusing.add(subject);
  }

  /** The next {@code n} requests fail with HTTP 503. */
  public void failNext(int n) {
    failNext.set(n);
  }

  /** How many requests were made to a method and path pattern, e.g. "GET /schemas/ids". */
  public int requests(String methodAndPrefix) {
    return requests.entrySet().stream().filter(e -> e.getKey().startsWith(methodAndPrefix)).mapToInt(e -> e.getValue().get()).sum();
  }

  /** Registered subjects. */
  public synchronized Set<String> subjects() {
    return Set.copyOf(subjects.keySet());
  }

  /** The text of a subject's version. */
  public synchronized String schema(String subject, int version) {
    return subjects.get(subject).get(version - 1).schema();
  }

  /** The references of a subject's version, as JSON. */
  public synchronized JsonNode references(String subject, int version) {
    return subjects.get(subject).get(version - 1).references();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String method = ex.getRequestMethod();
      requests.computeIfAbsent(method + " " + path, k -> new AtomicInteger()).incrementAndGet();
      if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        send(ex, 503, error(50003, "stand-in registry is unavailable"));
        return;
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      synchronized (this) {
        if (requiredAuthorization != null && !requiredAuthorization.equals(auth)) {
          send(ex, 401, error(40101, "Unauthorized"));
          return;
        }
      }
      JsonNode body = ex.getRequestBody().available() >= 0 ? readBody(ex) : null;
      Matcher m;
      synchronized (this) {
        if (method.equals("POST") && (m = SUBJECT_VERSIONS.matcher(path)).matches()) {
          register(ex, decode(m.group(1)), body);
        } else if (method.equals("POST") && (m = SUBJECT.matcher(path)).matches()) {
          lookup(ex, decode(m.group(1)), body);
        } else if (method.equals("GET") && (m = SUBJECT_VERSION.matcher(path)).matches()) {
          version(ex, decode(m.group(1)), m.group(2));
        } else if (method.equals("GET") && (m = SUBJECT_VERSIONS.matcher(path)).matches()) {
          List<Stored> versions = subjects.get(decode(m.group(1)));
          if (versions == null) {
            send(ex, 404, error(40401, "Subject not found"));
          } else {
            ArrayNode a = JSON.createArrayNode();
            for (int i = 1; i <= versions.size(); i++) {
              a.add(i);
            }
            send(ex, 200, a);
          }
        } else if (method.equals("GET") && path.equals("/subjects")) {
          ArrayNode a = JSON.createArrayNode();
          subjects.keySet().forEach(a::add);
          send(ex, 200, a);
        } else if (method.equals("GET") && (m = SCHEMA_ID.matcher(path)).matches()) {
          Stored s = byId.get(Integer.parseInt(m.group(1)));
          if (s == null) {
            send(ex, 404, error(40403, "Schema not found"));
          } else {
            ObjectNode o = JSON.createObjectNode().put("schemaType", "PROTOBUF").put("schema", s.schema());
            o.set("references", s.references());
            send(ex, 200, o);
          }
        } else if (method.equals("GET") && (m = CONFIG.matcher(path)).matches()) {
          String level = compatibility.getOrDefault(decode(m.group(1)), "BACKWARD");
          send(ex, 200, JSON.createObjectNode().put("compatibilityLevel", level));
        } else if (method.equals("PUT") && (m = CONFIG.matcher(path)).matches()) {
          compatibility.put(decode(m.group(1)), body.path("compatibility").asText());
          send(ex, 200, JSON.createObjectNode().put("compatibility", body.path("compatibility").asText()));
        } else if (method.equals("POST") && (m = COMPATIBILITY.matcher(path)).matches()) {
          String subject = decode(m.group(1));
          if (!subjects.containsKey(subject)) {
            send(ex, 404, error(40401, "Subject not found"));
          } else {
            send(ex, 200, JSON.createObjectNode().put("is_compatible", !refusing.contains(subject)));
          }
        } else {
          send(ex, 404, error(404, "stand-in registry has no endpoint " + method + " " + path));
        }
      }
    }
  }

  private void register(HttpExchange ex, String subject, JsonNode body) throws IOException {
    if (!"PROTOBUF".equals(body.path("schemaType").asText())) {
      send(ex, 422, error(42201, "stand-in registry only takes PROTOBUF schemas"));
      return;
    }
    for (JsonNode ref : body.path("references")) {
      List<Stored> versions = subjects.get(ref.path("subject").asText());
      if (versions == null || ref.path("version").asInt() < 1 || ref.path("version").asInt() > versions.size()) {
        send(ex, 422, error(42201, "Invalid schema: reference " + ref + " does not exist"));
        return;
      }
    }
    String schema = body.path("schema").asText();
    JsonNode refs = body.path("references").isMissingNode() ? JSON.createArrayNode() : body.path("references");
    List<Stored> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    for (Stored s : versions) {
      if (s.schema().equals(schema) && s.references().equals(refs)) {
        send(ex, 200, JSON.createObjectNode().put("id", s.id()));
        return;
      }
    }
    if (!versions.isEmpty() && refusing.contains(subject)) {
      send(ex, 409, error(409, "Schema being registered is incompatible with an earlier schema for subject \"" + subject + "\""));
      return;
    }
    int id = -1;
    for (Stored s : byId.values()) {
      if (s.schema().equals(schema) && s.references().equals(refs)) {
        id = s.id();
      }
    }
    if (id < 0) {
      id = nextId++;
    }
    Stored stored = new Stored(id, schema, refs);
    byId.putIfAbsent(id, stored);
    versions.add(stored);
    send(ex, 200, JSON.createObjectNode().put("id", id));
  }

  private void lookup(HttpExchange ex, String subject, JsonNode body) throws IOException {
    List<Stored> versions = subjects.get(subject);
    if (versions == null) {
      send(ex, 404, error(40401, "Subject '" + subject + "' not found."));
      return;
    }
    JsonNode refs = body.path("references").isMissingNode() ? JSON.createArrayNode() : body.path("references");
    for (int i = 0; i < versions.size(); i++) {
      Stored s = versions.get(i);
      if (s.schema().equals(body.path("schema").asText()) && s.references().equals(refs)) {
        ObjectNode o = JSON.createObjectNode().put("subject", subject).put("version", i + 1).put("id", s.id())
            .put("schemaType", "PROTOBUF").put("schema", s.schema());
        o.set("references", s.references());
        send(ex, 200, o);
        return;
      }
    }
    send(ex, 404, error(40403, "Schema not found"));
  }

  private void version(HttpExchange ex, String subject, String version) throws IOException {
    List<Stored> versions = subjects.get(subject);
    if (versions == null) {
      send(ex, 404, error(40401, "Subject '" + subject + "' not found."));
      return;
    }
    int v = version.equals("latest") ? versions.size() : Integer.parseInt(version);
    if (v < 1 || v > versions.size()) {
      send(ex, 404, error(40402, "Version " + version + " not found."));
      return;
    }
    Stored s = versions.get(v - 1);
    ObjectNode o = JSON.createObjectNode().put("subject", subject).put("version", v).put("id", s.id())
        .put("schemaType", "PROTOBUF").put("schema", s.schema());
    o.set("references", s.references());
    send(ex, 200, o);
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment, StandardCharsets.UTF_8);
  }

  private static JsonNode readBody(HttpExchange ex) throws IOException {
    byte[] bytes = ex.getRequestBody().readAllBytes();
    return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
  }

  private static ObjectNode error(int code, String message) {
    return JSON.createObjectNode().put("error_code", code).put("message", message);
  }

  private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
