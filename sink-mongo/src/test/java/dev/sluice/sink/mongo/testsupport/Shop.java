package dev.sluice.sink.mongo.testsupport;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/** The tables of the sink's tests: orders with embedded order_lines, and customers with a composite key. */
public final class Shop {
  public static final String ORDERS_TOPIC = "shop.inventory.orders";
  public static final String LINES_TOPIC = "shop.inventory.order_lines";
  public static final String CUSTOMERS_TOPIC = "shop.inventory.customers";

  public static final Schema ORDER_ROW = SchemaBuilder.struct().name("shop.inventory.orders.Value").optional()
      .field("id", Schema.INT64_SCHEMA)
      .field("customer", Schema.OPTIONAL_STRING_SCHEMA)
      .field("total", Decimal.builder(2).optional().build())
      .field("status", Schema.OPTIONAL_STRING_SCHEMA)
      .build();

  public static final Schema LINE_ROW = SchemaBuilder.struct().name("shop.inventory.order_lines.Value").optional()
      .field("line_id", Schema.INT64_SCHEMA)
      .field("order_id", Schema.OPTIONAL_INT64_SCHEMA)
      .field("sku", Schema.OPTIONAL_STRING_SCHEMA)
      .field("qty", Schema.OPTIONAL_INT32_SCHEMA)
      .build();

  public static final Schema CUSTOMER_ROW = SchemaBuilder.struct().name("shop.inventory.customers.Value").optional()
      .field("region", Schema.STRING_SCHEMA)
      .field("id", Schema.INT32_SCHEMA)
      .field("name", Schema.OPTIONAL_STRING_SCHEMA)
      .field("since", Timestamp.builder().optional().build())
      .build();

  private Shop() {}

  public static TestTable orders() {
    return new TestTable(ORDERS_TOPIC, "inventory", "orders", ORDER_ROW, List.of("id"));
  }

  public static TestTable lines() {
    return new TestTable(LINES_TOPIC, "inventory", "order_lines", LINE_ROW, List.of("line_id"));
  }

  public static TestTable customers() {
    return new TestTable(CUSTOMERS_TOPIC, "inventory", "customers", CUSTOMER_ROW, List.of("region", "id"));
  }

  public static Struct order(TestTable orders, long id, String customer, String total) {
    return orders.row("id", id, "customer", customer, "total", total == null ? null : new BigDecimal(total), "status", "new");
  }

  public static Struct line(TestTable lines, long lineId, Long orderId, String sku, int qty) {
    return lines.row("line_id", lineId, "order_id", orderId, "sku", sku, "qty", qty);
  }

  /** Settings that embed order_lines into orders.lines by order_id. */
  public static Map<String, String> embedLines(String parentDelete) {
    Map<String, String> props = new HashMap<>();
    props.put("topic.override." + LINES_TOPIC + ".collection", "orders");
    props.put("topic.override." + LINES_TOPIC + ".embed.field", "lines");
    props.put("topic.override." + LINES_TOPIC + ".embed.parent.key", "order_id");
    props.put("topic.override." + LINES_TOPIC + ".embed.parent.delete", parentDelete);
    return props;
  }
}
