package dev.sluice.event;

import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * What kind of record value a plugin is looking at.
 *
 * <p>A value is a change event (an envelope) when it has a string {@code op} and a {@code source}
 * block: for a Struct this is decided by its schema (an {@code op} field of type STRING and a
 * {@code source} field of type STRUCT), for a schemaless Map by its entries ({@code op} is a String,
 * {@code source} is a Map). {@code before} and {@code after} are not required because truncate
 * events carry neither in schemaless form. Among change events, those with a readable
 * {@code source.seq} (see {@link Seq}) are {@link #SLUICE}, the others {@link #DEBEZIUM}.
 */
public enum EnvelopeShape {
  /** A change event with {@code source.seq}: the sink orders by seq. */
  SLUICE,
  /** A change event without {@code source.seq} (Debezium and compatible): the sink orders by offset. */
  DEBEZIUM,
  /** A non-null value that is not a change event (heartbeats, schema changes, plain rows, ...). */
  PLAIN,
  /** A null value: the tombstone that follows a delete. */
  TOMBSTONE;

  /**
   * Classifies a record value; never throws.
   *
   * @param value a record value of any type, or null
   * @return the shape
   */
  public static EnvelopeShape of(Object value) {
    if (value == null) {
      return TOMBSTONE;
    }
    if (!isEnvelope(value)) {
      return PLAIN;
    }
    return Seq.of(value).isPresent() ? SLUICE : DEBEZIUM;
  }

  /** True for {@link #SLUICE} and {@link #DEBEZIUM}. */
  public boolean isChangeEvent() {
    return this == SLUICE || this == DEBEZIUM;
  }

  /** The structural check behind {@link #of(Object)}, without reading seq. */
  static boolean isEnvelope(Object value) {
    if (value instanceof Struct struct) {
      Schema schema = struct.schema();
      return hasFieldOfType(schema, Envelope.OP, Schema.Type.STRING)
          && hasFieldOfType(schema, Envelope.SOURCE, Schema.Type.STRUCT);
    }
    if (value instanceof Map<?, ?> map) {
      return map.get(Envelope.OP) instanceof String && map.get(Envelope.SOURCE) instanceof Map;
    }
    return false;
  }

  private static boolean hasFieldOfType(Schema schema, String name, Schema.Type type) {
    Field field = schema.field(name);
    return field != null && field.schema().type() == type;
  }
}
