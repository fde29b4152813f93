package dev.sluice.source.mysql.event;

import dev.sluice.event.Envelope;
import dev.sluice.source.mysql.schema.TableSchema;

/**
 * One captured table as the event side sees it: its row/key schemas, the envelope schema built once
 * from them, and its topic. Replaced when a TABLE_MAP shows a new shape (ALTER TABLE).
 */
public record TableBinding(TableSchema schema, Envelope envelope, String topic) {

  public static TableBinding of(TableSchema schema, String topicPrefix) {
    String db = schema.id().database();
    String table = schema.id().table();
    Envelope envelope = Envelope.builder()
        .schemaName(Envelope.schemaName(topicPrefix, db, table))
        .rowSchema(schema.rowSchema())
        .build();
    return new TableBinding(schema, envelope, topicPrefix + "." + db + "." + table);
  }
}
