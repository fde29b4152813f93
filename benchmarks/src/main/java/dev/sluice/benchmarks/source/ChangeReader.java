package dev.sluice.benchmarks.source;

/** One way of reading the workload's binlog range; runs alone in its JVM. */
interface ChangeReader {
  /**
   * Reads from {@code spec.start()} until every expected change was seen (or the end position, for
   * raw readers) and says how long it took.
   *
   * @param heap the sampler watching this JVM, for the result's heap figures
   */
  ReaderResult read(ReaderSpec spec, HeapSampler heap) throws Exception;
}
