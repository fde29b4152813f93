package dev.sluice.event;

import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.connect.data.Struct;

/**
 * Reads {@code source.seq}, the per-connector sequence number the sink uses to ignore stale
 * records, from event values of any shape.
 *
 * <p>None of these methods throw. They return empty when the value is null (a tombstone), is not
 * a Struct or Map, has no {@code source} block, has no {@code seq} (Debezium events) or has a
 * {@code seq} of the wrong type. Wrong types are reported as empty rather than as errors on
 * purpose: the caller's fallback for events without seq (the Kafka topic/partition/offset guard)
 * is always safe, whereas failing would stop a sink on records it can handle.
 *
 * <p>Accepted seq types are the integral boxed types {@link Long} (what Sluice writes),
 * {@link Integer}, {@link Short} and {@link Byte} (what some schemaless deserializers produce for
 * small JSON numbers). Strings, floating point numbers and {@link java.math.BigInteger}s count as
 * the wrong type.
 */
public final class Seq {

  private Seq() {}

  /**
   * The seq of an event value of any shape.
   *
   * @param value a record value: Struct, Map, null or anything else
   * @return the seq, or empty (see the class comment for when)
   */
  public static OptionalLong of(Object value) {
    return asLong(FieldAccess.get(FieldAccess.get(value, Envelope.SOURCE), SourceInfo.SEQ));
  }

  /**
   * The seq of an event value with a schema.
   *
   * @param value an envelope Struct, or null
   * @return the seq, or empty
   */
  public static OptionalLong fromStruct(Struct value) {
    return of(value);
  }

  /**
   * The seq of a schemaless event value.
   *
   * @param value an envelope Map (as produced by schemaless converters), or null
   * @return the seq, or empty
   */
  public static OptionalLong fromMap(Map<?, ?> value) {
    return of(value);
  }

  private static OptionalLong asLong(Object seq) {
    if (seq instanceof Long || seq instanceof Integer || seq instanceof Short || seq instanceof Byte) {
      return OptionalLong.of(((Number) seq).longValue());
    }
    return OptionalLong.empty();
  }
}
