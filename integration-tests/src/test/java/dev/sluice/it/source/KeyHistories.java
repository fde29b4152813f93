package dev.sluice.it.source;

import dev.sluice.it.support.ChangeEvent;
import dev.sluice.it.support.RowComparison;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The change events of a run grouped per key in {@code source.seq} order, with the snapshot reads
 * among them checked and set apart.
 *
 * <p>A connector that starts with an initial snapshot while a workload is already writing may emit
 * {@code op=r} for a key that was streamed before the snapshot chunk holding it was registered. The
 * snapshot emits a key only if no change of it was streamed between the chunk's registration and its
 * emission, so such a read must carry {@code source.snapshot}, follow an event of its key, and repeat
 * that event's row; it never stands for a committed change. Anything else is listed in {@link #badReads}.
 */
final class KeyHistories {
  /** Per key ({@code table/field=value,...}), the operations other than snapshot reads, in seq order. */
  final Map<String, List<String>> operations = new HashMap<>();
  /** Per key, its event with the highest seq (a snapshot read included). */
  final Map<String, ChangeEvent> last = new HashMap<>();
  /** Snapshot reads that break the rule above, each with its key, seq and what is wrong. */
  final List<String> badReads = new ArrayList<>();
  /** How many snapshot reads there were. */
  int snapshotReads;

  private KeyHistories() {
  }

  /** Groups distinct (one per seq) non-tombstone events. */
  static KeyHistories of(Collection<ChangeEvent> events) {
    KeyHistories h = new KeyHistories();
    for (ChangeEvent e : events.stream().sorted(Comparator.comparingLong(ChangeEvent::seq)).toList()) {
      String key = e.table() + "/" + ChangeEvent.keyText(e.key());
      ChangeEvent previous = h.last.put(key, e);
      if (!"r".equals(e.op())) {
        h.operations.computeIfAbsent(key, k -> new ArrayList<>()).add(e.op());
        continue;
      }
      h.snapshotReads++;
      String marker = e.source().getString("snapshot");
      String where = key + " seq " + e.seq() + ": ";
      if (!List.of("true", "last").contains(marker)) {
        h.badReads.add(where + "op=r with source.snapshot=" + marker);
      } else if (previous == null || !List.of("c", "u", "r").contains(previous.op())) {
        h.badReads.add(where + "snapshot read after " + (previous == null ? "no event of its key" : "op=" + previous.op()));
      } else {
        List<String> differences = RowComparison.differences(previous.after(), e.after());
        if (!differences.isEmpty()) {
          h.badReads.add(where + "snapshot read differs from the row at seq " + previous.seq() + ": " + differences);
        }
      }
    }
    return h;
  }
}
