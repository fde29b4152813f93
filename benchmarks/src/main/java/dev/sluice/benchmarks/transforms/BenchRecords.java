package dev.sluice.benchmarks.transforms;

import dev.sluice.event.Envelope;
import dev.sluice.event.Envelope.Operation;
import dev.sluice.event.SourceInfo;
import java.math.BigDecimal;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * The records every transforms benchmark feeds to Sluice's SMT and to its anchor: an orders table
 * of 12 columns, as Debezium-shaped change events (Debezium's MySQL source block, no seq), as
 * Sluice events, and as plain rows (what an unwrap leaves). Schemas are built once, as a source
 * connector builds them once per table; every record is built once, before measuring, and never
 * modified (the transforms copy).
 */
final class BenchRecords {

  static final String TOPIC = "shop.inventory.orders";

  static final Schema ROW =
      SchemaBuilder.struct()
          .name("shop.inventory.orders.Value")
          .optional()
          .field("id", Schema.INT64_SCHEMA)
          .field("customer_id", Schema.INT64_SCHEMA)
          .field("email", Schema.OPTIONAL_STRING_SCHEMA)
          .field("phone", Schema.OPTIONAL_STRING_SCHEMA)
          .field("name", Schema.STRING_SCHEMA)
          .field("status", Schema.STRING_SCHEMA)
          .field("price", Decimal.builder(2).optional().build())
          .field("qty", Schema.INT32_SCHEMA)
          .field("created", Timestamp.builder().optional().build())
          .field("updated", SchemaBuilder.int64().name("io.debezium.time.Timestamp").optional().build())
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .field("gift", Schema.OPTIONAL_BOOLEAN_SCHEMA)
          .build();

  static final Schema KEY =
      SchemaBuilder.struct().name("shop.inventory.orders.Key").field("id", Schema.INT64_SCHEMA).build();

  static final Schema DEBEZIUM_SOURCE =
      SchemaBuilder.struct()
          .name("io.debezium.connector.mysql.Source")
          .field("version", Schema.STRING_SCHEMA)
          .field("connector", Schema.STRING_SCHEMA)
          .field("name", Schema.STRING_SCHEMA)
          .field("ts_ms", Schema.INT64_SCHEMA)
          .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA)
          .field("db", Schema.STRING_SCHEMA)
          .field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
          .field("table", Schema.OPTIONAL_STRING_SCHEMA)
          .field("server_id", Schema.INT64_SCHEMA)
          .field("gtid", Schema.OPTIONAL_STRING_SCHEMA)
          .field("file", Schema.STRING_SCHEMA)
          .field("pos", Schema.INT64_SCHEMA)
          .field("row", Schema.INT32_SCHEMA)
          .field("thread", Schema.OPTIONAL_INT64_SCHEMA)
          .field("query", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  static final Envelope DEBEZIUM_ENVELOPE =
      Envelope.builder()
          .schemaName("shop.inventory.orders.Envelope")
          .rowSchema(ROW)
          .sourceSchema(DEBEZIUM_SOURCE)
          .build();

  static final Envelope SLUICE_ENVELOPE =
      Envelope.builder().schemaName(Envelope.schemaName("shop", "inventory", "orders")).rowSchema(ROW).build();

  static final Schema OUTBOX_ROW =
      SchemaBuilder.struct()
          .name("shop.inventory.outbox.Value")
          .optional()
          .field("id", Schema.STRING_SCHEMA)
          .field("aggregatetype", Schema.STRING_SCHEMA)
          .field("aggregateid", Schema.STRING_SCHEMA)
          .field("type", Schema.STRING_SCHEMA)
          .field("payload", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  static final Envelope OUTBOX_ENVELOPE =
      Envelope.builder()
          .schemaName("shop.inventory.outbox.Envelope")
          .rowSchema(OUTBOX_ROW)
          .sourceSchema(DEBEZIUM_SOURCE)
          .build();

  /** Operations in the order the benchmarks cycle through: mostly updates, some inserts and deletes. */
  static final Operation[] MIX = {
    Operation.UPDATE, Operation.UPDATE, Operation.CREATE, Operation.UPDATE, Operation.DELETE,
    Operation.UPDATE, Operation.UPDATE, Operation.CREATE
  };

  private BenchRecords() {}

  static Struct row(long id) {
    return new Struct(ROW)
        .put("id", id)
        .put("customer_id", 1000 + id % 97)
        .put("email", "customer" + id + "@example.com")
        .put("phone", "+49 30 " + (1_000_000 + id))
        .put("name", "Customer " + id)
        .put("status", id % 3 == 0 ? "shipped" : "open")
        .put("price", new BigDecimal(id % 1000 + ".25"))
        .put("qty", (int) (id % 7) + 1)
        .put("created", new Date(1_700_000_000_000L + id * 1000))
        .put("updated", 1_700_000_500_000L + id * 1000)
        .put("note", id % 2 == 0 ? null : "leave at the door")
        .put("gift", id % 5 == 0);
  }

  static SinkRecord debezium(Operation op, long id) {
    Struct source = new Struct(DEBEZIUM_SOURCE)
        .put("version", "3.3.1.Final").put("connector", "mysql").put("name", "shop")
        .put("ts_ms", 1_700_000_000_000L + id).put("db", "inventory").put("table", "orders")
        .put("server_id", 1L).put("file", "binlog.000003").put("pos", 4L + id).put("row", 0);
    return event(DEBEZIUM_ENVELOPE, op, id, source);
  }

  static SinkRecord sluice(Operation op, long id) {
    Struct source = SourceInfo.builder().version("0.1.0").connector("mysql").name("shop")
        .tsMs(1_700_000_000_000L + id).db("inventory").table("orders").serverId(1)
        .file("binlog.000003").pos(4 + id).seq(id).build().toStruct();
    return event(SLUICE_ENVELOPE, op, id, source);
  }

  private static SinkRecord event(Envelope envelope, Operation op, long id, Struct source) {
    Struct before = op == Operation.UPDATE || op == Operation.DELETE ? row(id) : null;
    Struct after = op == Operation.DELETE ? null : row(id);
    Struct value = envelope.value(op, before, after, source, 1_700_000_000_100L + id, null);
    return record(value.schema(), value, id);
  }

  static SinkRecord plain(long id) {
    return record(ROW, row(id), id);
  }

  private static SinkRecord record(Schema valueSchema, Object value, long id) {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("__db", "inventory");
    headers.addString("__table", "orders");
    return new SinkRecord(TOPIC, (int) (id % 3), KEY, new Struct(KEY).put("id", id), valueSchema,
        value, id, 1_700_000_000_000L + id, TimestampType.CREATE_TIME, headers);
  }

  /** {@code n} Debezium-shaped events cycling through {@link #MIX}. */
  static SinkRecord[] debeziumEvents(int n) {
    SinkRecord[] records = new SinkRecord[n];
    for (int i = 0; i < n; i++) {
      records[i] = debezium(MIX[i % MIX.length], i);
    }
    return records;
  }

  /** {@code n} Sluice events cycling through {@link #MIX}. */
  static SinkRecord[] sluiceEvents(int n) {
    SinkRecord[] records = new SinkRecord[n];
    for (int i = 0; i < n; i++) {
      records[i] = sluice(MIX[i % MIX.length], i);
    }
    return records;
  }

  /**
   * {@code n} Debezium-shaped inserts into an outbox table, three aggregate types, as source
   * records: the outbox router runs on the source side (Debezium's EventRouter emits a null
   * partition, which a SinkRecord cannot take).
   */
  static SourceRecord[] outboxInserts(int n) {
    String[] types = {"order", "customer", "shipment"};
    SourceRecord[] records = new SourceRecord[n];
    for (int i = 0; i < n; i++) {
      Struct source = new Struct(DEBEZIUM_SOURCE)
          .put("version", "3.3.1.Final").put("connector", "mysql").put("name", "shop")
          .put("ts_ms", 1_700_000_000_000L + i).put("db", "inventory").put("table", "outbox")
          .put("server_id", 1L).put("file", "binlog.000003").put("pos", 4L + i).put("row", 0);
      Struct row = new Struct(OUTBOX_ROW)
          .put("id", "evt-" + i)
          .put("aggregatetype", types[i % types.length])
          .put("aggregateid", "agg-" + (i % 50))
          .put("type", "Changed")
          .put("payload", "{\"id\":" + i + ",\"total\":\"12.50\"}");
      Struct value = OUTBOX_ENVELOPE.create(row, source, 1_700_000_000_100L + i);
      records[i] = new SourceRecord(Map.of("server", "shop"), Map.of("pos", (long) i),
          "shop.inventory.outbox", null, KEY, new Struct(KEY).put("id", (long) i), value.schema(),
          value, 1_700_000_000_000L + i);
    }
    return records;
  }

  /** {@code n} plain rows. */
  static SinkRecord[] plainRows(int n) {
    SinkRecord[] records = new SinkRecord[n];
    for (int i = 0; i < n; i++) {
      records[i] = plain(i);
    }
    return records;
  }

  static <T extends Transformation<SinkRecord>> T configured(T transformation, Map<String, ?> config) {
    transformation.configure(config);
    return transformation;
  }

  static <T extends Transformation<SourceRecord>> T configuredSource(
      T transformation, Map<String, ?> config) {
    transformation.configure(config);
    return transformation;
  }
}
