package dev.sluice.benchmarks.sink;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** The little of a worker's SinkTaskContext a sink task needs when driven in-process. */
final class BenchSinkTaskContext implements SinkTaskContext {
  private final Map<String, String> configs;

  BenchSinkTaskContext(Map<String, String> configs) {
    this.configs = configs;
  }

  @Override
  public Map<String, String> configs() {
    return configs;
  }

  @Override
  public void offset(Map<TopicPartition, Long> offsets) {
    // no consumer to rewind
  }

  @Override
  public void offset(TopicPartition tp, long offset) {
    // no consumer to rewind
  }

  @Override
  public void timeout(long timeoutMs) {
    // no redelivery loop
  }

  @Override
  public Set<TopicPartition> assignment() {
    return Set.of(new TopicPartition(SinkWorkload.TOPIC, 0));
  }

  @Override
  public void pause(TopicPartition... partitions) {
    // nothing to pause
  }

  @Override
  public void resume(TopicPartition... partitions) {
    // nothing to resume
  }

  @Override
  public void requestCommit() {
    // offsets are not committed here
  }

  @Override
  public ErrantRecordReporter errantRecordReporter() {
    return null;
  }

  @Override
  public PluginMetrics pluginMetrics() {
    throw new UnsupportedOperationException("no plugin metrics outside a worker (Kafka 4's SinkTaskContext/SourceTaskContext method)");
  }
}
