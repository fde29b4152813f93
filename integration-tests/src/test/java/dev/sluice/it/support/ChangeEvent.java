package dev.sluice.it.support;

import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;

/**
 * One record read back from a change topic, converted to Connect data: the key struct, the value
 * (null for tombstones), its seq and where it was in Kafka.
 */
public record ChangeEvent(String topic, int partition, long offset, Struct key, Struct value) {

  public boolean isTombstone() {
    return value == null;
  }

  public String op() {
    return value == null ? null : value.getString("op");
  }

  public Struct after() {
    return value == null ? null : value.getStruct("after");
  }

  public Struct before() {
    return value == null ? null : value.getStruct("before");
  }

  public Struct source() {
    return value == null ? null : value.getStruct("source");
  }

  public long seq() {
    return source().getInt64("seq");
  }

  public String table() {
    return source().getString("table");
  }

  /** A key struct as text, {@code field=value,...} in field order: the same for a key read from Kafka and one built from a row. */
  public static String keyText(Struct key) {
    return key.schema().fields().stream().map(f -> f.name() + "=" + key.get(f)).collect(Collectors.joining(","));
  }
}
