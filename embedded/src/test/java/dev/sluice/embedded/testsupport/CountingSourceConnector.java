package dev.sluice.embedded.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * A plain Kafka Connect source connector (not a Debezium one) for engine tests without a database:
 * it emits inserts of items 1..{@code counting.total} from where its stored offset says it stopped,
 * {@code counting.batch} per poll, then stays idle. Every task start records the offset it was given
 * under its {@code counting.run} name, so tests see where a restart resumed.
 */
public class CountingSourceConnector extends SourceConnector {
  /** Per run name: the seq each task start found in the offset store (0 for none). */
  public static final Map<String, List<Long>> STARTS = new ConcurrentHashMap<>();

  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return CountingTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of(props);
  }

  @Override
  public void stop() {
    props = null;
  }

  @Override
  public ConfigDef config() {
    return new ConfigDef()
        .define("counting.total", ConfigDef.Type.LONG, 100L, ConfigDef.Importance.HIGH, "items to emit")
        .define("counting.batch", ConfigDef.Type.INT, 10, ConfigDef.Importance.LOW, "items per poll")
        .define("counting.run", ConfigDef.Type.STRING, "default", ConfigDef.Importance.LOW, "name of the test run")
        .define("counting.poison", ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.LOW, "emit values no sink can write");
  }

  @Override
  public String version() {
    return "test";
  }

  /** The task. */
  public static class CountingTask extends SourceTask {
    private long next;
    private long total;
    private int batch;
    private boolean poison;

    @Override
    public String version() {
      return "test";
    }

    @Override
    public void start(Map<String, String> props) {
      Map<String, Object> offset = context.offsetStorageReader().offset(ItemEvents.PARTITION);
      long seq = offset == null ? 0L : ((Number) offset.get("seq")).longValue();
      STARTS.computeIfAbsent(props.getOrDefault("counting.run", "default"), k -> new CopyOnWriteArrayList<>()).add(seq);
      next = seq + 1;
      total = Long.parseLong(props.getOrDefault("counting.total", "100"));
      batch = Integer.parseInt(props.getOrDefault("counting.batch", "10"));
      poison = Boolean.parseBoolean(props.getOrDefault("counting.poison", "false"));
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
      if (next > total) {
        Thread.sleep(50);
        return null;
      }
      List<SourceRecord> records = new ArrayList<>();
      for (int i = 0; i < batch && next <= total; i++, next++) {
        records.add(poison ? ItemEvents.poison(next) : ItemEvents.insert(next, next, "item-" + next));
      }
      return records;
    }

    @Override
    public void stop() {
      // nothing to release
    }
  }
}
