package dev.sluice.sink.mongo.view;

import dev.sluice.event.Envelope;
import dev.sluice.event.Envelope.Operation;
import dev.sluice.event.EnvelopeFields;
import dev.sluice.event.EnvelopeShape;
import dev.sluice.event.Seq;
import dev.sluice.event.SourceInfo;
import dev.sluice.sink.mongo.TopicConfig;
import dev.sluice.sink.mongo.namespace.Namespace;
import dev.sluice.sink.mongo.namespace.RecordOrigin;
import dev.sluice.sink.mongo.view.RowChange.Kind;
import dev.sluice.sink.mongo.writemodel.TruncateMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Turns the records of one topic into {@link RowChange}s: Sluice and Debezium change events
 * (Struct or schemaless Map), plain rows, and tombstones.
 *
 * <ul>
 *   <li>{@code c}, {@code r}: upsert of {@code after}; {@code u}: upsert of {@code after}, and when
 *       the key taken from {@code before} differs (a primary-key change) a delete of the old key
 *       first; {@code d}: delete, keeping {@code before} for soft deletes; {@code t}: truncate.
 *   <li>Plain values are the row: an upsert. Tombstones: see {@link TombstoneMode}.
 *   <li>The version is {@code source.seq} when the event has one, else the Kafka position.
 * </ul>
 *
 * Everything a record lacks is a {@link DataException} that says what and where; the caller adds
 * topic, partition and offset.
 */
public final class ChangeParser {
  private final TopicConfig config;
  private final EmbedSpec embed;
  // The embedding's foreign-key columns, read from the before row of every child update.
  private final List<String> parentKeyColumns;
  private final BsonValueConverter converter;
  /** Per partition: was the last non-tombstone record a change event? */
  private final Map<Integer, Boolean> lastWasChangeEvent = new ConcurrentHashMap<>();

  /**
   * A parser for one topic.
   *
   * @param config the topic's settings
   * @param embed the embedding when the topic's rows are child rows, else null
   */
  public ChangeParser(TopicConfig config, EmbedSpec embed) {
    this.config = config;
    this.embed = embed;
    this.parentKeyColumns = embed == null ? List.of() : embed.parentKeyColumns();
    this.converter = config.converter();
  }

  /**
   * The changes a record makes; empty for ignored tombstones and truncates.
   *
   * @throws DataException when the record cannot be turned into changes
   */
  public List<RowChange> parse(SinkRecord record, long ordinal) {
    Object value = record.value();
    EnvelopeShape shape = EnvelopeShape.of(value);
    String source = Version.source(record.topic(), record.kafkaPartition());
    return switch (shape) {
      case TOMBSTONE -> tombstone(record, ordinal, source);
      case PLAIN -> {
        lastWasChangeEvent.put(record.kafkaPartition(), false);
        BsonDocument row = converter.row(value);
        Version version = Version.ofPosition(source, record.kafkaOffset());
        long time = record.timestamp() == null ? 0L : record.timestamp();
        Namespace ns = config.namespace().mapper().map(new RecordOrigin(record.topic(), null, null, row));
        yield List.of(upsert(record, ordinal, ns, row, null, version, time));
      }
      case SLUICE, DEBEZIUM -> {
        lastWasChangeEvent.put(record.kafkaPartition(), true);
        yield changeEvent(record, ordinal, value, source);
      }
    };
  }

  private List<RowChange> tombstone(SinkRecord record, long ordinal, String source) {
    boolean delete = switch (config.tombstoneMode()) {
      case IGNORE -> false;
      case DELETE -> true;
      case AUTO -> !followsChangeEvents(record);
    };
    if (!delete) {
      return List.of();
    }
    Namespace ns = config.namespace().mapper().map(new RecordOrigin(record.topic(), null, null, null));
    Version version = Version.ofPosition(source, record.kafkaOffset());
    long time = record.timestamp() == null ? 0L : record.timestamp();
    BsonValue id = embed != null ? childKey(record, null) : documentId(record, null, "tombstone");
    return List.of(new RowChange(Kind.DELETE, ns, id, null, version, time, embed, null, null, config, record, ordinal));
  }

  /**
   * Whether a tombstone is the one a change event's delete leaves behind (ignored in AUTO mode). A null value that keeps a
   * schema which is not an envelope is an unwrapped row's delete (Sluice's Unwrap keeps the row schema on the null value it
   * makes of a delete, and the source's key, named *.Key): it says so itself, whatever the partition carried before, so a
   * task that starts on it does not take it for a change event's tombstone. Otherwise the last other record of the
   * partition decides, and before any, a key schema named *.Key.
   */
  private boolean followsChangeEvents(SinkRecord record) {
    Schema valueSchema = record.valueSchema();
    if (valueSchema != null && valueSchema.type() == Schema.Type.STRUCT) {
      return isEnvelope(valueSchema);
    }
    Boolean changeEvents = lastWasChangeEvent.get(record.kafkaPartition());
    if (changeEvents != null) {
      return changeEvents;
    }
    Schema keySchema = record.keySchema();
    return keySchema != null && keySchema.name() != null && keySchema.name().endsWith(".Key");
  }

  /** The rule of {@link EnvelopeShape}, on a schema: a STRING op and a STRUCT source. */
  private static boolean isEnvelope(Schema schema) {
    Field op = schema.field(Envelope.OP);
    Field source = schema.field(Envelope.SOURCE);
    return op != null && op.schema().type() == Schema.Type.STRING && source != null && source.schema().type() == Schema.Type.STRUCT;
  }

  private List<RowChange> changeEvent(SinkRecord record, long ordinal, Object value, String source) {
    Operation op = EnvelopeFields.op(value).orElseThrow(() -> new DataException(
        "change event with unknown op '" + Fields.get(value, Envelope.OP) + "'; valid are " + Operation.validCodes()));
    Object sourceBlock = Fields.get(value, Envelope.SOURCE);
    OptionalLong seq = Seq.of(value);
    Version version = seq.isPresent()
        ? Version.ofSeq(seq.getAsLong(), source, record.kafkaOffset())
        : Version.ofPosition(source, record.kafkaOffset());
    long time = eventTime(record, sourceBlock);
    String db = EnvelopeFields.db(value).orElse(null);
    String table = EnvelopeFields.table(value).orElse(null);
    Object after = Fields.get(value, Envelope.AFTER);
    Object before = Fields.get(value, Envelope.BEFORE);
    switch (op) {
      case CREATE, READ, UPDATE -> {
        if (after == null) {
          throw new DataException("op=" + op.code() + " event has no 'after' row");
        }
        BsonDocument afterRow = converter.row(after);
        Namespace ns = config.namespace().mapper().map(new RecordOrigin(record.topic(), db, table, afterRow));
        BsonValue formerParent = op == Operation.UPDATE && before != null && embed != null
            ? embed.parentIdIfPresent(converter.columns(before, parentKeyColumns))
            : null;
        RowChange upsert = upsert(record, ordinal, ns, afterRow, formerParent, version, time);
        if (op == Operation.UPDATE && before != null) {
          BsonValue oldId = idOfBefore(record, before);
          if (oldId != null && !oldId.equals(upsert.id())) {
            // A primary-key change: the old key's document (or element) goes, the new one is written.
            RowChange delete = new RowChange(Kind.DELETE, ns, oldId, converter.row(before), version, time, embed, null,
                formerParent, config, record, ordinal);
            return List.of(delete, upsert);
          }
        }
        return List.of(upsert);
      }
      case DELETE -> {
        BsonDocument beforeRow = before == null ? null : converter.row(before);
        Namespace ns = config.namespace().mapper().map(new RecordOrigin(record.topic(), db, table, beforeRow));
        BsonValue id = embed != null ? childKey(record, beforeRow) : documentId(record, beforeRow, "delete");
        BsonValue formerParent = embed == null ? null : embed.parentIdIfPresent(beforeRow);
        return List.of(new RowChange(Kind.DELETE, ns, id, beforeRow, version, time, embed, null, formerParent, config, record,
            ordinal));
      }
      case TRUNCATE -> {
        if (config.truncateMode() == TruncateMode.IGNORE) {
          return List.of();
        }
        Namespace ns = config.namespace().mapper().map(new RecordOrigin(record.topic(), db, table, null));
        return List.of(new RowChange(Kind.TRUNCATE, ns, null, null, version, time, embed, null, null, config, record, ordinal));
      }
      default -> throw new IllegalStateException("unhandled op " + op);
    }
  }

  private RowChange upsert(SinkRecord record, long ordinal, Namespace ns, BsonDocument row, BsonValue formerParent,
      Version version, long time) {
    if (embed != null) {
      BsonValue key = childKey(record, row);
      return new RowChange(Kind.UPSERT, ns, key, row, version, time, embed, embed.parentId(row), formerParent, config, record,
          ordinal);
    }
    return new RowChange(Kind.UPSERT, ns, documentId(record, row, "row"), row, version, time, null, null, null, config, record,
        ordinal);
  }

  private static long eventTime(SinkRecord record, Object sourceBlock) {
    Object ts = Fields.get(sourceBlock, SourceInfo.TS_MS);
    if (ts instanceof Number n && n.longValue() > 0) {
      return n.longValue();
    }
    return record.timestamp() == null ? 0L : record.timestamp();
  }

  /** The {@code _id} of a document. */
  private BsonValue documentId(SinkRecord record, BsonDocument row, String what) {
    return switch (config.idStrategy()) {
      case KEY -> keyId(record);
      case FIELDS -> {
        if (row == null) {
          throw new DataException("a " + what + " without a row cannot give an _id from id.fields " + config.idFields());
        }
        yield idFromFields(row, config.idFields());
      }
    };
  }

  /**
   * The id the same rule gives for the before row of an update, or null if it cannot tell. Only the
   * id's columns of the row are converted: an update that keeps its key needs nothing else of it.
   */
  private BsonValue idOfBefore(SinkRecord record, Object before) {
    List<String> names = config.idStrategy() == IdStrategy.FIELDS ? config.idFields() : keyFieldNames(record);
    BsonDocument row = names == null ? null : converter.columns(before, names);
    if (row == null) {
      return null;
    }
    if (embed != null) {
      return subDocument(row, names);
    }
    return idFromFields(row, names);
  }

  private BsonValue keyId(SinkRecord record) {
    Object key = record.key();
    if (key == null) {
      throw new DataException("the record has no key, and id.strategy=key takes _id from it; for keyless topics set"
          + " id.strategy=fields with id.fields");
    }
    if (key instanceof Struct struct) {
      List<Field> fields = struct.schema().fields();
      if (fields.size() == 1) {
        Field f = fields.get(0);
        return converter.value(struct.get(f), f.schema(), "key." + f.name());
      }
      BsonDocument id = new BsonDocument();
      for (Field f : fields) {
        id.put(f.name(), converter.value(struct.get(f), f.schema(), "key." + f.name()));
      }
      return id;
    }
    if (key instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        throw new DataException("the record key is an empty map");
      }
      BsonDocument id = converter.row(map);
      return id.size() == 1 ? id.values().iterator().next() : id;
    }
    return converter.value(key, record.keySchema(), "key");
  }

  /** Field names of a Struct or Map key; null for a primitive key. */
  private static List<String> keyFieldNames(SinkRecord record) {
    Object key = record.key();
    if (key instanceof Struct struct) {
      return struct.schema().fields().stream().map(Field::name).toList();
    }
    if (key instanceof Map<?, ?> map) {
      List<String> names = new ArrayList<>();
      map.keySet().forEach(k -> names.add(String.valueOf(k)));
      return names;
    }
    return null;
  }

  private static BsonValue idFromFields(BsonDocument row, List<String> names) {
    if (names.size() == 1) {
      return field(row, names.get(0));
    }
    return subDocument(row, names);
  }

  private static BsonDocument subDocument(BsonDocument row, List<String> names) {
    BsonDocument id = new BsonDocument();
    for (String name : names) {
      id.put(name, field(row, name));
    }
    return id;
  }

  private static BsonValue field(BsonDocument row, String name) {
    BsonValue value = row.get(name);
    if (value == null) {
      throw new DataException("the row has no field '" + name + "' for the _id; its fields are " + row.keySet());
    }
    if (value.isNull()) {
      throw new DataException("the _id field '" + name + "' is null");
    }
    return value;
  }

  /**
   * The key of an embedded child row: a document of its key fields (record key fields, or
   * id.fields) with the values of the row when there is one, so that it matches the element.
   */
  private BsonDocument childKey(SinkRecord record, BsonDocument row) {
    List<String> names = config.idStrategy() == IdStrategy.FIELDS ? config.idFields() : keyFieldNames(record);
    if (names == null || names.isEmpty()) {
      throw new DataException("embedded child rows need a Struct or Map record key (or id.strategy=fields) to tell elements apart; "
          + (record.key() == null ? "the record has no key" : "the key is a " + record.key().getClass().getSimpleName()));
    }
    if (row != null) {
      return subDocument(row, names);
    }
    if (config.idStrategy() == IdStrategy.FIELDS) {
      throw new DataException("a delete without a row cannot give the child key from id.fields " + names);
    }
    BsonValue id = keyId(record);
    if (id.isDocument()) {
      return id.asDocument();
    }
    return new BsonDocument(names.get(0), id);
  }
}
