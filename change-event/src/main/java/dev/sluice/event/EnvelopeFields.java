package dev.sluice.event;

import dev.sluice.event.Envelope.Operation;
import java.util.Optional;

/**
 * Reads {@code op}, {@code source.db} and {@code source.table} from change events of either shape
 * (Struct or schemaless Map) and either producer (Sluice or Debezium).
 *
 * <p>Every method returns empty, never throws, when the value is not a change event as defined by
 * {@link EnvelopeShape} (null, tombstone, plain value), or when the field is absent, null or not a
 * String. An {@code op} with an unknown code is empty as well.
 */
public final class EnvelopeFields {

  private EnvelopeFields() {}

  /**
   * The operation of a change event.
   *
   * @param value a record value of any type, or null
   * @return the operation, or empty
   */
  public static Optional<Operation> op(Object value) {
    if (!EnvelopeShape.isEnvelope(value)) {
      return Optional.empty();
    }
    return Operation.forCode(FieldAccess.getString(value, Envelope.OP));
  }

  /**
   * The database the change happened in ({@code source.db}).
   *
   * @param value a record value of any type, or null
   * @return the database name, or empty
   */
  public static Optional<String> db(Object value) {
    return sourceString(value, SourceInfo.DB);
  }

  /**
   * The table the change happened in ({@code source.table}).
   *
   * @param value a record value of any type, or null
   * @return the table name, or empty
   */
  public static Optional<String> table(Object value) {
    return sourceString(value, SourceInfo.TABLE);
  }

  private static Optional<String> sourceString(Object value, String field) {
    if (!EnvelopeShape.isEnvelope(value)) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        FieldAccess.getString(FieldAccess.get(value, Envelope.SOURCE), field));
  }
}
