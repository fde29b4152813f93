package dev.sluice.sink.mongo.writemodel;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import dev.sluice.sink.mongo.retry.ErrorKind;
import dev.sluice.sink.mongo.retry.MongoErrorClassifier;
import dev.sluice.sink.mongo.view.RowChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;
import org.bson.BsonDocument;

/**
 * Runs write models as one unordered bulk write and sorts the outcome of each: applied, stale
 * (duplicate key on {@code _id} from a filtered upsert), or refused for the document's own content.
 * Transient failures are thrown for the caller's retry; fatal ones as {@link ConnectException}.
 * When the driver refuses a whole bulk for one document's content, the models run one by one so
 * the others still get written.
 */
final class Bulk {
  private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

  /**
   * One write model.
   *
   * @param model the write
   * @param change the change it writes (reported when it fails)
   * @param kind what it counts as
   */
  record Op(WriteModel<BsonDocument> model, RowChange change, WriteKind kind) {}

  /**
   * What happened to each op.
   *
   * @param stale ops that met a newer document
   * @param failed ops refused for their content, with the cause
   * @param matched documents the ops' filters matched, over all ops (upserts not included)
   */
  record Result(List<Op> stale, List<WriteOutcome.Failure> failed, long matched) {
    Result(List<Op> stale, List<WriteOutcome.Failure> failed) {
      this(stale, failed, 0L);
    }

    /** The stale ops, by identity. */
    Set<Op> staleOps() {
      Set<Op> set = Collections.newSetFromMap(new IdentityHashMap<>());
      set.addAll(stale);
      return set;
    }

    /** The changes with a failed op, by identity. */
    Set<RowChange> failedChanges() {
      Set<RowChange> set = Collections.newSetFromMap(new IdentityHashMap<>());
      failed.forEach(f -> set.add(f.change()));
      return set;
    }
  }

  private Bulk() {}

  static Result run(MongoCollection<BsonDocument> collection, List<Op> ops) {
    List<Op> stale = new ArrayList<>();
    List<WriteOutcome.Failure> failed = new ArrayList<>();
    long matched = 0;
    if (ops.isEmpty()) {
      return new Result(stale, failed, matched);
    }
    try {
      matched = collection.bulkWrite(ops.stream().map(Op::model).collect(Collectors.toList()), UNORDERED).getMatchedCount();
    } catch (MongoBulkWriteException e) {
      matched = e.getWriteResult().getMatchedCount();
      ErrorKind verdict = MongoErrorClassifier.classify(e);
      if (verdict == ErrorKind.TRANSIENT) {
        throw e;
      }
      if (verdict == ErrorKind.FATAL) {
        throw fatal(collection, e);
      }
      for (BulkWriteError error : e.getWriteErrors()) {
        Op op = ops.get(error.getIndex());
        if (MongoErrorClassifier.classify(error.getCode(), error.getMessage()) == ErrorKind.STALE) {
          stale.add(op);
        } else {
          failed.add(new WriteOutcome.Failure(op.change(), new ConnectException(
              "MongoDB refused the write to " + collection.getNamespace().getFullName() + " (code " + error.getCode() + "): "
                  + error.getMessage())));
        }
      }
    } catch (RuntimeException e) {
      ErrorKind kind = MongoErrorClassifier.classify(e);
      if (kind == ErrorKind.TRANSIENT) {
        throw e;
      }
      if (kind == ErrorKind.FATAL) {
        throw fatal(collection, e);
      }
      if (ops.size() == 1) {
        failed.add(new WriteOutcome.Failure(ops.get(0).change(), e));
      } else {
        // The driver refused the bulk for one document's content: find it by writing one at a time.
        for (Op op : ops) {
          Result single = run(collection, List.of(op));
          matched += single.matched();
          stale.addAll(single.stale());
          failed.addAll(single.failed());
        }
      }
    }
    return new Result(stale, failed, matched);
  }

  private static ConnectException fatal(MongoCollection<BsonDocument> collection, RuntimeException e) {
    return new ConnectException("MongoDB refused writes to " + collection.getNamespace().getFullName()
        + " for a reason no retry or record skip can fix (check the user's roles, the server version and the"
        + " connection settings): " + e.getMessage(), e);
  }
}
