package dev.sluice.source.mysql.snapshot;

import dev.sluice.source.mysql.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;

/**
 * One key range of one table: registered before its low watermark is taken, then filled with the
 * rows its SELECT returned, minus every key a streamed change touched since registration (the
 * binlog's full row wins). Touched by the reader thread (fill) and the binlog thread (changes,
 * emission); all state is guarded by the instance.
 */
final class Chunk {
  final TableSchema schema;
  final int index;
  final List<String> lower;
  final List<String> upper;
  /** Whether this is the table's final chunk (open upper end). */
  final boolean last;

  private final Set<RowKey> changedWhileReading = new HashSet<>();
  private LinkedHashMap<RowKey, Struct> rows;
  private List<Struct> keyless;
  private boolean changed;
  private Watermark low;
  private Watermark high;
  private int attempts;

  Chunk(TableSchema schema, int index, List<String> lower, List<String> upper, boolean last) {
    this.schema = schema;
    this.index = index;
    this.lower = lower;
    this.upper = upper;
    this.last = last;
  }

  boolean keyed() {
    return schema.keySchema() != null;
  }

  /** A streamed change of {@code key} (null for tables without a primary key). */
  synchronized void changed(RowKey key) {
    changed = true;
    if (key == null) {
      return;
    }
    if (rows != null) {
      rows.remove(key);
    } else {
      changedWhileReading.add(key);
    }
  }

  /** A streamed TRUNCATE: every row read so far is stale. */
  synchronized void truncated() {
    changed = true;
    if (rows != null) {
      rows.clear();
    }
    if (keyless != null) {
      keyless.clear();
    }
    truncatedWhileReading = rows == null && keyless == null;
  }

  private boolean truncatedWhileReading;

  /** The SELECT's rows, between the two watermarks. */
  synchronized void fill(List<Struct> read, Watermark lowMark, Watermark highMark) {
    attempts++;
    low = lowMark;
    high = highMark;
    if (truncatedWhileReading) {
      read = List.of();
      truncatedWhileReading = false;
    }
    if (!keyed()) {
      keyless = new ArrayList<>(read);
      return;
    }
    LinkedHashMap<RowKey, Struct> map = new LinkedHashMap<>(Math.max(16, read.size() * 2));
    for (Struct row : read) {
      RowKey key = RowKey.of(schema.key(row));
      if (!changedWhileReading.contains(key)) {
        map.put(key, row);
      }
    }
    changedWhileReading.clear();
    rows = map;
  }

  synchronized boolean filled() {
    return rows != null || keyless != null;
  }

  synchronized Watermark high() {
    return high;
  }

  synchronized Watermark low() {
    return low;
  }

  /** Whether a table without a primary key changed since registration: its rows cannot be reconciled by key. */
  synchronized boolean keylessAndChanged() {
    return !keyed() && changed;
  }

  synchronized int attempts() {
    return attempts;
  }

  /** Back to registered (a keyless table's chunk is read again). */
  synchronized void reset() {
    rows = null;
    keyless = null;
    changed = false;
    changedWhileReading.clear();
    truncatedWhileReading = false;
  }

  /** The rows to emit, in key order. */
  synchronized List<Struct> rowsToEmit() {
    if (keyless != null) {
      return List.copyOf(keyless);
    }
    return rows == null ? List.of() : new ArrayList<>(rows.values());
  }

  /** For tests: the buffered keys. */
  synchronized Map<RowKey, Struct> buffered() {
    return rows == null ? Map.of() : Map.copyOf(rows);
  }

  String describe() {
    return schema.id().qualified() + " chunk " + index + " (" + (lower == null ? "start" : KeyCodec.encode(lower)) + " .. "
        + (upper == null ? "end" : KeyCodec.encode(upper)) + "]";
  }
}
