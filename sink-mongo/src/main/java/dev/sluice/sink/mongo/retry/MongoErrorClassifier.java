package dev.sluice.sink.mongo.retry;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoClientException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoConfigurationException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import java.util.Set;
import org.bson.BsonInvalidOperationException;
import org.bson.BsonSerializationException;
import org.bson.codecs.configuration.CodecConfigurationException;

/**
 * The sink's one error classifier: every MongoDB failure the write path sees goes through here.
 *
 * <p>Transient: socket and timeout exceptions, not-primary and node-recovering states, write-concern
 * errors, errors labelled {@code RetryableWriteError}, and the server codes of network errors,
 * elections, shutdowns, interruptions by replica-set state changes, write conflicts and request
 * throttling (Cosmos DB's 16500), and command errors without a code (-1, internal server failures).
 * Stale: duplicate key (11000) on the {@code _id} index, which is how
 * a filtered upsert reports a newer document. Fatal: authentication, authorization, unsupported
 * commands and client-side misconfiguration. Record: the rest of the per-document write errors, and
 * client-side encoding failures of a document.
 */
public final class MongoErrorClassifier {

  static final int DUPLICATE_KEY = 11000;
  static final int UNKNOWN = -1;

  private static final Set<Integer> TRANSIENT_CODES = Set.of(
      6, 7, 50, 64, 89, 91, 112, 133, 150, 189, 234, 262, 9001, 10107, 11600, 11602, 13388, 13435, 13436, 16500, 63);
  private static final Set<Integer> FATAL_CODES = Set.of(
      13, 18, 20, 26, 59, 72, 115, 166, 238, 8000, 31254);

  private MongoErrorClassifier() {}

  /** Classifies an exception thrown by a driver call. */
  public static ErrorKind classify(Throwable error) {
    if (error instanceof ConcurrentWriteRace) {
      return ErrorKind.TRANSIENT;
    }
    if (error instanceof MongoBulkWriteException bulk) {
      if (bulk.getWriteConcernError() != null) {
        return ErrorKind.TRANSIENT;
      }
      // One verdict for the whole bulk: fatal beats transient beats record beats stale.
      boolean transientError = false;
      boolean recordError = false;
      for (BulkWriteError e : bulk.getWriteErrors()) {
        switch (classify(e.getCode(), e.getMessage())) {
          case FATAL -> {
            return ErrorKind.FATAL;
          }
          case TRANSIENT -> transientError = true;
          case RECORD -> recordError = true;
          case STALE -> { }
        }
      }
      return transientError ? ErrorKind.TRANSIENT : recordError ? ErrorKind.RECORD : ErrorKind.STALE;
    }
    if (error instanceof MongoWriteException write) {
      return classify(write.getError().getCode(), write.getError().getMessage());
    }
    if (error instanceof MongoInterruptedException) {
      return ErrorKind.FATAL;
    }
    if (error instanceof MongoSocketException
        || error instanceof MongoTimeoutException
        || error instanceof MongoExecutionTimeoutException
        || error instanceof MongoNotPrimaryException
        || error instanceof MongoNodeIsRecoveringException
        || error instanceof MongoWriteConcernException) {
      return ErrorKind.TRANSIENT;
    }
    if (error instanceof MongoSecurityException || error instanceof MongoConfigurationException) {
      return ErrorKind.FATAL;
    }
    if (error instanceof MongoException mongo) {
      if (mongo.hasErrorLabel("RetryableWriteError") || mongo.hasErrorLabel("TransientTransactionError")) {
        return ErrorKind.TRANSIENT;
      }
      if (error instanceof MongoCommandException || error instanceof MongoServerException) {
        int code = mongo.getCode();
        if (TRANSIENT_CODES.contains(code) || code == UNKNOWN) {
          // Errors without a server code come from servers' internal failures (mongo-java-server
          // reports its races this way); a bounded retry is the right answer.
          return ErrorKind.TRANSIENT;
        }
        // A command (not a per-document write) failed for a reason we cannot pin on a record.
        return ErrorKind.FATAL;
      }
      if (error instanceof MongoClientException) {
        return ErrorKind.FATAL;
      }
      return TRANSIENT_CODES.contains(mongo.getCode()) ? ErrorKind.TRANSIENT : ErrorKind.FATAL;
    }
    if (error instanceof IllegalArgumentException
        || error instanceof BsonSerializationException
        || error instanceof BsonInvalidOperationException
        || error instanceof CodecConfigurationException) {
      // The driver refused to encode a document: that document's content is the problem.
      return ErrorKind.RECORD;
    }
    return ErrorKind.FATAL;
  }

  /** Classifies one per-document write error by its server code and message. */
  public static ErrorKind classify(int code, String message) {
    if (code == DUPLICATE_KEY) {
      return isIdIndex(message) ? ErrorKind.STALE : ErrorKind.RECORD;
    }
    if (TRANSIENT_CODES.contains(code)) {
      return ErrorKind.TRANSIENT;
    }
    if (FATAL_CODES.contains(code)) {
      return ErrorKind.FATAL;
    }
    return ErrorKind.RECORD;
  }

  /** True when a duplicate-key message is about the {@code _id} index (not a user's unique index). */
  static boolean isIdIndex(String message) {
    return message != null && (message.contains("index: _id_ ") || message.contains("index: _id_\n") || message.endsWith("index: _id_")
        || message.contains("keyPattern: { _id: 1 }"));
  }
}
