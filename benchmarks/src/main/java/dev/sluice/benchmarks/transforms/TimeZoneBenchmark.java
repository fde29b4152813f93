package dev.sluice.benchmarks.transforms;

import dev.sluice.transforms.TimeZone;
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
 * Sluice's {@code TimeZone$Value}: two date-time columns (a Connect Timestamp and a Debezium
 * Timestamp) from Europe/Berlin wall clocks to UTC, in both rows of Sluice change events.
 * Debezium's TimezoneConverter converts other representations (zoned strings), so it is no anchor
 * for the same work.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TimeZoneBenchmark {

  private static final int N = 1024;

  private SinkRecord[] records;
  private int next;

  private SinkRecord nextRecord() {
    SinkRecord record = records[next];
    next = (next + 1) & (N - 1);
    return record;
  }

  private Transformation<SinkRecord> sluice;

  /** Builds the records and configures the transformations. */
  @Setup
  public void setUp() {
    records = BenchRecords.sluiceEvents(N);
    sluice = BenchRecords.configured(new TimeZone.Value<>(), Map.of("fields", "created,updated", "from.zone", "Europe/Berlin", "to.zone", "UTC"));
  }

  /** Sluice. */
  @Benchmark
  public SinkRecord sluice() {
    return sluice.apply(nextRecord());
  }
}
