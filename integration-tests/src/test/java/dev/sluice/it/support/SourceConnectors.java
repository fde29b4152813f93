package dev.sluice.it.support;

import dev.sluice.stack.LocalStack;
import dev.sluice.stack.MySqlEndpoint;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Source connector configurations for tests: the stack's server, the connector account, a unique server id. */
public final class SourceConnectors {
  private static final AtomicLong SERVER_IDS = new AtomicLong(5400 + (System.nanoTime() & 0x3FF));

  private SourceConnectors() {
  }

  public static Map<String, String> config(LocalStack stack, String topicPrefix, String databaseRegex) {
    MySqlEndpoint db = stack.mysql();
    Map<String, String> c = new HashMap<>();
    c.put("connector.class", "dev.sluice.source.mysql.SluiceMySqlSourceConnector");
    c.put("tasks.max", "1");
    c.put("database.hostname", db.host());
    c.put("database.port", Integer.toString(db.port()));
    c.put("database.user", MySqlEndpoint.CONNECTOR_USER);
    c.put("database.password", MySqlEndpoint.CONNECTOR_PASSWORD);
    c.put("database.server.id", Long.toString(SERVER_IDS.incrementAndGet()));
    c.put("topic.prefix", topicPrefix);
    c.put("database.include.list", databaseRegex);
    c.put("heartbeat.interval.ms", "2000");
    return c;
  }
}
