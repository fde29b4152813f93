package dev.sluice.event;

import static dev.sluice.event.TestEvents.ENVELOPE;
import static dev.sluice.event.TestEvents.ROW_SCHEMA;
import static dev.sluice.event.TestEvents.row;
import static dev.sluice.event.TestEvents.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.event.Envelope.Operation;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

  private static final long TS = 1_700_000_000_123L;

  @Test
  void schemaHasDebeziumFieldOrder() {
    assertThat(ENVELOPE.schema().fields())
        .extracting(Field::name)
        .containsExactly("before", "after", "source", "op", "ts_ms", "transaction");
  }

  @Test
  void schemaFieldTypesAndOptionality() {
    Schema schema = ENVELOPE.schema();
    assertThat(schema.field("before").schema()).isSameAs(ROW_SCHEMA);
    assertThat(schema.field("after").schema()).isSameAs(ROW_SCHEMA);
    assertThat(schema.field("source").schema()).isSameAs(SourceInfo.SCHEMA);
    assertThat(schema.field("source").schema().isOptional()).isFalse();
    assertThat(schema.field("op").schema()).isEqualTo(Schema.STRING_SCHEMA);
    assertThat(schema.field("ts_ms").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
    assertThat(schema.field("transaction").schema()).isSameAs(TransactionInfo.SCHEMA);
    assertThat(schema.field("transaction").schema().isOptional()).isTrue();
  }

  @Test
  void schemaCarriesTheCallersNameAndVersionOne() {
    assertThat(ENVELOPE.schema().name()).isEqualTo("shop.inventory.customers.Envelope");
    assertThat(ENVELOPE.schema().version()).isEqualTo(1);
    assertThat(ENVELOPE.schema().isOptional()).isFalse();
  }

  @Test
  void schemaNameJoinsPrefixDbTableAndSuffix() {
    assertThat(Envelope.schemaName("p", "d", "t")).isEqualTo("p.d.t.Envelope");
  }

  @Test
  void transactionBlockMatchesDebeziums() {
    assertThat(TransactionInfo.SCHEMA.name()).isEqualTo("event.block");
    assertThat(TransactionInfo.SCHEMA.fields())
        .extracting(f -> f.name() + ":" + f.schema().type() + (f.schema().isOptional() ? "?" : ""))
        .containsExactly("id:STRING", "total_order:INT64", "data_collection_order:INT64");
  }

  @Test
  void createSetsAfterOpAndTimestamp() {
    Struct after = row(1, "a@example.com");
    Struct src = source(7).toStruct();

    Struct value = ENVELOPE.create(after, src, TS);

    assertThat(value.get("before")).isNull();
    assertThat(value.getStruct("after")).isSameAs(after);
    assertThat(value.getStruct("source")).isSameAs(src);
    assertThat(value.getString("op")).isEqualTo("c");
    assertThat(value.getInt64("ts_ms")).isEqualTo(TS);
    assertThat(value.get("transaction")).isNull();
  }

  @Test
  void eachHelperWritesItsOperationAndRows() {
    Struct before = row(1, "a@example.com");
    Struct after = row(1, "b@example.com");
    Struct src = source(7).toStruct();

    Struct update = ENVELOPE.update(before, after, src, TS);
    Struct delete = ENVELOPE.delete(before, src, TS);
    Struct read = ENVELOPE.read(after, src, TS);
    Struct truncate = ENVELOPE.truncate(src, TS);

    assertThat(update.getString("op")).isEqualTo("u");
    assertThat(update.getStruct("before")).isSameAs(before);
    assertThat(update.getStruct("after")).isSameAs(after);
    assertThat(delete.getString("op")).isEqualTo("d");
    assertThat(delete.getStruct("before")).isSameAs(before);
    assertThat(delete.get("after")).isNull();
    assertThat(read.getString("op")).isEqualTo("r");
    assertThat(read.getStruct("after")).isSameAs(after);
    assertThat(truncate.getString("op")).isEqualTo("t");
    assertThat(truncate.get("before")).isNull();
    assertThat(truncate.get("after")).isNull();
  }

  @Test
  void everyValueIsValidAndSharesTheEnvelopeSchemaInstance() {
    Struct src = source(7).toStruct();
    Struct[] values = {
      ENVELOPE.create(row(1, null), src, TS),
      ENVELOPE.update(row(1, null), row(1, "x"), src, TS),
      ENVELOPE.delete(row(1, null), src, TS),
      ENVELOPE.read(row(1, null), src, TS),
      ENVELOPE.truncate(src, TS),
    };
    for (Struct value : values) {
      value.validate();
      assertThat(value.schema()).isSameAs(ENVELOPE.schema());
    }
  }

  @Test
  void generalFormWritesTransactionBlockAndOptionalTimestamp() {
    TransactionInfo tx = new TransactionInfo("3E11FA47-71CA-11E1-9E33-C80AA9429562:23", 2, 1);

    Struct value =
        ENVELOPE.value(Operation.CREATE, null, row(1, null), source(1).toStruct(), null, tx);

    value.validate();
    assertThat(value.get("ts_ms")).isNull();
    assertThat(value.getStruct("transaction").getString("id")).isEqualTo(tx.id());
    assertThat(value.getStruct("transaction").getInt64("total_order")).isEqualTo(2L);
    assertThat(value.getStruct("transaction").getInt64("data_collection_order")).isEqualTo(1L);
  }

  @Test
  void helpersRejectMissingRequiredRowsAndSource() {
    Struct src = source(1).toStruct();
    assertThatThrownBy(() -> ENVELOPE.create(null, src, TS)).hasMessageContaining("after");
    assertThatThrownBy(() -> ENVELOPE.delete(null, src, TS)).hasMessageContaining("before");
    assertThatThrownBy(() -> ENVELOPE.truncate(null, TS)).hasMessageContaining("source");
  }

  @Test
  void rowOfAnotherSchemaIsRejected() {
    Schema other = SchemaBuilder.struct().optional().field("id", Schema.INT64_SCHEMA).build();
    Struct foreignRow = new Struct(other).put("id", 1L);

    assertThatThrownBy(() -> ENVELOPE.create(foreignRow, source(1).toStruct(), TS))
        .isInstanceOf(DataException.class);
  }

  @Test
  void builderRequiresAnOptionalStructRowSchema() {
    Schema required = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();

    assertThatThrownBy(() -> Envelope.builder().schemaName("a.b.c.Envelope").rowSchema(required).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("optional STRUCT")
        .hasMessageContaining("a.b.c.Envelope");
    assertThatThrownBy(
            () ->
                Envelope.builder()
                    .schemaName("a.b.c.Envelope")
                    .rowSchema(Schema.OPTIONAL_STRING_SCHEMA)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("STRING");
  }

  @Test
  void builderRequiresASchemaName() {
    assertThatThrownBy(() -> Envelope.builder().rowSchema(ROW_SCHEMA).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
  }

  @Test
  void builderRequiresARequiredSourceSchema() {
    Schema optionalSource = SchemaBuilder.struct().optional().field("db", Schema.STRING_SCHEMA).build();

    assertThatThrownBy(
            () ->
                Envelope.builder()
                    .schemaName("a.b.c.Envelope")
                    .rowSchema(ROW_SCHEMA)
                    .sourceSchema(optionalSource)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Source schema");
  }

  @Test
  void builderAcceptsACustomSourceSchema() {
    Envelope envelope =
        Envelope.builder()
            .schemaName("a.b.c.Envelope")
            .rowSchema(ROW_SCHEMA)
            .sourceSchema(TestEvents.DEBEZIUM_SOURCE_SCHEMA)
            .build();

    assertThat(envelope.sourceSchema()).isSameAs(TestEvents.DEBEZIUM_SOURCE_SCHEMA);
    assertThat(envelope.schema().field("source").schema())
        .isSameAs(TestEvents.DEBEZIUM_SOURCE_SCHEMA);
  }
}
