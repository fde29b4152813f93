package dev.sluice.sink.mongo.view;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigDecimal;
import org.apache.kafka.connect.errors.DataException;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Parses the text of a JSON column into a BSON value with Jackson's streaming parser.
 *
 * <p>Objects become documents (key order kept, a repeated key keeps its last value), arrays
 * arrays, strings strings; integers int32 when they fit, else int64, else Decimal128; other
 * numbers double, or Decimal128 when a double would overflow. Keys such as {@code $oid} or
 * {@code $date} stay plain keys: unlike MongoDB's extended-JSON reader this never reinterprets
 * a column's content.
 */
final class JsonColumns {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
          .build();

  private JsonColumns() {}

  static BsonValue parse(String json) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new DataException("empty JSON text");
      }
      BsonValue value = read(parser, first);
      if (parser.nextToken() != null) {
        throw new DataException("unexpected content after the JSON value at " + parser.currentLocation().offsetDescription());
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new DataException("not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new DataException("not valid JSON: " + e.getMessage(), e);
    }
  }

  private static BsonValue read(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        BsonDocument document = new BsonDocument();
        JsonToken next;
        while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          document.put(name, read(parser, parser.nextToken()));
        }
        expect(next, JsonToken.END_OBJECT);
        return document;
      }
      case START_ARRAY -> {
        BsonArray array = new BsonArray();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          if (next == null) {
            throw new DataException("JSON array not closed");
          }
          array.add(read(parser, next));
        }
        return array;
      }
      case VALUE_STRING -> {
        return new BsonString(parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (parser.getNumberType()) {
          case INT -> new BsonInt32(parser.getIntValue());
          case LONG -> new BsonInt64(parser.getLongValue());
          default -> decimal(new BigDecimal(parser.getBigIntegerValue()));
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        double d = parser.getDoubleValue();
        return Double.isInfinite(d) ? decimal(parser.getDecimalValue()) : new BsonDouble(d);
      }
      case VALUE_TRUE -> {
        return BsonBoolean.TRUE;
      }
      case VALUE_FALSE -> {
        return BsonBoolean.FALSE;
      }
      case VALUE_NULL -> {
        return BsonNull.VALUE;
      }
      default -> throw new DataException("unexpected JSON token " + token);
    }
  }

  private static BsonValue decimal(BigDecimal value) {
    try {
      return new BsonDecimal128(new Decimal128(value));
    } catch (NumberFormatException e) {
      throw new DataException("JSON number " + value + " does not fit Decimal128", e);
    }
  }

  private static void expect(JsonToken actual, JsonToken expected) {
    if (actual != expected) {
      throw new DataException("malformed JSON: expected " + expected + " but found " + actual);
    }
  }
}
