package dev.sluice.embedded.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * JSON values in one canonical text: object keys sorted, numbers by value (1, 1.0 and 1e0 are the
 * same number), no whitespace. MySQL's stored JSON text and the sub-document the sink made of it
 * compare equal exactly when they hold the same JSON value.
 */
final class CanonicalJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  /** The canonical form of JSON text. */
  String canonical(String text) {
    try {
      StringBuilder out = new StringBuilder();
      write(MAPPER.readTree(text), out);
      return out.toString();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The canonical form of a BSON value holding JSON (document, array or scalar). */
  String canonical(BsonValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      out.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        string(names.get(i), out);
        out.append(':');
        write(node.get(names.get(i)), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      Iterator<JsonNode> it = node.elements();
      boolean first = true;
      while (it.hasNext()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(it.next(), out);
      }
      out.append(']');
    } else if (node.isNumber()) {
      out.append(Canonical.decimal(node.decimalValue()));
    } else if (node.isTextual()) {
      string(node.textValue(), out);
    } else if (node.isBoolean()) {
      out.append(node.booleanValue());
    } else {
      out.append("null");
    }
  }

  private static void write(BsonValue value, StringBuilder out) {
    switch (value.getBsonType()) {
      case DOCUMENT: {
        BsonDocument doc = value.asDocument();
        List<String> names = new ArrayList<>(doc.keySet());
        names.sort(null);
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          string(names.get(i), out);
          out.append(':');
          write(doc.get(names.get(i)), out);
        }
        out.append('}');
        break;
      }
      case ARRAY: {
        out.append('[');
        List<BsonValue> values = value.asArray().getValues();
        for (int i = 0; i < values.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(values.get(i), out);
        }
        out.append(']');
        break;
      }
      case STRING:
        string(value.asString().getValue(), out);
        break;
      case BOOLEAN:
        out.append(value.asBoolean().getValue());
        break;
      case NULL:
        out.append("null");
        break;
      case INT32:
      case INT64:
      case DOUBLE:
      case DECIMAL128: {
        BigDecimal n = Canonical.number(value);
        out.append(n == null ? "\"" + value + "\"" : Canonical.decimal(n));
        break;
      }
      default:
        // Not a JSON type: canonical, but equal to nothing MySQL's JSON can hold.
        out.append("bson-").append(value.getBsonType()).append(':').append(value);
    }
  }

  private static void string(String s, StringBuilder out) {
    try {
      out.append(MAPPER.writeValueAsString(s));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot quote a string as JSON", e);
    }
  }
}
