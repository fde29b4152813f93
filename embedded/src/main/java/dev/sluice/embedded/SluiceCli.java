package dev.sluice.embedded;

import dev.sluice.embedded.quickstart.QuickstartCommand;
import dev.sluice.embedded.verify.VerifyCommand;
import dev.sluice.event.SluiceVersion;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code sluice} command: {@code run} a pipeline in this process, {@code verify} a view against
 * its table, or try everything with {@code quickstart}.
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = SluiceCli.Version.class,
    description = "Sluice: MySQL/MariaDB changes into MongoDB views, in one process or on Kafka Connect.",
    subcommands = {RunCommand.class, VerifyCommand.class, QuickstartCommand.class, CommandLine.HelpCommand.class})
public final class SluiceCli implements Runnable {
  private static final AtomicBoolean EXITING = new AtomicBoolean();
  /** Held so the level set in {@link #main} is not lost when the logger is collected. */
  private static final java.util.logging.Logger BINLOG_CLIENT_LOG = java.util.logging.Logger.getLogger("com.github.shyiko.mysql.binlog");
  private static final String SLUICE_LOG_LEVEL = "org.slf4j.simpleLogger.log.dev.sluice";

  /** The command line's entry point; exits with the command's status (see {@link ExitCodes}). */
  public static void main(String[] args) {
    absoluteClassPath();
    // The binlog client logs through java.util.logging: its per-connection INFO lines would clutter the console.
    BINLOG_CLIENT_LOG.setLevel(java.util.logging.Level.WARNING);
    if (args.length > 0 && args[0].equals("quickstart") && System.getProperty(SLUICE_LOG_LEVEL) == null) {
      // The quickstart's console is its progress line and reports: Sluice's INFO lifecycle logs would interleave with them.
      System.setProperty(SLUICE_LOG_LEVEL, "warn");
    }
    int status = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    if (!EXITING.get()) {
      System.exit(status);
    }
    // A signal started the JVM's shutdown: its hooks finish the work, and System.exit would block forever.
  }

  /**
   * The local stack starts child JVMs (the MongoDB endpoint) on this JVM's class path, in other
   * working directories: {@code java -jar embedded/target/sluice.jar} must not leave it relative.
   */
  private static void absoluteClassPath() {
    String classPath = System.getProperty("java.class.path", "");
    StringBuilder absolute = new StringBuilder();
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        absolute.append(absolute.length() == 0 ? "" : java.io.File.pathSeparator).append(java.nio.file.Path.of(entry).toAbsolutePath());
      }
    }
    System.setProperty("java.class.path", absolute.toString());
  }

  /** Runs a command in this JVM and returns its exit status, for tests and embedding. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new SluiceCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("sluice " + commandLine.getCommandName() + ": " + describe(e));
      commandLine.getErr().flush();
      return ExitCodes.FAILED;
    });
    return cli.execute(args);
  }

  /** The message of an exception and its causes, without stack traces (they are in the log at DEBUG). */
  static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    Throwable cause = e.getCause();
    while (cause != null && cause != e) {
      String m = cause.getMessage();
      if (m != null && !text.toString().contains(m)) {
        text.append(System.lineSeparator()).append("  caused by: ").append(m);
      }
      e = cause;
      cause = cause.getCause();
    }
    return text.toString();
  }

  /** Tells {@link #main} that the JVM is shutting down because of a signal. */
  static void exitingBySignal() {
    EXITING.set(true);
  }

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version from the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"sluice " + SluiceVersion.of(SluiceCli.class)};
    }
  }
}
