package dev.sluice.sink.mongo;

import dev.sluice.sink.mongo.view.RowChange;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * An estimate of the heap a deserialized {@link SinkRecord} keeps alive while the compaction window
 * holds it: its key, value and headers, walked once, and the documents parsed from it. Schemas are not counted (a converter shares
 * one instance across the records of a table), nor is the topic name. The sizes are those of a
 * 64-bit JVM with compressed references; the estimate is meant to bound memory within a small
 * factor, not to account for it byte by byte.
 */
final class RecordHeap {
  /** SinkRecord itself with its boxed offset and timestamp, and the headers object. */
  private static final long RECORD = 160;
  /** Object header, a few fields, the array of values: the part of a Struct apart from its values. */
  private static final long STRUCT = 40;
  private static final long REFERENCE = 4;
  private static final long BOXED = 16;
  private static final long STRING = 40;
  private static final long ARRAY = 16;
  private static final long MAP_ENTRY = 36;
  private static final long COLLECTION = 40;
  /** A BigDecimal or BigInteger of up to a few dozen digits. */
  private static final long BIG_NUMBER = 64;
  /** A parsed change apart from its row and ids: the change, its version and its list entry. */
  private static final long CHANGE = 120;

  private RecordHeap() {}

  /** The estimated bytes of one record. */
  static long estimate(SinkRecord record) {
    long bytes = RECORD + of(record.key()) + of(record.value());
    for (Header header : record.headers()) {
      bytes += BOXED + STRING + header.key().length() + of(header.value());
    }
    return bytes;
  }

  /** The estimated bytes of a record held with its parsed changes: the record, and each change's row and id. */
  static long estimate(ViewSink.Parsed parsed) {
    long bytes = estimate(parsed.record());
    for (RowChange change : parsed.changes()) {
      bytes += CHANGE + bson(change.row()) + bson(change.id()) + bson(change.parentId());
    }
    return bytes;
  }

  /** The estimated bytes of a BSON value: a document, array or leaf. */
  static long bson(BsonValue value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof BsonDocument document) {
      long bytes = COLLECTION;
      for (Map.Entry<String, BsonValue> e : document.entrySet()) {
        bytes += MAP_ENTRY + STRING + e.getKey().length() + bson(e.getValue());
      }
      return bytes;
    }
    if (value instanceof BsonArray array) {
      long bytes = COLLECTION;
      for (BsonValue element : array) {
        bytes += REFERENCE + bson(element);
      }
      return bytes;
    }
    if (value instanceof BsonString s) {
      return BOXED + STRING + s.getValue().length();
    }
    if (value instanceof BsonBinary b) {
      return BOXED + ARRAY + b.getData().length;
    }
    // Numbers, dates, booleans, Decimal128: one small object each.
    return BOXED + 16;
  }

  /** The estimated bytes of a Connect value: a Struct, map, list or leaf. */
  static long of(Object value) {
    // The common leaves first, and the interface checks (Map, Collection), the slowest, last.
    if (value == null) {
      return 0;
    }
    if (value instanceof String s) {
      return STRING + s.length();
    }
    if (value instanceof Struct struct) {
      List<Field> fields = struct.schema().fields();
      long bytes = STRUCT + REFERENCE * fields.size();
      for (int i = 0; i < fields.size(); i++) {
        bytes += of(struct.get(fields.get(i)));
      }
      return bytes;
    }
    if (value instanceof Number number) {
      return number instanceof BigDecimal || number instanceof BigInteger ? BIG_NUMBER : BOXED;
    }
    if (value instanceof byte[] b) {
      return ARRAY + b.length;
    }
    if (value instanceof ByteBuffer b) {
      return BOXED + ARRAY + b.capacity();
    }
    if (value instanceof Map<?, ?> map) {
      long bytes = COLLECTION;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        bytes += MAP_ENTRY + of(e.getKey()) + of(e.getValue());
      }
      return bytes;
    }
    if (value instanceof Collection<?> list) {
      long bytes = COLLECTION;
      for (Object element : list) {
        bytes += REFERENCE + of(element);
      }
      return bytes;
    }
    // Booleans, dates: one small object each.
    return BOXED;
  }
}
