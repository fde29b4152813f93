package dev.sluice.embedded.quickstart;

import dev.sluice.embedded.verify.EmbeddedChild;
import dev.sluice.embedded.verify.TableRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quickstart's views and the settings that make them: {@code customers} one document per row,
 * {@code orders} one document per order with its {@code order_lines} embedded as {@code lines}.
 *
 * @param db the MySQL database of the shop
 * @param viewDb the MongoDB database of the views
 * @param topicPrefix the source's topic prefix
 */
record ShopViews(String db, String viewDb, String topicPrefix) {

  /** One view to verify. */
  record View(TableRef table, TableRef collection, List<EmbeddedChild> embeds) {}

  List<View> views() {
    return List.of(
        new View(new TableRef(db, "customers"), new TableRef(viewDb, "customers"), List.of()),
        new View(new TableRef(db, "orders"), new TableRef(viewDb, "orders"),
            List.of(new EmbeddedChild(new TableRef(db, "order_lines"), "lines", List.of("order_id")))));
  }

  String topic(String table) {
    return topicPrefix + "." + db + "." + table;
  }

  /** The source connector's settings (without any prefix). */
  Map<String, String> source(String host, int port, String user, String password, long serverId) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("database.hostname", host);
    c.put("database.port", Integer.toString(port));
    c.put("database.user", user);
    c.put("database.password", password);
    c.put("database.server.id", Long.toString(serverId));
    c.put("topic.prefix", topicPrefix);
    c.put("database.include.list", db);
    c.put("table.include.list", db + "\\.(customers|orders|order_lines)");
    return c;
  }

  /** The sink's settings (without any prefix): order_lines embedded in orders as 'lines'. */
  Map<String, String> sink(String mongoUri) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("connection.uri", mongoUri);
    c.put("database", viewDb);
    c.put("collection", "${table}");
    String lines = "topic.override." + topic("order_lines") + ".";
    c.put(lines + "collection", "orders");
    c.put(lines + "embed.field", "lines");
    c.put(lines + "embed.parent.key", "order_id");
    return c;
  }
}
