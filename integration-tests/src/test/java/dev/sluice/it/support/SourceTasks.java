package dev.sluice.it.support;

import dev.sluice.source.mysql.SluiceMySqlSourceTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.mockito.Mockito;

/** The source task run in-process, its Connect context mocked: for ITs that need no Kafka. */
public final class SourceTasks {
  private SourceTasks() {
  }

  /**
   * A started task whose context hands it {@code storedOffset} (null: none, a first start) for the
   * partition of {@code config}'s {@code topic.prefix}.
   */
  public static SluiceMySqlSourceTask start(Map<String, String> config, Map<String, Object> storedOffset) {
    SluiceMySqlSourceTask task = new SluiceMySqlSourceTask();
    SourceTaskContext context = Mockito.mock(SourceTaskContext.class);
    OffsetStorageReader offsets = Mockito.mock(OffsetStorageReader.class);
    Mockito.when(context.offsetStorageReader()).thenReturn(offsets);
    Mockito.when(context.configs()).thenReturn(config);
    Mockito.when(offsets.offset(Mockito.anyMap())).thenReturn(null);
    Mockito.when(offsets.offset(Map.of("server", config.get("topic.prefix")))).thenReturn(storedOffset);
    task.initialize(context);
    task.start(config);
    return task;
  }

  /**
   * Polls {@code task} until {@code count} change events (tombstones aside) of {@code topic} came
   * or {@code timeout} passed; returns what came.
   */
  public static List<SourceRecord> poll(SluiceMySqlSourceTask task, String topic, int count, Duration timeout) throws InterruptedException {
    List<SourceRecord> records = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (records.size() < count && System.nanoTime() < deadline) {
      List<SourceRecord> batch = task.poll();
      if (batch != null) {
        batch.stream().filter(r -> r.topic().equals(topic) && r.value() != null).forEach(records::add);
      }
    }
    return records;
  }
}
