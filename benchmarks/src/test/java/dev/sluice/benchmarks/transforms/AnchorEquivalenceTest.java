package dev.sluice.benchmarks.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.transforms.Cast;
import dev.sluice.transforms.Fields;
import dev.sluice.transforms.Mask;
import dev.sluice.transforms.Outbox;
import dev.sluice.transforms.Route;
import dev.sluice.transforms.Unwrap;
import io.debezium.transforms.ExtractNewRecordState;
import io.debezium.transforms.outbox.EventRouter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.MaskField;
import org.apache.kafka.connect.transforms.RegexRouter;
import org.apache.kafka.connect.transforms.ReplaceField;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;

/**
 * Each benchmark pair does the same work on the same records, so their throughputs compare: the
 * outputs are equal, except where Sluice differs on purpose (a boolean __deleted).
 */
class AnchorEquivalenceTest {

  private static final int N = 64;

  private static void assertSameOutputs(
      SinkRecord[] records, Transformation<SinkRecord> sluice, Transformation<SinkRecord> anchor) {
    for (SinkRecord record : records) {
      SinkRecord ours = sluice.apply(record);
      SinkRecord theirs = anchor.apply(record);
      if (theirs == null) {
        assertThat(ours).as("record %s", record.kafkaOffset()).isNull();
        continue;
      }
      assertThat(ours.topic()).isEqualTo(theirs.topic());
      assertThat(ours.key()).isEqualTo(theirs.key());
      if (theirs.value() == null) {
        assertThat(ours.value()).as("record %s", record.kafkaOffset()).isNull();
        assertThat(ours.valueSchema() == null).isEqualTo(theirs.valueSchema() == null);
        continue;
      }
      assertSameRow((Struct) ours.value(), (Struct) theirs.value(), record);
    }
  }

  /**
   * Same schema name, fields (names and schemas) and values. The top-level optionality is not
   * compared: Sluice keeps the input row schema's (optional in an envelope), while Kafka's
   * ReplaceField and Debezium's ExtractNewRecordState emit required copies.
   */
  private static void assertSameRow(Struct ours, Struct theirs, SinkRecord record) {
    assertThat(ours.schema().name()).isEqualTo(theirs.schema().name());
    assertThat(ours.schema().fields()).as("record %s", record.kafkaOffset())
        .isEqualTo(theirs.schema().fields());
    for (Field field : theirs.schema().fields()) {
      assertThat(ours.get(field.name())).as("%s of record %s", field.name(), record.kafkaOffset())
          .isEqualTo(theirs.get(field));
    }
  }

  @Test
  void unwrapWithDefaultsEmitsWhatExtractNewRecordStateEmits() {
    assertSameOutputs(BenchRecords.debeziumEvents(N),
        BenchRecords.configured(new Unwrap<>(), Map.of()),
        BenchRecords.configured(new ExtractNewRecordState<>(), Map.of()));
  }

  @Test
  void unwrapRewritingWithAddedFieldsEmitsTheSameRowsAndHeaders() {
    Map<String, String> config = Map.of(
        "delete.tombstone.handling.mode", "rewrite",
        "add.fields", "op,table,source.ts_ms",
        "add.headers", "db");
    Unwrap<SinkRecord> sluice = BenchRecords.configured(new Unwrap<>(), config);
    ExtractNewRecordState<SinkRecord> debezium =
        BenchRecords.configured(new ExtractNewRecordState<>(), config);
    for (SinkRecord record : BenchRecords.debeziumEvents(N)) {
      Struct ours = (Struct) sluice.apply(record).value();
      SinkRecord theirRecord = debezium.apply(record);
      Struct theirs = (Struct) theirRecord.value();
      assertThat(ours.schema().fields()).extracting(Field::name)
          .containsExactlyElementsOf(theirs.schema().fields().stream().map(Field::name).toList());
      for (Field field : theirs.schema().fields()) {
        Object expected = theirs.get(field);
        if (field.name().equals("__deleted")) {
          // Debezium writes the strings "true"/"false"; Sluice a boolean (issue 5).
          assertThat(ours.get(field.name())).isEqualTo(Boolean.valueOf((String) expected));
        } else {
          assertThat(ours.get(field.name())).as(field.name()).isEqualTo(expected);
        }
      }
      assertThat(sluice.apply(record).headers().lastWithName("__db").value())
          .isEqualTo(theirRecord.headers().lastWithName("__db").value());
    }
  }

  @Test
  void everyDeleteHandlingModeTreatsDeletesAndTombstonesLikeDebezium() {
    SinkRecord delete = BenchRecords.debezium(dev.sluice.event.Envelope.Operation.DELETE, 7);
    SinkRecord tombstone = delete.newRecord(delete.topic(), delete.kafkaPartition(), delete.keySchema(),
        delete.key(), null, null, delete.timestamp());
    for (String mode : List.of("drop", "tombstone", "rewrite", "rewrite-with-tombstone", "delete-to-tombstone")) {
      Map<String, String> config = Map.of("delete.tombstone.handling.mode", mode);
      Unwrap<SinkRecord> sluice = BenchRecords.configured(new Unwrap<>(), config);
      ExtractNewRecordState<SinkRecord> debezium = BenchRecords.configured(new ExtractNewRecordState<>(), config);
      for (SinkRecord record : List.of(delete, tombstone)) {
        SinkRecord ours = sluice.apply(record);
        SinkRecord theirs = debezium.apply(record);
        String what = mode + (record == delete ? " delete" : " tombstone");
        assertThat(ours == null).as(what + " dropped").isEqualTo(theirs == null);
        if (theirs != null) {
          assertThat(ours.value() == null).as(what + " null value").isEqualTo(theirs.value() == null);
          assertThat(ours.valueSchema() == null).as(what + " null schema").isEqualTo(theirs.valueSchema() == null);
          assertThat(ours.key()).isEqualTo(theirs.key());
        }
      }
    }
  }

  @Test
  void fieldsDoesWhatReplaceFieldDoes() {
    assertSameOutputs(BenchRecords.plainRows(N),
        BenchRecords.configured(new Fields.Value<>(), Map.of("drop", "email,phone", "rename", "name:full_name")),
        BenchRecords.configured(new ReplaceField.Value<>(), Map.of("exclude", "email,phone", "renames", "name:full_name")));
  }

  @Test
  void maskDoesWhatMaskFieldDoes() {
    Map<String, String> config = Map.of("fields", "email,phone", "replacement", "****");
    assertSameOutputs(BenchRecords.plainRows(N),
        BenchRecords.configured(new Mask.Value<>(), config),
        BenchRecords.configured(new MaskField.Value<>(), config));
  }

  @Test
  void castDoesWhatKafkasCastDoes() {
    Map<String, String> config = Map.of("spec", "id:string,qty:int64,gift:int8");
    assertSameOutputs(BenchRecords.plainRows(N),
        BenchRecords.configured(new Cast.Value<>(), config),
        BenchRecords.configured(new org.apache.kafka.connect.transforms.Cast.Value<>(), config));
  }

  @Test
  void routeChoosesTheTopicRegexRouterChooses() {
    Route<SinkRecord> sluice = BenchRecords.configured(new Route<>(), Map.of("topic.template", "${server}.${db}.all"));
    RegexRouter<SinkRecord> kafka = BenchRecords.configured(new RegexRouter<>(),
        Map.of("regex", "([^.]+)\\.([^.]+)\\.[^.]+", "replacement", "$1.$2.all"));
    for (SinkRecord record : BenchRecords.sluiceEvents(N)) {
      assertThat(sluice.apply(record).topic()).isEqualTo(kafka.apply(record).topic()).isEqualTo("shop.inventory.all");
    }
  }

  @Test
  void outboxRoutesLikeDebeziumsEventRouter() {
    Map<String, String> config = Map.of("table.fields.additional.placement", "type:header:eventType");
    Outbox<SourceRecord> sluice = BenchRecords.configuredSource(new Outbox<>(), config);
    EventRouter<SourceRecord> debezium = BenchRecords.configuredSource(new EventRouter<>(), config);
    for (SourceRecord record : BenchRecords.outboxInserts(N)) {
      SourceRecord ours = sluice.apply(record);
      SourceRecord theirs = debezium.apply(record);
      assertThat(ours.topic()).isEqualTo(theirs.topic());
      assertThat(ours.key()).isEqualTo(theirs.key());
      assertThat(ours.value()).isEqualTo(theirs.value());
      assertThat(ours.headers().lastWithName("id").value()).isEqualTo(theirs.headers().lastWithName("id").value());
      assertThat(ours.headers().lastWithName("eventType").value())
          .isEqualTo(theirs.headers().lastWithName("eventType").value());
    }
  }
}
