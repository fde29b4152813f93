package dev.sluice.sink.mongo.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteConcernResult;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonSerializationException;
import org.junit.jupiter.api.Test;

class RetryTest {
  private static final ServerAddress HOST = new ServerAddress("db1", 27017);

  private static MongoBulkWriteException bulk(BulkWriteError... errors) {
    return new MongoBulkWriteException(BulkWriteResult.unacknowledged(), List.of(errors), null, HOST, Set.of());
  }

  private static BulkWriteError error(int code, String message) {
    return new BulkWriteError(code, message, new BsonDocument(), 0);
  }

  private static MongoCommandException command(int code) {
    return new MongoCommandException(new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(code))
        .append("errmsg", new BsonString("boom")), HOST);
  }

  @Test
  void networkElectionAndTimeoutErrorsAreTransient() {
    assertThat(MongoErrorClassifier.classify(new MongoSocketReadException("reset", HOST))).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(MongoErrorClassifier.classify(new MongoTimeoutException("no server"))).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(MongoErrorClassifier.classify(new MongoNotPrimaryException(new BsonDocument(), HOST))).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(MongoErrorClassifier.classify(new MongoWriteConcernException(
        new WriteConcernError(64, "WriteConcernFailed", "waiting", new BsonDocument()), WriteConcernResult.unacknowledged(), HOST, Set.of())))
        .isEqualTo(ErrorKind.TRANSIENT);
    assertThat(MongoErrorClassifier.classify(command(91))).as("ShutdownInProgress").isEqualTo(ErrorKind.TRANSIENT);
    assertThat(MongoErrorClassifier.classify(command(16500))).as("Cosmos DB throttling").isEqualTo(ErrorKind.TRANSIENT);
    assertThat(MongoErrorClassifier.classify(command(-1))).as("an internal server error without code").isEqualTo(ErrorKind.TRANSIENT);
  }

  @Test
  void duplicateKeyOnIdIsStaleButOnAnotherUniqueIndexIsTheRecordsFault() {
    assertThat(MongoErrorClassifier.classify(11000, "E11000 duplicate key error collection: db.c index: _id_ dup key: { _id: 1 }"))
        .isEqualTo(ErrorKind.STALE);
    assertThat(MongoErrorClassifier.classify(11000, "E11000 duplicate key error collection: db.c index: email_1 dup key: { email: \"x\" }"))
        .isEqualTo(ErrorKind.RECORD);
  }

  @Test
  void authAndUnsupportedCommandsAreFatalAndDocumentErrorsAreTheRecords() {
    assertThat(MongoErrorClassifier.classify(13, "not authorized")).isEqualTo(ErrorKind.FATAL);
    assertThat(MongoErrorClassifier.classify(new MongoSecurityException(null, "auth failed"))).isEqualTo(ErrorKind.FATAL);
    assertThat(MongoErrorClassifier.classify(command(59))).isEqualTo(ErrorKind.FATAL);
    assertThat(MongoErrorClassifier.classify(52, "dollar prefixed")).isEqualTo(ErrorKind.RECORD);
    assertThat(MongoErrorClassifier.classify(new BsonSerializationException("too large"))).isEqualTo(ErrorKind.RECORD);
    assertThat(MongoErrorClassifier.classify(new IllegalArgumentException("bad field name"))).isEqualTo(ErrorKind.RECORD);
  }

  @Test
  void aBulkErrorGetsTheWorstVerdictOfItsWriteErrors() {
    assertThat(MongoErrorClassifier.classify(bulk(error(11000, "index: _id_ dup key")))).isEqualTo(ErrorKind.STALE);
    assertThat(MongoErrorClassifier.classify(bulk(error(11000, "index: _id_ dup key"), error(2, "bad")))).isEqualTo(ErrorKind.RECORD);
    assertThat(MongoErrorClassifier.classify(bulk(error(2, "bad"), error(91, "shutdown")))).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(MongoErrorClassifier.classify(bulk(error(91, "shutdown"), error(13, "unauthorized")))).isEqualTo(ErrorKind.FATAL);
  }

  @Test
  void backoffDoublesUpToItsBound() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000));
    assertThat(List.of(policy.backoff(1), policy.backoff(2), policy.backoff(3), policy.backoff(4), policy.backoff(5), policy.backoff(60)))
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
            Duration.ofMillis(1000), Duration.ofMillis(1000));
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void transientFailuresAreRetriedWithBackoffThenBecomeARetriableException() {
    List<Duration> waits = new ArrayList<>();
    Retrier retrier = new Retrier(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(15)), waits::add);
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> retrier.call("db.orders", () -> {
      calls.incrementAndGet();
      throw new MongoTimeoutException("no primary");
    })).isInstanceOf(RetriableException.class).hasMessageContaining("db.orders").hasMessageContaining("3 time(s)");
    assertThat(calls).hasValue(3);
    assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(15));
    assertThat(retrier.retries()).isEqualTo(2);
  }

  @Test
  void aCallThatRecoversReturnsItsResultAndTheNextCallStartsItsBackoffAfresh() {
    List<Duration> waits = new ArrayList<>();
    Retrier retrier = new Retrier(new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(1000)), waits::add);
    AtomicInteger calls = new AtomicInteger();
    assertThat(retrier.call("x", () -> {
      if (calls.incrementAndGet() < 3) {
        throw new MongoSocketReadException("reset", HOST);
      }
      return "done";
    })).isEqualTo("done");
    calls.set(0);
    retrier.call("x", () -> {
      if (calls.incrementAndGet() < 2) {
        throw new MongoSocketReadException("reset", HOST);
      }
      return "again";
    });
    assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(10));
  }

  @Test
  void nonTransientFailuresAreNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    Retrier retrier = new Retrier(new RetryPolicy(5, Duration.ZERO, Duration.ZERO), d -> { });
    assertThatThrownBy(() -> retrier.call("x", () -> {
      calls.incrementAndGet();
      throw new ConnectException("fatal");
    })).isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void anInterruptedWaitRestoresTheInterruptFlag() {
    Retrier retrier = new Retrier(new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(1)), d -> {
      throw new InterruptedException();
    });
    try {
      assertThatThrownBy(() -> retrier.call("x", () -> {
        throw new MongoTimeoutException("t");
      })).isInstanceOf(ConnectException.class).hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
