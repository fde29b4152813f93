package dev.sluice.benchmarks.source;

import dev.sluice.converters.json.SchemaCachingJsonConverter;
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
    StreamTally tally = new StreamTally(new HashSet<>(spec.capturedTopics()), spec.expected());
    Pass pass = drive(spec, startOffset(spec), tally);
    ChangeCounts counts = tally.counts();
    boolean ok = counts.equals(spec.expected());
    return new ReaderResult(kind, ok, ok ? null : kind + " emitted " + counts + ", expected " + spec.expected(),
        counts.total(), counts, pass.records(), 0, 0, pass.bytes(), pass.startupNanos(), pass.totalNanos(), pass.cpuNanos(), heap.peak());
  }

  private ReaderResult readSnapshot(ReaderSpec spec, HeapSampler heap) throws Exception {
    SnapshotTally tally = new SnapshotTally(spec.capturedTopics().get(0), spec.snapshot().rows());
    // No stored offset: a connector's first start, which snapshots.
    Pass pass = drive(spec, null, tally);
    boolean ok = tally.reads == tally.expected;
    return new ReaderResult(kind, ok, ok ? null : kind + " emitted " + tally.reads + " op=r events on " + tally.topic + ", the table has "
        + tally.expected + " rows", tally.reads, ChangeCounts.NONE, pass.records(), 0, 0, pass.bytes(), pass.startupNanos(),
        pass.totalNanos(), pass.cpuNanos(), heap.peak());
  }

  /**
   * Starts the task with {@code storedOffset} (null: none) and polls it until {@code tally} is
   * done, converting (unless the spec says {@code NONE}), counting and committing every record.
   */
  private Pass drive(ReaderSpec spec, Map<String, Object> storedOffset, Tally tally) throws Exception {
    Converter keys = converter(spec, true);
    Converter values = converter(spec, false);
    Map<String, String> config = taskConfig(spec);
    SourceTask task = newTask();
    task.initialize(new FixedOffsetContext(config, sourcePartition(spec), storedOffset));
    long records = 0;
    long bytes = 0;
    boolean convert = keys != null;
    long cpu0 = ProcessCpu.nanos();
    long t0 = System.nanoTime();
    long deadline = t0 + spec.timeoutSeconds() * 1_000_000_000L;
    long startup;
    long finished = 0;
    long cpu = 0;
    boolean clockStopped = false;
    task.start(config);
    try {
      startup = System.nanoTime() - t0;
      while (!tally.done()) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException(kind + " emitted " + tally.progress() + " in " + spec.timeoutSeconds() + " s");
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
          if (tally.count(r) && !clockStopped) {
            clockStopped = true;
            finished = System.nanoTime();
            cpu = ProcessCpu.nanos() - cpu0;
          }
          task.commitRecord(r, null);
        }
      }
      if (!clockStopped) {
        finished = System.nanoTime();
        cpu = ProcessCpu.nanos() - cpu0;
      }
    } finally {
      task.stop();
    }
    return new Pass(records, bytes, startup, finished - t0, cpu);
  }

  /**
   * What one read counted and how long it took.
   *
   * @param records      records the task returned
   * @param bytes        their serialized keys and values
   * @param startupNanos time {@code SourceTask.start} took
   * @param totalNanos   from before {@code start} until the clock stopped
   * @param cpuNanos     this JVM's CPU time meanwhile
   */
  private record Pass(long records, long bytes, long startupNanos, long totalNanos, long cpuNanos) {
  }

  /** What a read counts, and when it is done; sees every record the task returns, in order. */
  private interface Tally {
    /**
     * Counts {@code r}, failing on an event that must not come.
     *
     * @return true if the clock stops at this record; otherwise it stops once the read is done
     */
    boolean count(SourceRecord r);

    boolean done();

    /** What was counted against what was expected, for the timeout error. */
    String progress();
  }

  /** Streaming: change events by {@code op} on the captured topics, until as many as expected arrived. */
  private final class StreamTally implements Tally {
    private final Set<String> topics;
    private final ChangeCounts expected;
    private long inserts;
    private long updates;
    private long deletes;

    StreamTally(Set<String> topics, ChangeCounts expected) {
      this.topics = topics;
      this.expected = expected;
    }

    @Override
    public boolean count(SourceRecord r) {
      if (r.value() instanceof Struct envelope && topics.contains(r.topic())) {
        String op = envelope.getString("op");
        switch (op) {
          case "c" -> inserts++;
          case "u" -> updates++;
          case "d" -> deletes++;
          default -> throw new IllegalStateException(kind + " emitted op '" + op + "' on " + r.topic() + " while streaming the binlog");
        }
      }
      return false;
    }

    @Override
    public boolean done() {
      return inserts + updates + deletes >= expected.total();
    }

    @Override
    public String progress() {
      return counts() + " of " + expected + " expected change events";
    }

    ChangeCounts counts() {
      return new ChangeCounts(inserts, updates, deletes);
    }
  }

  /** Snapshot: {@code op=r} events on the table's topic, until the one marked {@code source.snapshot=last}. */
  private final class SnapshotTally implements Tally {
    private final String topic;
    private final long expected;
    private long reads;
    private boolean last;

    SnapshotTally(String topic, long expected) {
      this.topic = topic;
      this.expected = expected;
    }

    @Override
    public boolean count(SourceRecord r) {
      if (!(r.value() instanceof Struct envelope && topic.equals(r.topic()))) {
        return false;
      }
      String op = envelope.getString("op");
      if (!"r".equals(op)) {
        throw new IllegalStateException(kind + " emitted op '" + op + "' on " + r.topic() + " (offset " + r.sourceOffset()
            + ") while copying a table nothing writes to");
      }
      reads++;
      if (!last && "last".equals(envelope.getStruct("source").getString("snapshot"))) {
        // The clock stops at the last snapshot record; the rest of its batch is still checked.
        last = true;
        return true;
      }
      return false;
    }

    @Override
    public boolean done() {
      return last;
    }

    @Override
    public String progress() {
      return reads + " of " + expected + " op=r events on " + topic + " and no record with source.snapshot=last";
    }
  }

  /** The converter the spec names, as a worker would configure it; null for none. */
  private static Converter converter(ReaderSpec spec, boolean isKey) {
    switch (spec.converter()) {
      case JSON -> {
        JsonConverter c = new JsonConverter();
        c.configure(Map.of("schemas.enable", "true"), isKey);
        return c;
      }
      case CACHED_JSON -> {
        SchemaCachingJsonConverter c = new SchemaCachingJsonConverter();
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
