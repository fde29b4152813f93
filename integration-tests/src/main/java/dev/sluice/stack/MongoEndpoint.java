package dev.sluice.stack;

/**
 * The MongoDB the sink writes to: mongo-java-server in a child JVM here, or the real MongoDB named by
 * {@code SLUICE_MONGODB_URI}.
 */
public interface MongoEndpoint extends AutoCloseable {
  /** A connection string the MongoDB Java driver accepts. */
  String connectionString();

  /** True for the local wire-protocol server the stack started; false for an external MongoDB. */
  boolean isLocal();

  /** Stops the endpoint (outage tests); unsupported for an external MongoDB. */
  void stop();

  /** Starts it again after {@link #stop()}, on the same port and with the same data. */
  void start();

  @Override
  void close();
}
