package dev.sluice.benchmarks.source;

import dev.sluice.converters.protobuf.ProtobufConverter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.Converter;

/**
 * Drives a Connect {@link SourceTask} the way a worker does, minus Kafka: start it with a stored
 * offset at the workload's start, poll until every expected change event arrived, and serialize
 * every record's key and value with {@link JsonConverter} ({@code schemas.enable=true}), as a worker
 * with that converter would before producing (unless the spec says {@code converter=NONE}). Change events are counted by {@code op} on the
 * captured tables' topics; tombstones, heartbeats and other records are serialized but not counted.
 *
 * <p>In snapshot mode ({@link ReaderSpec#snapshotMode()}) the task starts without a stored offset,
 * and the run ends at the record marked {@code source.snapshot=last} on the table's topic; only
 * {@code op=r} events of that table are counted, and any other change event there fails the run
 * (nothing writes to the table meanwhile).
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
    return spec.snapshotMode() ? readSnapshot(spec, heap) : readStream(spec, heap);
  }

  private ReaderResult readStream(ReaderSpec spec, HeapSampler heap) throws Exception {
    Converter keys = converter(spec, true);
    Converter values = converter(spec, false);
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
    boolean convert = keys != null;
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

  private ReaderResult readSnapshot(ReaderSpec spec, HeapSampler heap) throws Exception {
    Converter keys = converter(spec, true);
    Converter values = converter(spec, false);
    Map<String, String> config = taskConfig(spec);
    SourceTask task = newTask();
    // No stored offset: a connector's first start, which snapshots.
    task.initialize(new FixedOffsetContext(config, sourcePartition(spec), null));
    String topic = spec.capturedTopics().get(0);
    long expected = spec.snapshot().rows();
    long reads = 0;
    long records = 0;
    long bytes = 0;
    boolean convert = keys != null;
    long cpu0 = ProcessCpu.nanos();
    long t0 = System.nanoTime();
    long deadline = t0 + spec.timeoutSeconds() * 1_000_000_000L;
    long startup;
    long finished = 0;
    long cpu = 0;
    boolean last = false;
    task.start(config);
    try {
      startup = System.nanoTime() - t0;
      while (!last) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException(kind + " emitted " + reads + " of " + expected + " op=r events on " + topic
              + " and no record with source.snapshot=last in " + spec.timeoutSeconds() + " s");
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
          if (r.value() instanceof Struct envelope && topic.equals(r.topic())) {
            String op = envelope.getString("op");
            if (!"r".equals(op)) {
              throw new IllegalStateException(kind + " emitted op '" + op + "' on " + r.topic() + " (offset " + r.sourceOffset()
                  + ") while copying a table nothing writes to");
            }
            reads++;
            Struct source = envelope.getStruct("source");
            if (!last && "last".equals(source.getString("snapshot"))) {
              // The clock stops at the last snapshot record; the rest of its batch is still checked.
              last = true;
              finished = System.nanoTime();
              cpu = ProcessCpu.nanos() - cpu0;
            }
          }
          task.commitRecord(r, null);
        }
      }
    } finally {
      task.stop();
    }
    boolean ok = reads == expected;
    return new ReaderResult(kind, ok, ok ? null : kind + " emitted " + reads + " op=r events on " + topic + ", the table has " + expected
        + " rows", reads, ChangeCounts.NONE, records, 0, 0, bytes, startup, finished - t0, cpu, heap.peak());
  }

  /** The converter the spec names, as a worker would configure it; null for none. */
  private static Converter converter(ReaderSpec spec, boolean isKey) {
    switch (spec.converter()) {
      case JSON -> {
        JsonConverter c = new JsonConverter();
        c.configure(Map.of("schemas.enable", "true"), isKey);
        return c;
      }
      case PROTOBUF -> {
        ProtobufConverter c = new ProtobufConverter();
        c.configure(Map.of("schema.store", "in-process", "schema.store.in.process.name", "reader-" + UUID.randomUUID()), isKey);
        return c;
      }
      default -> {
        return null;
      }
    }
  }
}
