package dev.sluice.sink.mongo.retry;

import java.util.function.Supplier;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a write with bounded backoff: transient failures are retried up to the policy's attempts,
 * then surface as a {@link RetriableException} so that Connect keeps the offsets and redelivers
 * the batch; anything else is rethrown at once. The backoff starts afresh for every call, so it
 * resets after each success.
 */
public final class Retrier {
  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private long retries;

  /** A retrier. */
  public Retrier(RetryPolicy policy, Sleeper sleeper) {
    this.policy = policy;
    this.sleeper = sleeper;
  }

  /**
   * Runs {@code operation}.
   *
   * @param what what the operation does, for messages (e.g. the namespace)
   * @throws RetriableException when every attempt failed transiently
   * @throws ConnectException when interrupted while waiting (the interrupt flag is restored)
   */
  public <T> T call(String what, Supplier<T> operation) {
    for (int attempt = 1; ; attempt++) {
      try {
        return operation.get();
      } catch (RuntimeException e) {
        if (MongoErrorClassifier.classify(e) != ErrorKind.TRANSIENT) {
          throw e;
        }
        if (attempt >= policy.maxAttempts()) {
          throw new RetriableException("writing " + what + " failed transiently " + attempt + " time(s), last: " + e
              + "; Connect keeps the offsets and delivers the records again", e);
        }
        retries++;
        LOG.warn("writing {} failed transiently (attempt {} of {}), retrying in {} ms: {}",
            what, attempt, policy.maxAttempts(), policy.backoff(attempt).toMillis(), e.toString());
        try {
          sleeper.sleep(policy.backoff(attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new ConnectException("interrupted while waiting to retry writing " + what, e);
        }
      }
    }
  }

  /** Retries made so far (attempts after the first). */
  public long retries() {
    return retries;
  }
}
