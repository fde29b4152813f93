package dev.sluice.benchmarks.source;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The Connect context of a task run outside a worker: its configuration and one stored offset for
 * one source partition, as a worker would hand them to a task resuming from that offset; or no
 * offset at all (a connector's first start), as for a snapshot.
 */
final class FixedOffsetContext implements SourceTaskContext, OffsetStorageReader {
  private final Map<String, String> configs;
  private final Map<String, ?> partition;
  private final Map<String, Object> offset;

  /** @param offset the stored offset of {@code partition}, or null when nothing is stored */
  FixedOffsetContext(Map<String, String> configs, Map<String, ?> partition, Map<String, Object> offset) {
    this.configs = Map.copyOf(configs);
    this.partition = Map.copyOf(partition);
    this.offset = offset == null ? null : Map.copyOf(offset);
  }

  @Override
  public Map<String, String> configs() {
    return configs;
  }

  @Override
  public OffsetStorageReader offsetStorageReader() {
    return this;
  }

  @Override
  public <T> Map<String, Object> offset(Map<String, T> requested) {
    return offset != null && partition.equals(requested) ? new HashMap<>(offset) : null;
  }

  @Override
  public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> requested) {
    Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
    for (Map<String, T> p : requested) {
      // Connect answers null for a partition without an offset.
      found.put(p, offset(p));
    }
    return found;
  }

  @Override
  public PluginMetrics pluginMetrics() {
    throw new UnsupportedOperationException("no plugin metrics outside a worker (Kafka 4's SinkTaskContext/SourceTaskContext method)");
  }
}
