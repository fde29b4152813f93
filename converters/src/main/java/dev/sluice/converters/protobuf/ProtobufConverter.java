package dev.sluice.converters.protobuf;

import dev.sluice.converters.ConverterTypes;
import dev.sluice.converters.protobuf.SchemaResolver.Reader;
import dev.sluice.converters.protobuf.SchemaResolver.Role;
import dev.sluice.converters.protobuf.SchemaResolver.Writer;
import dev.sluice.converters.protobuf.codec.ProtoWriter;
import dev.sluice.converters.protobuf.store.SchemaStore;
import dev.sluice.converters.protobuf.wire.WireFormat;
import dev.sluice.event.SluiceVersion;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * Converts Connect data to and from Protobuf in Confluent's wire format (magic byte, schema id,
 * message indexes), so every ecosystem deserializer reads the topics; also reads Apicurio's
 * default framing.
 *
 * <p>Schemas are generated from the Connect schemas (every Connect type, with CDC type names and
 * parameters kept as custom options, see {@code sluice/connect.proto}) and stored in a
 * Confluent-compatible registry, in a compacted Kafka topic shared by all workers, or in-process
 * ({@link ProtobufConverterConfig#SCHEMA_STORE_CONFIG}). Field numbers are stable: a field keeps
 * its number across versions, new fields get new numbers, removed ones are reserved, so consumers
 * holding an old descriptor keep reading every old field after a column is added anywhere.
 *
 * <p>Works as key, value and header converter. Each Connect schema is compiled once (bounded
 * cache, identity fast path), never per record.
 */
public class ProtobufConverter implements Converter, HeaderConverter, Versioned {
  private static final String APICURIO_HEADER_PREFIX = "apicurio.";

  private ProtobufConverterConfig config;
  private SchemaResolver resolver;
  private Role role;
  private final Map<String, Last> lastWriter = new ConcurrentHashMap<>();
  private Map<WriterKey, Writer> writers;
  private volatile LastReader lastReader;

  private record Last(Schema schema, Writer writer) {}

  private record LastReader(int id, Reader reader) {}

  private record WriterKey(String cacheKey, Schema schema) {}

  /** Creates an unconfigured converter; Connect calls {@code configure} next. */
  public ProtobufConverter() {}

  @Override
  public String version() {
    return SluiceVersion.of(ProtobufConverter.class);
  }

  @Override
  public ConfigDef config() {
    return ProtobufConverterConfig.configDef();
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    configure(ConverterTypes.keyOrValue(configs, isKey));
  }

  @Override
  public void configure(Map<String, ?> configs) {
    Map<String, Object> withType = ConverterTypes.headerUnlessSet(configs);
    ProtobufConverterConfig parsed = new ProtobufConverterConfig(withType);
    SchemaStore store = SchemaStores.open(parsed);
    close();
    config = parsed;
    role = switch (parsed.type()) {
      case KEY -> Role.KEY;
      case VALUE -> Role.VALUE;
      default -> null;
    };
    resolver = new SchemaResolver(store, parsed);
    int size = parsed.cacheSize();
    writers = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<WriterKey, Writer> eldest) {
        return size() > size;
      }
    });
    lastWriter.clear();
    lastReader = null;
  }

  private void requireConfigured() {
    if (resolver == null) {
      throw new IllegalStateException("ProtobufConverter is not configured; call configure(...) first");
    }
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    requireConfigured();
    return write(topic, role, schema, value, "value");
  }

  @Override
  public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
    requireConfigured();
    return write(topic, Role.header(headerKey), schema, value, "header '" + headerKey + "'");
  }

  private byte[] write(String topic, Role r, Schema schema, Object value, String what) {
    if (value == null) {
      return null;
    }
    Role effective = r == null ? Role.VALUE : r;
    Schema s = schema != null ? schema : inferSchema(topic, value, what);
    try {
      Writer writer = writerFor(topic, effective, s);
      ProtoWriter out = new ProtoWriter(256);
      out.raw(writer.header());
      writer.codec().write(out, value);
      return out.toByteArray();
    } catch (DataException e) {
      throw new DataException("Cannot convert a record " + what + " for topic '" + topic + "' to Protobuf: " + e.getMessage(), e);
    }
  }

  private static Schema inferSchema(String topic, Object value, String what) {
    Schema inferred = Values.inferSchema(value);
    if (inferred == null) {
      throw new DataException("Cannot convert a record " + what + " for topic '" + topic + "' to Protobuf: it has no schema and "
          + "one cannot be inferred from its " + value.getClass().getName() + " value; use a converter upstream that keeps "
          + "schemas (e.g. JsonConverter with schemas.enable=true) or a source that provides them");
    }
    return inferred;
  }

  private Writer writerFor(String topic, Role r, Schema schema) {
    String cacheKey = r.headerKey() == null ? topic : topic + "\u0000" + r.headerKey();
    Last last = lastWriter.get(cacheKey);
    if (last != null && last.schema == schema) {
      return last.writer;
    }
    WriterKey key = new WriterKey(cacheKey, schema);
    Writer writer = writers.get(key);
    if (writer == null) {
      writer = resolver.writer(topic, r, schema);
      writers.put(key, writer);
    }
    lastWriter.put(cacheKey, new Last(schema, writer));
    return writer;
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    return toConnectData(topic, null, value);
  }

  @Override
  public SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
    requireConfigured();
    return read(topic, headers, value, role == Role.KEY ? "key" : "value");
  }

  @Override
  public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
    requireConfigured();
    return read(topic, null, value, "header '" + headerKey + "'");
  }

  private SchemaAndValue read(String topic, Headers headers, byte[] value, String what) {
    if (value == null) {
      return SchemaAndValue.NULL;
    }
    try {
      WireFormat.Header header = header(headers, value, what);
      Reader reader;
      LastReader last = lastReader;
      boolean firstMessage = header.messageIndexes() != null && header.messageIndexes().size() == 1
          && header.messageIndexes().get(0) == 0 && header.messageName() == null;
      if (firstMessage && last != null && last.id == header.schemaId()) {
        reader = last.reader;
      } else {
        reader = resolver.reader(header);
        if (firstMessage) {
          lastReader = new LastReader(header.schemaId(), reader);
        }
      }
      int offset = reader.confluentIndexes() ? header.indexesEnd() : header.nameEnd();
      Object result = reader.codec().read(value, offset, value.length - offset);
      return new SchemaAndValue(reader.codec().schema(), result);
    } catch (DataException e) {
      throw new DataException("Cannot read a record " + what + " of topic '" + topic + "' as Protobuf: " + e.getMessage(), e);
    }
  }

  private WireFormat.Header header(Headers headers, byte[] value, String what) {
    if (headers != null && (value.length == 0 || value[0] != WireFormat.MAGIC)) {
      // Apicurio's serializers can put the id into record headers instead of the payload.
      String kind = role == Role.KEY ? "key" : "value";
      for (String idName : new String[] {"globalId", "contentId"}) {
        Header h = headers.lastHeader(APICURIO_HEADER_PREFIX + kind + "." + idName);
        if (h != null && h.value() != null && h.value().length == 8) {
          long id = ByteBuffer.wrap(h.value()).getLong();
          if (id <= 0 || id > Integer.MAX_VALUE) {
            throw new DataException("the " + h.key() + " header holds id " + id + ", outside the range of schema ids");
          }
          return WireFormat.readAfterId(value, 0, (int) id, WireFormat.Framing.APICURIO);
        }
      }
    }
    return WireFormat.read(value, config.readFraming());
  }

  @Override
  public void close() {
    if (resolver != null) {
      SchemaResolver r = resolver;
      resolver = null;
      r.store().close();
    }
  }

  /** The settings in force, for tests and tools. */
  ProtobufConverterConfig settings() {
    return Objects.requireNonNull(config, "not configured");
  }
}
