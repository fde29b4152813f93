package dev.sluice.embedded.pipeline;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * What a sink task may ask of its runtime, answered by the embedded runner. There are no Kafka
 * partitions to seek, pause or commit: records arrive from the source in order and are
 * redelivered by the runner itself when the task asks for a pause ({@link #timeout}). There is no
 * dead letter queue either: with {@code errors.tolerance=all} the sink logs and skips what it
 * rejects.
 */
final class EmbeddedSinkTaskContext implements SinkTaskContext {
  private final Map<String, String> configs;
  private final AtomicLong timeoutMs = new AtomicLong();

  EmbeddedSinkTaskContext(Map<String, String> configs) {
    this.configs = Map.copyOf(configs);
  }

  @Override
  public Map<String, String> configs() {
    return configs;
  }

  /** Seeking is meaningless here: the source offsets decide where reading resumes. */
  @Override
  public void offset(Map<TopicPartition, Long> offsets) {
    throw new UnsupportedOperationException("the embedded runner has no Kafka partitions to rewind; the source offsets decide");
  }

  @Override
  public void offset(TopicPartition tp, long offset) {
    offset(Map.of(tp, offset));
  }

  /** The pause the task asks for before a batch that failed with a RetriableException is delivered again. */
  @Override
  public void timeout(long timeoutMs) {
    this.timeoutMs.set(timeoutMs);
  }

  /** The requested pause, or 0. */
  long requestedTimeoutMs() {
    return timeoutMs.get();
  }

  @Override
  public Set<TopicPartition> assignment() {
    return Set.of();
  }

  @Override
  public void pause(TopicPartition... partitions) {
    throw new UnsupportedOperationException("the embedded runner cannot pause single topics: records come from one ordered source");
  }

  @Override
  public void resume(TopicPartition... partitions) {
    throw new UnsupportedOperationException("the embedded runner cannot pause or resume single topics");
  }

  /** Offsets are committed after every acknowledged batch anyway (at most every offset.flush.interval.ms). */
  @Override
  public void requestCommit() {
    // Nothing to do: the runner marks each batch processed as soon as the task acknowledged it.
  }

  @Override
  public ErrantRecordReporter errantRecordReporter() {
    return null;
  }

  @Override
  public PluginMetrics pluginMetrics() {
    throw new UnsupportedOperationException("the embedded runner offers no plugin metrics; Sluice's sink registers its own JMX MBeans");
  }
}
