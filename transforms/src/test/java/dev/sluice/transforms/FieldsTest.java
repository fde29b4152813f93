package dev.sluice.transforms;

import static dev.sluice.event.Envelope.Operation.UPDATE;
import static dev.sluice.transforms.Configured.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.transforms.conformance.Fixtures;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class FieldsTest {

  private static SinkRecord plainRow() {
    return Fixtures.record(Fixtures.KEY_SCHEMA, Fixtures.key(), Fixtures.ROW_SCHEMA, Fixtures.row(1));
  }

  @Test
  void dropsAndRenamesNestedFieldsAndFieldsInsideArraysOfStructs() {
    Fields<SinkRecord> fields = with(new Fields.Value<>(),
        "drop", "email,address.zip,lines.qty", "rename", "name:full_name,address.city:town");

    Struct row = (Struct) fields.apply(plainRow()).value();

    assertThat(row.schema().field("email")).isNull();
    assertThat(row.getString("full_name")).isEqualTo("Ada Lovelace");
    assertThat(row.getStruct("address").getString("town")).isEqualTo("Berlin");
    assertThat(row.getStruct("address").schema().field("zip")).isNull();
    List<Struct> lines = row.<Struct>getArray("lines");
    assertThat(lines).extracting(l -> l.getString("sku")).containsExactly("SKU-1", "SKU-22");
    assertThat(lines.get(0).schema().field("qty")).isNull();
    assertThat(row.schema().field("name")).isNull();
    assertThat(row.schema().name()).isEqualTo("shop.inventory.orders.Value");
  }

  @Test
  void keepKeepsOnlyTheNamedPathsAtEveryLevel() {
    Struct row = (Struct) with(new Fields.Value<>(), "keep", "id,address.city,lines.sku")
        .apply(plainRow()).value();

    assertThat(row.schema().fields()).extracting(f -> f.name()).containsExactly("id", "address", "lines");
    assertThat(row.getStruct("address").schema().fields()).extracting(f -> f.name()).containsExactly("city");
    assertThat(row.<Struct>getArray("lines").get(0).schema().fields())
        .extracting(f -> f.name()).containsExactly("sku");
  }

  @Test
  void appliesToBeforeAndAfterOfChangeEventsWithOneRowSchema() {
    Struct value = (Struct) with(new Fields.Value<>(), "drop", "email").apply(Fixtures.sluice(UPDATE)).value();

    assertThat(value.getStruct("before").schema().field("email")).isNull();
    assertThat(value.getStruct("after").schema().field("email")).isNull();
    assertThat(value.getStruct("before").schema()).isSameAs(value.getStruct("after").schema());
    assertThat(value.getStruct("source").getInt64("seq")).isEqualTo(42L);
    assertThat(value.getString("op")).isEqualTo("u");
  }

  @Test
  void wholeScopeReachesTheEnvelopesOwnBlocks() {
    Struct value = (Struct) with(new Fields.Value<>(), "drop", "source.query,before", "scope", "whole")
        .apply(Fixtures.sluice(UPDATE)).value();

    assertThat(value.schema().field("before")).isNull();
    assertThat(value.getStruct("source").schema().field("query")).isNull();
    assertThat(value.getStruct("after").getString("email")).isEqualTo("ada@example.com");
  }

  @Test
  void worksOnSchemalessEventsAndRows() {
    Map<?, ?> event = (Map<?, ?>) with(new Fields.Value<>(), "drop", "address.zip", "rename", "lines.sku:article")
        .apply(Fixtures.schemalessEvent(UPDATE, true)).value();

    Map<?, ?> after = (Map<?, ?>) event.get("after");
    assertThat(keys(after.get("address"))).containsExactly("city");
    assertThat((List<?>) after.get("lines"))
        .allSatisfy(l -> assertThat(keys(l)).containsExactlyInAnyOrder("article", "qty"));
    assertThat(keys(((Map<?, ?>) event.get("before")).get("address"))).containsExactly("city");
  }

  private static List<Object> keys(Object map) {
    return new java.util.ArrayList<>(((Map<?, ?>) map).keySet());
  }

  @Test
  void escapedDotsNameFieldsWithDotsInTheirName() {
    Schema schema = SchemaBuilder.struct().field("a.b", Schema.STRING_SCHEMA).field("a", Schema.STRING_SCHEMA).build();
    SinkRecord record = Fixtures.record(null, null, schema, new Struct(schema).put("a.b", "x").put("a", "y"));

    Struct out = (Struct) with(new Fields.Value<>(), "rename", "a\\.b:ab").apply(record).value();

    assertThat(out.getString("ab")).isEqualTo("x");
    assertThat(out.getString("a")).isEqualTo("y");
  }

  @Test
  void keyVariantRewritesTheKey() {
    SinkRecord out = with(new Fields.Key<>(), "rename", "id:order_id").apply(Fixtures.sluice(UPDATE));

    assertThat(((Struct) out.key()).getInt32("order_id")).isEqualTo(1);
    assertThat(out.value()).isEqualTo(Fixtures.sluice(UPDATE).value());
  }

  @Test
  void recordsThePathsDoNotTouchAreReturnedAsTheyAre() {
    SinkRecord record = plainRow();

    assertThat(with(new Fields.Value<>(), "drop", "no_such_column").apply(record)).isSameAs(record);
  }

  @Test
  void aRenameOntoAnExistingFieldIsRejectedWithThePathAndRecord() {
    assertThatThrownBy(() -> with(new Fields.Value<>(), "rename", "email:name").apply(plainRow()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("'email'")
        .hasMessageContaining("'name'")
        .hasMessageContaining("offset 7");
  }

  @Test
  void configErrorsSayWhatIsWrong() {
    assertThatThrownBy(() -> with(new Fields.Value<>()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("keep").hasMessageContaining("drop").hasMessageContaining("rename");
    assertThatThrownBy(() -> with(new Fields.Value<>(), "rename", "email"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("path:newName");
    assertThatThrownBy(() -> with(new Fields.Value<>(), "drop", "address", "rename", "address.city:town"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("inside 'address', which is dropped");
    assertThatThrownBy(() -> with(new Fields.Value<>(), "drop", "a..b"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("empty field name");
    assertThatThrownBy(() -> with(new Fields.Value<>(), "keep", "id", "rename", "email:mail"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'email' is not among the kept fields");
  }

  @Test
  void buildsOneOutputSchemaPerInputSchema() {
    Fields<SinkRecord> fields = with(new Fields.Value<>(), "drop", "email");
    Schema first = fields.apply(Fixtures.sluice(UPDATE)).valueSchema();
    for (int i = 0; i < 50; i++) {
      assertThat(fields.apply(Fixtures.sluice(UPDATE)).valueSchema()).isSameAs(first);
    }
    assertThat(fields.schemaBuilds()).isEqualTo(1);
  }
}
