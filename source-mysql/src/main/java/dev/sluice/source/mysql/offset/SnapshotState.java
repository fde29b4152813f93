package dev.sluice.source.mysql.offset;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The snapshot's progress as kept in the source offset: the table being copied and the upper
 * boundary of its last emitted chunk, the tables still to copy, and the tables done. A restart
 * resumes after {@code after} (at most the chunk that was being emitted is delivered again).
 *
 * @param table   {@code db.table} being copied, or null when none
 * @param after   the encoded key of the last emitted chunk's upper boundary (see the snapshot
 *                package's key codec), or null when no chunk of {@code table} was emitted yet
 * @param pending tables still to copy, in order ({@code db.table})
 * @param done    tables copied completely ({@code db.table}); a table copied again on request (a
 *                signal) stays here while it is also pending
 * @param signalOffset the offset of the next message to read from partition 0 of the signal topic
 *                ({@code signal.kafka.topic}), or null when no signal position was recorded yet;
 *                kept together with {@code pending} so a signal that was accepted is neither lost
 *                nor executed twice
 */
public record SnapshotState(String table, String after, List<String> pending, List<String> done, Long signalOffset) {
  public static final String TABLE = "snapshot_table";
  public static final String AFTER = "snapshot_after";
  public static final String PENDING = "snapshot_pending";
  public static final String DONE = "snapshot_done";
  public static final String SIGNAL_OFFSET = "signal_offset";

  public SnapshotState {
    pending = List.copyOf(pending);
    done = List.copyOf(done);
    if (table == null && after != null) {
      throw new IllegalArgumentException("a snapshot boundary without a table");
    }
    if (signalOffset != null && signalOffset < 0) {
      throw new IllegalArgumentException("a negative signal offset: " + signalOffset);
    }
  }

  /** A state without a recorded signal position. */
  public SnapshotState(String table, String after, List<String> pending, List<String> done) {
    this(table, after, pending, done, null);
  }

  /** The same progress with {@code next} as the signal topic position to read from. */
  public SnapshotState withSignalOffset(long next) {
    return new SnapshotState(table, after, pending, done, next);
  }

  /** Nothing to copy and nothing copied. */
  public static SnapshotState empty() {
    return new SnapshotState(null, null, List.of(), List.of());
  }

  /** Whether a table is being copied or waiting to be. */
  public boolean inProgress() {
    return table != null || !pending.isEmpty();
  }

  void putInto(Map<String, Object> map) {
    if (table != null) {
      map.put(TABLE, table);
    }
    if (after != null) {
      map.put(AFTER, after);
    }
    // Every record's offset carries this state, and it changes only at chunk and table boundaries:
    // encode its lists once per state, not once per record.
    Encoded last = lastEncoded;
    if (last == null || last.state() != this) {
      last = new Encoded(this, join(pending), join(done));
      lastEncoded = last;
    }
    map.put(PENDING, last.pending());
    map.put(DONE, last.done());
    if (signalOffset != null) {
      map.put(SIGNAL_OFFSET, signalOffset);
    }
  }

  /** The state in {@code map}, or null when the offset predates snapshots (no {@value #DONE} entry). */
  static SnapshotState from(Map<String, ?> map) {
    if (!map.containsKey(DONE)) {
      return null;
    }
    return new SnapshotState(optionalString(map, TABLE), optionalString(map, AFTER), split(optionalString(map, PENDING)),
        split(optionalString(map, DONE)), optionalLong(map, SIGNAL_OFFSET));
  }

  private static Long optionalLong(Map<String, ?> map, String key) {
    Object v = map.get(key);
    if (v != null && !(v instanceof Number)) {
      throw new IllegalArgumentException("'" + key + "' is not a number");
    }
    return v == null ? null : ((Number) v).longValue();
  }

  private static String optionalString(Map<String, ?> map, String key) {
    Object v = map.get(key);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException("'" + key + "' is not a string");
    }
    return (String) v;
  }

  /** Names joined by commas, each URL-encoded (so names holding commas survive). */
  /** The encoded lists of the state {@link #putInto} saw last (one writer thread; any reader sees a complete entry). */
  private static volatile Encoded lastEncoded;

  private record Encoded(SnapshotState state, String pending, String done) {}

  static String join(List<String> names) {
    List<String> encoded = new ArrayList<>(names.size());
    for (String n : names) {
      encoded.add(URLEncoder.encode(Objects.requireNonNull(n), StandardCharsets.UTF_8));
    }
    return String.join(",", encoded);
  }

  static List<String> split(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      names.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
    }
    return names;
  }
}
