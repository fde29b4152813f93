package dev.sluice.source.mysql.schema;

import static dev.sluice.source.mysql.schema.Tables.convert;
import static dev.sluice.source.mysql.value.BinlogBytes.DOUBLE;
import static dev.sluice.source.mysql.value.BinlogBytes.FLOAT;
import static dev.sluice.source.mysql.value.BinlogBytes.INT24;
import static dev.sluice.source.mysql.value.BinlogBytes.LONG;
import static dev.sluice.source.mysql.value.BinlogBytes.LONGLONG;
import static dev.sluice.source.mysql.value.BinlogBytes.SHORT;
import static dev.sluice.source.mysql.value.BinlogBytes.TINY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.source.mysql.value.BinlogBytes.Col;
import java.math.BigDecimal;
import java.util.BitSet;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

/** Integers, DECIMAL, FLOAT, DOUBLE, BIT and BOOLEAN, from the binlog values the client library delivers. */
class NumericTypesTest {

  private static Schema fieldSchema(TableSchema s) {
    return s.rowSchema().field("c").schema();
  }

  @Test
  void signedIntegersKeepTheirRangeInTheNarrowestConnectType() {
    TableSchema tiny = Tables.withColumns(Col.of("c", TINY));
    assertThat(fieldSchema(tiny).type()).isEqualTo(Schema.Type.INT16);
    assertThat(convert(tiny, -128)).isEqualTo((short) -128);
    assertThat(convert(tiny, 127)).isEqualTo((short) 127);
    TableSchema small = Tables.withColumns(Col.of("c", SHORT));
    assertThat(fieldSchema(small).type()).isEqualTo(Schema.Type.INT16);
    assertThat(convert(small, -32768)).isEqualTo((short) -32768);
    TableSchema medium = Tables.withColumns(Col.of("c", INT24));
    assertThat(fieldSchema(medium).type()).isEqualTo(Schema.Type.INT32);
    assertThat(convert(medium, -8388608)).isEqualTo(-8388608);
    TableSchema integer = Tables.withColumns(Col.of("c", LONG));
    assertThat(fieldSchema(integer).type()).isEqualTo(Schema.Type.INT32);
    assertThat(convert(integer, Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
    TableSchema big = Tables.withColumns(Col.of("c", LONGLONG));
    assertThat(fieldSchema(big).type()).isEqualTo(Schema.Type.INT64);
    assertThat(convert(big, Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    assertThat(convert(big, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void unsignedIntegersWidenToHoldTheirMaximum() {
    // The library delivers unsigned values with the signed interpretation of their bits.
    TableSchema tiny = Tables.withColumns(Col.of("c", TINY).asUnsigned());
    assertThat(fieldSchema(tiny).type()).isEqualTo(Schema.Type.INT16);
    assertThat(convert(tiny, -1)).isEqualTo((short) 255);
    TableSchema small = Tables.withColumns(Col.of("c", SHORT).asUnsigned());
    assertThat(fieldSchema(small).type()).isEqualTo(Schema.Type.INT32);
    assertThat(convert(small, -1)).isEqualTo(65535);
    TableSchema medium = Tables.withColumns(Col.of("c", INT24).asUnsigned());
    assertThat(fieldSchema(medium).type()).isEqualTo(Schema.Type.INT32);
    assertThat(convert(medium, -1)).isEqualTo(16777215);
    TableSchema integer = Tables.withColumns(Col.of("c", LONG).asUnsigned());
    assertThat(fieldSchema(integer).type()).isEqualTo(Schema.Type.INT64);
    assertThat(convert(integer, -1)).isEqualTo(4294967295L);
    assertThat(convert(integer, 0)).isEqualTo(0L);
  }

  @Test
  void bigintUnsignedMaximumIsIntactAsDecimal() {
    TableSchema big = Tables.withColumns(Col.of("c", LONGLONG).asUnsigned());
    assertThat(fieldSchema(big).name()).isEqualTo(Decimal.LOGICAL_NAME);
    assertThat(fieldSchema(big).parameters()).containsEntry(Decimal.SCALE_FIELD, "0").containsEntry(SemanticTypes.PRECISION_PARAMETER, "20");
    assertThat(convert(big, -1L)).isEqualTo(new BigDecimal("18446744073709551615"));
    assertThat(convert(big, Long.MIN_VALUE)).isEqualTo(new BigDecimal("9223372036854775808"));
    assertThat(convert(big, 0L)).isEqualTo(BigDecimal.ZERO);
  }

  @Test
  void bigintUnsignedAsInt64WrapsAboveTheSignedMaximum() {
    TableSchema big = Tables.withColumns(TypeMappingOptions.defaults().withBigintUnsignedAsDecimal(false), Col.of("c", LONGLONG).asUnsigned());
    assertThat(fieldSchema(big).type()).isEqualTo(Schema.Type.INT64);
    assertThat(convert(big, -1L)).isEqualTo(-1L);
  }

  @Test
  void decimalKeepsItsScaleInEveryMode() {
    Col col = Col.decimal("c", 65, 30);
    BigDecimal max = new BigDecimal("99999999999999999999999999999999999.999999999999999999999999999999");
    TableSchema precise = Tables.withColumns(col);
    assertThat(fieldSchema(precise).name()).isEqualTo(Decimal.LOGICAL_NAME);
    assertThat(fieldSchema(precise).parameters()).containsEntry(Decimal.SCALE_FIELD, "30").containsEntry(SemanticTypes.PRECISION_PARAMETER, "65");
    assertThat(convert(precise, max)).isEqualTo(max);
    assertThat(convert(precise, max.negate())).isEqualTo(max.negate());
    assertThat((BigDecimal) convert(precise, new BigDecimal("1.5"))).isEqualTo(new BigDecimal("1.500000000000000000000000000000"));

    TableSchema text = Tables.withColumns(TypeMappingOptions.defaults().withDecimalMode(DecimalMode.STRING), col);
    assertThat(fieldSchema(text).type()).isEqualTo(Schema.Type.STRING);
    assertThat(convert(text, new BigDecimal("-0.5"))).isEqualTo("-0.500000000000000000000000000000");
    assertThat(convert(text, new BigDecimal("1E+3"))).isEqualTo("1000.000000000000000000000000000000");

    TableSchema dbl = Tables.withColumns(TypeMappingOptions.defaults().withDecimalMode(DecimalMode.DOUBLE), Col.decimal("c", 10, 2));
    assertThat(fieldSchema(dbl).type()).isEqualTo(Schema.Type.FLOAT64);
    assertThat(convert(dbl, new BigDecimal("12345678.91"))).isEqualTo(12345678.91);
  }

  @Test
  void floatAndDoubleAreExactIeeeValues() {
    TableSchema f = Tables.withColumns(Col.of("c", FLOAT, 4));
    assertThat(fieldSchema(f).type()).isEqualTo(Schema.Type.FLOAT32);
    assertThat(convert(f, Float.MAX_VALUE)).isEqualTo(Float.MAX_VALUE);
    assertThat(convert(f, -Float.MIN_VALUE)).isEqualTo(-Float.MIN_VALUE);
    TableSchema d = Tables.withColumns(Col.of("c", DOUBLE, 8));
    assertThat(fieldSchema(d).type()).isEqualTo(Schema.Type.FLOAT64);
    assertThat(convert(d, Double.MAX_VALUE)).isEqualTo(Double.MAX_VALUE);
    assertThat(convert(d, -0.0)).isEqualTo(-0.0);
  }

  @Test
  void floatIsReadOverJdbcThroughADoubleCast() {
    TableSchema f = Tables.withColumns(Col.of("c", FLOAT, 4));
    assertThat(f.selectList()).isEqualTo("`id`, CAST(`c` AS DOUBLE) AS `c`");
  }

  @Test
  void bitOneIsABoolean() {
    TableSchema bit = Tables.withColumns(Col.bit("c", 1));
    assertThat(fieldSchema(bit).type()).isEqualTo(Schema.Type.BOOLEAN);
    BitSet one = new BitSet();
    one.set(0);
    assertThat(convert(bit, one)).isEqualTo(true);
    assertThat(convert(bit, new BitSet())).isEqualTo(false);
  }

  @Test
  void widerBitsAreLittleEndianBytesSizedToTheColumn() {
    TableSchema bit = Tables.withColumns(Col.bit("c", 10));
    Schema schema = fieldSchema(bit);
    assertThat(schema.name()).isEqualTo(SemanticTypes.BITS);
    assertThat(schema.parameters()).containsEntry(SemanticTypes.LENGTH_PARAMETER, "10");
    BitSet b = new BitSet();
    b.set(0);
    b.set(9);
    assertThat((byte[]) convert(bit, b)).containsExactly(0x01, 0x02);
    assertThat((byte[]) convert(bit, new BitSet())).containsExactly(0x00, 0x00);

    TableSchema wide = Tables.withColumns(Col.bit("c", 64));
    BitSet all = new BitSet();
    all.set(0, 64);
    assertThat((byte[]) convert(wide, all)).hasSize(8).containsOnly((byte) 0xFF);
  }

  @Test
  void tinyIntOneIsABooleanWhenTheHintsSayTinyint1() {
    ColumnHints hints = Tables.hints(true, new ColumnHint("c", "tinyint(1)", null, false));
    TableSchema bool = Tables.withColumns(TypeMappingOptions.defaults(), hints, Col.of("c", TINY));
    assertThat(fieldSchema(bool).type()).isEqualTo(Schema.Type.BOOLEAN);
    assertThat(convert(bool, 1)).isEqualTo(true);
    assertThat(convert(bool, 0)).isEqualTo(false);
    assertThat(convert(bool, -1)).isEqualTo(true);
    assertThat(bool.columns().get(1).typeName()).isEqualTo("tinyint(1)");

    TableSchema number = Tables.withColumns(TypeMappingOptions.defaults().withTinyInt1AsBoolean(false), hints, Col.of("c", TINY));
    assertThat(fieldSchema(number).type()).isEqualTo(Schema.Type.INT16);
    assertThat(convert(number, 5)).isEqualTo((short) 5);
  }
}
