package dev.sluice.benchmarks.transforms;

import dev.sluice.transforms.Route;
import org.apache.kafka.connect.transforms.RegexRouter;
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
 * Sluice's {@code Route} against Kafka's {@code RegexRouter} for the work both can do, a new topic
 * from the table name ({@code shop.inventory.all}), on Sluice change events; plus Route with a
 * shard key field and partitioning by a column, which RegexRouter cannot do.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RouteBenchmark {

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
    records = BenchRecords.sluiceEvents(N);
    sluice = BenchRecords.configured(new Route<>(), Map.of("topic.template", "${server}.${db}.all"));
    anchor = BenchRecords.configured(new RegexRouter<>(), Map.of("regex", "([^.]+)\\.([^.]+)\\.[^.]+", "replacement", "$1.$2.all"));
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

  private Transformation<SinkRecord> sluiceShardAndPartition;

  /** Configures Route with everything it offers. */
  @Setup
  public void setUpFull() {
    sluiceShardAndPartition = BenchRecords.configured(new Route<>(), Map.of(
        "topic.template", "${server}.${db}.all", "shard.key.field", "__shard",
        "partition.fields", "customer_id", "partition.count", "12"));
  }

  /** Route with shard key and partitioning. */
  @Benchmark
  public SinkRecord sluiceShardAndPartition() {
    return sluiceShardAndPartition.apply(nextRecord());
  }
}
