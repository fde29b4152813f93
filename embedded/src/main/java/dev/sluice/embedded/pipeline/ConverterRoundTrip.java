package dev.sluice.embedded.pipeline;

import dev.sluice.converters.protobuf.ProtobufConverter;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.storage.Converter;

/**
 * The optional serialize-and-read-back of keys and values between the transforms and the sink, so
 * the embedded pipeline sees records exactly as a sink behind Kafka would, and a schema the
 * converter cannot carry fails here, naming the topic.
 */
public final class ConverterRoundTrip implements AutoCloseable {

  /** Which converter, if any. */
  public enum Kind {
    NONE, PROTOBUF;

    /** Accepts the names of {@link Kind}, case-insensitively; lists them when it refuses one. */
    public static final ConfigDef.Validator VALIDATOR = new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        try {
          parse((String) value);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(name, value, e.getMessage());
        }
      }

      @Override
      public String toString() {
        return "one of " + Arrays.stream(values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList();
      }
    };

    /** Parses {@code none} or {@code protobuf}. */
    public static Kind parse(String value) {
      String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
      for (Kind k : values()) {
        if (k.name().equals(v)) {
          return k;
        }
      }
      throw new IllegalArgumentException("'" + value + "' is not a converter round trip: use none or protobuf");
    }
  }

  private final Converter keys;
  private final Converter values;

  private ConverterRoundTrip(Converter keys, Converter values) {
    this.keys = keys;
    this.values = values;
  }

  /**
   * The round trip of {@code kind}; {@link Kind#NONE} returns records unchanged.
   *
   * @param settings converter settings; {@code schema.store} defaults to {@code in-process}
   */
  public static ConverterRoundTrip create(Kind kind, String pipelineName, Map<String, String> settings) {
    if (kind == Kind.NONE) {
      return new ConverterRoundTrip(null, null);
    }
    Map<String, Object> config = new HashMap<>(settings);
    config.putIfAbsent("schema.store", "in-process");
    config.putIfAbsent("schema.store.in.process.name", "sluice-embedded-" + pipelineName);
    ProtobufConverter keyConverter = new ProtobufConverter();
    keyConverter.configure(config, true);
    ProtobufConverter valueConverter = new ProtobufConverter();
    valueConverter.configure(config, false);
    return new ConverterRoundTrip(keyConverter, valueConverter);
  }

  /** Whether records change at all. */
  public boolean active() {
    return keys != null;
  }

  /** The key as a sink would read it. */
  public SchemaAndValue key(String topic, Schema schema, Object key) {
    return roundTrip(keys, "key", topic, schema, key);
  }

  /** The value as a sink would read it. */
  public SchemaAndValue value(String topic, Schema schema, Object value) {
    return roundTrip(values, "value", topic, schema, value);
  }

  private static SchemaAndValue roundTrip(Converter converter, String part, String topic, Schema schema, Object data) {
    if (converter == null || data == null) {
      return new SchemaAndValue(schema, data);
    }
    // The Kafka record's headers: whatever the converter writes into them on the way out, it reads back.
    Headers headers = new RecordHeaders();
    try {
      byte[] bytes = converter.fromConnectData(topic, headers, schema, data);
      return converter.toConnectData(topic, headers, bytes);
    } catch (DataException e) {
      throw new DataException("the " + part + " of a record of topic '" + topic + "' does not survive the Protobuf converter: "
          + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    for (Converter c : new Converter[] {keys, values}) {
      if (c != null) {
        try {
          c.close();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException("closing the Protobuf converter failed", e);
        }
      }
    }
  }
}
