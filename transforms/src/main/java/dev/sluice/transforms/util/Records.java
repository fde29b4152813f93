package dev.sluice.transforms.util;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.sink.SinkRecord;

/** Small helpers for error messages about records. */
public final class Records {

  private Records() {}

  /**
   * Where a record comes from, for error messages: topic, partition and (for sink records) offset.
   * Never includes keys or values, which may hold personal data.
   *
   * @param record any record
   * @return e.g. {@code topic 'shop.inventory.orders', partition 2, offset 1234}
   */
  public static String describe(ConnectRecord<?> record) {
    StringBuilder where = new StringBuilder("topic '").append(record.topic()).append('\'');
    if (record.kafkaPartition() != null) {
      where.append(", partition ").append(record.kafkaPartition());
    }
    if (record instanceof SinkRecord sink) {
      where.append(", offset ").append(sink.kafkaOffset());
    }
    return where.toString();
  }
}
