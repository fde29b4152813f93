package dev.sluice.embedded.testsupport;

import dev.sluice.event.Envelope;
import dev.sluice.event.SourceInfo;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** Sluice-shaped change events of a table {@code db.items (id BIGINT PRIMARY KEY, name VARCHAR)} for tests without a database. */
public final class ItemEvents {
  public static final String TOPIC = "test.db.items";
  public static final Map<String, String> PARTITION = Map.of("server", "test");
  public static final Schema KEY = SchemaBuilder.struct().name("test.db.items.Key").field("id", Schema.INT64_SCHEMA).build();
  public static final Schema ROW = SchemaBuilder.struct().name("test.db.items.Value").optional()
      .field("id", Schema.INT64_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
  public static final Envelope ENVELOPE = Envelope.builder().schemaName(Envelope.schemaName("test", "db", "items")).rowSchema(ROW)
      .sourceSchema(SourceInfo.SCHEMA).build();

  private ItemEvents() {
  }

  /** An insert of item {@code id} named {@code name}, with {@code source.seq = seq} in value and offset. */
  public static SourceRecord insert(long seq, long id, String name) {
    Struct row = new Struct(ROW).put("id", id).put("name", name);
    Struct source = SourceInfo.builder().connector("mysql").name("test").db("db").table("items").file("binlog.000001").pos(seq)
        .tsMs(System.currentTimeMillis()).seq(seq).build().toStruct();
    return new SourceRecord(PARTITION, Map.of("seq", seq), TOPIC, null, KEY, new Struct(KEY).put("id", id), ENVELOPE.schema(),
        ENVELOPE.create(row, source, System.currentTimeMillis()));
  }

  /** A record whose value is a bare string: no row, no change event; the sink cannot write it. */
  public static SourceRecord poison(long seq) {
    return new SourceRecord(PARTITION, Map.of("seq", seq), TOPIC, null, KEY, new Struct(KEY).put("id", seq), Schema.STRING_SCHEMA,
        "not a row");
  }

  /** A heartbeat-like record of another topic, carrying only an offset. */
  public static SourceRecord heartbeat(long seq) {
    return new SourceRecord(PARTITION, Map.of("seq", seq), "__sluice-heartbeat.test", null, null, null, Schema.INT64_SCHEMA,
        System.currentTimeMillis());
  }
}
