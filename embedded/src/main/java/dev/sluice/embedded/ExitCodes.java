package dev.sluice.embedded;

/** Exit status of the {@code sluice} command. */
public final class ExitCodes {
  /** Done; for verify: no drift. */
  public static final int OK = 0;
  /** verify (and quickstart) found the view different from the table. */
  public static final int DRIFT = 1;
  /** Bad command line. */
  public static final int USAGE = 2;
  /** The command failed: bad configuration, a server that cannot be reached, a pipeline that stopped with an error. */
  public static final int FAILED = 3;

  private ExitCodes() {
  }
}
