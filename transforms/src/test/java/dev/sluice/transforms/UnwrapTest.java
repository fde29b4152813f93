package dev.sluice.transforms;

import static dev.sluice.event.Envelope.Operation.CREATE;
import static dev.sluice.event.Envelope.Operation.DELETE;
import static dev.sluice.event.Envelope.Operation.READ;
import static dev.sluice.event.Envelope.Operation.TRUNCATE;
import static dev.sluice.event.Envelope.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.transforms.conformance.Fixtures;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class UnwrapTest {

  static Unwrap<SinkRecord> unwrap(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    Unwrap<SinkRecord> unwrap = new Unwrap<>();
    unwrap.configure(props);
    return unwrap;
  }

  @Test
  void createBecomesTheAfterRowItselfWhenNothingIsAdded() {
    SinkRecord event = Fixtures.sluice(CREATE);
    SinkRecord row = unwrap().apply(event);

    assertThat(row.value()).isSameAs(((Struct) event.value()).getStruct("after"));
    assertThat(row.valueSchema()).isSameAs(Fixtures.ROW_SCHEMA);
    assertThat(row.topic()).isEqualTo(event.topic());
    assertThat(row.key()).isEqualTo(event.key());
    assertThat(row.headers()).isEqualTo(event.headers()).isNotSameAs(event.headers());
  }

  @Test
  void updatesAndSnapshotReadsBecomeTheirAfterRow() {
    assertThat(((Struct) unwrap().apply(Fixtures.sluice(UPDATE)).value()).getString("email"))
        .isEqualTo("ada@example.com");
    assertThat(unwrap().apply(Fixtures.sluice(READ)).value()).isEqualTo(Fixtures.row(1));
    assertThat(unwrap().apply(Fixtures.debezium(UPDATE)).value()).isEqualTo(Fixtures.row(1));
  }

  @Test
  void defaultModeLeavesOneTombstonePerDeleteLikeDebezium() {
    Unwrap<SinkRecord> unwrap = unwrap();

    SinkRecord delete = unwrap.apply(Fixtures.sluice(DELETE));

    assertThat(delete.value()).isNull();
    assertThat(delete.valueSchema()).as("the row schema stays").isSameAs(Fixtures.ROW_SCHEMA);
    assertThat(delete.key()).isEqualTo(Fixtures.key());
    assertThat(unwrap.apply(Fixtures.tombstone())).as("the original tombstone").isNull();
  }

  @Test
  void dropModeDropsDeletesAndTombstones() {
    Unwrap<SinkRecord> unwrap = unwrap("delete.tombstone.handling.mode", "drop");

    assertThat(unwrap.apply(Fixtures.sluice(DELETE))).isNull();
    assertThat(unwrap.apply(Fixtures.tombstone())).isNull();
  }

  @Test
  void rewriteModeMarksEveryRowWithABooleanDeletedFlag() {
    Unwrap<SinkRecord> unwrap = unwrap("delete.tombstone.handling.mode", "rewrite");

    SinkRecord deleted = unwrap.apply(Fixtures.sluice(DELETE));
    SinkRecord updated = unwrap.apply(Fixtures.sluice(UPDATE));

    assertThat(deleted.valueSchema().field("__deleted").schema()).isEqualTo(Schema.OPTIONAL_BOOLEAN_SCHEMA);
    assertThat(((Struct) deleted.value()).get("__deleted")).isEqualTo(true);
    assertThat(((Struct) deleted.value()).getInt32("id")).isEqualTo(1);
    assertThat(((Struct) updated.value()).get("__deleted")).isEqualTo(false);
    assertThat(updated.valueSchema()).isSameAs(deleted.valueSchema());
    assertThat(unwrap.apply(Fixtures.tombstone())).isNull();
  }

  @Test
  void rewriteWithTombstoneKeepsTombstones() {
    Unwrap<SinkRecord> unwrap = unwrap("delete.tombstone.handling.mode", "rewrite-with-tombstone");

    assertThat(((Struct) unwrap.apply(Fixtures.sluice(DELETE)).value()).get("__deleted")).isEqualTo(true);
    assertThat(unwrap.apply(Fixtures.tombstone())).isNotNull();
  }

  @Test
  void deleteToTombstoneTurnsDeletesIntoTombstonesWithHeadersAndDropsTheOriginals() {
    Unwrap<SinkRecord> unwrap =
        unwrap("delete.tombstone.handling.mode", "delete-to-tombstone", "add.headers", "op,table");

    SinkRecord tombstone = unwrap.apply(Fixtures.sluice(DELETE));

    assertThat(tombstone.value()).isNull();
    assertThat(tombstone.valueSchema()).isNull();
    assertThat(tombstone.key()).isEqualTo(Fixtures.key());
    assertThat(tombstone.headers().lastWithName("__op").value()).isEqualTo("d");
    assertThat(tombstone.headers().lastWithName("__table").value()).isEqualTo("orders");
    assertThat(unwrap.apply(Fixtures.tombstone())).isNull();
  }

  @Test
  void acceptsDebeziumsSettingsFromBefore25() {
    Unwrap<SinkRecord> rewriteKeep =
        unwrap("delete.handling.mode", "rewrite", "drop.tombstones", "false");
    assertThat(((Struct) rewriteKeep.apply(Fixtures.sluice(DELETE)).value()).get("__deleted")).isEqualTo(true);
    assertThat(rewriteKeep.apply(Fixtures.tombstone())).isNotNull();

    Unwrap<SinkRecord> legacyDefaults = unwrap("drop.tombstones", "true");
    assertThat(legacyDefaults.apply(Fixtures.sluice(DELETE))).isNull();
    assertThat(legacyDefaults.apply(Fixtures.tombstone())).isNull();

    Unwrap<SinkRecord> noneKeep = unwrap("delete.handling.mode", "none", "drop.tombstones", "false");
    assertThat(noneKeep.apply(Fixtures.sluice(DELETE)).value()).isNull();
    assertThat(noneKeep.apply(Fixtures.tombstone())).isNotNull();
  }

  @Test
  void rejectsOldAndNewDeleteSettingsTogether() {
    assertThatThrownBy(() -> unwrap("delete.handling.mode", "rewrite",
            "delete.tombstone.handling.mode", "rewrite"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("delete.tombstone.handling.mode")
        .hasMessageContaining("delete.handling.mode");
  }

  @Test
  void unknownModeErrorListsTheValidModes() {
    assertThatThrownBy(() -> unwrap("delete.tombstone.handling.mode", "keep"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("delete.tombstone.handling.mode")
        .hasMessageContaining("drop, tombstone, rewrite, rewrite-with-tombstone, delete-to-tombstone");
  }

  @Test
  void addsFieldsWithDebeziumsNaming() {
    Unwrap<SinkRecord> unwrap = unwrap("add.fields", "op,table,source.ts_ms,seq,ts_ms,db:DB");

    Struct row = (Struct) unwrap.apply(Fixtures.sluice(UPDATE)).value();

    assertThat(row.get("__op")).isEqualTo("u");
    assertThat(row.get("__table")).isEqualTo("orders");
    assertThat(row.get("__source_ts_ms")).isEqualTo(1_700_000_000_000L);
    assertThat(row.get("__seq")).isEqualTo(42L);
    assertThat(row.get("__ts_ms")).isEqualTo(5L);
    assertThat(row.get("__DB")).isEqualTo("inventory");
    assertThat(row.getString("email")).isEqualTo("ada@example.com");
    assertThat(row.schema().field("__seq").schema().isOptional()).isTrue();
  }

  @Test
  void fieldsAnEventLacksAreNotAdded() {
    Struct row =
        (Struct) unwrap("add.fields", "op,seq", "add.fields.prefix", "_")
            .apply(Fixtures.debezium(UPDATE)).value();

    assertThat(row.get("_op")).isEqualTo("u");
    assertThat(row.schema().field("_seq")).as("Debezium events carry no seq").isNull();
  }

  @Test
  void addsHeadersWithoutTouchingTheInputHeaders() {
    SinkRecord event = Fixtures.sluice(CREATE);
    SinkRecord row = unwrap("add.headers", "db,table,seq", "add.headers.prefix", "sluice.").apply(event);

    assertThat(row.headers().lastWithName("sluice.db").value()).isEqualTo("inventory");
    assertThat(row.headers().lastWithName("sluice.table").value()).isEqualTo("orders");
    Header seq = row.headers().lastWithName("sluice.seq");
    assertThat(seq.value()).isEqualTo(42L);
    assertThat(seq.schema().type()).isEqualTo(Schema.Type.INT64);
    assertThat(row.headers().lastWithName("trace").value()).isEqualTo("t-1");
    assertThat(event.headers()).isEqualTo(Fixtures.sluice(CREATE).headers());
  }

  @Test
  void truncatesAreDroppedAndOtherValuesPassThrough() {
    Unwrap<SinkRecord> unwrap = unwrap();
    SinkRecord plain = Fixtures.record(Fixtures.KEY_SCHEMA, Fixtures.key(), Fixtures.ROW_SCHEMA, Fixtures.row(1));

    assertThat(unwrap.apply(Fixtures.sluice(TRUNCATE))).isNull();
    assertThat(unwrap.apply(plain)).isSameAs(plain);
  }

  @Test
  void unwrapsSchemalessEventsOfBothProducers() {
    Unwrap<SinkRecord> unwrap =
        unwrap("delete.tombstone.handling.mode", "rewrite", "add.fields", "op,seq", "add.headers", "db");

    SinkRecord updated = unwrap.apply(Fixtures.schemalessEvent(UPDATE, true));
    SinkRecord deleted = unwrap.apply(Fixtures.schemalessEvent(DELETE, false));

    Map<?, ?> row = (Map<?, ?>) updated.value();
    assertThat(updated.valueSchema()).isNull();
    assertThat(row.get("email")).isEqualTo("ada@example.com");
    assertThat(row.get("__op")).isEqualTo("u");
    assertThat(row.get("__seq")).isEqualTo(42L);
    assertThat(row.get("__deleted")).isEqualTo(false);
    assertThat(updated.headers().lastWithName("__db").value()).isEqualTo("inventory");
    Map<?, ?> gone = (Map<?, ?>) deleted.value();
    assertThat(gone.get("__deleted")).isEqualTo(true);
    assertThat(gone.containsKey("__seq")).isFalse();
  }

  @Test
  void routeByFieldTakesTheTopicFromAColumn() {
    SinkRecord row = unwrap("route.by.field", "status").apply(Fixtures.sluice(UPDATE));

    assertThat(row.topic()).isEqualTo("shipped");
  }

  @Test
  void replaceNullWithDefaultDecidesWhatCopiedNullColumnsHold() {
    Schema rowSchema =
        SchemaBuilder.struct().name("t.Value").optional()
            .field("id", Schema.INT32_SCHEMA)
            .field("state", SchemaBuilder.string().optional().defaultValue("new").build())
            .build();
    dev.sluice.event.Envelope envelope =
        dev.sluice.event.Envelope.builder().schemaName("s.d.t.Envelope").rowSchema(rowSchema).build();
    Struct after = new Struct(rowSchema).put("id", 1).put("state", null);
    Struct value = envelope.create(after, sourceStruct(), 1L);
    SinkRecord event = Fixtures.record(null, null, value.schema(), value);

    Struct withDefault = (Struct) unwrap("add.fields", "op").apply(event).value();
    Struct withNull =
        (Struct) unwrap("add.fields", "op", "replace.null.with.default", "false").apply(event).value();

    assertThat(withDefault.getWithoutDefault("state")).isEqualTo("new");
    assertThat(withNull.getWithoutDefault("state")).isNull();
  }

  @Test
  void anAddedFieldThatClashesWithAColumnNamesBothAndTheRecord() {
    assertThatThrownBy(() -> unwrap("add.fields", "table:status", "add.fields.prefix", "")
            .apply(Fixtures.sluice(CREATE)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("status")
        .hasMessageContaining("add.fields")
        .hasMessageContaining("topic 'shop.inventory.orders', partition 0, offset 7");
  }

  @Test
  void anUpdateWithoutAfterIsRejectedWithWhereItIs() {
    Struct value = Fixtures.SLUICE.value(
        UPDATE, Fixtures.row(1), null, sourceStruct(), 1L, null);
    SinkRecord broken = Fixtures.record(null, null, value.schema(), value);

    assertThatThrownBy(() -> unwrap().apply(broken))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("'after'")
        .hasMessageContaining("offset 7");
  }

  @Test
  void buildsOneOutputSchemaPerEnvelopeSchema() {
    Unwrap<SinkRecord> unwrap = unwrap("add.fields", "op,seq", "delete.tombstone.handling.mode", "rewrite");
    Schema first = unwrap.apply(Fixtures.sluice(CREATE)).valueSchema();
    for (int i = 0; i < 100; i++) {
      assertThat(unwrap.apply(Fixtures.sluice(i % 2 == 0 ? UPDATE : DELETE)).valueSchema()).isSameAs(first);
    }
    unwrap.apply(Fixtures.debezium(UPDATE));

    assertThat(unwrap.schemaBuilds()).isEqualTo(2);
  }

  private static Struct sourceStruct() {
    return ((Struct) Fixtures.sluice(CREATE).value()).getStruct("source");
  }
}
