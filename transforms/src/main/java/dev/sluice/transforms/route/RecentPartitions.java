package dev.sluice.transforms.route;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The partitions recent records were sent to, per output topic and key, so that a tombstone whose
 * key lacks the partition fields follows the row it deletes. Bounded (least recently used entries
 * go first) and synchronized.
 */
public final class RecentPartitions {

  private record TopicKey(String topic, Object key) {}

  private final Map<TopicKey, Integer> partitions;

  /**
   * A memory of at most {@code capacity} keys.
   *
   * @param capacity the bound
   */
  public RecentPartitions(int capacity) {
    this.partitions =
        new LinkedHashMap<>(64, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<TopicKey, Integer> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Remembers where the record with this key went. */
  public synchronized void remember(String topic, Object key, int partition) {
    partitions.put(new TopicKey(topic, key), partition);
  }

  /** Where the last record with this key went, or null. */
  public synchronized Integer recall(String topic, Object key) {
    return partitions.get(new TopicKey(topic, key));
  }
}
