package dev.sluice.sink.mongo.testsupport;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.UUID;

/**
 * The MongoDB of the unit tests: an in-process mongo-java-server (a real wire-protocol server,
 * without update pipelines and transactions, like the sink requires), or the real MongoDB named by
 * {@code SLUICE_MONGODB_URI}. Each test gets its own database name.
 */
public final class TestMongo implements AutoCloseable {
  private final String externalUri;
  private MongoServer server;
  private int port;
  private final MongoClient client;

  private TestMongo(String externalUri) {
    this(externalUri, new MemoryBackend());
  }

  private TestMongo(String externalUri, MongoBackend backend) {
    this.externalUri = externalUri;
    if (externalUri == null) {
      server = new MongoServer(backend);
      InetSocketAddress address = server.bind();
      port = address.getPort();
    }
    this.client = MongoClients.create(uri());
  }

  /** Starts mongo-java-server, or connects to SLUICE_MONGODB_URI. */
  public static TestMongo start() {
    String external = System.getenv("SLUICE_MONGODB_URI");
    return new TestMongo(external == null || external.isBlank() ? null : external);
  }

  /** The in-process server on {@code backend} (for tests that hook into the server's work), whatever SLUICE_MONGODB_URI says. */
  public static TestMongo local(MongoBackend backend) {
    return new TestMongo(null, backend);
  }

  /** True for the in-process server (which tests may stop and start). */
  public boolean isLocal() {
    return externalUri == null;
  }

  /** A connection string for the sink. */
  public String uri() {
    return externalUri != null ? externalUri : "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=1500&connectTimeoutMS=1000";
  }

  /** A client for the test's own reads. */
  public MongoClient client() {
    return client;
  }

  /** A fresh database name. */
  public static String freshDatabase(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A database. */
  public MongoDatabase database(String name) {
    return client.getDatabase(name);
  }

  /** Stops the in-process server: connections are refused until {@link #restart()}. Its data is lost. */
  public void stopServer() {
    if (!isLocal()) {
      throw new IllegalStateException("cannot stop an external MongoDB");
    }
    server.shutdownNow();
    // A second shutdownNow() of the same server can wait forever for a client that connected during the first.
    server = null;
  }

  /** Starts an empty in-process server again on the same port. */
  public void restart() {
    server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", port);
  }

  @Override
  public void close() {
    client.close();
    if (server != null) {
      server.shutdownNow();
    }
  }
}
