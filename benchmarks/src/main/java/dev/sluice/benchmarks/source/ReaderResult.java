package dev.sluice.benchmarks.source;

/**
 * What one reader run measured; printed by the reader's JVM as one JSON line.
 *
 * @param reader          which reader
 * @param ok              whether it read everything it had to
 * @param error           why not, when not ok
 * @param changes         captured row changes seen (connectors: change events emitted; raw: rows of captured tables;
 *                        snapshot mode: {@code op=r} events of the table)
 * @param counts          those changes by operation (snapshot mode: none)
 * @param records         every record the task returned (including tombstones and heartbeats); raw: 0
 * @param binlogEvents    binlog events (raw readers only, else 0)
 * @param binlogRows      row changes of every table, captured or not (raw readers only, else 0)
 * @param serializedBytes bytes JsonConverter produced for keys and values (connectors only)
 * @param startupNanos    from the start call until it returned (task {@code start()}, client connect)
 * @param totalNanos      from the start call until the last expected change (snapshot mode: the {@code source.snapshot=last} record)
 * @param cpuNanos        CPU time of the reader's JVM (all its threads, GC included) over the same span
 * @param heap            heap use during the run
 */
record ReaderResult(
    ReaderKind reader,
    boolean ok,
    String error,
    long changes,
    ChangeCounts counts,
    long records,
    long binlogEvents,
    long binlogRows,
    long serializedBytes,
    long startupNanos,
    long totalNanos,
    long cpuNanos,
    HeapSampler.Peak heap) {

  double seconds() {
    return totalNanos / 1e9;
  }

  /** Captured row changes per second over the whole run. */
  double changesPerSecond() {
    return totalNanos == 0 ? 0 : changes / seconds();
  }

  /** Captured row changes per CPU second of the reader's JVM: less sensitive to other load on the machine. */
  double changesPerCpuSecond() {
    return cpuNanos == 0 ? 0 : changes / (cpuNanos / 1e9);
  }
}
