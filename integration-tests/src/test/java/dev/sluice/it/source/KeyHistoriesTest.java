package dev.sluice.it.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.support.ChangeEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** The check SourceStreamingIT applies to snapshot reads that race its workload. */
class KeyHistoriesTest {
  private static final Schema KEY = SchemaBuilder.struct().name("t.Key").field("id", Schema.INT32_SCHEMA).build();
  private static final Schema ROW = SchemaBuilder.struct().name("t.Value").optional()
      .field("id", Schema.INT32_SCHEMA).field("v", Schema.OPTIONAL_STRING_SCHEMA).build();
  private static final Schema SOURCE = SchemaBuilder.struct().name("t.Source")
      .field("seq", Schema.INT64_SCHEMA).field("table", Schema.STRING_SCHEMA).field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).build();
  private static final Schema VALUE = SchemaBuilder.struct().name("t.Envelope")
      .field("op", Schema.STRING_SCHEMA).field("after", ROW).field("source", SOURCE).build();

  private final List<ChangeEvent> events = new ArrayList<>();

  @Test
  void aReadThatRepeatsTheStreamedRowIsSetApartFromTheCommittedOperations() {
    change(1, "c", 1, "a", null);
    change(2, "u", 1, "b", null);
    change(3, "r", 1, "b", "true");
    change(4, "u", 1, "c", null);
    change(5, "d", 1, null, null);
    change(6, "c", 2, "x", null);
    change(7, "r", 2, "x", "last");

    KeyHistories h = KeyHistories.of(events);

    assertThat(h.badReads).isEmpty();
    assertThat(h.snapshotReads).isEqualTo(2);
    assertThat(h.operations.get("t/id=1")).containsExactly("c", "u", "u", "d");
    assertThat(h.operations.get("t/id=2")).containsExactly("c");
    assertThat(h.last.get("t/id=2").op()).isEqualTo("r");
  }

  @Test
  void eventsAreTakenInSeqOrderWhateverOrderTheyArriveIn() {
    change(3, "u", 1, "b", null);
    change(4, "r", 1, "b", "true");
    change(1, "c", 1, "a", null);

    KeyHistories h = KeyHistories.of(events);

    assertThat(h.badReads).isEmpty();
    assertThat(h.operations.get("t/id=1")).containsExactly("c", "u");
  }

  @Test
  void aReadWithAnotherRowThanTheKeysPreviousEventIsWrong() {
    change(1, "c", 1, "a", null);
    change(2, "r", 1, "stale", "true");

    assertThat(KeyHistories.of(events).badReads).singleElement().asString()
        .contains("t/id=1 seq 2", "differs from the row at seq 1", "v: expected a (String) but was stale (String)");
  }

  @Test
  void aReadBeforeAnyEventOfItsKeyOrAfterItsDeleteIsWrong() {
    change(1, "r", 1, "a", "true");
    change(2, "c", 2, "x", null);
    change(3, "d", 2, null, null);
    change(4, "r", 2, "x", "true");

    assertThat(KeyHistories.of(events).badReads).containsExactly(
        "t/id=1 seq 1: snapshot read after no event of its key",
        "t/id=2 seq 4: snapshot read after op=d");
  }

  @Test
  void aReadWithoutTheSnapshotMarkerIsWrong() {
    change(1, "c", 1, "a", null);
    change(2, "r", 1, "a", "false");

    assertThat(KeyHistories.of(events).badReads).containsExactly("t/id=1 seq 2: op=r with source.snapshot=false");
  }

  private void change(long seq, String op, int id, String v, String snapshot) {
    Struct key = new Struct(KEY).put("id", id);
    Struct after = v == null ? null : new Struct(ROW).put("id", id).put("v", v);
    Struct source = new Struct(SOURCE).put("seq", seq).put("table", "t").put("snapshot", snapshot);
    Struct value = new Struct(VALUE).put("op", op).put("after", after).put("source", source);
    events.add(new ChangeEvent("topic", 0, seq, key, value));
  }
}
