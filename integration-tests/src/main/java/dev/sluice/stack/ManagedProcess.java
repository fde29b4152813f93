package dev.sluice.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One operating-system process of the local stack: started from a command line, its stdout and
 * stderr appended to a log file that stays under {@code target/} for diagnosis, stoppable politely
 * (SIGTERM, then SIGKILL after a grace period) or killed outright ({@code kill -9}) by chaos tests.
 * A process can be started again after it stopped, with the same command and log file.
 */
public final class ManagedProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path workDir;
  private final Path logFile;
  private Process process;

  public ManagedProcess(String name, List<String> command, Map<String, String> environment, Path workDir, Path logFile) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.workDir = workDir;
    this.logFile = logFile;
  }

  public String name() {
    return name;
  }

  public Path logFile() {
    return logFile;
  }

  public List<String> command() {
    return command;
  }

  /** Starts the process; its output is appended to {@link #logFile()}. */
  public synchronized ManagedProcess start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
    }
    try {
      Files.createDirectories(logFile.getParent());
      Files.createDirectories(workDir);
      Files.writeString(logFile, "---- " + java.time.Instant.now() + " starting: " + String.join(" ", command) + System.lineSeparator(),
          StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .redirectInput(ProcessBuilder.Redirect.PIPE);
      builder.environment().putAll(environment);
      process = builder.start();
      process.getOutputStream().close();
      ProcessReaper.register(process);
      LOG.debug("{} started as pid {}", name, process.pid());
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + ": " + String.join(" ", command), e);
    }
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return process.pid();
  }

  /**
   * Waits until {@code port} on 127.0.0.1 accepts connections, failing fast (with the tail of the
   * log) if the process exits first.
   */
  public void awaitPort(int port, Duration timeout) {
    awaitCondition("port " + port + " to accept connections", timeout, () -> portOpen(port));
  }

  /** Waits until {@code condition} holds, failing with the log's tail when the process dies or time runs out. */
  public void awaitCondition(String what, Duration timeout, CheckedCondition condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      Process current;
      synchronized (this) {
        current = process;
      }
      if (current == null || !current.isAlive()) {
        throw new StackException(name + " exited" + (current == null ? "" : " with code " + current.exitValue())
            + " while waiting for " + what + "; log " + logFile + ":\n" + logTail(40));
      }
      try {
        if (condition.check()) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      sleep(200);
    }
    throw new StackException("timed out after " + timeout.toSeconds() + " s waiting for " + name + ": " + what
        + (last == null ? "" : " (last error: " + last + ")") + "; log " + logFile + ":\n" + logTail(40));
  }

  /** SIGTERM, then SIGKILL (with descendants) if the process has not exited within {@code grace}. */
  public synchronized void stop(Duration grace) {
    if (process == null) {
      return;
    }
    Process p = process;
    if (p.isAlive()) {
      p.destroy();
      try {
        if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("{} (pid {}) did not exit within {} s of SIGTERM; killing it", name, p.pid(), grace.toSeconds());
          kill(p);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill(p);
      }
    }
    ProcessReaper.unregister(p);
  }

  /** {@code kill -9}: no shutdown hooks, no flushes — what a crashed machine looks like to its peers. */
  public synchronized void kill() {
    if (process != null) {
      kill(process);
      ProcessReaper.unregister(process);
    }
  }

  private void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        throw new StackException(name + " (pid " + p.pid() + ") survived SIGKILL for 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(20));
  }

  /** The last {@code lines} lines of the log, for error messages. */
  public String logTail(int lines) {
    try {
      if (!Files.exists(logFile)) {
        return "(no log yet)";
      }
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      List<String> tail = new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
      return String.join("\n", tail);
    } catch (IOException | UncheckedIOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  public static boolean portOpen(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted", e);
    }
  }

  /** A condition that may throw while the component is still coming up. */
  @FunctionalInterface
  public interface CheckedCondition {
    boolean check() throws Exception;
  }
}
