package dev.sluice.stack;

/** A real MongoDB the user named with {@code SLUICE_MONGODB_URI}; the stack neither starts nor stops it. */
public record ExternalMongo(String connectionString) implements MongoEndpoint {
  @Override
  public boolean isLocal() {
    return false;
  }

  @Override
  public void stop() {
    throw new UnsupportedOperationException("the external MongoDB of SLUICE_MONGODB_URI cannot be stopped by the tests");
  }

  @Override
  public void start() {
    // nothing to start: the server is external and already running
  }

  @Override
  public void close() {
    // the external server outlives the tests
  }
}
