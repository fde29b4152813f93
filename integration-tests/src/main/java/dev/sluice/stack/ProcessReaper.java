package dev.sluice.stack;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills every still-registered child process when this JVM exits, so a test JVM that dies or is
 * interrupted does not leave brokers, workers or databases behind.
 */
final class ProcessReaper {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::killAll, "sluice-stack-reaper"));
  }

  private ProcessReaper() {
  }

  static void register(Process process) {
    LIVE.add(process);
  }

  static void unregister(Process process) {
    LIVE.remove(process);
  }

  private static void killAll() {
    for (Process p : LIVE) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
