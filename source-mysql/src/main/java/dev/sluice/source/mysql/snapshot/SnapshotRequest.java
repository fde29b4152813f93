package dev.sluice.source.mysql.snapshot;

import java.util.List;

/**
 * A request to copy tables (again) while streaming continues, as read from the signal topic, with
 * the signal topic position after it. A request without tables only moves that position (messages
 * that were skipped, or the end of the topic at the first start), so they are not read again.
 *
 * @param tables           {@code db.table} names, each captured and existing when the request was made
 * @param nextSignalOffset the offset of the next message to read from the signal topic's partition 0
 * @param origin           where the request came from, for logs (topic, partition, offset)
 */
public record SnapshotRequest(List<String> tables, long nextSignalOffset, String origin) {
  public SnapshotRequest {
    tables = List.copyOf(tables);
    if (nextSignalOffset < 0) {
      throw new IllegalArgumentException("a negative signal offset: " + nextSignalOffset);
    }
  }
}
