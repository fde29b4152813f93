package dev.sluice.embedded.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/**
 * A MongoDB wire-protocol server (mongo-java-server, in memory) in the test JVM: a real server the
 * driver talks to over TCP, not a mock. It can be stopped and started again on the same port to
 * simulate an outage (the data does not survive that).
 */
public final class InProcessMongo implements AutoCloseable {
  private MongoServer server;
  private final int port;

  public InProcessMongo() {
    server = new MongoServer(new MemoryBackend());
    InetSocketAddress address = server.bind();
    port = address.getPort();
  }

  /** The server for code under test: a request fails within a second while the server is down. */
  public String uri() {
    return "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=1000";
  }

  /**
   * The server for a test's own checks of what was written: they wait up to 10 s for it, as a
   * client whose monitor saw the outage may take longer than a second to reach it again on a busy
   * machine.
   */
  public String uriForChecks() {
    return "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=10000";
  }

  public int port() {
    return port;
  }

  /** Takes the server down; clients get connection errors until {@link #restart()}. */
  public synchronized void stop() {
    if (server != null) {
      server.shutdownNow();
      server = null;
    }
  }

  /** Starts an empty server on the same port. */
  public synchronized void restart() {
    stop();
    server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", port);
  }

  @Override
  public void close() {
    stop();
  }
}
