package dev.sluice.converters.protobuf.wire;

import org.apache.kafka.connect.errors.DataException;

/** Bytes that are not a framed Protobuf record; the message says what is wrong with them. */
public final class WireFormatException extends DataException {
  private static final long serialVersionUID = 1L;

  public WireFormatException(String message) {
    super(message);
  }
}
