package dev.sluice.source.mysql.offset;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Where the source stands, as stored in Connect's offsets: the position of the start of the
 * transaction being read (GTID set of everything before it, and binlog file/position of its first
 * event), how many records of that transaction were already emitted, and the {@code source.seq} of
 * the last emitted record.
 *
 * <p>A restart connects at the transaction start and suppresses the first {@code txEmitted}
 * records it produces again, so it resumes exactly after the last committed record, and the
 * records it emits get the same seq as before the crash ({@link #seqAtTransactionStart()} + 1 for
 * the first record of the transaction).
 *
 * @param gtids     GTID set before the transaction: MySQL {@code uuid:1-5,...} or MariaDB
 *                  {@code domain-server-seq,...}; empty when the server has no GTIDs
 * @param file      binlog file of the transaction's first event
 * @param position  position of the transaction's first event in {@code file}
 * @param txEmitted records of that transaction already emitted
 * @param seq       seq of the last emitted record ({@code 0} before the first)
 * @param snapshot  the snapshot's progress, or null for an offset without one (written before
 *                  snapshots existed, or by {@code snapshot.mode=no_data})
 */
public record SourceOffset(String gtids, String file, long position, long txEmitted, long seq, SnapshotState snapshot) {

  public static final String GTIDS = "gtids";
  public static final String FILE = "file";
  public static final String POS = "pos";
  public static final String TX_EMITTED = "tx_emitted";
  public static final String SEQ = "seq";

  public SourceOffset {
    gtids = gtids == null ? "" : gtids;
    if (txEmitted < 0 || seq < 0 || txEmitted > seq) {
      throw new IllegalArgumentException("inconsistent offset: tx_emitted=" + txEmitted + ", seq=" + seq);
    }
  }

  /** A position without snapshot progress. */
  public SourceOffset(String gtids, String file, long position, long txEmitted, long seq) {
    this(gtids, file, position, txEmitted, seq, null);
  }

  /** The same position with {@code state} as the snapshot progress. */
  public SourceOffset withSnapshot(SnapshotState state) {
    return new SourceOffset(gtids, file, position, txEmitted, seq, state);
  }

  /** The seq the last record before this transaction carried. */
  public long seqAtTransactionStart() {
    return seq - txEmitted;
  }

  public boolean hasGtids() {
    return !gtids.isBlank();
  }

  /** The same position with one more record of the current transaction emitted. */
  public SourceOffset emitted() {
    return new SourceOffset(gtids, file, position, txEmitted + 1, seq + 1, snapshot);
  }

  public Map<String, Object> toMap() {
    return new Lazy(this);
  }

  private Map<String, Object> entries() {
    Map<String, Object> map = new HashMap<>();
    map.put(GTIDS, gtids);
    map.put(FILE, file);
    map.put(POS, position);
    map.put(TX_EMITTED, txEmitted);
    map.put(SEQ, seq);
    if (snapshot != null) {
      snapshot.putInto(map);
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * The offset map of one record, filled when first read. Every record carries one, but Connect
   * reads only the newest of a partition when it commits, so most are never filled. Read-only, like
   * every offset Connect hands on.
   */
  private static final class Lazy extends AbstractMap<String, Object> {
    private final SourceOffset offset;
    // Any thread may fill it first; each fills an equal, unmodifiable map, and a volatile field publishes it whole.
    private volatile Map<String, Object> entries;

    Lazy(SourceOffset offset) {
      this.offset = offset;
    }

    private Map<String, Object> entries() {
      Map<String, Object> e = entries;
      if (e == null) {
        e = offset.entries();
        entries = e;
      }
      return e;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return entries().entrySet();
    }

    @Override
    public Object get(Object key) {
      return entries().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return entries().containsKey(key);
    }

    @Override
    public int size() {
      return entries().size();
    }
  }

  /**
   * Reads an offset Connect stored; a map that is not one of Sluice's fails naming the partition and
   * the bad entry (never silently restarting from scratch).
   */
  public static SourceOffset fromMap(Map<String, ?> map, String partitionDescription) {
    try {
      return new SourceOffset(
          (String) map.get(GTIDS),
          requireString(map, FILE),
          number(map, POS),
          number(map, TX_EMITTED),
          number(map, SEQ),
          SnapshotState.from(map));
    } catch (ClassCastException | IllegalArgumentException e) {
      throw new ConnectException("the stored source offset for " + partitionDescription + " is not a Sluice MySQL offset ("
          + e.getMessage() + "): " + map + ". Delete the connector's offsets (DELETE /connectors/<name>/offsets on a stopped "
          + "connector) to start over.", e);
    }
  }

  private static String requireString(Map<String, ?> map, String key) {
    Object v = map.get(key);
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("'" + key + "' missing or not a string");
    }
    return s;
  }

  private static long number(Map<String, ?> map, String key) {
    Object v = map.get(key);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("'" + key + "' missing or not a number");
    }
    return n.longValue();
  }
}
