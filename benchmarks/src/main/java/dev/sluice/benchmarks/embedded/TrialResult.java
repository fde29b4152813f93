package dev.sluice.benchmarks.embedded;

import java.util.Locale;

/**
 * One trial: one pipeline, one target rate, a warm-up and a measured window.
 *
 * @param run           1-based run number
 * @param targetRate    changes per second the workload was paced at
 * @param connections   JDBC connections the workload used
 * @param measured      changes in the measured window
 * @param committed     of those, how many the workload committed
 * @param missing       committed changes of the window MongoDB never acknowledged (within the drain timeout)
 * @param achievedRate  commits per second in the measured window
 * @param commitToView  commit -> MongoDB acknowledgement
 * @param commitToTransform commit -> the record passed the engine's transforms (binlog, source queue, poll)
 * @param transformToView   transforms -> acknowledgement (engine hand-over, sink put, MongoDB, preCommit)
 * @param meanBatch     mean records per acknowledged batch (whole trial)
 * @param largestBatch  largest acknowledged batch
 * @param cpuSeconds    CPU time of this JVM during the trial (pipeline, MongoDB endpoint if in-process, workload)
 * @param loadBefore    1-minute load average before
 * @param loadAfter     and after
 * @param error         why the trial failed, or null
 */
record TrialResult(int run, int targetRate, int connections, int measured, int committed, int missing, double achievedRate,
    Percentiles commitToView, Percentiles commitToTransform, Percentiles transformToView, double meanBatch, long largestBatch,
    double cpuSeconds, double loadBefore, double loadAfter, String error) {

  /** Whether the trial counts: no error, every change committed and acknowledged. */
  boolean ok() {
    return error == null && committed == measured && missing == 0;
  }

  String line() {
    String head = String.format(Locale.ROOT, "run %d  %,6d/s", run, targetRate);
    if (error != null && committed == 0) {
      return head + "  FAILED: " + error;
    }
    return head + String.format(Locale.ROOT, "  achieved %,7.0f/s on %d conn  p50/p90/p99/max %s ms  (commit->transform p99 %s, "
            + "transform->view p99 %s)  batches mean %.1f max %d  CPU %.1f s  load %.1f->%.1f  %,d changes%s",
        achievedRate, connections, commitToView.line(), fmt(commitToTransform.p99()), fmt(transformToView.p99()), meanBatch, largestBatch,
        cpuSeconds, loadBefore, loadAfter, measured, ok() ? "" : "  NOT OK: " + problem());
  }

  String problem() {
    StringBuilder b = new StringBuilder();
    if (error != null) {
      b.append(error).append("; ");
    }
    if (committed < measured) {
      b.append(measured - committed).append(" changes not committed; ");
    }
    if (missing > 0) {
      b.append(missing).append(" committed changes never reached MongoDB; ");
    }
    return b.length() == 0 ? "" : b.substring(0, b.length() - 2);
  }

  private static String fmt(double ms) {
    return Double.isNaN(ms) ? "n/a" : String.format(Locale.ROOT, "%.1f", ms);
  }
}
