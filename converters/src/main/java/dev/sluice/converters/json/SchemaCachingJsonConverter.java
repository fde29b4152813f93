package dev.sluice.converters.json;

import dev.sluice.converters.ConverterTypes;
import dev.sluice.event.SluiceVersion;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * Writes exactly the bytes of Kafka's {@link JsonConverter} with the same settings, but with
 * {@code schemas.enable=true} it serializes each schema's JSON once instead of in every message.
 *
 * <p>A change event's message with schemas is mostly schema: about 3.1 of 3.8 kB for a 9-column
 * table, the same text in every message of the topic. Kafka's converter caches the schema's JSON
 * tree but writes it out per record, which is where its time goes. This converter takes the
 * schema's bytes from Kafka's own output for the first record of each schema, checks that the
 * message is that schema followed by the payload, and from then on writes only the payload (with
 * Kafka's converter, schemas off) between the cached schema bytes. Schemas are looked up by identity
 * first (the previous record's), then by equality, so a producer that builds an equal schema for
 * every record is served from the cache too. Consumers see no
 * difference; reading ({@code toConnectData}), headers and schemaless data go to Kafka's converter.
 *
 * <p>Settings are {@link JsonConverterConfig}'s ({@code schemas.enable}, {@code schemas.cache.size}
 * — also the number of schemas whose bytes are kept —, {@code decimal.format},
 * {@code replace.null.with.default}).
 */
public class SchemaCachingJsonConverter implements Converter, HeaderConverter, Versioned {
  private static final byte[] SCHEMA_FIELD = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PAYLOAD_FIELD = ",\"payload\":".getBytes(StandardCharsets.UTF_8);
  /** Marks a schema whose messages did not have the expected shape: Kafka's converter writes them whole. */
  private static final byte[] NOT_CACHED = new byte[0];

  private final JsonConverter enveloped = new JsonConverter();
  private final JsonConverter payloads = new JsonConverter();
  private boolean schemasEnabled;
  private int cacheSize;
  /** Schema bytes by schema, least recently used first; keyed by equality, as Kafka's converter caches schemas. */
  private final LinkedHashMap<Schema, byte[]> schemaBytes = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Schema, byte[]> eldest) {
      return size() > cacheSize;
    }
  };
  private volatile Last last;

  private record Last(Schema schema, byte[] bytes) {}

  /** Creates an unconfigured converter; Connect calls {@code configure} next. */
  public SchemaCachingJsonConverter() {}

  @Override
  public String version() {
    return SluiceVersion.of(SchemaCachingJsonConverter.class);
  }

  @Override
  public ConfigDef config() {
    return JsonConverterConfig.configDef();
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    configure(ConverterTypes.keyOrValue(configs, isKey));
  }

  @Override
  public void configure(Map<String, ?> configs) {
    Map<String, Object> withType = ConverterTypes.headerUnlessSet(configs);
    JsonConverterConfig parsed = new JsonConverterConfig(withType);
    enveloped.configure(withType);
    Map<String, Object> schemaless = new HashMap<>(withType);
    schemaless.put(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, false);
    payloads.configure(schemaless);
    schemasEnabled = parsed.schemasEnabled();
    cacheSize = parsed.schemaCacheSize();
    synchronized (schemaBytes) {
      schemaBytes.clear();
    }
    last = null;
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    // A SchemaBuilder can still change after it was used: never cache by its identity.
    if (!schemasEnabled || schema == null || cacheSize <= 0 || schema instanceof SchemaBuilder) {
      return enveloped.fromConnectData(topic, schema, value);
    }
    byte[] cached = cachedSchema(schema);
    if (cached == null) {
      return firstMessage(topic, schema, value);
    }
    if (cached == NOT_CACHED) {
      return enveloped.fromConnectData(topic, schema, value);
    }
    byte[] payload = payloads.fromConnectData(topic, schema, value);
    byte[] message = new byte[SCHEMA_FIELD.length + cached.length + PAYLOAD_FIELD.length + payload.length + 1];
    int at = put(message, 0, SCHEMA_FIELD);
    at = put(message, at, cached);
    at = put(message, at, PAYLOAD_FIELD);
    at = put(message, at, payload);
    message[at] = '}';
    return message;
  }

  /** The first message of a schema instance: Kafka's converter writes it, and its schema part is kept. */
  private byte[] firstMessage(String topic, Schema schema, Object value) {
    byte[] message = enveloped.fromConnectData(topic, schema, value);
    byte[] payload = payloads.fromConnectData(topic, schema, value);
    byte[] part = schemaPart(message, payload);
    byte[] bytes = part == null ? NOT_CACHED : part;
    synchronized (schemaBytes) {
      schemaBytes.put(schema, bytes);
    }
    last = new Last(schema, bytes);
    return message;
  }

  private byte[] cachedSchema(Schema schema) {
    Last l = last;
    if (l != null && l.schema() == schema) {
      return l.bytes();
    }
    byte[] bytes;
    synchronized (schemaBytes) {
      bytes = schemaBytes.get(schema);
    }
    if (bytes != null) {
      last = new Last(schema, bytes);
    }
    return bytes;
  }

  /** Whether later messages of {@code schema} are written from cached schema bytes (for tests). */
  boolean writesFromCache(Schema schema) {
    synchronized (schemaBytes) {
      byte[] bytes = schemaBytes.get(schema);
      return bytes != null && bytes != NOT_CACHED;
    }
  }

  /**
   * The schema's bytes in {@code message}, which must be {@code {"schema":<schema>,"payload":<payload>}};
   * null when it is not.
   */
  static byte[] schemaPart(byte[] message, byte[] payload) {
    if (message == null || payload == null) {
      return null;
    }
    int schemaEnd = message.length - 1 - payload.length - PAYLOAD_FIELD.length;
    if (schemaEnd <= SCHEMA_FIELD.length || message[message.length - 1] != '}'
        || !Arrays.equals(message, 0, SCHEMA_FIELD.length, SCHEMA_FIELD, 0, SCHEMA_FIELD.length)
        || !Arrays.equals(message, schemaEnd, schemaEnd + PAYLOAD_FIELD.length, PAYLOAD_FIELD, 0, PAYLOAD_FIELD.length)
        || !Arrays.equals(message, schemaEnd + PAYLOAD_FIELD.length, message.length - 1, payload, 0, payload.length)) {
      return null;
    }
    return Arrays.copyOfRange(message, SCHEMA_FIELD.length, schemaEnd);
  }

  private static int put(byte[] target, int at, byte[] bytes) {
    System.arraycopy(bytes, 0, target, at, bytes.length);
    return at + bytes.length;
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    return enveloped.toConnectData(topic, value);
  }

  @Override
  public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
    return fromConnectData(topic, schema, value);
  }

  @Override
  public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
    return enveloped.toConnectHeader(topic, headerKey, value);
  }

  @Override
  public void close() {
    enveloped.close();
    payloads.close();
  }
}
