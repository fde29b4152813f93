package dev.sluice.transforms.util;

import dev.sluice.event.EnvelopeShape;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * The one policy every Sluice transformation and predicate applies to records that carry no
 * change event, so that they all behave alike.
 *
 * <p>Two kinds of records carry no change event:
 *
 * <ul>
 *   <li><b>Tombstones</b>: the value is null. One follows each delete so that log compaction can
 *       drop the key. A tombstone has a key but no {@code source} block and no {@code op}, so
 *       nothing in it says which table or operation it belongs to.
 *   <li><b>Other values</b>: anything that is not a change-event envelope in the sense of {@link
 *       EnvelopeShape} (heartbeats, schema-change events, records of other connectors, plain
 *       rows after an unwrap transform).
 * </ul>
 *
 * <p>The policy:
 *
 * <ul>
 *   <li><b>Transformations</b> return such a record unchanged (the same instance). They neither
 *       drop it nor fail on it: dropping a tombstone would keep a deleted key alive in compacted
 *       topics and views, and failing would stop the pipeline on records it can carry. The one
 *       exception is {@link dev.sluice.transforms.Unwrap}, whose {@code
 *       delete.tombstone.handling.mode} (Debezium's setting, Debezium's behaviour) says what
 *       happens to tombstones, because turning deletes into tombstones is its job.
 *   <li><b>Predicates</b> answer {@code false} for such a record, because they cannot tell what it
 *       is about. A predicate whose users need tombstones to follow their rows through a {@code
 *       Filter} instead offers a {@code tombstones} setting ({@link TombstoneMatching}) and
 *       documents its default.
 * </ul>
 *
 * <p>The null key is not part of this policy: tables without a primary key produce events with a
 * null key, and those are ordinary change events.
 */
public final class NullPolicy {

  private NullPolicy() {}

  /**
   * Whether a record is a tombstone.
   *
   * @param record any record
   * @return true when the value is null
   */
  public static boolean isTombstone(ConnectRecord<?> record) {
    return record.value() == null;
  }

  /**
   * Whether a record's value is a change event (Sluice or Debezium, Struct or Map); records for
   * which this is false fall under this policy.
   *
   * @param record any record
   * @return true for change events
   */
  public static boolean carriesChangeEvent(ConnectRecord<?> record) {
    return shapeOf(record).isChangeEvent();
  }

  /**
   * The shape of a record's value.
   *
   * @param record any record
   * @return the shape, {@link EnvelopeShape#TOMBSTONE} for null values
   */
  public static EnvelopeShape shapeOf(ConnectRecord<?> record) {
    return EnvelopeShape.of(record.value());
  }
}
