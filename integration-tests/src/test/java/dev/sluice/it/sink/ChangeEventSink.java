package dev.sluice.it.sink;

import org.apache.kafka.connect.data.Struct;

/** Where generated change events go: Kafka (through {@link ChangeEventProducer}) or a list in a test. */
public interface ChangeEventSink {
  /** Sends one event; a null value is a tombstone. */
  void send(String topic, Struct key, Struct value);
}
