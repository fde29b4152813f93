package dev.sluice.benchmarks.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.junit.jupiter.api.Test;

/** The poll/convert/count/commit loop of {@link TaskReader}, driven by a task that returns scripted batches. */
class TaskReaderTest {
  private static final String TOPIC = "bench.db.t";
  private static final Map<String, Object> START = Map.of("file", "binlog.000001", "pos", 4L);
  private static final Schema SOURCE = SchemaBuilder.struct().name("source").field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).build();
  private static final Schema ENVELOPE = SchemaBuilder.struct().name("envelope").field("op", Schema.STRING_SCHEMA).field("source", SOURCE)
      .build();

  @Test
  void streamingCountsChangeEventsOfCapturedTopicsOnlyAndConvertsAndCommitsEveryRecord() throws Exception {
    ScriptedTask task = new ScriptedTask(
        List.of(event(TOPIC, "c", null), event("bench.db.other", "c", null), event(TOPIC, "u", null)),
        null,
        Arrays.asList(event(TOPIC, "d", null), new SourceRecord(Map.of(), Map.of(), TOPIC, null, null)),
        List.of(event(TOPIC, "c", null)));
    ReaderResult r = read(task, streamSpec(new ChangeCounts(1, 1, 1), ReaderSpec.Converter.JSON));

    assertThat(r.ok()).isTrue();
    assertThat(r.counts()).isEqualTo(new ChangeCounts(1, 1, 1));
    assertThat(r.changes()).isEqualTo(3);
    assertThat(r.records()).isEqualTo(5);
    assertThat(r.serializedBytes()).isPositive();
    assertThat(r.totalNanos()).isGreaterThanOrEqualTo(r.startupNanos());
    assertThat(task.committed).isEqualTo(5);
    assertThat(task.storedOffset).isEqualTo(START);
    assertThat(task.stopped).isTrue();
  }

  @Test
  void streamingWithoutAConverterSerializesNothing() throws Exception {
    ReaderResult r = read(new ScriptedTask(List.of(event(TOPIC, "c", null))), streamSpec(new ChangeCounts(1, 0, 0), ReaderSpec.Converter.NONE));
    assertThat(r.ok()).isTrue();
    assertThat(r.serializedBytes()).isZero();
  }

  @Test
  void streamingFailsOnAReadEventNamingItsTopicAndStopsTheTask() {
    ScriptedTask task = new ScriptedTask(List.of(event(TOPIC, "r", null)));
    assertThatThrownBy(() -> read(task, streamSpec(new ChangeCounts(1, 0, 0), ReaderSpec.Converter.NONE)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("sluice emitted op 'r' on bench.db.t while streaming the binlog");
    assertThat(task.stopped).isTrue();
  }

  @Test
  void streamingThatRunsOutOfTimeSaysWhatArrived() {
    ScriptedTask task = new ScriptedTask(List.of(event(TOPIC, "c", null)));
    assertThatThrownBy(() -> read(task, streamSpec(new ChangeCounts(2, 0, 0), ReaderSpec.Converter.NONE, 0)))
        .isInstanceOf(TimeoutException.class)
        .hasMessageStartingWith("sluice emitted ")
        .hasMessageEndingWith(" of 2 (2 inserts, 0 updates, 0 deletes) expected change events in 0 s");
    assertThat(task.stopped).isTrue();
  }

  @Test
  void aSnapshotStartsWithoutAnOffsetAndEndsWithTheBatchOfTheLastRecord() throws Exception {
    ScriptedTask task = new ScriptedTask(
        List.of(event(TOPIC, "r", "first"), event("bench.db.other", "c", null)),
        List.of(event(TOPIC, "r", "true"), event(TOPIC, "r", "last"), event(TOPIC, "r", "last")),
        List.of(event(TOPIC, "r", "true")));
    ReaderResult r = read(task, snapshotSpec(4, 60));

    assertThat(r.ok()).isTrue();
    assertThat(r.changes()).isEqualTo(4);
    assertThat(r.counts()).isEqualTo(ChangeCounts.NONE);
    assertThat(r.records()).isEqualTo(5);
    assertThat(task.storedOffset).isNull();
    assertThat(task.committed).isEqualTo(5);
    assertThat(task.stopped).isTrue();
  }

  @Test
  void aSnapshotWithOtherThanTheTablesRowsIsNotOk() throws Exception {
    ReaderResult r = read(new ScriptedTask(List.of(event(TOPIC, "r", "true"), event(TOPIC, "r", "last"))), snapshotSpec(3, 60));
    assertThat(r.ok()).isFalse();
    assertThat(r.error()).isEqualTo("sluice emitted 2 op=r events on bench.db.t, the table has 3 rows");
  }

  @Test
  void aSnapshotFailsOnAChangeEventOfItsTableNamingTheOffset() {
    ScriptedTask task = new ScriptedTask(List.of(event(TOPIC, "u", null)));
    assertThatThrownBy(() -> read(task, snapshotSpec(1, 60)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("sluice emitted op 'u' on bench.db.t (offset {pos=1}) while copying a table nothing writes to");
  }

  @Test
  void aSnapshotThatRunsOutOfTimeSaysWhatArrived() {
    ScriptedTask task = new ScriptedTask(List.of(event(TOPIC, "r", "first")));
    assertThatThrownBy(() -> read(task, snapshotSpec(5, 0)))
        .isInstanceOf(TimeoutException.class)
        .hasMessageMatching("sluice emitted [01] of 5 op=r events on bench\\.db\\.t and no record with source\\.snapshot=last in 0 s");
  }

  private static ReaderResult read(ScriptedTask task, ReaderSpec spec) throws Exception {
    TaskReader reader = new TaskReader(ReaderKind.SLUICE) {
      @Override
      SourceTask newTask() {
        return task;
      }

      @Override
      Map<String, String> taskConfig(ReaderSpec s) {
        return Map.of("name", "test");
      }

      @Override
      Map<String, ?> sourcePartition(ReaderSpec s) {
        return Map.of("server", s.topicPrefix());
      }

      @Override
      Map<String, Object> startOffset(ReaderSpec s) {
        return START;
      }
    };
    try (HeapSampler heap = new HeapSampler(50)) {
      return reader.read(spec, heap);
    }
  }

  private static ReaderSpec streamSpec(ChangeCounts expected, ReaderSpec.Converter converter) {
    return streamSpec(expected, converter, 60);
  }

  private static ReaderSpec streamSpec(ChangeCounts expected, ReaderSpec.Converter converter, long timeoutSeconds) {
    BinlogPosition start = new BinlogPosition("binlog.000001", 4);
    return new ReaderSpec("127.0.0.1", 3306, "u", "p", 7, "db", List.of("t"), "db\\.t", "bench", start, new BinlogPosition("binlog.000001", 900),
        expected, 2048, 8192, converter, timeoutSeconds, null);
  }

  private static ReaderSpec snapshotSpec(long rows, long timeoutSeconds) {
    BinlogPosition position = new BinlogPosition("binlog.000001", 4);
    return new ReaderSpec("127.0.0.1", 3306, "u", "p", 7, "db", List.of("t"), "db\\.t", "bench", position, position, ChangeCounts.NONE, 2048,
        8192, ReaderSpec.Converter.NONE, timeoutSeconds, new ReaderSpec.Snapshot(rows, 1, 0));
  }

  private static SourceRecord event(String topic, String op, String snapshot) {
    Struct value = new Struct(ENVELOPE).put("op", op).put("source", new Struct(SOURCE).put("snapshot", snapshot));
    return new SourceRecord(Map.of("server", "bench"), Map.of("pos", 1), topic, ENVELOPE, value);
  }

  /** Returns its batches in order (a null batch: nothing this time), then null; notes what the reader did with it. */
  private static final class ScriptedTask extends SourceTask {
    private final List<List<SourceRecord>> batches;
    private int next;
    Map<String, Object> storedOffset;
    int committed;
    boolean stopped;

    @SafeVarargs
    ScriptedTask(List<SourceRecord>... batches) {
      this.batches = new ArrayList<>(Arrays.asList(batches));
    }

    @Override
    public String version() {
      return "test";
    }

    @Override
    public void start(Map<String, String> props) {
      storedOffset = context.offsetStorageReader().offset(Map.of("server", "bench"));
    }

    @Override
    public List<SourceRecord> poll() {
      return next < batches.size() ? batches.get(next++) : null;
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
      committed++;
    }

    @Override
    public void stop() {
      stopped = true;
    }
  }
}
