package dev.sluice.embedded.pipeline;

import java.util.List;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Told about every batch of changes MongoDB acknowledged, the moment it did: for measurements in the
 * same JVM (the commit-to-view latency benchmark joins each record with the time its transaction
 * committed) without polling MongoDB.
 *
 * <p>It is called on the engine's thread, once per batch that had records for the sink, right after
 * the sink task's {@code put} returned and its {@code preCommit} confirmed every record of the batch,
 * before the batch's offsets are marked processed. Its running time adds to the pipeline's latency,
 * so it should only note what it needs. An exception thrown by it fails the pipeline like a sink
 * error; the batch, already written, is then read again at the next start and skipped by the sink's
 * {@code source.seq} guard.
 */
@FunctionalInterface
public interface AcknowledgementListener {
  /** Does nothing: the default. */
  AcknowledgementListener NONE = records -> { };

  /**
   * A batch is acknowledged.
   *
   * @param records the records written, as the sink task got them (after routing and the optional
   *     converter round trip; Kafka offset = {@code source.seq}); read-only, in source order
   */
  void acknowledged(List<SinkRecord> records);
}
