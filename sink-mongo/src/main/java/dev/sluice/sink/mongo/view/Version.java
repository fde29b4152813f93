package dev.sluice.sink.mongo.view;

/**
 * Where a change stands in its stream, stored with every document and array element it writes.
 *
 * <p>With {@code source.seq} (Sluice events) versions compare by seq across every topic of the
 * same source connector. Without it (Debezium events, plain records) they compare by Kafka offset,
 * and only within one topic-partition: a version from another partition is never older, so the
 * last writer wins there.
 *
 * @param seq the event's {@code source.seq}, or null
 * @param source {@code topic/partition} of the record
 * @param offset the record's Kafka offset
 */
public record Version(Long seq, String source, long offset) {

  /** A version ordered by seq. */
  public static Version ofSeq(long seq, String source, long offset) {
    return new Version(seq, source, offset);
  }

  /** A version ordered by Kafka position only. */
  public static Version ofPosition(String source, long offset) {
    return new Version(null, source, offset);
  }

  /** The {@code source} of a topic-partition. */
  public static String source(String topic, int partition) {
    return topic + "/" + partition;
  }

  /** True when the version carries a seq. */
  public boolean hasSeq() {
    return seq != null;
  }

  /**
   * Whether a change at this version may overwrite state written at {@code stored}; exactly the
   * rule the write filters apply on the server (see {@code VersionFilters}).
   *
   * @param stored the version kept in the document, or null when there is none
   */
  public boolean supersedes(Version stored) {
    if (stored == null) {
      return true;
    }
    if (seq != null) {
      return stored.seq == null || seq > stored.seq;
    }
    return !source.equals(stored.source) || offset > stored.offset;
  }

  /** The newer of two versions by {@link #supersedes}; {@code a} when neither supersedes the other. */
  public static Version newest(Version a, Version b) {
    if (a == null) {
      return b;
    }
    return b != null && b.supersedes(a) ? b : a;
  }
}
