package dev.sluice.benchmarks.sink;

import dev.sluice.event.Envelope;
import dev.sluice.event.SourceInfo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The records both sinks consume: Sluice change events of one table (Debezium-compatible, so the
 * official sink's Debezium MySQL handler reads them too), ten columns of mixed types, inserts the
 * first time a key comes up and updates after that, on one topic partition in offset order.
 *
 * <ul>
 *   <li>uniform: every change picks its key uniformly among all keys;
 *   <li>skewed: 90 % of changes go to 10 % of the keys (a hot set), the rest uniformly to all.
 * </ul>
 */
final class SinkWorkload {
  static final String TOPIC = "bench.shop.orders";

  private static final Schema ROW = SchemaBuilder.struct().name("bench.shop.orders.Value").optional()
      .field("id", Schema.INT64_SCHEMA)
      .field("customer_id", Schema.INT32_SCHEMA)
      .field("status", Schema.STRING_SCHEMA)
      .field("total", Decimal.builder(2).build())
      .field("discount", Decimal.builder(2).optional().build())
      .field("currency", Schema.STRING_SCHEMA)
      .field("items", Schema.INT16_SCHEMA)
      .field("note", Schema.OPTIONAL_STRING_SCHEMA)
      .field("placed", Timestamp.builder().build())
      .field("updated", Timestamp.builder().optional().build())
      .build();
  private static final Schema KEY = SchemaBuilder.struct().name("bench.shop.orders.Key").field("id", Schema.INT64_SCHEMA).build();
  private static final Envelope ENVELOPE = Envelope.builder().schemaName(Envelope.schemaName("bench", "shop", "orders")).rowSchema(ROW).build();

  /** Key choice. */
  enum Shape {
    /** Keys uniformly at random. */
    UNIFORM,
    /** 10 % of the keys get 90 % of the changes. */
    SKEWED
  }

  private SinkWorkload() {}

  /** The records, in batches of {@code batchSize} as a worker would hand them to put(). */
  static List<List<SinkRecord>> generate(Shape shape, int changes, int keys, int batchSize, long seed) {
    Random random = new Random(seed);
    Map<Long, Struct> rows = new HashMap<>();
    List<List<SinkRecord>> batches = new ArrayList<>();
    List<SinkRecord> batch = new ArrayList<>(batchSize);
    int hot = Math.max(1, keys / 10);
    for (int i = 0; i < changes; i++) {
      long key = shape == Shape.SKEWED && random.nextInt(10) < 9 ? 1 + random.nextInt(hot) : 1 + random.nextInt(keys);
      Struct before = rows.get(key);
      Struct after = row(key, random, before);
      rows.put(key, after);
      long seq = i + 1L;
      Struct source = SourceInfo.builder().version("bench").connector("mariadb").name("bench").tsMs(1_700_000_000_000L + i)
          .db("shop").table("orders").serverId(1).file("binlog.000001").pos(4 + i).row(0).seq(seq).build().toStruct();
      Struct value = before == null ? ENVELOPE.create(after, source, 1_700_000_000_000L + i)
          : ENVELOPE.update(before, after, source, 1_700_000_000_000L + i);
      batch.add(new SinkRecord(TOPIC, 0, KEY, new Struct(KEY).put("id", key), ENVELOPE.schema(), value, i, 1_700_000_000_000L + i, null));
      if (batch.size() == batchSize) {
        batches.add(batch);
        batch = new ArrayList<>(batchSize);
      }
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    return batches;
  }

  /** How many distinct keys the records touch. */
  static long distinctKeys(List<List<SinkRecord>> batches) {
    return batches.stream().flatMap(List::stream).map(r -> ((Struct) r.key()).getInt64("id")).distinct().count();
  }

  private static Struct row(long id, Random random, Struct before) {
    return new Struct(ROW)
        .put("id", id)
        .put("customer_id", before == null ? random.nextInt(100_000) : before.getInt32("customer_id"))
        .put("status", random.nextBoolean() ? "paid" : "shipped")
        .put("total", BigDecimal.valueOf(random.nextInt(10_000_000), 2))
        .put("discount", random.nextInt(4) == 0 ? null : BigDecimal.valueOf(random.nextInt(1_000), 2))
        .put("currency", "EUR")
        .put("items", (short) (1 + random.nextInt(20)))
        .put("note", random.nextInt(3) == 0 ? null : "note " + random.nextInt(1000))
        .put("placed", before == null ? new Date(1_700_000_000_000L + random.nextInt(1_000_000)) : before.get("placed"))
        .put("updated", new Date(1_700_000_000_000L + random.nextInt(1_000_000_000)));
  }
}
