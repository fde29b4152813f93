package dev.sluice.benchmarks.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time of another local process from {@code /proc/<pid>/stat} (Linux): used for the MariaDB
 * server, whose binlog dump thread shares the machine with the reader.
 */
final class ServerCpu {
  /** Kernel clock ticks per second; 100 on every Linux this runs on ({@code getconf CLK_TCK}). */
  private static final long TICKS_PER_SECOND = 100;

  private ServerCpu() {
  }

  /** The pid in {@code pidFile}, if the file exists. */
  static OptionalLong pid(Path pidFile) {
    try {
      return Files.isRegularFile(pidFile) ? OptionalLong.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim()))
          : OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("cannot read the MariaDB pid from " + pidFile, e);
    }
  }

  /** User + system CPU nanoseconds of {@code pid}; empty where there is no {@code /proc}. */
  static OptionalLong nanos(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.isReadable(stat)) {
      return OptionalLong.empty();
    }
    try {
      String line = Files.readString(stat, StandardCharsets.US_ASCII);
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return OptionalLong.of(ticks * (1_000_000_000L / TICKS_PER_SECOND));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the CPU time of process " + pid + " from " + stat, e);
    }
  }

  /** The CPU time of {@code pid} (if known) and the load average now. */
  static Mark mark(OptionalLong pid) {
    return new Mark(pid.isPresent() ? nanos(pid.getAsLong()) : OptionalLong.empty(), loadAverage());
  }

  /**
   * The server's CPU time and the machine's load at one moment, taken before and after a reader run.
   *
   * @param cpuNanos the server's CPU nanoseconds, empty if unknown
   * @param load     the 1-minute load average, NaN if unknown
   */
  record Mark(OptionalLong cpuNanos, double load) {
    /** CPU nanoseconds the server used since {@code before}, -1 if unknown. */
    long cpuNanosSince(Mark before) {
      return before.cpuNanos.isPresent() && cpuNanos.isPresent() ? cpuNanos.getAsLong() - before.cpuNanos.getAsLong() : -1;
    }
  }

  /** The 1-minute load average, or NaN where there is no {@code /proc/loadavg}. */
  static double loadAverage() {
    Path p = Path.of("/proc/loadavg");
    try {
      return Files.isReadable(p) ? Double.parseDouble(Files.readString(p, StandardCharsets.US_ASCII).split(" ")[0]) : Double.NaN;
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("cannot read " + p, e);
    }
  }
}
