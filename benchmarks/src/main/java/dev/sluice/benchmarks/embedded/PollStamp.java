package dev.sluice.benchmarks.embedded;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Stamps each record with {@link System#nanoTime()} in header {@value #HEADER} when it passes the
 * engine's transform chain, i.e. after the source task's {@code poll()} returned it and before the
 * engine hands its batch to the sink. The latency benchmark splits commit -> view into
 * commit -> transform (binlog, source queue, poll) and transform -> acknowledged (engine hand-over,
 * sink {@code put}, MongoDB, {@code preCommit}). Valid only within one JVM: nanoTime has no epoch.
 *
 * @param <R> the record type
 */
public final class PollStamp<R extends ConnectRecord<R>> implements Transformation<R> {
  /** The header holding the stamp (an int64). */
  public static final String HEADER = "sluice.bench.transformed.nanos";

  @Override
  public R apply(R record) {
    Headers headers = record.headers().duplicate().addLong(HEADER, System.nanoTime());
    return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), record.valueSchema(), record.value(),
        record.timestamp(), headers);
  }

  @Override
  public ConfigDef config() {
    return new ConfigDef();
  }

  @Override
  public void configure(Map<String, ?> configs) {
    // no settings
  }

  @Override
  public void close() {
    // nothing held
  }
}
