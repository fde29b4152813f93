package dev.sluice.benchmarks.converters;

import dev.sluice.event.Envelope;
import dev.sluice.event.SourceInfo;
import java.math.BigDecimal;
import java.util.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * A CDC-shaped record: a Sluice update event (before and after) of a 20-column row with the mix
 * of types a typical MySQL table has, plus the source block.
 */
public final class CdcRecords {
  private CdcRecords() {}

  /** The row schema: 20 columns. */
  public static final Schema ROW = SchemaBuilder.struct().name("bench.shop.orders.Value").optional()
      .field("id", Schema.INT64_SCHEMA)
      .field("customer_id", Schema.INT32_SCHEMA)
      .field("quantity", Schema.INT16_SCHEMA)
      .field("priority", Schema.INT8_SCHEMA)
      .field("price", Decimal.builder(2).parameter("connect.decimal.precision", "10").build())
      .field("total", Decimal.builder(4).parameter("connect.decimal.precision", "18").optional().build())
      .field("weight", Schema.OPTIONAL_FLOAT64_SCHEMA)
      .field("rating", Schema.OPTIONAL_FLOAT32_SCHEMA)
      .field("paid", Schema.BOOLEAN_SCHEMA)
      .field("status", SchemaBuilder.string().name("io.debezium.data.Enum").version(1).parameter("allowed", "new,paid,shipped,cancelled").build())
      .field("sku", Schema.STRING_SCHEMA)
      .field("customer_name", Schema.OPTIONAL_STRING_SCHEMA)
      .field("notes", Schema.OPTIONAL_STRING_SCHEMA)
      .field("country", Schema.OPTIONAL_STRING_SCHEMA)
      .field("created_at", Timestamp.builder().build())
      .field("updated_at", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1).optional().build())
      .field("ship_date", org.apache.kafka.connect.data.Date.builder().optional().build())
      .field("cutoff", Time.builder().optional().build())
      .field("attributes", SchemaBuilder.string().name("io.debezium.data.Json").version(1).optional().build())
      .field("checksum", Schema.OPTIONAL_BYTES_SCHEMA)
      .build();

  /** The event envelope; the same schema instance for every record, as the source connector emits them. */
  public static final Envelope ENVELOPE = Envelope.builder().schemaName("bench.shop.orders.Envelope").rowSchema(ROW).build();

  private static Struct row(long id, String status) {
    return new Struct(ROW)
        .put("id", id)
        .put("customer_id", 48_213)
        .put("quantity", (short) 3)
        .put("priority", (byte) 2)
        .put("price", new BigDecimal("199.99"))
        .put("total", new BigDecimal("599.9700"))
        .put("weight", 1.25)
        .put("rating", 4.5f)
        .put("paid", "paid".equals(status))
        .put("status", status)
        .put("sku", "SKU-2025-000123")
        .put("customer_name", "Jörg Müller-Lüdenscheidt")
        .put("notes", "Leave the parcel at the back door, next to the blue bin. Call before delivery if possible.")
        .put("country", "DE")
        .put("created_at", new Date(1_731_000_000_000L))
        .put("updated_at", 1_731_000_123_456_789L)
        .put("ship_date", new Date(20_100L * 86_400_000L))
        .put("cutoff", new Date(61_200_000L))
        .put("attributes", "{\"gift\":true,\"wrap\":\"red\"}")
        .put("checksum", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
  }

  /** An update event: before and after rows, source block with seq. */
  public static Struct updateEvent(long id) {
    Struct source = SourceInfo.builder().version("0.1.0").connector("mariadb").name("bench").tsMs(1_731_000_123_000L)
        .db("shop").table("orders").serverId(1).gtid("0-1-" + (1000 + id)).file("binlog.000042").pos(1_234_567L + id)
        .row(0).thread(77L).seq(9_000_000L + id).build().toStruct();
    return ENVELOPE.update(row(id, "new"), row(id, "paid"), source, 1_731_000_123_500L);
  }
}
