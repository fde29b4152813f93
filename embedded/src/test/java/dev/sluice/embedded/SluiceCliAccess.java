package dev.sluice.embedded;

/** Test access to the CLI's package-private helpers. */
public final class SluiceCliAccess {
  private SluiceCliAccess() {
  }

  /** The message chain the CLI prints for an exception. */
  public static String describe(Throwable e) {
    return SluiceCli.describe(e);
  }
}
