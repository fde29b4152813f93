package dev.sluice.converters.protobuf.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.converters.protobuf.store.RegisteredSchema;
import dev.sluice.converters.protobuf.store.SchemaFingerprint;
import dev.sluice.converters.protobuf.store.SchemaReference;
import dev.sluice.converters.protobuf.store.SchemaRejectedException;
import dev.sluice.converters.protobuf.store.SchemaStore;
import dev.sluice.converters.protobuf.store.SchemaText;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for the Confluent-compatible schema registry REST API, as served by Confluent Schema
 * Registry, Apicurio Registry's {@code /apis/ccompat/v7}, Karapace and Redpanda: subjects,
 * versions, ids, references and compatibility, over {@code java.net.http} and Jackson.
 *
 * <p>Schemas by id and registrations are cached (ids never change meaning). Several URLs are
 * tried in order when one cannot be reached; connection failures and 5xx answers are retried
 * three times per URL with a short backoff and then reported as
 * {@link RetriableException}. Basic (user info) or bearer authentication and TLS (trust store,
 * key store for mutual TLS) are supported.
 */
public final class RegistryClient implements SchemaStore {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final int ATTEMPTS = 3;

  /**
   * How to reach the registry.
   *
   * @param urls base URLs, tried in order
   * @param basicUserInfo {@code user:password} for basic authentication, or null
   * @param bearerToken a bearer token, or null
   * @param sslContext TLS settings for https URLs, or null for the JVM's defaults
   * @param timeout per-request timeout
   * @param cacheSize how many schemas by id to keep
   */
  public record Settings(List<URI> urls, String basicUserInfo, String bearerToken, SSLContext sslContext, Duration timeout, int cacheSize) {
    public Settings {
      if (urls.isEmpty()) {
        throw new IllegalArgumentException("at least one registry URL is needed");
      }
      urls = List.copyOf(urls);
    }
  }

  private final Settings settings;
  private final HttpClient http;
  private final String authorization;
  private final Map<Integer, SchemaText> byId;
  private final Map<String, RegisteredSchema> registered;

  public RegistryClient(Settings settings) {
    this.settings = settings;
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NORMAL);
    if (settings.sslContext() != null) {
      b.sslContext(settings.sslContext());
    }
    this.http = b.build();
    if (settings.bearerToken() != null) {
      authorization = "Bearer " + settings.bearerToken();
    } else if (settings.basicUserInfo() != null) {
      authorization = "Basic " + Base64.getEncoder().encodeToString(settings.basicUserInfo().getBytes(StandardCharsets.UTF_8));
    } else {
      authorization = null;
    }
    this.byId = lru(settings.cacheSize());
    this.registered = lru(settings.cacheSize());
  }

  private static <K, V> Map<K, V> lru(int size) {
    return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > size;
      }
    });
  }

  @Override
  public RegisteredSchema register(String subject, SchemaText schema) {
    String key = subject + "\u0000" + SchemaFingerprint.of(schema);
    RegisteredSchema cached = registered.get(key);
    if (cached != null) {
      return cached;
    }
    Response r = send("POST", "/subjects/" + encode(subject) + "/versions", body(schema));
    if (r.status == 409) {
      throw new SchemaRejectedException("the schema registry refused a new version of subject '" + subject
          + "' as incompatible with its compatibility rules: " + r.message());
    }
    if (r.status == 422) {
      throw new SchemaRejectedException("the schema registry refused the schema of subject '" + subject + "' as invalid: " + r.message());
    }
    r.expectOk("registering a schema under subject '" + subject + "'");
    int id = r.json.path("id").asInt();
    RegisteredSchema found = lookup(subject, schema)
        .orElseThrow(() -> new ConnectException("the schema registry gave id " + id + " to a schema of subject '" + subject
            + "' but does not find it under the subject"));
    byId.put(found.id(), schema);
    registered.put(key, found);
    return found;
  }

  @Override
  public Optional<RegisteredSchema> lookup(String subject, SchemaText schema) {
    Response r = send("POST", "/subjects/" + encode(subject), body(schema));
    if (r.status == 404) {
      return Optional.empty();
    }
    r.expectOk("looking up a schema under subject '" + subject + "'");
    return Optional.of(new RegisteredSchema(subject, r.json.path("version").asInt(), r.json.path("id").asInt(), schema));
  }

  @Override
  public Optional<RegisteredSchema> latest(String subject) {
    return version(subject, "latest");
  }

  @Override
  public Optional<RegisteredSchema> version(String subject, int version) {
    return version(subject, Integer.toString(version));
  }

  private Optional<RegisteredSchema> version(String subject, String version) {
    Response r = send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null);
    if (r.status == 404) {
      return Optional.empty();
    }
    r.expectOk("reading version " + version + " of subject '" + subject + "'");
    SchemaText text = text(r.json);
    int id = r.json.path("id").asInt();
    byId.putIfAbsent(id, text);
    return Optional.of(new RegisteredSchema(subject, r.json.path("version").asInt(), id, text));
  }

  @Override
  public Optional<SchemaText> byId(int id) {
    SchemaText cached = byId.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    Response r = send("GET", "/schemas/ids/" + id, null);
    if (r.status == 404) {
      return Optional.empty();
    }
    r.expectOk("reading schema id " + id);
    String type = r.json.path("schemaType").asText("AVRO");
    if (!"PROTOBUF".equals(type)) {
      throw new SchemaRejectedException("schema id " + id + " in the schema registry is a " + type + " schema, not Protobuf");
    }
    SchemaText text = text(r.json);
    byId.put(id, text);
    return Optional.of(text);
  }

  /** Every subject. */
  public List<String> subjects() {
    Response r = send("GET", "/subjects", null);
    r.expectOk("listing subjects");
    List<String> subjects = new ArrayList<>();
    r.json.forEach(s -> subjects.add(s.asText()));
    return subjects;
  }

  /** The version numbers of a subject; empty if it does not exist. */
  public List<Integer> versions(String subject) {
    Response r = send("GET", "/subjects/" + encode(subject) + "/versions", null);
    if (r.status == 404) {
      return List.of();
    }
    r.expectOk("listing the versions of subject '" + subject + "'");
    List<Integer> versions = new ArrayList<>();
    r.json.forEach(v -> versions.add(v.asInt()));
    return versions;
  }

  /** The compatibility level that applies to a subject (its own, else the global one). */
  public String compatibility(String subject) {
    Response r = send("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null);
    if (r.status == 404) {
      r = send("GET", "/config", null);
    }
    r.expectOk("reading the compatibility level of subject '" + subject + "'");
    return r.json.path("compatibilityLevel").asText(r.json.path("compatibility").asText());
  }

  /** Sets a subject's compatibility level, e.g. {@code BACKWARD}, {@code FULL_TRANSITIVE} or {@code NONE}. */
  public void setCompatibility(String subject, String level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level);
    send("PUT", "/config/" + encode(subject), body).expectOk("setting the compatibility level of subject '" + subject + "'");
  }

  /** Whether a schema would be accepted as the next version of a subject. */
  public boolean isCompatible(String subject, SchemaText schema) {
    Response r = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", body(schema));
    if (r.status == 404) {
      return true;
    }
    r.expectOk("testing compatibility with subject '" + subject + "'");
    return r.json.path("is_compatible").asBoolean();
  }

  @Override
  public String describe() {
    return "the schema registry at " + settings.urls().get(0) + (settings.urls().size() > 1 ? " (and " + (settings.urls().size() - 1) + " more)" : "");
  }

  private static SchemaText text(JsonNode json) {
    List<SchemaReference> refs = new ArrayList<>();
    for (JsonNode ref : json.path("references")) {
      refs.add(new SchemaReference(ref.path("name").asText(), ref.path("subject").asText(), ref.path("version").asInt()));
    }
    return new SchemaText(json.path("schema").asText(), refs);
  }

  private static ObjectNode body(SchemaText schema) {
    ObjectNode body = JSON.createObjectNode().put("schemaType", "PROTOBUF").put("schema", schema.schema());
    ArrayNode refs = body.putArray("references");
    for (SchemaReference r : schema.references()) {
      refs.addObject().put("name", r.name()).put("subject", r.subject()).put("version", r.version());
    }
    return body;
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private final class Response {
    final int status;
    final JsonNode json;
    final String url;

    Response(int status, JsonNode json, String url) {
      this.status = status;
      this.json = json;
      this.url = url;
    }

    String message() {
      String m = json.path("message").asText("");
      int code = json.path("error_code").asInt(0);
      return (m.isEmpty() ? "" : m + " ") + "(HTTP " + status + (code != 0 ? ", error code " + code : "") + ")";
    }

    void expectOk(String what) {
      if (status / 100 == 2) {
        return;
      }
      if (status == 401 || status == 403) {
        throw new ConnectException("the schema registry at " + url + " refused " + what + " with HTTP " + status + ": " + message()
            + ". Check schema.registry.basic.auth.user.info or schema.registry.bearer.auth.token.");
      }
      throw new ConnectException("the schema registry at " + url + " failed " + what + ": " + message());
    }
  }

  private Response send(String method, String path, JsonNode body) {
    IOException lastIo = null;
    Response lastServerError = null;
    for (URI base : settings.urls()) {
      String url = base.toString().replaceAll("/+$", "") + path;
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(settings.timeout())
            .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
          request.header("Authorization", authorization);
        }
        if (body != null) {
          request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
          request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
          HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
          JsonNode json = response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : parse(response.body());
          Response r = new Response(response.statusCode(), json, base.toString());
          if (response.statusCode() >= 500) {
            lastServerError = r;
            LOG.debug("Schema registry {} answered {} to {} {} (attempt {})", base, response.statusCode(), method, path, attempt);
          } else {
            return r;
          }
        } catch (IOException e) {
          lastIo = e;
          LOG.debug("Schema registry {} unreachable for {} {} (attempt {}): {}", base, method, path, attempt, e.toString());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ConnectException("interrupted while calling the schema registry at " + base, e);
        }
        sleep(100L * attempt);
      }
    }
    if (lastServerError != null) {
      throw new RetriableException("the schema registry at " + lastServerError.url + " failed " + method + " " + path + ": "
          + lastServerError.message());
    }
    throw new RetriableException("cannot reach the schema registry at " + settings.urls() + " for " + method + " " + path + ": " + lastIo, lastIo);
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode().put("message", body.length() > 200 ? body.substring(0, 200) + "..." : body);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("interrupted while waiting to retry the schema registry", e);
    }
  }
}
