package dev.sluice.converters.protobuf.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect default values as JSON, for the {@code default_json} of a {@code sluice.connect} option.
 * The schema drives both directions: bytes are base64, decimals plain strings, dates, times and
 * timestamps their Connect integer encodings, maps arrays of {@code [key, value]} pairs.
 */
final class DefaultValues {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DefaultValues() {}

  static String toJson(Schema schema, Object value) {
    try {
      return JSON.writeValueAsString(node(schema, value));
    } catch (JsonProcessingException e) {
      throw new DataException("cannot write the default value of " + describe(schema) + " as JSON", e);
    }
  }

  static Object fromJson(Schema schema, String json) {
    try {
      return value(schema, JSON.readTree(json));
    } catch (JsonProcessingException | RuntimeException e) {
      throw new DataException("bad default value " + json + " for " + describe(schema), e);
    }
  }

  private static JsonNode node(Schema schema, Object v) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (schema.name() != null) {
      switch (schema.name()) {
        case Decimal.LOGICAL_NAME -> {
          return NODES.textNode(((BigDecimal) v).toPlainString());
        }
        case Date.LOGICAL_NAME -> {
          return NODES.numberNode(Date.fromLogical(schema, (java.util.Date) v));
        }
        case Time.LOGICAL_NAME -> {
          return NODES.numberNode(Time.fromLogical(schema, (java.util.Date) v));
        }
        case Timestamp.LOGICAL_NAME -> {
          return NODES.numberNode(Timestamp.fromLogical(schema, (java.util.Date) v));
        }
        default -> {
        }
      }
    }
    return switch (schema.type()) {
      case INT8 -> NODES.numberNode((Byte) v);
      case INT16 -> NODES.numberNode((Short) v);
      case INT32 -> NODES.numberNode((Integer) v);
      case INT64 -> NODES.numberNode((Long) v);
      case FLOAT32 -> floating(((Float) v).doubleValue());
      case FLOAT64 -> floating((Double) v);
      case BOOLEAN -> NODES.booleanNode((Boolean) v);
      case STRING -> NODES.textNode((String) v);
      case BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(
          v instanceof ByteBuffer b ? bytes(b) : (byte[]) v));
      case ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        for (Object e : (List<?>) v) {
          a.add(node(schema.valueSchema(), e));
        }
        yield a;
      }
      case MAP -> {
        ArrayNode a = NODES.arrayNode();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
          a.add(NODES.arrayNode().add(node(schema.keySchema(), e.getKey())).add(node(schema.valueSchema(), e.getValue())));
        }
        yield a;
      }
      case STRUCT -> {
        ObjectNode o = NODES.objectNode();
        Struct s = (Struct) v;
        for (Field f : schema.fields()) {
          o.set(f.name(), node(f.schema(), s.get(f)));
        }
        yield o;
      }
    };
  }

  private static JsonNode floating(double d) {
    return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(Double.toString(d));
  }

  private static double floatingValue(JsonNode n) {
    return n.isTextual() ? Double.parseDouble(n.asText()) : n.doubleValue();
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  private static Object value(Schema schema, JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (schema.name() != null) {
      switch (schema.name()) {
        case Decimal.LOGICAL_NAME -> {
          int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
          return new BigDecimal(n.asText()).setScale(scale);
        }
        case Date.LOGICAL_NAME -> {
          return Date.toLogical(schema, n.intValue());
        }
        case Time.LOGICAL_NAME -> {
          return Time.toLogical(schema, n.intValue());
        }
        case Timestamp.LOGICAL_NAME -> {
          return Timestamp.toLogical(schema, n.longValue());
        }
        default -> {
        }
      }
    }
    return switch (schema.type()) {
      case INT8 -> (byte) n.intValue();
      case INT16 -> (short) n.intValue();
      case INT32 -> n.intValue();
      case INT64 -> n.longValue();
      case FLOAT32 -> (float) floatingValue(n);
      case FLOAT64 -> floatingValue(n);
      case BOOLEAN -> n.booleanValue();
      case STRING -> n.textValue();
      case BYTES -> Base64.getDecoder().decode(n.textValue());
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (JsonNode e : n) {
          list.add(value(schema.valueSchema(), e));
        }
        yield list;
      }
      case MAP -> {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (JsonNode e : n) {
          map.put(value(schema.keySchema(), e.get(0)), value(schema.valueSchema(), e.get(1)));
        }
        yield map;
      }
      case STRUCT -> {
        Struct s = new Struct(schema);
        for (Field f : schema.fields()) {
          Object fv = value(f.schema(), n.get(f.name()));
          if (fv != null) {
            s.put(f, fv);
          }
        }
        yield s;
      }
    };
  }

  static String describe(Schema schema) {
    return (schema.isOptional() ? "optional " : "") + schema.type() + (schema.name() == null ? "" : " " + schema.name());
  }
}
