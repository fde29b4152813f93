package dev.sluice.embedded.verify;

/** {@code verify} could not compare: a table or view that is not there, a connection that fails, a key it cannot look up. */
public final class VerifyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VerifyException(String message) {
    super(message);
  }

  public VerifyException(String message, Throwable cause) {
    super(message, cause);
  }
}
