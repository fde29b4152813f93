package dev.sluice.benchmarks.transforms;

import dev.sluice.transforms.Fields;
import org.apache.kafka.connect.transforms.ReplaceField;
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
 * Sluice's {@code Fields$Value} against Kafka's {@code ReplaceField$Value} on the same plain rows
 * (what Unwrap leaves): drop email and phone, rename name to full_name.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FieldsBenchmark {

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
    sluice = BenchRecords.configured(new Fields.Value<>(), Map.of("drop", "email,phone", "rename", "name:full_name"));
    anchor = BenchRecords.configured(new ReplaceField.Value<>(), Map.of("exclude", "email,phone", "renames", "name:full_name"));
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

  private SinkRecord[] events;
  private Transformation<SinkRecord> sluiceOnEvents;

  /** The same Fields on Sluice change events: both rows rewritten, which ReplaceField cannot do. */
  @Setup
  public void setUpEvents() {
    events = BenchRecords.sluiceEvents(N);
    sluiceOnEvents = BenchRecords.configured(new Fields.Value<>(),
        Map.of("drop", "email,phone", "rename", "name:full_name"));
  }

  /** Fields on change events. */
  @Benchmark
  public SinkRecord sluiceOnChangeEvents() {
    SinkRecord record = events[next];
    next = (next + 1) & (N - 1);
    return sluiceOnEvents.apply(record);
  }
}
