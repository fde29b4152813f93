package dev.sluice.sink.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** The window's bound on the estimated heap of what it holds; the task-level behaviour is in {@link CompactionWindowTaskTest}. */
class CompactionWindowTest {
  private static final Schema ROW = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("text", Schema.STRING_SCHEMA).build();

  private long offset;

  private List<SinkRecord> batch(int n, int textLength) {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(new SinkRecord("t", 0, null, offset, ROW, new Struct(ROW).put("id", offset).put("text", "x".repeat(textLength)), offset++));
    }
    return records;
  }

  private static CompactionWindow window(long maxBytes) {
    // No changes parsed: these tests are about the bound, and nothing is released.
    return new CompactionWindow(1_000_000, maxBytes, Duration.ofHours(1), Clock.systemUTC(),
        (record, ordinal) -> new ViewSink.Parsed(record, List.of(), null));
  }

  @Test
  void heldRecordsCountAsTheirNumberTimesTheSampledAverage() {
    CompactionWindow window = window(Long.MAX_VALUE);
    List<SinkRecord> small = batch(800, 100);
    assertThat(window.add(small)).isNull();
    long each = RecordHeap.estimate(small.get(0));
    assertThat(window.bytes()).isEqualTo(800 * each);
  }

  @Test
  void widerRowsRaiseTheEstimateWithinTheirFirstBatches() {
    CompactionWindow window = window(Long.MAX_VALUE);
    window.add(batch(800, 100));
    List<SinkRecord> wide = batch(2_000, 100_000);
    window.add(wide);
    // The moving average follows the latest samples: after 250 samples of wide rows, 2 % of the old average is left.
    assertThat((double) window.bytes()).isCloseTo(2_800.0 * RecordHeap.estimate(wide.get(0)), withinPercentage(3));
  }

  @Test
  void aBatchOfWideRowsFillsTheWindowLongBeforeItsRecordBound() {
    List<SinkRecord> wide = batch(500, 100_000);
    CompactionWindow window = window(40L * RecordHeap.estimate(wide.get(0)));
    assertThat(window.add(wide)).isEqualTo(CompactionWindow.Trigger.FULL);
    window.take();
    assertThat(window.bytes()).isZero();
    assertThat(window(0).add(batch(500, 1))).as("0 bytes: nothing is held").isEqualTo(CompactionWindow.Trigger.DISABLED);
  }
}
