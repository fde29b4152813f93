package dev.sluice.sink.mongo.testsupport;

import dev.sluice.event.Envelope;
import dev.sluice.event.SourceInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One source table's change events as Sluice writes them (Envelope + SourceInfo with seq), or as
 * Debezium does (no seq), with a key Struct of the primary-key columns named {@code <prefix>.<db>.<table>.Key}.
 */
public final class TestTable {
  /** A Debezium MySQL source block: no seq. */
  public static final Schema DEBEZIUM_SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mysql.Source")
      .field("version", Schema.STRING_SCHEMA).field("connector", Schema.STRING_SCHEMA).field("name", Schema.STRING_SCHEMA)
      .field("ts_ms", Schema.INT64_SCHEMA).field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).field("db", Schema.STRING_SCHEMA)
      .field("table", Schema.OPTIONAL_STRING_SCHEMA).field("server_id", Schema.INT64_SCHEMA).field("file", Schema.STRING_SCHEMA)
      .field("pos", Schema.INT64_SCHEMA).field("row", Schema.INT32_SCHEMA).build();

  private final String topic;
  private final String db;
  private final String table;
  private final Schema rowSchema;
  private final Schema keySchema;
  private final Envelope envelope;
  private final Envelope debeziumEnvelope;
  private int partition;

  /**
   * A table.
   *
   * @param topic its topic
   * @param rowSchema an optional struct schema of its columns
   * @param keyColumns its primary-key columns
   */
  public TestTable(String topic, String db, String table, Schema rowSchema, List<String> keyColumns) {
    this.topic = topic;
    this.db = db;
    this.table = table;
    this.rowSchema = rowSchema;
    SchemaBuilder key = SchemaBuilder.struct().name("shop." + db + "." + table + ".Key");
    for (String column : keyColumns) {
      Field f = rowSchema.field(column);
      key.field(column, f.schema().isOptional() ? required(f.schema()) : f.schema());
    }
    this.keySchema = key.build();
    this.envelope = Envelope.builder().schemaName(Envelope.schemaName("shop", db, table)).rowSchema(rowSchema).build();
    this.debeziumEnvelope = Envelope.builder().schemaName("dbz." + db + "." + table + ".Envelope").rowSchema(rowSchema)
        .sourceSchema(DEBEZIUM_SOURCE).build();
  }

  private static Schema required(Schema optional) {
    SchemaBuilder b = new SchemaBuilder(optional.type());
    if (optional.name() != null) {
      b.name(optional.name());
    }
    if (optional.parameters() != null) {
      b.parameters(optional.parameters());
    }
    return b.build();
  }

  /** This table's records on another partition. */
  public TestTable onPartition(int value) {
    this.partition = value;
    return this;
  }

  public String topic() {
    return topic;
  }

  public Schema rowSchema() {
    return rowSchema;
  }

  public Schema keySchema() {
    return keySchema;
  }

  /** A row from alternating column names and values. */
  public Struct row(Object... namesAndValues) {
    Struct row = new Struct(rowSchema);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      row.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return row;
  }

  /** The key of a row. */
  public Struct key(Struct row) {
    Struct key = new Struct(keySchema);
    for (Field f : keySchema.fields()) {
      key.put(f.name(), row.get(f.name()));
    }
    return key;
  }

  private Struct source(long seq, long tsMs) {
    return SourceInfo.builder().connector("mariadb").name("shop").tsMs(tsMs).db(db).table(table).serverId(1)
        .file("binlog.000001").pos(4 + seq).row(0).seq(seq).build().toStruct();
  }

  private Struct debeziumSource(long tsMs) {
    return new Struct(DEBEZIUM_SOURCE).put("version", "3.3.1.Final").put("connector", "mysql").put("name", "dbz")
        .put("ts_ms", tsMs).put("db", db).put("table", table).put("server_id", 1L).put("file", "binlog.000001")
        .put("pos", 4L).put("row", 0);
  }

  /** An insert event. */
  public SinkRecord insert(long offset, long seq, Struct after) {
    return record(offset, key(after), envelope.create(after, source(seq, 1_700_000_000_000L + seq), 0L));
  }

  /** A snapshot read event. */
  public SinkRecord read(long offset, long seq, Struct after) {
    return record(offset, key(after), envelope.read(after, source(seq, 1_700_000_000_000L + seq), 0L));
  }

  /** An update event. */
  public SinkRecord update(long offset, long seq, Struct before, Struct after) {
    return record(offset, key(after), envelope.update(before, after, source(seq, 1_700_000_000_000L + seq), 0L));
  }

  /** A delete event. */
  public SinkRecord delete(long offset, long seq, Struct before) {
    return record(offset, key(before), envelope.delete(before, source(seq, 1_700_000_000_000L + seq), 0L));
  }

  /** The tombstone after a delete. */
  public SinkRecord tombstone(long offset, Struct before) {
    return new SinkRecord(topic, partition, keySchema, key(before), null, null, offset, 1_700_000_000_000L, null);
  }

  /** A truncate event. */
  public SinkRecord truncate(long offset, long seq) {
    return new SinkRecord(topic, partition, null, null, envelope.schema(), envelope.truncate(source(seq, 1L), 0L), offset);
  }

  /** A Debezium insert (no seq). */
  public SinkRecord debeziumInsert(long offset, Struct after) {
    return record(offset, key(after), debeziumEnvelope.create(after, debeziumSource(1_700_000_000_000L), 0L));
  }

  /** A Debezium update (no seq). */
  public SinkRecord debeziumUpdate(long offset, Struct before, Struct after) {
    return record(offset, key(after), debeziumEnvelope.update(before, after, debeziumSource(1_700_000_000_000L), 0L));
  }

  /** A Debezium delete (no seq). */
  public SinkRecord debeziumDelete(long offset, Struct before) {
    return record(offset, key(before), debeziumEnvelope.delete(before, debeziumSource(1_700_000_000_000L), 0L));
  }

  /** A plain (unwrapped) row record. */
  public SinkRecord plain(long offset, Struct row) {
    return new SinkRecord(topic, partition, keySchema, key(row), rowSchema, row, offset, 1_700_000_000_000L, null);
  }

  /** A plain tombstone without a key schema name hint (as unwrapped topics often have). */
  public SinkRecord plainTombstone(long offset, Object key) {
    return new SinkRecord(topic, partition, null, key, null, null, offset, 1_700_000_000_000L, null);
  }

  private SinkRecord record(long offset, Struct key, Struct value) {
    return new SinkRecord(topic, partition, keySchema, key, envelope(value).schema(), value, offset, 1_700_000_000_000L, null);
  }

  private Envelope envelope(Struct value) {
    return value.schema() == envelope.schema() ? envelope : debeziumEnvelope;
  }

  /** Schemaless form of a Struct (what JsonConverter with schemas.enable=false gives). */
  public static Object schemaless(Object value) {
    if (value instanceof Struct s) {
      Map<String, Object> map = new java.util.LinkedHashMap<>();
      for (Field f : s.schema().fields()) {
        map.put(f.name(), schemaless(s.get(f)));
      }
      return map;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(e -> out.add(schemaless(e)));
      return out;
    }
    return value;
  }
}
