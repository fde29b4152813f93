package dev.sluice.sink.mongo.writemodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.Oplog;
import dev.sluice.sink.mongo.testsupport.AtomicMemoryBackend;
import dev.sluice.sink.mongo.testsupport.Shop;
import dev.sluice.sink.mongo.testsupport.SinkHarness;
import dev.sluice.sink.mongo.testsupport.TestMongo;
import dev.sluice.sink.mongo.testsupport.TestTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Writes of embedded children cut short by MongoDB after some of their steps took effect, then
 * written again (by the sink's retry, or by a task the records are delivered to again), when the
 * changes look stale or half done.
 *
 * <p>The clean-up of documents left without parent row and children runs after the writes that
 * emptied them; cut short, it must still reach those documents, or an empty document stays for good.
 * A move is a $pull from the old parent and a $push into the new one; with only the push done, the
 * change must still be redone, or the child stays in both documents.
 */
class InterruptedWritesTest {
  /** Which step of the clean-up fails. */
  enum Step {
    /** The {@code $unset} of the empty arrays. */
    UNSET_EMPTY_ARRAYS,
    /** The delete of the documents left with nothing. */
    DELETE_EMPTY_DOCUMENTS
  }

  private final TestTable orders = Shop.orders();
  private final TestTable lines = Shop.lines();
  private final AtomicInteger unsetFailures = new AtomicInteger();
  private final AtomicInteger deleteFailures = new AtomicInteger();
  private final AtomicInteger pullFailures = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private TestMongo mongo;

  @BeforeEach
  void start() {
    mongo = TestMongo.local(new AtomicMemoryBackend() {
      @Override
      protected void beforeUpdate(MemoryCollection collection, Document update, ArrayFilters arrayFilters, Oplog oplog) {
        if (update.get("$unset") instanceof Document unset && unset.containsKey("lines") && unsetFailures.getAndDecrement() > 0
            || update.containsKey("$pull") && pullFailures.getAndDecrement() > 0) {
          failed.incrementAndGet();
          throw new MongoServerError(11600, "InterruptedAtShutdown", "the server is shutting down (test)");
        }
      }

      @Override
      protected void beforeDelete(MemoryCollection collection, Document selector) {
        if (selector.containsKey("lines") && deleteFailures.getAndDecrement() > 0) {
          failed.incrementAndGet();
          throw new MongoServerError(11600, "InterruptedAtShutdown", "the server is shutting down (test)");
        }
      }
    });
  }

  @AfterEach
  void stop() {
    mongo.close();
  }

  private SinkHarness sink(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(Shop.embedLines("keep"));
    props.putAll(extra);
    return new SinkHarness(mongo, TestMongo.freshDatabase("cleanup"), props);
  }

  private void failNext(Step step, int times) {
    (step == Step.UNSET_EMPTY_ARRAYS ? unsetFailures : deleteFailures).set(times);
  }

  private void failNothing() {
    unsetFailures.set(0);
    deleteFailures.set(0);
  }

  /**
   * Puts {@code records} while {@code step} fails every time, until the sink gives up (as a task
   * that dies before its clean-up); runs {@code meanwhile}; then delivers them again to a restarted
   * task with nothing failing.
   */
  private void cutShortThenDeliveredAgain(SinkHarness sink, Step step, List<SinkRecord> records, Runnable meanwhile) {
    failNext(step, 100);
    assertThatThrownBy(() -> sink.put(records)).isInstanceOf(RetriableException.class);
    meanwhile.run();
    failNothing();
    sink.restart().put(records);
  }

  /** Order 1 deleted, its line 11 still there: the document holds the line alone. */
  private Struct parentlessLine(SinkHarness sink) {
    Struct order = Shop.order(orders, 1, "ada", "1");
    Struct line = Shop.line(lines, 11, 1L, "a", 1);
    sink.put(orders.insert(0, 1, order), lines.insert(0, 2, line));
    sink.put(orders.delete(1, 3, order));
    BsonDocument doc = sink.document("orders", 1L);
    assertThat(doc).as("the document keeps the line after its order's delete").isNotNull();
    assertThat(doc.containsKey("_sluice")).isFalse();
    assertThat(doc.getArray("lines")).hasSize(1);
    return line;
  }

  @ParameterizedTest
  @EnumSource(Step.class)
  void aCleanUpThatFailsOnceIsFinishedByTheRetry(Step step) {
    try (SinkHarness sink = sink(Map.of())) {
      Struct line = parentlessLine(sink);
      failNext(step, 1);
      sink.put(lines.delete(1, 4, line));

      assertThat(failed.get()).as("the clean-up failed once").isEqualTo(1);
      assertThat(sink.metrics().getRetries()).as("the batch was retried").isPositive();
      assertThat(sink.documents("orders")).as("neither order 1 nor its line exist").isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Step.class)
  void aCleanUpCutShortByACrashIsFinishedWhenTheRecordIsDeliveredAgain(Step step) {
    try (SinkHarness sink = sink(Map.of("retry.max.attempts", "2"))) {
      Struct line = parentlessLine(sink);
      cutShortThenDeliveredAgain(sink, step, List.of(lines.delete(1, 4, line)),
          () -> assertThat(sink.documents("orders")).as("the line is gone, the clean-up did not run").hasSize(1));
      assertThat(sink.documents("orders")).as("neither order 1 nor its line exist").isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Step.class)
  void aChildMovedOutOfAParentlessDocumentAndCompactedAwayStillHasItCleanedUp(Step step) {
    try (SinkHarness sink = sink(Map.of("retry.max.attempts", "2"))) {
      Struct line = parentlessLine(sink);
      Struct moved = Shop.line(lines, 11, 2L, "a", 1);
      Struct changed = Shop.line(lines, 11, 2L, "a", 5);
      // One batch: line 11 moves to order 2, then changes there; compaction writes only the second.
      cutShortThenDeliveredAgain(sink, step, List.of(lines.update(1, 4, line, moved), lines.update(2, 5, moved, changed)), () -> { });
      assertThat(sink.document("orders", 1L)).as("order 1 has neither its row nor a line").isNull();
      BsonDocument two = sink.document("orders", 2L);
      assertThat(two.getArray("lines")).hasSize(1);
      assertThat(two.getArray("lines").get(0).asDocument().getInt32("qty").getValue()).isEqualTo(5);
    }
  }

  @ParameterizedTest
  @EnumSource(Step.class)
  void aChildDeletedByAKafkaTombstoneHasItsDocumentCleanedUpWhenDeliveredAgain(Step step) {
    // Unwrapped rows: the tombstone carries only the key, so only the delete's own tombstone record
    // can say which document the child was removed from.
    try (SinkHarness sink = sink(Map.of("retry.max.attempts", "2"))) {
      Struct line = Shop.line(lines, 11, 1L, "a", 1);
      sink.put(lines.plain(0, line));
      assertThat(sink.document("orders", 1L).getArray("lines")).as("the line arrived before its order").hasSize(1);
      cutShortThenDeliveredAgain(sink, step, List.of(lines.plainTombstone(1, lines.key(line))), () -> { });
      assertThat(sink.documents("orders")).as("neither order 1 nor its line exist").isEmpty();
    }
  }

  @Test
  void aMoveWhosePushLandedAndWhosePullFailedIsFinishedByTheRetry() {
    try (SinkHarness sink = sink(Map.of())) {
      Struct inOne = Shop.line(lines, 11, 1L, "a", 1);
      sink.put(orders.insert(0, 1, Shop.order(orders, 1, "ada", "1")), orders.insert(1, 2, Shop.order(orders, 2, "bob", "1")),
          lines.insert(0, 3, inOne));
      pullFailures.set(1);
      // The $pull from order 1 and the $push into order 2 go in one unordered bulk: the push lands, the pull fails.
      sink.put(lines.update(1, 4, inOne, Shop.line(lines, 11, 2L, "a", 1)));

      assertThat(failed.get()).as("the pull failed once").isEqualTo(1);
      assertThat(sink.document("orders", 1L).getArray("lines")).as("line 11 left order 1").isEmpty();
      assertThat(sink.document("orders", 2L).getArray("lines")).as("line 11 is in order 2").hasSize(1);
    }
  }
}
