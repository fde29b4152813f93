package dev.sluice.converters.protobuf.text;

/** A {@code .proto} text that cannot be parsed or resolved; the message names line and column. */
public final class ProtoSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong
   * @param line 1-based line, or 0 when not tied to a position
   * @param column 1-based column
   */
  public ProtoSyntaxException(String message, int line, int column) {
    super(line > 0 ? message + " (line " + line + ", column " + column + ")" : message);
  }

  /** An error not tied to a position. */
  public ProtoSyntaxException(String message, Throwable cause) {
    super(message, cause);
  }
}
