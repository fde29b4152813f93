package dev.sluice.it.sink;

import de.bwaldvogel.mongo.MongoServer;
import dev.sluice.stack.AtomicBackends;
import java.net.InetSocketAddress;

/**
 * A MongoDB endpoint for sink ITs that need no restart: the real MongoDB of
 * {@code SLUICE_MONGODB_URI}, else mongo-java-server with its memory backend in the test JVM,
 * reachable by the Connect workers over loopback.
 *
 * <p>Why not the stack's endpoint: its H2 backend (kept because it survives a stop/start) loses
 * documents with sub-document {@code _id}s under filtered upserts and deletes ("No document with
 * key {...}" / "Found no position for ..."), which composite primary keys need. Outage tests, which
 * need the restart, use the stack's endpoint with scalar keys.
 */
public final class ViewEndpoint implements AutoCloseable {
  private final MongoServer server;
  private final String connectionString;

  private ViewEndpoint(MongoServer server, String connectionString) {
    this.server = server;
    this.connectionString = connectionString;
  }

  /** Connects to SLUICE_MONGODB_URI or starts the in-JVM server. */
  public static ViewEndpoint start() {
    String external = System.getenv("SLUICE_MONGODB_URI");
    if (external != null && !external.isBlank()) {
      return new ViewEndpoint(null, external);
    }
    MongoServer server = new MongoServer(AtomicBackends.memory());
    InetSocketAddress address = server.bind();
    return new ViewEndpoint(server, "mongodb://127.0.0.1:" + address.getPort() + "/?serverSelectionTimeoutMS=5000");
  }

  /** The connection string for the sink and the test's own client. */
  public String connectionString() {
    return connectionString;
  }

  @Override
  public void close() {
    if (server != null) {
      server.shutdownNow();
    }
  }
}
