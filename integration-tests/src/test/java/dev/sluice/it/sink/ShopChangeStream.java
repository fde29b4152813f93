package dev.sluice.it.sink;

import dev.sluice.event.Envelope;
import dev.sluice.event.SourceInfo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Random Sluice change events on three tables of a shop — customers (composite key region+id),
 * orders, and order_lines embedded in orders by order_id — with the source state they lead to.
 * Inserts, updates, deletes (each followed by its tombstone), foreign-key moves, primary-key
 * changes and children of orders that do not exist (yet). {@code source.seq} increases over all
 * three tables, as one Sluice source connector writes it.
 */
public final class ShopChangeStream {
  private final String prefix;
  private final Random random;
  private final Table customers;
  private final Table orders;
  private final Table lines;
  private long seq;
  private final Map<String, Struct> customerRows = new TreeMap<>();
  private final Map<Long, Struct> orderRows = new TreeMap<>();
  private final Map<Long, Long> orderDeletedAt = new HashMap<>();
  private final Map<Long, Struct> lineRows = new TreeMap<>();
  private final Map<Long, Long> lineSeq = new HashMap<>();
  private int orderIds = 400;
  private int lineIds = 1500;
  private int customerIds = 200;
  private boolean customersEnabled = true;

  /** A stream on topics {@code <prefix>.shop.customers|orders|order_lines}. */
  public ShopChangeStream(String prefix, long seed) {
    this.prefix = prefix;
    this.random = new Random(seed);
    Schema customer = SchemaBuilder.struct().name(prefix + ".shop.customers.Value").optional()
        .field("region", Schema.STRING_SCHEMA).field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA)
        .field("balance", Decimal.builder(2).optional().build()).field("since", Timestamp.builder().optional().build()).build();
    Schema order = SchemaBuilder.struct().name(prefix + ".shop.orders.Value").optional()
        .field("id", Schema.INT64_SCHEMA).field("customer_id", Schema.OPTIONAL_INT32_SCHEMA).field("status", Schema.STRING_SCHEMA)
        .field("total", Decimal.builder(2).optional().build()).field("placed", Timestamp.builder().optional().build()).build();
    Schema line = SchemaBuilder.struct().name(prefix + ".shop.order_lines.Value").optional()
        .field("line_id", Schema.INT64_SCHEMA).field("order_id", Schema.OPTIONAL_INT64_SCHEMA).field("sku", Schema.STRING_SCHEMA)
        .field("qty", Schema.INT32_SCHEMA).field("price", Decimal.builder(2).optional().build()).build();
    this.customers = new Table(prefix, "customers", customer, List.of("region", "id"));
    this.orders = new Table(prefix, "orders", order, List.of("id"));
    this.lines = new Table(prefix, "order_lines", line, List.of("line_id"));
  }

  /** Smaller key spaces, so that short runs still hit the same keys often. */
  public ShopChangeStream keySpace(int orderCount, int lineCount, int customerCount) {
    this.orderIds = orderCount;
    this.lineIds = lineCount;
    this.customerIds = customerCount;
    return this;
  }

  /** No customers table: only scalar keys (for endpoints that cannot keep sub-document ids). */
  public ShopChangeStream withoutCustomers() {
    this.customersEnabled = false;
    return this;
  }

  public String customersTopic() {
    return customers.topic;
  }

  public String ordersTopic() {
    return orders.topic;
  }

  public String linesTopic() {
    return lines.topic;
  }

  public List<String> topics() {
    return List.of(customers.topic, orders.topic, lines.topic);
  }

  /**
   * Sink settings for these topics: collections named after the tables, order_lines embedded in
   * orders.lines by order_id.
   */
  public Map<String, String> sinkSettings(String database, String parentDelete) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("topics", String.join(",", topics()));
    s.put("database", database);
    s.put("topic.override." + lines.topic + ".collection", "orders");
    s.put("topic.override." + lines.topic + ".embed.field", "lines");
    s.put("topic.override." + lines.topic + ".embed.parent.key", "order_id");
    s.put("topic.override." + lines.topic + ".embed.parent.delete", parentDelete);
    return s;
  }

  /** Emits {@code changes} more changes; returns the number of records sent (tombstones included). */
  public int emit(int changes, ChangeEventSink out) {
    int records = 0;
    for (int i = 0; i < changes; i++) {
      int table = random.nextInt(20);
      if (table >= 16 && !customersEnabled) {
        table = random.nextInt(16);
      }
      records += table < 5 ? orderChange(out) : table < 16 ? lineChange(out) : customerChange(out);
    }
    return records;
  }

  private int orderChange(ChangeEventSink out) {
    long id = 1 + random.nextInt(orderIds);
    Struct current = orderRows.get(id);
    long s = ++seq;
    if (current == null) {
      Struct row = orders.row("id", id, "customer_id", random.nextInt(customerIds), "status", "new",
          "total", money(), "placed", new Date(1_700_000_000_000L + random.nextInt(1_000_000_000)));
      orderRows.put(id, row);
      return orders.insert(out, s, row);
    }
    if (random.nextInt(10) < 7) {
      Struct row = orders.row("id", id, "customer_id", current.get("customer_id"), "status", random.nextBoolean() ? "paid" : "shipped",
          "total", money(), "placed", current.get("placed"));
      orderRows.put(id, row);
      return orders.update(out, s, current, row);
    }
    orderRows.remove(id);
    orderDeletedAt.put(id, s);
    return orders.delete(out, s, current);
  }

  private int lineChange(ChangeEventSink out) {
    long id = 1 + random.nextInt(lineIds);
    Struct current = lineRows.get(id);
    long s = ++seq;
    if (current == null) {
      Struct row = lines.row("line_id", id, "order_id", parent(), "sku", "sku-" + random.nextInt(50), "qty", 1 + random.nextInt(9),
          "price", money());
      lineRows.put(id, row);
      lineSeq.put(id, s);
      return lines.insert(out, s, row);
    }
    int what = random.nextInt(20);
    if (what < 17) {
      Object parent = what < 12 ? current.get("order_id") : parent();
      Struct row = lines.row("line_id", id, "order_id", parent, "sku", current.get("sku"), "qty", 1 + random.nextInt(9),
          "price", current.get("price"));
      lineRows.put(id, row);
      lineSeq.put(id, s);
      return lines.update(out, s, current, row);
    }
    if (what < 18) {
      long newId = lineIds + 1 + random.nextInt(lineIds);
      if (lineRows.containsKey(newId)) {
        return 0;
      }
      Struct row = lines.row("line_id", newId, "order_id", current.get("order_id"), "sku", current.get("sku"),
          "qty", current.get("qty"), "price", current.get("price"));
      lineRows.remove(id);
      lineSeq.put(id, s);
      lineRows.put(newId, row);
      lineSeq.put(newId, s);
      return lines.update(out, s, current, row);
    }
    lineRows.remove(id);
    lineSeq.put(id, s);
    return lines.delete(out, s, current);
  }

  private int customerChange(ChangeEventSink out) {
    String region = random.nextBoolean() ? "eu" : "us";
    int id = 1 + random.nextInt(customerIds);
    String key = region + "/" + id;
    Struct current = customerRows.get(key);
    long s = ++seq;
    if (current == null || random.nextInt(10) < 7) {
      Struct row = customers.row("region", region, "id", id, "name", random.nextInt(10) == 0 ? null : "name-" + random.nextInt(1000),
          "balance", money(), "since", new Date(1_600_000_000_000L + random.nextInt(1_000_000_000)));
      customerRows.put(key, row);
      return current == null ? customers.insert(out, s, row) : customers.update(out, s, current, row);
    }
    customerRows.remove(key);
    return customers.delete(out, s, current);
  }

  private Long parent() {
    return random.nextInt(15) == 0 ? null : (long) (1 + random.nextInt(orderIds + orderIds / 10));
  }

  private BigDecimal money() {
    return BigDecimal.valueOf(random.nextInt(1_000_000), 2);
  }

  /** The orders collection the sink must end with. */
  public Map<BsonValue, BsonDocument> expectedOrders(boolean cascade) {
    Map<Long, List<Struct>> children = new TreeMap<>();
    lineRows.forEach((id, row) -> {
      Long parent = (Long) row.get("order_id");
      if (parent == null) {
        return;
      }
      Long deletedAt = orderDeletedAt.get(parent);
      if (cascade && deletedAt != null && lineSeq.get(id) < deletedAt) {
        return;
      }
      children.computeIfAbsent(parent, p -> new ArrayList<>()).add(row);
    });
    Map<BsonValue, BsonDocument> docs = new LinkedHashMap<>();
    TreeSet<Long> ids = new TreeSet<>(orderRows.keySet());
    ids.addAll(children.keySet());
    for (long id : ids) {
      Struct row = orderRows.get(id);
      BsonDocument doc = new BsonDocument("_id", new BsonInt64(id));
      if (row != null) {
        doc.putAll(bson(row));
      }
      BsonArray elements = new BsonArray();
      children.getOrDefault(id, List.of()).stream().sorted(Comparator.comparingLong(r -> r.getInt64("line_id")))
          .forEach(r -> elements.add(bson(r)));
      doc.put("lines", elements);
      docs.put(new BsonInt64(id), doc);
    }
    return docs;
  }

  /** The customers collection the sink must end with. */
  public Map<BsonValue, BsonDocument> expectedCustomers() {
    Map<BsonValue, BsonDocument> docs = new LinkedHashMap<>();
    for (Struct row : customerRows.values()) {
      BsonDocument id = new BsonDocument("region", new BsonString(row.getString("region"))).append("id", new BsonInt32(row.getInt32("id")));
      BsonDocument doc = new BsonDocument("_id", id);
      doc.putAll(bson(row));
      docs.put(id, doc);
    }
    return docs;
  }

  /** How many rows of each table exist at the end. */
  public String summary() {
    return customerRows.size() + " customers, " + orderRows.size() + " orders, " + lineRows.size() + " order lines after " + seq + " changes";
  }

  /** A row as the sink writes it with default settings. */
  static BsonDocument bson(Struct row) {
    BsonDocument doc = new BsonDocument();
    for (Field f : row.schema().fields()) {
      Object v = row.get(f);
      BsonValue b;
      if (v == null) {
        b = BsonNull.VALUE;
      } else if (v instanceof BigDecimal d) {
        b = new BsonDecimal128(new Decimal128(d));
      } else if (v instanceof Date d) {
        b = new BsonDateTime(d.getTime());
      } else if (v instanceof Long l) {
        b = new BsonInt64(l);
      } else if (v instanceof Integer i) {
        b = new BsonInt32(i);
      } else {
        b = new BsonString(v.toString());
      }
      doc.put(f.name(), b);
    }
    return doc;
  }

  /** One table: its envelope, key schema and topic. */
  private static final class Table {
    final String topic;
    final String db = "shop";
    final String table;
    final Schema rowSchema;
    final Schema keySchema;
    final Envelope envelope;
    final String prefix;

    Table(String prefix, String table, Schema rowSchema, List<String> keyColumns) {
      this.prefix = prefix;
      this.topic = prefix + ".shop." + table;
      this.table = table;
      this.rowSchema = rowSchema;
      SchemaBuilder key = SchemaBuilder.struct().name(prefix + ".shop." + table + ".Key");
      for (String column : keyColumns) {
        key.field(column, rowSchema.field(column).schema());
      }
      this.keySchema = key.build();
      this.envelope = Envelope.builder().schemaName(Envelope.schemaName(prefix, db, table)).rowSchema(rowSchema).build();
    }

    Struct row(Object... kv) {
      Struct row = new Struct(rowSchema);
      for (int i = 0; i < kv.length; i += 2) {
        row.put((String) kv[i], kv[i + 1]);
      }
      return row;
    }

    Struct key(Struct row) {
      Struct key = new Struct(keySchema);
      keySchema.fields().forEach(f -> key.put(f.name(), row.get(f.name())));
      return key;
    }

    Struct source(long seq) {
      return SourceInfo.builder().connector("mariadb").name(prefix).tsMs(1_700_000_000_000L + seq).db(db).table(table)
          .serverId(1).file("binlog.000001").pos(4 + seq).row(0).seq(seq).build().toStruct();
    }

    int insert(ChangeEventSink out, long seq, Struct row) {
      out.send(topic, key(row), envelope.create(row, source(seq), System.currentTimeMillis()));
      return 1;
    }

    int update(ChangeEventSink out, long seq, Struct before, Struct after) {
      out.send(topic, key(after), envelope.update(before, after, source(seq), System.currentTimeMillis()));
      return 1;
    }

    int delete(ChangeEventSink out, long seq, Struct before) {
      out.send(topic, key(before), envelope.delete(before, source(seq), System.currentTimeMillis()));
      out.send(topic, key(before), null);
      return 2;
    }
  }
}
