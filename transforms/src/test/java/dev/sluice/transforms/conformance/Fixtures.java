package dev.sluice.transforms.conformance;

import dev.sluice.event.Envelope;
import dev.sluice.event.Envelope.Operation;
import dev.sluice.event.SourceInfo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The record shapes every transformation and predicate must survive. Each factory builds a new,
 * equal record (with new nested Structs, Maps, Lists and headers) on every call, so the suite can
 * compare an input after the plugin ran with a pristine copy. Schemas are shared constants, as a
 * source connector would hand them out.
 */
public final class Fixtures {

  /** The topic of every fixture: Sluice's {@code <server>.<db>.<table>} naming. */
  public static final String TOPIC = "shop.inventory.orders";

  static final Schema ADDRESS_SCHEMA =
      SchemaBuilder.struct()
          .name("shop.inventory.orders.Address")
          .optional()
          .field("city", Schema.OPTIONAL_STRING_SCHEMA)
          .field("zip", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  static final Schema LINE_SCHEMA =
      SchemaBuilder.struct()
          .name("shop.inventory.orders.Line")
          .field("sku", Schema.STRING_SCHEMA)
          .field("qty", Schema.INT32_SCHEMA)
          .build();

  /** Row schema with nested structs, arrays of primitives and of structs, logical types. */
  public static final Schema ROW_SCHEMA =
      SchemaBuilder.struct()
          .name("shop.inventory.orders.Value")
          .optional()
          .field("id", Schema.INT32_SCHEMA)
          .field("email", Schema.OPTIONAL_STRING_SCHEMA)
          .field("name", Schema.STRING_SCHEMA)
          .field("price", Decimal.builder(2).optional().build())
          .field("created", Timestamp.builder().optional().build())
          .field("updated_ms", Schema.OPTIONAL_INT64_SCHEMA)
          .field("status", Schema.OPTIONAL_STRING_SCHEMA)
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .field("address", ADDRESS_SCHEMA)
          .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
          .field("lines", SchemaBuilder.array(LINE_SCHEMA).optional().build())
          .build();

  /** The key: the primary key column. */
  public static final Schema KEY_SCHEMA =
      SchemaBuilder.struct().name("shop.inventory.orders.Key").field("id", Schema.INT32_SCHEMA).build();

  /** Debezium's MySQL source block: no seq. */
  public static final Schema DEBEZIUM_SOURCE_SCHEMA =
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

  /** Sluice's envelope of the orders table. */
  public static final Envelope SLUICE =
      Envelope.builder()
          .schemaName(Envelope.schemaName("shop", "inventory", "orders"))
          .rowSchema(ROW_SCHEMA)
          .build();

  /** Debezium's envelope of the same table. */
  public static final Envelope DEBEZIUM =
      Envelope.builder()
          .schemaName("dbserver1.inventory.orders.Envelope")
          .rowSchema(ROW_SCHEMA)
          .sourceSchema(DEBEZIUM_SOURCE_SCHEMA)
          .build();

  /** An outbox table row. */
  public static final Schema OUTBOX_ROW_SCHEMA =
      SchemaBuilder.struct()
          .name("shop.inventory.outbox.Value")
          .optional()
          .field("id", Schema.STRING_SCHEMA)
          .field("aggregatetype", Schema.STRING_SCHEMA)
          .field("aggregateid", Schema.STRING_SCHEMA)
          .field("type", Schema.STRING_SCHEMA)
          .field("payload", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  /** The outbox table's key. */
  public static final Schema OUTBOX_KEY_SCHEMA =
      SchemaBuilder.struct().name("shop.inventory.outbox.Key").field("id", Schema.STRING_SCHEMA).build();

  /** Sluice's envelope of the outbox table. */
  public static final Envelope OUTBOX =
      Envelope.builder()
          .schemaName(Envelope.schemaName("shop", "inventory", "outbox"))
          .rowSchema(OUTBOX_ROW_SCHEMA)
          .build();

  /**
   * A named factory.
   *
   * @param name what the record is
   * @param factory builds a fresh, equal record per call
   */
  public record Fixture(String name, Supplier<SinkRecord> factory) {
    @Override
    public String toString() {
      return name;
    }
  }

  private Fixtures() {}

  /** Every fixture. */
  public static List<Fixture> all() {
    List<Fixture> all = new ArrayList<>();
    for (Operation op : Operation.values()) {
      all.add(new Fixture("sluice struct " + op, () -> sluice(op)));
    }
    all.add(new Fixture("debezium struct UPDATE", () -> debezium(Operation.UPDATE)));
    all.add(new Fixture("debezium struct DELETE", () -> debezium(Operation.DELETE)));
    all.add(new Fixture("sluice map UPDATE", () -> schemalessEvent(Operation.UPDATE, true)));
    all.add(new Fixture("debezium map DELETE", () -> schemalessEvent(Operation.DELETE, false)));
    all.add(new Fixture("tombstone", Fixtures::tombstone));
    all.add(new Fixture("null key", () -> withKey(sluice(Operation.CREATE), null, null)));
    all.add(new Fixture("null key and null value", () -> record(null, null, null, null)));
    all.add(new Fixture("nested struct row", () -> record(KEY_SCHEMA, key(), ROW_SCHEMA, row(1))));
    all.add(new Fixture("optional fields all null", Fixtures::sparse));
    all.add(new Fixture("schemaless map row", () -> record(null, Map.of("id", 1), null, rowMap(1))));
    all.add(new Fixture("string key and value", () -> record(Schema.STRING_SCHEMA, "k1", Schema.STRING_SCHEMA, "hello")));
    all.add(new Fixture("outbox insert", Fixtures::outboxInsert));
    return all;
  }

  /** A Sluice event with schema. */
  public static SinkRecord sluice(Operation op) {
    Struct value = SLUICE.value(op, before(op), after(op), sluiceSource(), 5L, null);
    return record(KEY_SCHEMA, key(), value.schema(), value);
  }

  /** A Debezium event with schema: no seq. */
  public static SinkRecord debezium(Operation op) {
    Struct source =
        new Struct(DEBEZIUM_SOURCE_SCHEMA)
            .put("version", "3.3.1.Final")
            .put("connector", "mysql")
            .put("name", "dbserver1")
            .put("ts_ms", 1_700_000_000_000L)
            .put("db", "inventory")
            .put("table", "orders")
            .put("server_id", 223344L)
            .put("file", "mysql-bin.000003")
            .put("pos", 154L)
            .put("row", 0);
    Struct value = DEBEZIUM.value(op, before(op), after(op), source, 5L, null);
    return record(KEY_SCHEMA, key(), value.schema(), value);
  }

  /** A schemaless event, as JsonConverter with schemas.enable=false delivers it. */
  public static SinkRecord schemalessEvent(Operation op, boolean withSeq) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("version", "0.1.0");
    source.put("connector", "mysql");
    source.put("name", "shop");
    source.put("ts_ms", 1_700_000_000_000L);
    source.put("db", "inventory");
    source.put("table", "orders");
    if (withSeq) {
      source.put("seq", 42L);
    }
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("before", before(op) == null ? null : rowMap(1));
    value.put("after", after(op) == null ? null : rowMap(1));
    value.put("source", source);
    value.put("op", op.code());
    value.put("ts_ms", 5L);
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("id", 1);
    return record(null, key, null, value);
  }

  /** The tombstone after a delete. */
  public static SinkRecord tombstone() {
    return record(KEY_SCHEMA, key(), null, null);
  }

  /** An insert into the outbox table. */
  public static SinkRecord outboxInsert() {
    Struct row =
        new Struct(OUTBOX_ROW_SCHEMA)
            .put("id", "e-1")
            .put("aggregatetype", "order")
            .put("aggregateid", "o-17")
            .put("type", "OrderCreated")
            .put("payload", "{\"id\":17}");
    SourceInfo source = sluiceSourceInfo().toBuilder().table("outbox").build();
    Struct value = OUTBOX.create(row, source.toStruct(), 5L);
    return new SinkRecord(
        "shop.inventory.outbox", 0, OUTBOX_KEY_SCHEMA, new Struct(OUTBOX_KEY_SCHEMA).put("id", "e-1"),
        value.schema(), value, 7L, 1_700_000_000_500L, TimestampType.CREATE_TIME, headers());
  }

  /** A full row. */
  public static Struct row(int id) {
    List<Struct> lines = new ArrayList<>();
    lines.add(new Struct(LINE_SCHEMA).put("sku", "SKU-1").put("qty", 2));
    lines.add(new Struct(LINE_SCHEMA).put("sku", "SKU-22").put("qty", 1));
    return new Struct(ROW_SCHEMA)
        .put("id", id)
        .put("email", "ada@example.com")
        .put("name", "Ada Lovelace")
        .put("price", new BigDecimal("12.35"))
        .put("created", new Date(1_700_000_000_000L))
        .put("updated_ms", 1_700_000_360_000L)
        .put("status", "shipped")
        .put("note", null)
        .put("address", new Struct(ADDRESS_SCHEMA).put("city", "Berlin").put("zip", "10115"))
        .put("tags", new ArrayList<>(List.of("vip", "newsletter")))
        .put("lines", lines);
  }

  /** The same row, schemaless. */
  public static Map<String, Object> rowMap(int id) {
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("city", "Berlin");
    address.put("zip", "10115");
    List<Object> lines = new ArrayList<>();
    lines.add(new LinkedHashMap<>(Map.of("sku", "SKU-1", "qty", 2)));
    lines.add(new LinkedHashMap<>(Map.of("sku", "SKU-22", "qty", 1)));
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("email", "ada@example.com");
    row.put("name", "Ada Lovelace");
    row.put("price", 12.35);
    row.put("created", 1_700_000_000_000L);
    row.put("updated_ms", 1_700_000_360_000L);
    row.put("status", "shipped");
    row.put("note", null);
    row.put("address", address);
    row.put("tags", new ArrayList<>(List.of("vip", "newsletter")));
    row.put("lines", lines);
    return row;
  }

  private static SinkRecord sparse() {
    Struct row = new Struct(ROW_SCHEMA).put("id", 2).put("name", "Nobody");
    Struct value = SLUICE.update(row, row, sluiceSource(), 5L);
    return record(KEY_SCHEMA, new Struct(KEY_SCHEMA).put("id", 2), value.schema(), value);
  }

  private static Struct before(Operation op) {
    return op == Operation.UPDATE || op == Operation.DELETE ? row(1) : null;
  }

  private static Struct after(Operation op) {
    return op == Operation.CREATE || op == Operation.UPDATE || op == Operation.READ ? row(1) : null;
  }

  private static SourceInfo sluiceSourceInfo() {
    return SourceInfo.builder()
        .version("0.1.0")
        .connector("mysql")
        .name("shop")
        .tsMs(1_700_000_000_000L)
        .db("inventory")
        .table("orders")
        .serverId(1)
        .file("binlog.000001")
        .pos(100)
        .seq(42)
        .build();
  }

  private static Struct sluiceSource() {
    return sluiceSourceInfo().toStruct();
  }

  /** The key of the fixtures' row. */
  public static Struct key() {
    return new Struct(KEY_SCHEMA).put("id", 1);
  }

  private static ConnectHeaders headers() {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("trace", "t-1");
    return headers;
  }

  /** A record on {@link #TOPIC} with a header, so header mutation would show. */
  public static SinkRecord record(Schema keySchema, Object key, Schema valueSchema, Object value) {
    return new SinkRecord(
        TOPIC, 0, keySchema, key, valueSchema, value, 7L, 1_700_000_000_500L,
        TimestampType.CREATE_TIME, headers());
  }

  private static SinkRecord withKey(SinkRecord record, Schema keySchema, Object key) {
    return new SinkRecord(
        record.topic(), record.kafkaPartition(), keySchema, key, record.valueSchema(),
        record.value(), record.kafkaOffset(), record.timestamp(), record.timestampType(),
        headers());
  }
}
