package dev.sluice.benchmarks.transforms;

import dev.sluice.transforms.Cast;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sluice's {@code Cast$Value} against Kafka's {@code Cast$Value} on the same plain rows: id to
 * string, qty to int64, gift to int8.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CastBenchmark {

  private static final int N = 1024;

  private SinkRecord[] records;
  private int next;

  private SinkRecord nextRecord() {
    SinkRecord record = records[next];
    next = (next + 1) & (N - 1);
    return record;
  }

  private Transformation<SinkRecord> sluice;
  private Transformation<SinkRecord> anchor;

  /** Builds the records and configures the transformations. */
  @Setup
  public void setUp() {
    records = BenchRecords.plainRows(N);
    sluice = BenchRecords.configured(new Cast.Value<>(), Map.of("spec", "id:string,qty:int64,gift:int8"));
    anchor = BenchRecords.configured(new org.apache.kafka.connect.transforms.Cast.Value<>(), Map.of("spec", "id:string,qty:int64,gift:int8"));
  }

  /** Sluice. */
  @Benchmark
  public SinkRecord sluice() {
    return sluice.apply(nextRecord());
  }

  /** The anchor, configured for the same work. */
  @Benchmark
  public SinkRecord anchor() {
    return anchor.apply(nextRecord());
  }
}
