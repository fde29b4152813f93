package dev.sluice.embedded.verify;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;

/**
 * One MongoDB view collection as {@code verify} reads it: documents fetched by the primary keys of a
 * chunk of rows, and a scan of every document's {@code _id}.
 *
 * <p>The sink writes a single-column key as a scalar {@code _id} and a composite key as a
 * sub-document of the key columns. The BSON type of an {@code _id} depends on the column type and
 * the sink's settings, so lookups ask for every form a key value can take (an INT key as int32,
 * int64 and decimal128) and match the answers by canonical key, never by BSON type.
 */
final class MongoView {
  private final TableRef ref;
  private final MongoCollection<BsonDocument> collection;
  private final List<TableColumn> key;
  private final Canonical canonical;
  private final VerifyOptions options;

  MongoView(TableRef ref, MongoCollection<BsonDocument> collection, List<TableColumn> key, Canonical canonical, VerifyOptions options) {
    this.ref = ref;
    this.collection = collection;
    this.key = List.copyOf(key);
    this.canonical = canonical;
    this.options = options;
  }

  TableRef ref() {
    return ref;
  }

  /** The documents of the given rows' keys, by canonical key. */
  Map<String, BsonDocument> byKeys(List<MySqlTable.Row> rows) {
    Map<String, BsonDocument> found = new HashMap<>();
    if (rows.isEmpty()) {
      return found;
    }
    Bson filter;
    if (key.size() == 1) {
      Set<BsonValue> ids = new LinkedHashSet<>();
      for (MySqlTable.Row row : rows) {
        ids.addAll(candidates(key.get(0), row.values().get(key.get(0).name())));
      }
      filter = Filters.in("_id", ids);
    } else {
      List<Bson> alternatives = new ArrayList<>();
      for (MySqlTable.Row row : rows) {
        List<Bson> parts = new ArrayList<>();
        for (TableColumn c : key) {
          parts.add(Filters.in("_id." + c.name(), candidates(c, row.values().get(c.name()))));
        }
        alternatives.add(Filters.and(parts));
      }
      filter = Filters.or(alternatives);
    }
    for (BsonDocument doc : collection.find(filter)) {
      found.put(keyOf(doc.get("_id")), doc);
    }
    return found;
  }

  /** Every document's {@code _id} and metadata field, to find documents without a row. */
  void scan(int batchSize, Consumer<BsonDocument> each) {
    try (MongoCursor<BsonDocument> cursor = collection.find()
        .projection(Projections.include("_id", options.metaField()))
        .batchSize(batchSize)
        .iterator()) {
      while (cursor.hasNext()) {
        each.accept(cursor.next());
      }
    }
  }

  /** One whole document by {@code _id}, or null. */
  BsonDocument byId(BsonValue id) {
    return collection.find(Filters.eq("_id", id)).first();
  }

  /** The canonical key of a document's {@code _id}, comparable with {@link MySqlTable.Row#key()}. */
  String keyOf(BsonValue id) {
    if (key.size() == 1) {
      return canonical.fromBson(key.get(0), id);
    }
    if (id == null || !id.isDocument()) {
      return "not-a-composite-key:" + id;
    }
    Map<String, String> values = new HashMap<>();
    for (TableColumn c : key) {
      values.put(c.name(), canonical.fromBson(c, id.asDocument().get(c.name())));
    }
    return MySqlTable.keyOf(values, key.stream().map(TableColumn::name).toList());
  }

  /** The BSON forms a key value may have in the view. */
  List<BsonValue> candidates(TableColumn c, String canonicalValue) {
    List<BsonValue> out = new ArrayList<>();
    switch (c.kind()) {
      case INTEGER, YEAR -> {
        BigInteger i = new BigInteger(canonicalValue);
        if (i.bitLength() < 32) {
          out.add(new BsonInt32(i.intValue()));
        }
        if (i.bitLength() < 64) {
          out.add(new BsonInt64(i.longValue()));
        }
        out.add(new BsonDecimal128(new Decimal128(new BigDecimal(i))));
      }
      case BOOLEAN -> {
        boolean b = Boolean.parseBoolean(canonicalValue);
        out.add(BsonBoolean.valueOf(b));
        out.add(new BsonInt32(b ? 1 : 0));
      }
      case DECIMAL -> {
        BigDecimal d = new BigDecimal(canonicalValue);
        out.add(new BsonDecimal128(new Decimal128(d)));
        out.add(new BsonString(canonicalValue));
        out.add(new BsonDouble(d.doubleValue()));
      }
      case FLOAT, DOUBLE -> out.add(new BsonDouble(Double.parseDouble(canonicalValue)));
      case TEXT -> out.add(new BsonString(canonicalValue));
      case BINARY -> {
        byte[] bytes = java.util.HexFormat.of().parseHex(canonicalValue.substring(2));
        out.add(new BsonBinary(bytes));
        out.add(new BsonString(java.util.Base64.getEncoder().encodeToString(bytes)));
        out.add(new BsonString(canonicalValue.substring(2)));
      }
      case DATE -> {
        LocalDate d = LocalDate.parse(canonicalValue);
        out.add(new BsonDateTime(d.toEpochDay() * 86_400_000L));
        out.add(new BsonString(canonicalValue));
      }
      case DATETIME, TIMESTAMP -> {
        boolean zoned = c.kind() == ColumnKind.TIMESTAMP;
        LocalDateTime t = LocalDateTime.parse(zoned ? canonicalValue.substring(0, canonicalValue.length() - 1) : canonicalValue);
        out.add(new BsonDateTime(t.toInstant(ZoneOffset.UTC).toEpochMilli()));
        String base = t.toLocalDate() + "T" + t.toLocalTime().withNano(0).toString();
        if (t.getSecond() == 0 && t.getNano() == 0 && base.length() == 16) {
          base = base + ":00";
        }
        String nine = String.format("%09d", t.getNano());
        for (int digits = 0; digits <= 9; digits += 3) {
          String text = digits == 0 ? base : base + "." + nine.substring(0, digits);
          out.add(new BsonString(zoned ? text + "Z" : text));
        }
      }
      default -> throw new VerifyException("verify cannot look up documents of " + ref + " by primary-key column " + c.name() + " of type "
          + c.columnType());
    }
    return out;
  }
}
