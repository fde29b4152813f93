package dev.sluice.stack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.util.concurrent.CountDownLatch;

/** Entry point of the MongoDB endpoint's JVM: {@code MongoEndpointMain <port> <h2-file>}. */
public final class MongoEndpointMain {
  private MongoEndpointMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 2) {
      System.err.println("usage: MongoEndpointMain <port> <h2-file>");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    H2Backend backend = AtomicBackends.h2(args[1]);
    MongoServer server = new MongoServer(backend);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // SIGTERM: close the server, then the backend, which commits the MVStore to disk.
      server.shutdownNow();
      backend.close();
      System.out.println("mongo-java-server stopped");
      stopped.countDown();
    }, "mongo-endpoint-shutdown"));
    server.bind("127.0.0.1", port);
    System.out.println("mongo-java-server listening on 127.0.0.1:" + port + " with data in " + args[1]);
    stopped.await();
  }
}
