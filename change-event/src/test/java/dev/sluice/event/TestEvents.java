package dev.sluice.event;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/** Event values in every shape the readers must handle. */
final class TestEvents {

  static final Schema ROW_SCHEMA =
      SchemaBuilder.struct()
          .name("shop.inventory.customers.Value")
          .optional()
          .field("id", Schema.INT32_SCHEMA)
          .field("email", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  static final Envelope ENVELOPE =
      Envelope.builder()
          .schemaName(Envelope.schemaName("shop", "inventory", "customers"))
          .rowSchema(ROW_SCHEMA)
          .build();

  /** Debezium 3.x MySQL source block: no seq. */
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

  static final Schema DEBEZIUM_VALUE_SCHEMA =
      SchemaBuilder.struct()
          .name("dbserver1.inventory.customers.Envelope")
          .field("before", ROW_SCHEMA)
          .field("after", ROW_SCHEMA)
          .field("source", DEBEZIUM_SOURCE_SCHEMA)
          .field("op", Schema.STRING_SCHEMA)
          .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
          .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
          .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
          .build();

  private TestEvents() {}

  static Struct row(int id, String email) {
    return new Struct(ROW_SCHEMA).put("id", id).put("email", email);
  }

  static SourceInfo source(long seq) {
    return SourceInfo.builder()
        .version("1.2.3")
        .connector("mysql")
        .name("shop")
        .tsMs(1_700_000_000_000L)
        .db("inventory")
        .table("customers")
        .serverId(1)
        .file("binlog.000003")
        .pos(4711)
        .row(0)
        .seq(seq)
        .build();
  }

  static Struct sluiceCreate(long seq) {
    return ENVELOPE.create(row(1, "a@example.com"), source(seq).toStruct(), 1_700_000_000_123L);
  }

  static Struct debeziumUpdate() {
    Struct source =
        new Struct(DEBEZIUM_SOURCE_SCHEMA)
            .put("version", "3.3.1.Final")
            .put("connector", "mysql")
            .put("name", "dbserver1")
            .put("ts_ms", 1_700_000_000_000L)
            .put("db", "inventory")
            .put("table", "customers")
            .put("server_id", 223344L)
            .put("file", "mysql-bin.000003")
            .put("pos", 154L)
            .put("row", 0);
    return new Struct(DEBEZIUM_VALUE_SCHEMA)
        .put("before", row(1, "a@example.com"))
        .put("after", row(1, "b@example.com"))
        .put("source", source)
        .put("op", "u");
  }

  /** What a schemaless JSON converter makes of a Sluice delete. */
  static Map<String, Object> sluiceDeleteMap(Object seq) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("version", "1.2.3");
    source.put("connector", "mysql");
    source.put("name", "shop");
    source.put("ts_ms", 1_700_000_000_000L);
    source.put("snapshot", null);
    source.put("db", "inventory");
    source.put("table", "customers");
    source.put("seq", seq);
    Map<String, Object> before = new HashMap<>();
    before.put("id", 1L);
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("before", before);
    value.put("after", null);
    value.put("source", source);
    value.put("op", "d");
    value.put("ts_ms", 1_700_000_000_123L);
    return value;
  }

  /** What a schemaless JSON converter makes of a Debezium truncate (no seq, no rows). */
  static Map<String, Object> debeziumTruncateMap() {
    Map<String, Object> value = sluiceDeleteMap(null);
    @SuppressWarnings("unchecked")
    Map<String, Object> source = (Map<String, Object>) value.get("source");
    source.remove("seq");
    value.put("before", null);
    value.put("op", "t");
    return value;
  }
}
