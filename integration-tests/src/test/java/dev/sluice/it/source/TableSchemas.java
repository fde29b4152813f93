package dev.sluice.it.source;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import dev.sluice.source.mysql.schema.InformationSchemaColumnHints;
import dev.sluice.source.mysql.schema.TableSchema;
import dev.sluice.source.mysql.schema.TableSchemaFactory;
import dev.sluice.source.mysql.schema.TypeMappingOptions;
import dev.sluice.source.mysql.value.BinlogDeserialization;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.MySqlEndpoint;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The source's own mapping of a database's tables, built in the test from the TABLE_MAP events of
 * the server's binlog (read with the connector account, as the connector does), so the test can map
 * MariaDB's JDBC answer exactly like the connector maps binlog rows.
 */
final class TableSchemas implements AutoCloseable {
  private final Map<String, TableMapEventData> latest = new ConcurrentHashMap<>();
  private final TableSchemaFactory factory;
  private final BinaryLogClient client;

  private TableSchemas(LocalStack stack, String database) throws Exception {
    MySqlEndpoint db = stack.mysql();
    factory = new TableSchemaFactory("test", TypeMappingOptions.defaults(),
        new InformationSchemaColumnHints(
            () -> java.sql.DriverManager.getConnection(db.jdbcUrl(null), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD),
            db.host() + ":" + db.port()));
    client = new BinaryLogClient(db.host(), db.port(), MySqlEndpoint.CONNECTOR_USER, MySqlEndpoint.CONNECTOR_PASSWORD);
    client.setServerId(64_000 + (System.nanoTime() & 0x3FF));
    client.setEventDeserializer(BinlogDeserialization.newEventDeserializer());
    client.registerEventListener(e -> {
      if (e.getHeader().getEventType() == EventType.TABLE_MAP) {
        TableMapEventData t = e.getData();
        if (database.equals(t.getDatabase())) {
          latest.put(t.getTable(), t);
        }
      }
    });
    client.connect(10_000);
  }

  /** Starts reading the binlog at its current end. */
  static TableSchemas startCapturing(LocalStack stack, String database) throws Exception {
    return new TableSchemas(stack, database);
  }

  /** The mapping of {@code table} as of the last TABLE_MAP seen (waits up to 60 s for one). */
  TableSchema schema(String table) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!latest.containsKey(table) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    TableMapEventData t = latest.get(table);
    if (t == null) {
      throw new AssertionError("no TABLE_MAP event for " + table + " within 60 s");
    }
    return factory.create(t);
  }

  @Override
  public void close() throws Exception {
    client.disconnect();
  }
}
