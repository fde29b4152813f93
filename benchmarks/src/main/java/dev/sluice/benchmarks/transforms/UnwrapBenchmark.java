package dev.sluice.benchmarks.transforms;

import dev.sluice.transforms.Unwrap;
import io.debezium.transforms.ExtractNewRecordState;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sluice's {@link Unwrap} against Debezium's {@link ExtractNewRecordState} with the same settings
 * (the config names are shared) on the same Debezium-shaped events: 5/8 updates, 2/8 inserts, 1/8
 * deletes.
 *
 * <ul>
 *   <li>{@code defaults}: no settings; deletes dropped, rows passed on as they are.
 *   <li>{@code rewrite-add-fields}: {@code delete.tombstone.handling.mode=rewrite}, {@code
 *       add.fields=op,table,source.ts_ms}, {@code add.headers=db}: every row is copied into a
 *       wider schema, which shows whether a schema is built per record.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UnwrapBenchmark {

  @Param({"defaults", "rewrite-add-fields"})
  public String scenario = "defaults";

  private static final int N = 1024;

  private SinkRecord[] records;
  private int next;

  private SinkRecord nextRecord() {
    SinkRecord record = records[next];
    next = (next + 1) & (N - 1);
    return record;
  }

  private Transformation<SinkRecord> sluice;
  private Transformation<SinkRecord> debezium;

  /** Builds the records and configures both transformations identically. */
  @Setup
  public void setUp() {
    records = BenchRecords.debeziumEvents(N);
    Map<String, String> config =
        scenario.equals("defaults")
            ? Map.of()
            : Map.of(
                "delete.tombstone.handling.mode", "rewrite",
                "add.fields", "op,table,source.ts_ms",
                "add.headers", "db");
    sluice = BenchRecords.configured(new Unwrap<>(), config);
    debezium = BenchRecords.configured(new ExtractNewRecordState<>(), config);
  }

  /** Sluice. */
  @Benchmark
  public SinkRecord sluice() {
    return sluice.apply(nextRecord());
  }

  /** The anchor. */
  @Benchmark
  public SinkRecord debezium() {
    return debezium.apply(nextRecord());
  }
}
