package dev.sluice.event;

import java.util.Objects;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The optional {@code transaction} block of an envelope, identical to Debezium's (same name
 * {@value #SCHEMA_NAME}, same fields), so consumers that read Debezium transaction metadata read
 * Sluice's too.
 *
 * @param id the transaction id (for MySQL/MariaDB: the GTID, or binlog file and position)
 * @param totalOrder 1-based position of the event among all events of the transaction
 * @param dataCollectionOrder 1-based position of the event among the transaction's events for the
 *     same table
 */
public record TransactionInfo(String id, long totalOrder, long dataCollectionOrder) {

  /** Field {@code id}. */
  public static final String ID = "id";
  /** Field {@code total_order}. */
  public static final String TOTAL_ORDER = "total_order";
  /** Field {@code data_collection_order}. */
  public static final String DATA_COLLECTION_ORDER = "data_collection_order";

  /** Debezium's name for the block schema. */
  public static final String SCHEMA_NAME = "event.block";

  /** The optional block schema: id (string), total_order (int64), data_collection_order (int64). */
  public static final Schema SCHEMA =
      SchemaBuilder.struct()
          .name(SCHEMA_NAME)
          .version(1)
          .optional()
          .field(ID, Schema.STRING_SCHEMA)
          .field(TOTAL_ORDER, Schema.INT64_SCHEMA)
          .field(DATA_COLLECTION_ORDER, Schema.INT64_SCHEMA)
          .build();

  /** Validates the components. */
  public TransactionInfo {
    Objects.requireNonNull(id, "id");
  }

  /** The block as a Struct of {@link #SCHEMA}. */
  public Struct toStruct() {
    return new Struct(SCHEMA)
        .put(ID, id)
        .put(TOTAL_ORDER, totalOrder)
        .put(DATA_COLLECTION_ORDER, dataCollectionOrder);
  }
}
