package dev.sluice.sink.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sink.mongo.testsupport.Shop;
import dev.sluice.sink.mongo.testsupport.TestTable;
import dev.sluice.sink.mongo.view.ChangeParser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * Which held records a newer change releases as it arrives, and how releasing is taken back: the
 * window parses with the sink's own parser; the written result is in {@link CompactionWindowTaskTest}.
 */
class CompactionWindowReleaseTest {
  private final TestTable orders = Shop.orders();
  private final TestTable orders1 = Shop.orders().onPartition(1);
  private final ChangeParser parser = new ChangeParser(new TopicConfig(Shop.ORDERS_TOPIC, Map.of("database", "views")), null);
  private final CompactionWindow window = new CompactionWindow(1_000_000, Long.MAX_VALUE, Duration.ofHours(1), Clock.systemUTC(),
      (record, ordinal) -> new ViewSink.Parsed(record, parser.parse(record, ordinal), null));

  private Struct order(TestTable table, long id, String total) {
    return Shop.order(table, id, "c" + id, total);
  }

  private static List<SinkRecord> records(SinkRecord... records) {
    return Arrays.asList(records);
  }

  private List<SinkRecord> held() {
    List<SinkRecord> out = new ArrayList<>();
    window.parsed().forEach(p -> out.add(p.record()));
    return out;
  }

  @Test
  void aNewerChangeOfAKeyReleasesTheHeldOneAndTheTakenWindowCountsIt() {
    SinkRecord v1 = orders.insert(0, 10, order(orders, 1, "1"));
    SinkRecord other = orders.insert(1, 11, order(orders, 2, "1"));
    SinkRecord v2 = orders.update(2, 12, order(orders, 1, "1"), order(orders, 1, "2"));
    window.add(records(v1, other));
    SinkRecord v3 = orders.update(3, 13, order(orders, 1, "2"), order(orders, 1, "3"));
    window.add(records(v2, v3));

    assertThat(window.size()).as("held").isEqualTo(2);
    assertThat(window.released()).isEqualTo(2);
    assertThat(held()).containsExactly(other, v3);
    CompactionWindow.Taken taken = window.take();
    assertThat(taken.parsed()).extracting(ViewSink.Parsed::record).containsExactly(other, v3);
    assertThat(taken.released()).isEqualTo(2);
    assertThat(taken.records()).isEqualTo(4);
    assertThat(window.isEmpty()).isTrue();
    assertThat(window.released()).isZero();
  }

  @Test
  void theSameKeyOnAnotherPartitionReleasesNothing() {
    window.add(records(orders.insert(0, 10, order(orders, 1, "1")), orders1.insert(0, 11, order(orders1, 1, "2"))));
    assertThat(window.size()).isEqualTo(2);
    assertThat(window.released()).isZero();
  }

  @Test
  void anOlderChangeArrivingLaterReleasesNothingAndDoesNotTakeTheKeysPlace() {
    SinkRecord newer = orders.insert(5, 50, order(orders, 1, "5"));
    SinkRecord redelivered = orders.insert(3, 30, order(orders, 1, "3"));
    SinkRecord newest = orders.update(6, 60, order(orders, 1, "5"), order(orders, 1, "6"));
    window.add(records(newer, redelivered));
    assertThat(window.size()).isEqualTo(2);
    window.add(records(newest));
    assertThat(held()).as("the newest releases the one holding the key, not the stale one").containsExactly(redelivered, newest);
  }

  @Test
  void withoutSeqTheLaterArrivalReleasesTheEarlierOne() {
    SinkRecord first = orders.debeziumInsert(0, order(orders, 1, "1"));
    SinkRecord second = orders.debeziumUpdate(1, order(orders, 1, "1"), order(orders, 1, "2"));
    window.add(records(first, second));
    assertThat(held()).containsExactly(second);
  }

  @Test
  void deletesAndRecordsOfSeveralChangesAreNeverReleased() {
    SinkRecord insert = orders.insert(0, 10, order(orders, 1, "1"));
    SinkRecord delete = orders.delete(1, 11, order(orders, 1, "1"));
    SinkRecord again = orders.insert(2, 12, order(orders, 1, "2"));
    // A primary key change: a delete of key 1 and an upsert of key 7, two changes in one record.
    SinkRecord moved = orders.update(3, 13, order(orders, 1, "2"), order(orders, 7, "2"));
    SinkRecord seven = orders.update(4, 14, order(orders, 7, "2"), order(orders, 7, "3"));
    window.add(records(insert, delete, again, moved, seven));
    assertThat(held()).as("the insert is released by the delete; the delete stays for its cascade; the re-insert is"
        + " released by the key change, which stays as it has two changes").containsExactly(delete, moved, seven);
    assertThat(window.released()).isEqualTo(2);
  }

  @Test
  void aChildThatMovedToAnotherParentIsNotReleased() {
    TestTable lines = Shop.lines();
    SluiceMongoSinkConfig config = new SluiceMongoSinkConfig(Map.of("name", "s", "connection.uri", "mongodb://localhost",
        "database", "views", "topic.override." + Shop.LINES_TOPIC + ".collection", "orders",
        "topic.override." + Shop.LINES_TOPIC + ".embed.field", "lines", "topic.override." + Shop.LINES_TOPIC + ".embed.parent.key", "order_id"));
    ChangeParser lineParser = new ChangeParser(config.topicConfig(Shop.LINES_TOPIC), EmbedRegistry.from(config).forTopic(Shop.LINES_TOPIC));
    CompactionWindow lineWindow = new CompactionWindow(1_000_000, Long.MAX_VALUE, Duration.ofHours(1), Clock.systemUTC(),
        (record, ordinal) -> new ViewSink.Parsed(record, lineParser.parse(record, ordinal), null));
    Struct inOne = Shop.line(lines, 11, 1L, "a", 1);
    Struct inTwo = Shop.line(lines, 11, 2L, "a", 1);
    SinkRecord insert = lines.insert(0, 10, inOne);
    SinkRecord change = lines.update(1, 11, inOne, Shop.line(lines, 11, 1L, "a", 2));
    SinkRecord move = lines.update(2, 12, Shop.line(lines, 11, 1L, "a", 2), inTwo);
    SinkRecord after = lines.update(3, 13, inTwo, Shop.line(lines, 11, 2L, "a", 3));
    lineWindow.add(records(insert, change, move, after));

    List<SinkRecord> held = new ArrayList<>();
    lineWindow.parsed().forEach(p -> held.add(p.record()));
    assertThat(held).as("changes within order 1 are released; the move out of order 1 stays, so the write knows order 1"
        + " may be left empty").containsExactly(move, after);
    assertThat(lineWindow.released()).isEqualTo(2);
  }

  @Test
  void aTruncateKeepsTheChangesBeforeItFromReleasingOrBeingReleasedByThoseAfter() {
    SinkRecord before = orders.insert(0, 10, order(orders, 1, "1"));
    SinkRecord truncate = orders.truncate(1, 11);
    SinkRecord after = orders.insert(2, 12, order(orders, 1, "2"));
    SinkRecord later = orders.update(3, 13, order(orders, 1, "2"), order(orders, 1, "3"));
    window.add(records(before, truncate, after, later));
    assertThat(held()).containsExactly(before, truncate, later);
  }

  @Test
  void undoingTheLastAddHoldsWhatItReleasedAgainAndForgetsItsRecords() {
    SinkRecord v1 = orders.insert(0, 10, order(orders, 1, "1"));
    window.add(records(v1));
    SinkRecord v2 = orders.update(1, 11, order(orders, 1, "1"), order(orders, 1, "2"));
    SinkRecord v3 = orders.update(2, 12, order(orders, 1, "2"), order(orders, 1, "3"));
    window.add(records(v2, v3));
    assertThat(window.released()).isEqualTo(2);

    window.undoLastAdd();
    assertThat(held()).containsExactly(v1);
    assertThat(window.released()).isZero();

    // Delivered again, the same records release v1 as before: the key's place was restored too.
    window.add(records(v2, v3));
    assertThat(held()).containsExactly(v3);
    assertThat(window.released()).isEqualTo(2);
  }

  @Test
  void droppingAPartitionForgetsItsReleasedRecordsToo() {
    window.add(records(orders.insert(0, 10, order(orders, 1, "1")), orders.update(1, 11, order(orders, 1, "1"), order(orders, 1, "2")),
        orders1.insert(0, 12, order(orders1, 2, "1"))));
    assertThat(window.drop(List.of(new TopicPartition(Shop.ORDERS_TOPIC, 0)))).as("the held record and the one it released")
        .isEqualTo(2);
    assertThat(window.size()).isEqualTo(1);
    assertThat(window.released()).isZero();
    SinkRecord next = orders.insert(2, 13, order(orders, 1, "3"));
    window.add(records(next));
    assertThat(window.size()).as("the dropped record no longer holds key 1's place").isEqualTo(2);
  }

  @Test
  void releasedRecordsStayCountedByPartitionWhenTheirEntriesAreLetGo() {
    // One key changed again and again: the released entries soon outnumber the one held record and are let go.
    long offset = 0;
    int adds = 4;
    int perAdd = CompactionWindow.PURGE_MIN;
    for (int a = 0; a < adds; a++) {
      List<SinkRecord> batch = new ArrayList<>();
      for (int i = 0; i < perAdd; i++, offset++) {
        batch.add(orders.update(offset, 1_000 + offset, order(orders, 1, "1"), order(orders, 1, Long.toString(offset))));
      }
      window.add(batch);
    }
    window.add(records(orders1.insert(0, 1, order(orders1, 2, "1"))));
    assertThat(window.size()).isEqualTo(2);
    assertThat(window.released()).isEqualTo((long) adds * perAdd - 1);

    SinkRecord last = orders.update(offset, 1_000 + offset, order(orders, 1, "1"), order(orders, 1, "99999"));
    window.add(records(last));
    window.undoLastAdd();
    assertThat(window.released()).as("the undone add's release is taken back").isEqualTo((long) adds * perAdd - 1);
    assertThat(window.drop(List.of(new TopicPartition(Shop.ORDERS_TOPIC, 0)))).isEqualTo(adds * perAdd);
    assertThat(window.released()).isZero();
    assertThat(window.size()).isEqualTo(1);
  }

  @Test
  void restoredRecordsGoInFrontReleaseNothingAndAreReleasedByNothing() {
    SinkRecord a1 = orders.insert(0, 10, order(orders, 1, "1"));
    SinkRecord a2 = orders.update(1, 11, order(orders, 1, "1"), order(orders, 1, "2"));
    window.add(records(a1, a2));
    CompactionWindow.Taken failed = window.take();
    SinkRecord a3 = orders.update(2, 12, order(orders, 1, "2"), order(orders, 1, "3"));
    window.add(records(a3));
    window.restore(failed);
    assertThat(held()).containsExactly(a2, a3);
    assertThat(window.released()).as("a1, released before the failed write, is counted again").isEqualTo(1);
    SinkRecord a4 = orders.update(3, 13, order(orders, 1, "3"), order(orders, 1, "4"));
    window.add(records(a4));
    assertThat(held()).as("a4 releases a3, which held the key's place; the restored a2 stays").containsExactly(a2, a4);
  }
}
