package dev.sluice.transforms;

import static dev.sluice.event.Envelope.Operation.UPDATE;
import static dev.sluice.transforms.Configured.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.transforms.conformance.Fixtures;
import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class MaskTest {

  @Test
  void masksEveryTypeWithAFixedValueOfTheSameTypeInBeforeAndAfter() {
    Mask<SinkRecord> mask = with(new Mask.Value<>(),
        "fields", "email,id,price,created,tags,address.city,lines.sku", "replacement", "***");

    Struct value = (Struct) mask.apply(Fixtures.sluice(UPDATE)).value();

    for (Struct row : List.of(value.getStruct("before"), value.getStruct("after"))) {
      assertThat(row.getString("email")).isEqualTo("***");
      assertThat(row.getInt32("id")).isZero();
      assertThat(row.get("price")).isEqualTo(new BigDecimal("0.00"));
      assertThat(row.get("created")).isEqualTo(new Date(0));
      assertThat(row.getArray("tags")).isEmpty();
      assertThat(row.getStruct("address").getString("city")).isEqualTo("***");
      assertThat(row.getStruct("address").getString("zip")).isEqualTo("10115");
      assertThat(row.<Struct>getArray("lines")).extracting(l -> l.getString("sku")).containsOnly("***");
      assertThat(row.getString("name")).isEqualTo("Ada Lovelace");
    }
    assertThat(value.getStruct("after").schema()).as("types unchanged: the schema is reused")
        .isSameAs(Fixtures.ROW_SCHEMA);
  }

  @Test
  void nullsStayNull() {
    Struct row = (Struct) with(new Mask.Value<>(), "fields", "note").apply(Fixtures.sluice(UPDATE)).value();

    assertThat(row.getStruct("after").getString("note")).isNull();
  }

  @Test
  void masksSchemalessValuesByTheirJavaType() {
    Map<?, ?> after = (Map<?, ?>) ((Map<?, ?>) with(new Mask.Value<>(), "fields", "email,price,id,address")
        .apply(Fixtures.schemalessEvent(UPDATE, true)).value()).get("after");

    assertThat(after.get("email")).isEqualTo("****");
    assertThat(after.get("price")).isEqualTo(0d);
    assertThat(after.get("id")).isEqualTo(0);
    assertThat((Map<?, ?>) after.get("address")).isEmpty();
  }

  @Test
  void aStructCannotBeMaskedAsAWhole() {
    assertThatThrownBy(() -> with(new Mask.Value<>(), "fields", "address").apply(Fixtures.sluice(UPDATE)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("'address'")
        .hasMessageContaining("address.<field>")
        .hasMessageContaining("topic 'shop.inventory.orders'");
  }

  @Test
  void fieldsAreRequired() {
    assertThatThrownBy(() -> with(new Mask.Value<>()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("fields");
  }
}
