package dev.sluice.converters.protobuf.codec;

import org.apache.kafka.connect.errors.DataException;

/**
 * A value that does not fit its schema, or bytes that do not fit theirs; the message names the
 * field path. The path is added while the exception travels out of nested messages, so one
 * exception (and one stack trace) serves however deep the failure is.
 */
public final class CodecException extends DataException {
  private static final long serialVersionUID = 1L;

  private String path;
  private final String reason;

  CodecException(String path, String reason, Throwable cause) {
    super(reason, cause);
    this.path = path;
    this.reason = reason;
  }

  CodecException(String reason) {
    this("", reason, null);
  }

  CodecException(String reason, Throwable cause) {
    this("", reason, cause);
  }

  /** Adds the enclosing field to the path and returns this exception. */
  CodecException within(String field) {
    path = path.isEmpty() ? field : field + "." + path;
    return this;
  }

  @Override
  public String getMessage() {
    return (path.isEmpty() ? "" : "field " + path + ": ") + reason;
  }

  /** The dotted field path, empty at the top level. */
  public String path() {
    return path;
  }

  /** What is wrong, without the path. */
  public String reason() {
    return reason;
  }
}
