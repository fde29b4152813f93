package dev.sluice.benchmarks.source;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Drives a Connect {@link SourceTask} the way a worker does, minus Kafka: start it with a stored
 * offset at the workload's start, poll until every expected change event arrived, and serialize
 * every record's key and value with {@link JsonConverter} ({@code schemas.enable=true}), as a worker
 * with that converter would before producing (unless the spec says {@code converter=NONE}). Change events are counted by {@code op} on the
 * captured tables' topics; tombstones, heartbeats and other records are serialized but not counted.
 */
abstract class TaskReader implements ChangeReader {
  private final ReaderKind kind;

  TaskReader(ReaderKind kind) {
    this.kind = kind;
  }

  abstract SourceTask newTask();

  abstract Map<String, String> taskConfig(ReaderSpec spec);

  abstract Map<String, ?> sourcePartition(ReaderSpec spec);

  /** The stored offset that makes the task stream from {@code spec.start()}. */
  abstract Map<String, Object> startOffset(ReaderSpec spec);

  @Override
  public ReaderResult read(ReaderSpec spec, HeapSampler heap) throws Exception {
    JsonConverter keys = new JsonConverter();
    keys.configure(Map.of("schemas.enable", "true"), true);
    JsonConverter values = new JsonConverter();
    values.configure(Map.of("schemas.enable", "true"), false);
    Map<String, String> config = taskConfig(spec);
    SourceTask task = newTask();
    task.initialize(new FixedOffsetContext(config, sourcePartition(spec), startOffset(spec)));
    Set<String> topics = new HashSet<>(spec.capturedTopics());
    long expected = spec.expected().total();
    long inserts = 0;
    long updates = 0;
    long deletes = 0;
    long records = 0;
    long bytes = 0;
    boolean convert = spec.converter() == ReaderSpec.Converter.JSON;
    long cpu0 = ProcessCpu.nanos();
    long t0 = System.nanoTime();
    long deadline = t0 + spec.timeoutSeconds() * 1_000_000_000L;
    long startup;
    long finished;
    long cpu;
    task.start(config);
    try {
      startup = System.nanoTime() - t0;
      while (inserts + updates + deletes < expected) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException(kind + " emitted " + new ChangeCounts(inserts, updates, deletes) + " of " + spec.expected()
              + " expected change events in " + spec.timeoutSeconds() + " s");
        }
        List<SourceRecord> batch = task.poll();
        if (batch == null) {
          continue;
        }
        for (SourceRecord r : batch) {
          records++;
          if (convert) {
            byte[] key = keys.fromConnectData(r.topic(), r.keySchema(), r.key());
            byte[] value = values.fromConnectData(r.topic(), r.valueSchema(), r.value());
            bytes += (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
          }
          if (r.value() instanceof Struct envelope && topics.contains(r.topic())) {
            String op = envelope.getString("op");
            switch (op) {
              case "c" -> inserts++;
              case "u" -> updates++;
              case "d" -> deletes++;
              default -> throw new IllegalStateException(kind + " emitted op '" + op + "' on " + r.topic() + " while streaming the binlog");
            }
          }
          task.commitRecord(r, null);
        }
      }
      finished = System.nanoTime();
      cpu = ProcessCpu.nanos() - cpu0;
    } finally {
      task.stop();
    }
    ChangeCounts counts = new ChangeCounts(inserts, updates, deletes);
    boolean ok = counts.equals(spec.expected());
    return new ReaderResult(kind, ok, ok ? null : kind + " emitted " + counts + ", expected " + spec.expected(),
        counts.total(), counts, records, 0, 0, bytes, startup, finished - t0, cpu, heap.peak());
  }
}
