package dev.sluice.benchmarks.transforms;

import dev.sluice.transforms.Outbox;
import io.debezium.transforms.outbox.EventRouter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
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
 * Sluice's {@link Outbox} against Debezium's outbox {@link EventRouter} with the same (default)
 * column names and one extra header, on the same inserts into an outbox table.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OutboxBenchmark {

  private static final int N = 1024;

  private SourceRecord[] records;
  private int next;
  private Transformation<SourceRecord> sluice;
  private Transformation<SourceRecord> debezium;

  private SourceRecord nextRecord() {
    SourceRecord record = records[next];
    next = (next + 1) & (N - 1);
    return record;
  }

  /** Builds the records and configures both routers identically. */
  @Setup
  public void setUp() {
    records = BenchRecords.outboxInserts(N);
    Map<String, String> config = Map.of("table.fields.additional.placement", "type:header:eventType");
    sluice = BenchRecords.configuredSource(new Outbox<>(), config);
    debezium = BenchRecords.configuredSource(new EventRouter<>(), config);
  }

  /** Sluice. */
  @Benchmark
  public SourceRecord sluice() {
    return sluice.apply(nextRecord());
  }

  /** The anchor. */
  @Benchmark
  public SourceRecord debezium() {
    return debezium.apply(nextRecord());
  }
}
