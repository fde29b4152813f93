package dev.sluice.benchmarks.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
  private static final Schema ROW = SchemaBuilder.struct().optional().field("id", Schema.INT32_SCHEMA).field("n", Schema.INT64_SCHEMA).build();
  private static final Schema VALUE = SchemaBuilder.struct().field("before", ROW).field("after", ROW).field("op", Schema.STRING_SCHEMA).build();

  private static SinkRecord change(long n, Long transformedNanos) {
    Struct value = new Struct(VALUE).put("after", new Struct(ROW).put("id", (int) (n % 10) + 1).put("n", n)).put("op", "u");
    ConnectHeaders headers = new ConnectHeaders();
    if (transformedNanos != null) {
      headers.addLong(PollStamp.HEADER, transformedNanos);
    }
    return new SinkRecord("t", 0, null, null, VALUE, value, n, 0L, TimestampType.CREATE_TIME, headers);
  }

  @Test
  void aChangeIsJoinedByItsNumberAndItsLatencyIsAcknowledgementMinusCommit() {
    LatencyRecorder recorder = new LatencyRecorder(3, "n");
    long t0 = System.nanoTime();
    recorder.committed(0, t0 - 80_000_000L);
    recorder.committed(1, t0 - 40_000_000L);
    recorder.committed(2, t0 - 20_000_000L);

    recorder.acknowledged(List.of(change(0, t0 - 70_000_000L), change(1, t0 - 30_000_000L), change(2, null)));

    LatencyRecorder.Window w = recorder.window(0, 3);
    assertThat(w.measured()).isEqualTo(3);
    assertThat(w.committed()).isEqualTo(3);
    assertThat(w.missing()).isZero();
    assertThat(w.commitToView().count()).isEqualTo(3);
    assertThat(w.commitToView().max()).isBetween(80.0, 5_000.0);
    assertThat(w.commitToView().p50()).isBetween(40.0, 4_960.0).isLessThan(w.commitToView().max());
    assertThat(w.commitToTransform().count()).as("only stamped records are split").isEqualTo(2);
    assertThat(w.commitToTransform().max()).isEqualTo(10.0);
    assertThat(w.achievedRate()).as("2 intervals in 60 ms").isCloseTo(2 / 0.060, org.assertj.core.data.Offset.offset(0.01));
    assertThat(recorder.batches()).isEqualTo(1);
    assertThat(recorder.largestBatch()).isEqualTo(3);
  }

  @Test
  void aCommittedChangeNeverAcknowledgedIsMissingAndARedeliveryKeepsTheFirstAcknowledgement() throws Exception {
    LatencyRecorder recorder = new LatencyRecorder(2, "n");
    recorder.committed(0, System.nanoTime());
    recorder.committed(1, System.nanoTime());
    recorder.acknowledged(List.of(change(0, null)));
    long first = recorder.acknowledgedAt(0);
    Thread.sleep(5);
    recorder.acknowledged(List.of(change(0, null)));

    assertThat(recorder.acknowledgedAt(0)).isEqualTo(first);
    assertThat(recorder.duplicates()).isEqualTo(1);
    assertThat(recorder.ackedChanges()).isEqualTo(1);
    assertThat(recorder.allCommittedAcknowledged(0, 2)).isFalse();
    assertThat(recorder.window(0, 2).missing()).isEqualTo(1);
    assertThat(recorder.window(0, 2).commitToView().count()).isEqualTo(1);
  }

  @Test
  void recordsWithoutAUsableChangeNumberAreCountedNotDropped() {
    LatencyRecorder recorder = new LatencyRecorder(2, "n");
    SinkRecord tombstone = new SinkRecord("t", 0, null, null, null, null, 5);
    SinkRecord plain = new SinkRecord("t", 0, null, null, Schema.STRING_SCHEMA, "x", 6);
    recorder.acknowledged(List.of(tombstone, plain, change(7, null)));
    assertThat(recorder.unjoinable()).as("a tombstone, a non-struct and a number out of range").isEqualTo(3);
    assertThat(recorder.ackedChanges()).isZero();
  }

  @Test
  void changesTheWorkloadNeverCommittedAreNeitherMeasuredNorMissing() {
    LatencyRecorder recorder = new LatencyRecorder(4, "n");
    recorder.committed(2, System.nanoTime());
    recorder.acknowledged(List.of(change(2, null)));
    LatencyRecorder.Window w = recorder.window(0, 4);
    assertThat(w.committed()).isEqualTo(1);
    assertThat(w.missing()).isZero();
    assertThat(recorder.allCommittedAcknowledged(0, 4)).isTrue();
    assertThat(w.achievedRate()).as("no rate from a single commit").isZero();
  }
}
