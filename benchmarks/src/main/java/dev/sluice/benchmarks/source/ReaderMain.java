package dev.sluice.benchmarks.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Entry point of one reader's JVM: {@code ReaderMain <reader> <spec.json>}. Runs the reader once and
 * prints its result as one line {@code RESULT {json}} on stdout; exit code 0 when it read exactly
 * what it had to, 2 otherwise. Started by {@link SourceThroughputBenchmark}, one JVM per run, so each
 * reader has the heap limit to itself and no JIT or cache state carries over.
 */
public final class ReaderMain {
  static final String RESULT_PREFIX = "RESULT ";
  static final ObjectMapper JSON = new ObjectMapper();

  private ReaderMain() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ReaderMain <reader> <spec.json>");
      System.exit(64);
    }
    ReaderKind kind = ReaderKind.parse(args[0]);
    ReaderSpec spec = JSON.readValue(Path.of(args[1]).toFile(), ReaderSpec.class);
    // A Connect worker creates the platform MBean server when it boots (Kafka's JmxReporter), long
    // before a task starts; both connector tasks register MBeans in start(). Create it here too, so
    // the clock does not count this JVM's one-time JMX set-up (about 50-100 ms) as a task's start.
    ManagementFactory.getPlatformMBeanServer();
    ReaderResult result;
    try (HeapSampler heap = new HeapSampler(10)) {
      try {
        result = reader(kind).read(spec, heap);
      } catch (Exception e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        System.err.println(kind + " failed: " + trace);
        result = new ReaderResult(kind, false, e.toString(), 0, ChangeCounts.NONE, 0, 0, 0, 0, 0, 0, 0, heap.peak());
      }
    }
    System.out.println(RESULT_PREFIX + JSON.writeValueAsString(result));
    System.out.flush();
    // Tasks may leave non-daemon threads behind (JMX, executors): the result is out, end the JVM.
    System.exit(result.ok() ? 0 : 2);
  }

  static ChangeReader reader(ReaderKind kind) {
    return switch (kind) {
      case RAW -> new RawBinlogReader(false);
      case RAW_SLUICE_DESERIALIZER -> new RawBinlogReader(true);
      case SLUICE -> new SluiceTaskReader();
      case DEBEZIUM -> new DebeziumTaskReader();
    };
  }
}
