package dev.sluice.benchmarks.sink;

import de.bwaldvogel.mongo.MongoServer;
import dev.sluice.stack.AtomicBackends;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's mongo-java-server endpoint in a JVM of its own, as MongoDB is a process of its own
 * next to a Connect worker: the endpoint's allocations (decoding every command, copying every
 * document it updates) then collect in its own heap instead of triggering collections in the heap
 * the sinks run in. {@link #main} is the endpoint JVM: it prints {@value #PORT_PREFIX}{@code <port>}
 * and serves until its standard input closes.
 */
final class EndpointJvm implements AutoCloseable {
  static final String PORT_PREFIX = "mongo-java-server listening on port ";

  private final Process process;
  private final String uri;

  private EndpointJvm(Process process, String uri) {
    this.process = process;
    this.uri = uri;
  }

  /**
   * Starts an endpoint JVM on the classpath of this one.
   *
   * @param planner {@code indexed} or {@code stock}, as {@link AtomicBackends#memory()} and
   *     {@link AtomicBackends#memoryStockPlanner()}
   */
  static EndpointJvm start(String planner) throws IOException {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms1g", "-Xmx1g", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), EndpointJvm.class.getName(), planner);
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(PORT_PREFIX)) {
        EndpointJvm endpoint = new EndpointJvm(p, "mongodb://127.0.0.1:" + Integer.parseInt(line.substring(PORT_PREFIX.length())) + "/");
        Thread drain = new Thread(() -> out.lines().forEach(System.out::println), "endpoint-output");
        drain.setDaemon(true);
        drain.start();
        return endpoint;
      }
      System.out.println(line);
    }
    p.destroyForcibly();
    throw new IOException("the endpoint JVM ended without printing its port (" + String.join(" ", command) + ")");
  }

  /** The connection string of the endpoint. */
  String uri() {
    return uri;
  }

  /** Closes the endpoint's standard input, which ends it; kills it if it has not ended 10 s later. */
  @Override
  public void close() throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** The endpoint JVM: {@code indexed} or {@code stock} as the only argument. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1 || !List.of("indexed", "stock").contains(args[0])) {
      throw new IllegalArgumentException("usage: EndpointJvm indexed|stock");
    }
    MongoServer server = new MongoServer(args[0].equals("stock") ? AtomicBackends.memoryStockPlanner() : AtomicBackends.memory());
    InetSocketAddress address = server.bind();
    System.out.println(PORT_PREFIX + address.getPort());
    System.out.flush();
    try {
      while (System.in.read() >= 0) {
        // serve until the benchmark closes our standard input (or ends)
      }
    } finally {
      server.shutdownNow();
    }
  }
}
