/**
 * Commit-to-view latency of the one-process pipeline (module {@code embedded}):
 * {@link dev.sluice.benchmarks.embedded.CommitToViewLatencyBenchmark}.
 */
package dev.sluice.benchmarks.embedded;
