package dev.sluice.sink.mongo.retry;

/**
 * Writes lost a race with another writer more often than one batch retries by itself (elements of
 * embedded children moved between a lookup and the update meant for them). Transient: the batch is
 * written again as a whole, which is safe because every write is idempotent.
 */
public final class ConcurrentWriteRace extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A race described by {@code message}. */
  public ConcurrentWriteRace(String message) {
    super(message);
  }
}
