package dev.sluice.benchmarks.source;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** CPU time of this JVM, all threads. */
final class ProcessCpu {
  private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private ProcessCpu() {
  }

  /** Nanoseconds of CPU this process used so far; -1 if the platform cannot tell. */
  static long nanos() {
    return OS.getProcessCpuTime();
  }
}
