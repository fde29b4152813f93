package dev.sluice.transforms.row;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;

/** The part of a record a Key or Value variant of a transformation works on. */
public enum RecordPart {
  /** The record key. */
  KEY,
  /** The record value. */
  VALUE;

  /** The key or value of a record. */
  public Object of(ConnectRecord<?> record) {
    return this == KEY ? record.key() : record.value();
  }

  /** The key or value schema of a record. */
  public Schema schemaOf(ConnectRecord<?> record) {
    return this == KEY ? record.keySchema() : record.valueSchema();
  }

  /**
   * A copy of a record with this part replaced; headers are copied, never shared.
   *
   * @param record the input record, left unchanged
   * @param schema the new key or value schema
   * @param value the new key or value
   * @param <R> the record type
   * @return the new record
   */
  public <R extends ConnectRecord<R>> R replace(R record, Schema schema, Object value) {
    return this == KEY
        ? record.newRecord(
            record.topic(), record.kafkaPartition(), schema, value, record.valueSchema(),
            record.value(), record.timestamp(), record.headers().duplicate())
        : record.newRecord(
            record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), schema,
            value, record.timestamp(), record.headers().duplicate());
  }

  /** "key" or "value", for messages. */
  public String label() {
    return this == KEY ? "key" : "value";
  }
}
