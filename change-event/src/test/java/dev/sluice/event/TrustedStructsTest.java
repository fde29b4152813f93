package dev.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class TrustedStructsTest {
  private static final Schema ROW = SchemaBuilder.struct().name("t.Value").optional()
      .field("id", Schema.INT64_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).field("amount", Decimal.schema(2)).build();
  private static final Schema OTHER = SchemaBuilder.struct().name("u.Value").optional().field("id", Schema.INT64_SCHEMA).build();
  private static final Schema PARENT = SchemaBuilder.struct().name("p").field("after", ROW).build();

  @Test
  void theFastPathIsAvailableOnThisKafka() {
    assertThat(TrustedStructs.fast()).as("Struct's value array found; otherwise every put validates").isTrue();
  }

  @Test
  void aTrustedPutYieldsTheStructThatPutBuilds() {
    Struct trusted = new Struct(ROW);
    TrustedStructs.put(trusted, ROW.field("id"), 7L);
    TrustedStructs.put(trusted, ROW.field("amount"), new BigDecimal("1.25"));
    Struct checked = new Struct(ROW).put("id", 7L).put("amount", new BigDecimal("1.25"));
    assertThat(trusted).isEqualTo(checked).hasSameHashCodeAs(checked);
    assertThat(trusted.getInt64("id")).isEqualTo(7L);
    assertThat(trusted.getString("name")).isNull();
    trusted.validate();
  }

  @Test
  void aTrustedPutDoesNotValidateSoAWrongTypeShowsOnlyInValidate() {
    Struct wrong = new Struct(ROW);
    TrustedStructs.put(wrong, ROW.field("id"), 7);
    TrustedStructs.put(wrong, ROW.field("amount"), BigDecimal.ONE);
    assertThatThrownBy(wrong::validate).isInstanceOf(DataException.class);
  }

  @Test
  void putAllSetsEveryFieldInOrder() {
    Struct trusted = new Struct(ROW);
    Object[] values = {7L, null, new BigDecimal("1.25")};
    TrustedStructs.putAll(trusted, values);
    values[0] = 8L;
    assertThat(trusted).isEqualTo(new Struct(ROW).put("id", 7L).put("amount", new BigDecimal("1.25")));
    assertThatThrownBy(() -> TrustedStructs.putAll(new Struct(ROW), new Object[] {7L}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t.Value");
  }

  @Test
  void aNestedStructMustHaveTheFieldsSchema() {
    Struct parent = new Struct(PARENT);
    Struct row = new Struct(ROW).put("id", 1L).put("amount", BigDecimal.TEN.setScale(2));
    TrustedStructs.putStruct(parent, PARENT.field("after"), row);
    assertThat(parent.getStruct("after")).isSameAs(row);
    TrustedStructs.putStruct(parent, PARENT.field("after"), null);
    assertThat(parent.getStruct("after")).isNull();
    assertThatThrownBy(() -> TrustedStructs.putStruct(parent, PARENT.field("after"), new Struct(OTHER).put("id", 1L)))
        .isInstanceOf(DataException.class).hasMessageContaining("after").hasMessageContaining("u.Value");
  }
}
