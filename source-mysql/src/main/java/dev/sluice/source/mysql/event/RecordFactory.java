package dev.sluice.source.mysql.event;

import dev.sluice.event.SourceInfo;
import dev.sluice.event.TransactionInfo;
import dev.sluice.source.mysql.offset.SourceOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Builds every record the source emits — change events, tombstones, transaction BEGIN/END,
 * schema changes and heartbeats — with schemas built once here. The caller assigns seq and offset.
 */
public final class RecordFactory {
  public static final String TRANSACTION_KEY_SCHEMA_NAME = "dev.sluice.event.TransactionMetadataKey";
  public static final String TRANSACTION_VALUE_SCHEMA_NAME = "dev.sluice.event.TransactionMetadataValue";
  public static final String SCHEMA_CHANGE_KEY_SCHEMA_NAME = "dev.sluice.event.SchemaChangeKey";
  public static final String SCHEMA_CHANGE_VALUE_SCHEMA_NAME = "dev.sluice.event.SchemaChangeValue";
  public static final String HEARTBEAT_KEY_SCHEMA_NAME = "dev.sluice.event.ServerNameKey";
  public static final String HEARTBEAT_VALUE_SCHEMA_NAME = "dev.sluice.event.Heartbeat";

  static final Schema TX_KEY_SCHEMA = SchemaBuilder.struct().name(TRANSACTION_KEY_SCHEMA_NAME).version(1)
      .field("id", Schema.STRING_SCHEMA).build();
  static final Schema TX_COLLECTION_SCHEMA = SchemaBuilder.struct().name("dev.sluice.event.TransactionDataCollection").version(1)
      .field("data_collection", Schema.STRING_SCHEMA).field("event_count", Schema.INT64_SCHEMA).build();
  static final Schema TX_VALUE_SCHEMA = SchemaBuilder.struct().name(TRANSACTION_VALUE_SCHEMA_NAME).version(1)
      .field("status", Schema.STRING_SCHEMA)
      .field("id", Schema.STRING_SCHEMA)
      .field("event_count", Schema.OPTIONAL_INT64_SCHEMA)
      .field("data_collections", SchemaBuilder.array(TX_COLLECTION_SCHEMA).optional().build())
      .field("ts_ms", Schema.INT64_SCHEMA)
      .build();
  static final Schema SCHEMA_CHANGE_KEY = SchemaBuilder.struct().name(SCHEMA_CHANGE_KEY_SCHEMA_NAME).version(1)
      .field("databaseName", Schema.STRING_SCHEMA).build();
  static final Schema SCHEMA_CHANGE_VALUE = SchemaBuilder.struct().name(SCHEMA_CHANGE_VALUE_SCHEMA_NAME).version(1)
      .field("source", SourceInfo.SCHEMA)
      .field("ts_ms", Schema.INT64_SCHEMA)
      .field("databaseName", Schema.STRING_SCHEMA)
      .field("tableName", Schema.OPTIONAL_STRING_SCHEMA)
      .field("ddl", Schema.STRING_SCHEMA)
      .build();
  static final Schema HEARTBEAT_KEY = SchemaBuilder.struct().name(HEARTBEAT_KEY_SCHEMA_NAME).version(1)
      .field("serverName", Schema.STRING_SCHEMA).build();
  static final Schema HEARTBEAT_VALUE = SchemaBuilder.struct().name(HEARTBEAT_VALUE_SCHEMA_NAME).version(1)
      .field("ts_ms", Schema.INT64_SCHEMA).build();

  private final Map<String, ?> sourcePartition;
  private final String serverName;

  public RecordFactory(String serverName) {
    this.serverName = serverName;
    this.sourcePartition = sourcePartition(serverName);
  }

  /** The key of the connector's offsets: one logical server. */
  public static Map<String, String> sourcePartition(String serverName) {
    return Map.of("server", serverName);
  }

  public Map<String, ?> partition() {
    return sourcePartition;
  }

  public SourceRecord change(TableBinding table, SourceOffset offset, Struct key, Struct value, long timestamp) {
    Schema keySchema = table.schema().keySchema();
    return new SourceRecord(sourcePartition, offset.toMap(), table.topic(), null, keySchema, key,
        table.envelope().schema(), value, timestamp);
  }

  public SourceRecord tombstone(TableBinding table, SourceOffset offset, Struct key, long timestamp) {
    return new SourceRecord(sourcePartition, offset.toMap(), table.topic(), null, table.schema().keySchema(), key, null, null, timestamp);
  }

  public SourceRecord transactionBegin(String topic, SourceOffset offset, String id, long tsMs) {
    Struct value = new Struct(TX_VALUE_SCHEMA).put("status", "BEGIN").put("id", id).put("ts_ms", tsMs);
    return new SourceRecord(sourcePartition, offset.toMap(), topic, null, TX_KEY_SCHEMA, new Struct(TX_KEY_SCHEMA).put("id", id),
        TX_VALUE_SCHEMA, value, tsMs);
  }

  public SourceRecord transactionEnd(String topic, SourceOffset offset, String id, long eventCount, Map<String, Long> perTable, long tsMs) {
    List<Struct> collections = perTable.entrySet().stream()
        .map(e -> new Struct(TX_COLLECTION_SCHEMA).put("data_collection", e.getKey()).put("event_count", e.getValue()))
        .toList();
    Struct value = new Struct(TX_VALUE_SCHEMA).put("status", "END").put("id", id).put("event_count", eventCount)
        .put("data_collections", collections).put("ts_ms", tsMs);
    return new SourceRecord(sourcePartition, offset.toMap(), topic, null, TX_KEY_SCHEMA, new Struct(TX_KEY_SCHEMA).put("id", id),
        TX_VALUE_SCHEMA, value, tsMs);
  }

  public SourceRecord schemaChange(String topic, SourceOffset offset, SourceInfo source, String database, String table, String ddl, long tsMs) {
    Struct value = new Struct(SCHEMA_CHANGE_VALUE).put("source", source.toStruct()).put("ts_ms", tsMs)
        .put("databaseName", database).put("tableName", table).put("ddl", ddl);
    return new SourceRecord(sourcePartition, offset.toMap(), topic, 0, SCHEMA_CHANGE_KEY,
        new Struct(SCHEMA_CHANGE_KEY).put("databaseName", database), SCHEMA_CHANGE_VALUE, value, tsMs);
  }

  public SourceRecord heartbeat(String topic, SourceOffset offset, long tsMs) {
    return new SourceRecord(sourcePartition, offset.toMap(), topic, null, HEARTBEAT_KEY,
        new Struct(HEARTBEAT_KEY).put("serverName", serverName), HEARTBEAT_VALUE, new Struct(HEARTBEAT_VALUE).put("ts_ms", tsMs), tsMs);
  }

  /** The transaction block of one change event. */
  public static TransactionInfo transactionBlock(String id, long totalOrder, long tableOrder) {
    return new TransactionInfo(id, totalOrder, tableOrder);
  }
}
