package dev.sluice.benchmarks.transforms;

import dev.sluice.transforms.predicates.FieldValueMatches;
import dev.sluice.transforms.predicates.OperationIs;
import dev.sluice.transforms.predicates.TableMatches;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.apache.kafka.connect.transforms.predicates.TopicNameMatches;
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
 * Sluice's predicates on Sluice change events, next to Kafka's {@code TopicNameMatches} as the
 * floor of what a predicate costs (one regex over the topic).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PredicatesBenchmark {

  private static final int N = 1024;

  private SinkRecord[] records;
  private int next;
  private Predicate<SinkRecord> fieldValueMatches;
  private Predicate<SinkRecord> operationIs;
  private Predicate<SinkRecord> tableMatches;
  private Predicate<SinkRecord> topicNameMatches;

  private SinkRecord nextRecord() {
    SinkRecord record = records[next];
    next = (next + 1) & (N - 1);
    return record;
  }

  /** Builds the records and configures the predicates. */
  @Setup
  public void setUp() {
    records = BenchRecords.sluiceEvents(N);
    fieldValueMatches = new FieldValueMatches.Value<>();
    fieldValueMatches.configure(Map.of("field", "after.status", "regex", "ship.*"));
    operationIs = new OperationIs<>();
    operationIs.configure(Map.of("operations", "d"));
    tableMatches = new TableMatches<>();
    tableMatches.configure(Map.of("table.regex", "ord.*"));
    topicNameMatches = new TopicNameMatches<>();
    topicNameMatches.configure(Map.of("pattern", ".*\\.ord.*"));
  }

  /** FieldValueMatches$Value on after.status. */
  @Benchmark
  public boolean fieldValueMatches() {
    return fieldValueMatches.test(nextRecord());
  }

  /** OperationIs d. */
  @Benchmark
  public boolean operationIs() {
    return operationIs.test(nextRecord());
  }

  /** TableMatches on source.table. */
  @Benchmark
  public boolean tableMatches() {
    return tableMatches.test(nextRecord());
  }

  /** Kafka's TopicNameMatches. */
  @Benchmark
  public boolean kafkaTopicNameMatches() {
    return topicNameMatches.test(nextRecord());
  }
}
