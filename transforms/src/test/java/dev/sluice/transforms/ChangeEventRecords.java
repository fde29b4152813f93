package dev.sluice.transforms;

import dev.sluice.event.Envelope;
import dev.sluice.event.Envelope.Operation;
import dev.sluice.event.SourceInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Records in every shape transforms and predicates meet. Each factory builds a fresh, equal record
 * on every call, so a test can compare a record it passed in with a new one to prove it unchanged.
 */
public final class ChangeEventRecords {

  public static final String TOPIC = "shop.inventory.customers";

  static final Schema KEY_SCHEMA =
      SchemaBuilder.struct()
          .name("shop.inventory.customers.Key")
          .field("id", Schema.INT32_SCHEMA)
          .build();

  static final Schema ROW_SCHEMA =
      SchemaBuilder.struct()
          .name("shop.inventory.customers.Value")
          .optional()
          .field("id", Schema.INT32_SCHEMA)
          .field("email", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  /** Debezium's MySQL source block: no seq. */
  static final Schema DEBEZIUM_SOURCE_SCHEMA =
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

  static final Envelope SLUICE_ENVELOPE =
      Envelope.builder()
          .schemaName(Envelope.schemaName("shop", "inventory", "customers"))
          .rowSchema(ROW_SCHEMA)
          .build();

  static final Envelope DEBEZIUM_ENVELOPE =
      Envelope.builder()
          .schemaName("dbserver1.inventory.customers.Envelope")
          .rowSchema(ROW_SCHEMA)
          .sourceSchema(DEBEZIUM_SOURCE_SCHEMA)
          .build();

  private ChangeEventRecords() {}

  /** A Sluice event with schema, from {@code db.table}. */
  public static SinkRecord sluiceStruct(Operation op, String db, String table) {
    SourceInfo source =
        SourceInfo.builder()
            .version("0.1.0")
            .connector("mysql")
            .name("shop")
            .tsMs(1_700_000_000_000L)
            .db(db)
            .table(table)
            .serverId(1)
            .file("binlog.000001")
            .pos(100)
            .seq(42)
            .build();
    Struct value = SLUICE_ENVELOPE.value(op, before(op), after(op), source.toStruct(), 5L, null);
    return record(KEY_SCHEMA, key(), value.schema(), value);
  }

  /** A Debezium event with schema (no seq), from {@code db.table}. */
  public static SinkRecord debeziumStruct(Operation op, String db, String table) {
    Struct source =
        new Struct(DEBEZIUM_SOURCE_SCHEMA)
            .put("version", "3.3.1.Final")
            .put("connector", "mysql")
            .put("name", "dbserver1")
            .put("ts_ms", 1_700_000_000_000L)
            .put("db", db)
            .put("table", table)
            .put("server_id", 223344L)
            .put("file", "mysql-bin.000003")
            .put("pos", 154L)
            .put("row", 0);
    Struct value = DEBEZIUM_ENVELOPE.value(op, before(op), after(op), source, 5L, null);
    return record(KEY_SCHEMA, key(), value.schema(), value);
  }

  /** A schemaless event, as a JSON converter with schemas.enable=false delivers it. */
  public static SinkRecord sluiceMap(Operation op, String db, String table) {
    return record(null, Map.of("id", 1L), null, eventMap(op, db, table, 42L));
  }

  /** A schemaless Debezium event: no seq in the source block. */
  public static SinkRecord debeziumMap(Operation op, String db, String table) {
    return record(null, Map.of("id", 1L), null, eventMap(op, db, table, null));
  }

  /** The tombstone that follows a delete. */
  public static SinkRecord tombstone() {
    return record(KEY_SCHEMA, key(), null, null);
  }

  /** A value that is not a change event: an unwrapped row. */
  public static SinkRecord plainStruct() {
    Struct row = new Struct(ROW_SCHEMA).put("id", 1).put("email", "a@example.com");
    return record(KEY_SCHEMA, key(), ROW_SCHEMA, row);
  }

  /** A schemaless value that looks a bit like an event but has no source block. */
  public static SinkRecord plainMap() {
    Map<String, Object> value = new HashMap<>();
    value.put("op", "c");
    value.put("db", "inventory");
    value.put("table", "customers");
    return record(null, null, null, value);
  }

  /** A change event of a table without primary key: null key. */
  public static SinkRecord nullKey(Operation op, String db, String table) {
    SinkRecord withKey = sluiceStruct(op, db, table);
    return withKey.newRecord(
        withKey.topic(), withKey.kafkaPartition(), null, null, withKey.valueSchema(),
        withKey.value(), withKey.timestamp());
  }

  /** One factory per record shape above, for properties that must hold for every shape. */
  public static List<Supplier<SinkRecord>> allShapes() {
    return List.of(
        () -> sluiceStruct(Operation.UPDATE, "inventory", "customers"),
        () -> debeziumStruct(Operation.DELETE, "inventory", "customers"),
        () -> sluiceMap(Operation.UPDATE, "inventory", "customers"),
        () -> debeziumMap(Operation.DELETE, "inventory", "customers"),
        () -> nullKey(Operation.UPDATE, "inventory", "customers"),
        ChangeEventRecords::tombstone,
        ChangeEventRecords::plainStruct,
        ChangeEventRecords::plainMap);
  }

  private static Struct key() {
    return new Struct(KEY_SCHEMA).put("id", 1);
  }

  private static Struct before(Operation op) {
    return op == Operation.UPDATE || op == Operation.DELETE
        ? new Struct(ROW_SCHEMA).put("id", 1).put("email", "old@example.com")
        : null;
  }

  private static Struct after(Operation op) {
    return op == Operation.CREATE || op == Operation.UPDATE || op == Operation.READ
        ? new Struct(ROW_SCHEMA).put("id", 1).put("email", "new@example.com")
        : null;
  }

  private static Map<String, Object> eventMap(Operation op, String db, String table, Long seq) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("version", "0.1.0");
    source.put("connector", "mysql");
    source.put("name", "shop");
    source.put("ts_ms", 1_700_000_000_000L);
    source.put("db", db);
    source.put("table", table);
    if (seq != null) {
      source.put("seq", seq);
    }
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("before", before(op) == null ? null : Map.of("id", 1L, "email", "old@example.com"));
    value.put("after", after(op) == null ? null : Map.of("id", 1L, "email", "new@example.com"));
    value.put("source", source);
    value.put("op", op.code());
    value.put("ts_ms", 5L);
    return value;
  }

  private static SinkRecord record(Schema keySchema, Object key, Schema valueSchema, Object value) {
    return new SinkRecord(
        TOPIC, 0, keySchema, key, valueSchema, value, 7L, 1_700_000_000_500L,
        TimestampType.CREATE_TIME);
  }
}
