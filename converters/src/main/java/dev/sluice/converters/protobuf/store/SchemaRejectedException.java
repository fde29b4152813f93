package dev.sluice.converters.protobuf.store;

import org.apache.kafka.connect.errors.DataException;

/** A store refused a schema: incompatible with the subject's rules, invalid, or its id clashes. */
public class SchemaRejectedException extends DataException {
  private static final long serialVersionUID = 1L;

  public SchemaRejectedException(String message) {
    super(message);
  }

  public SchemaRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
