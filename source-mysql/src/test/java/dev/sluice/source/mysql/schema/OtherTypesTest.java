package dev.sluice.source.mysql.schema;

import static dev.sluice.source.mysql.schema.Tables.convert;
import static dev.sluice.source.mysql.value.BinlogBytes.JSON;
import static dev.sluice.source.mysql.value.BinlogBytes.LATIN1_SWEDISH_CI;
import static dev.sluice.source.mysql.value.BinlogBytes.UTF8MB4_BIN;
import static dev.sluice.source.mysql.value.BinlogBytes.UTF8MB4_GENERAL_CI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.source.mysql.value.BinlogBytes.Col;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/** ENUM, SET, JSON (MariaDB text and MySQL binary) and GEOMETRY. */
class OtherTypesTest {

  private static Schema fieldSchema(TableSchema s) {
    return s.rowSchema().field("c").schema();
  }

  @Test
  void enumIsTheValueNameFromTheMetadata() {
    TableSchema s = Tables.withColumns(Col.enumeration("c", LATIN1_SWEDISH_CI, "small", "médium", "large"));
    assertThat(fieldSchema(s).name()).isEqualTo(SemanticTypes.ENUM);
    assertThat(fieldSchema(s).parameters()).containsEntry(SemanticTypes.ALLOWED_PARAMETER, "small,médium,large");
    assertThat(convert(s, 1)).isEqualTo("small");
    assertThat(convert(s, 2)).isEqualTo("médium");
    assertThat(convert(s, 3)).isEqualTo("large");
    // Index 0 is the empty "error value" non-strict mode stores for an invalid ENUM.
    assertThat(convert(s, 0)).isEqualTo("");
    assertThatThrownBy(() -> convert(s, 4)).isInstanceOf(DataException.class).hasMessageContaining("db.t.c");
  }

  @Test
  void setIsTheCommaJoinedValueNamesInDefinitionOrder() {
    TableSchema s = Tables.withColumns(Col.set("c", UTF8MB4_GENERAL_CI, "a", "b", "ç", "d"));
    assertThat(fieldSchema(s).name()).isEqualTo(SemanticTypes.ENUM_SET);
    assertThat(fieldSchema(s).parameters()).containsEntry(SemanticTypes.ALLOWED_PARAMETER, "a,b,ç,d");
    assertThat(convert(s, 0L)).isEqualTo("");
    assertThat(convert(s, 0b1101L)).isEqualTo("a,ç,d");
    assertThat(convert(s, 0b1111L)).isEqualTo("a,b,ç,d");
    assertThatThrownBy(() -> convert(s, 0b10000L)).isInstanceOf(DataException.class);
  }

  @Test
  void setWithSixtyFourValuesUsesEveryBit() {
    String[] values = new String[64];
    for (int i = 0; i < 64; i++) {
      values[i] = "v" + i;
    }
    TableSchema s = Tables.withColumns(Col.set("c", UTF8MB4_GENERAL_CI, values));
    assertThat(convert(s, Long.MIN_VALUE)).isEqualTo("v63");
  }

  @Test
  void mariaDbJsonIsTextMarkedAsJsonThroughTheHints() {
    ColumnHints hints = Tables.hints(true, new ColumnHint("c", "longtext", "utf8mb4", true));
    TableSchema s = Tables.withColumns(TypeMappingOptions.defaults(), hints, Col.blob("c", 4, UTF8MB4_BIN));
    assertThat(fieldSchema(s).name()).isEqualTo(SemanticTypes.JSON);
    assertThat(s.columns().get(1).typeName()).isEqualTo("json");
    String json = "{\"a\": [1, 2.5, \"🐟\"], \"b\": null}";
    assertThat(convert(s, json.getBytes(StandardCharsets.UTF_8))).isEqualTo(json);
  }

  @Test
  void withoutHintsMariaDbJsonIsPlainText() {
    TableSchema s = Tables.withColumns(Col.blob("c", 4, UTF8MB4_BIN));
    assertThat(fieldSchema(s).name()).isNull();
    assertThat(fieldSchema(s).type()).isEqualTo(Schema.Type.STRING);
  }

  @Test
  void aJsonHintNeverTurnsABinaryBlobIntoText() {
    ColumnHints hints = Tables.hints(true, new ColumnHint("c", "longtext", "utf8mb4", true));
    TableSchema s = Tables.withColumns(TypeMappingOptions.defaults(), hints, Col.blob("c", 4, 63));
    assertThat(fieldSchema(s).type()).isEqualTo(Schema.Type.BYTES);
  }

  @Test
  void mySqlBinaryJsonIsDecodedToJsonText() {
    TableSchema s = Tables.withColumns(TypeMappingOptions.defaults(), ColumnHints.none(false), Col.of("c", JSON, 4));
    assertThat(fieldSchema(s).name()).isEqualTo(SemanticTypes.JSON);
    // {"a":1,"b":[true,null,"x"]} in MySQL's binary JSON format (small object, small array).
    byte[] binary = HexFormat.of().parseHex("00" + "0200" + "2300" + "12000100" + "13000100" + "050100" + "021400" + "6162"
        + "0300" + "0f00" + "040100" + "040000" + "0c0d00" + "0178");
    assertThat(convert(s, binary)).isEqualTo("{\"a\":1,\"b\":[true,null,\"x\"]}");
    // Scalars at the top level: a string and a double.
    assertThat(convert(s, HexFormat.of().parseHex("0c03616263"))).isEqualTo("\"abc\"");
    assertThat(convert(s, HexFormat.of().parseHex("0b000000000000f83f"))).isEqualTo("1.5");
    assertThat(convert(s, new byte[0])).isEqualTo("null");
  }

  @Test
  void mySqlBinaryJsonThatCannotBeDecodedFailsNamingTheColumn() {
    TableSchema s = Tables.withColumns(TypeMappingOptions.defaults(), ColumnHints.none(false), Col.of("c", JSON, 4));
    assertThatThrownBy(() -> convert(s, new byte[] {0x00, 0x05})).isInstanceOf(DataException.class).hasMessageContaining("db.t.c");
  }

  @Test
  void geometryIsWkbAndSridLikeDebeziumsGeometry() {
    TableSchema s = Tables.withColumns(Col.geometry("c", 1));
    Schema schema = fieldSchema(s);
    assertThat(schema.name()).isEqualTo(SemanticTypes.GEOMETRY);
    assertThat(schema.version()).isEqualTo(1);
    assertThat(schema.field("wkb").schema()).isEqualTo(Schema.BYTES_SCHEMA);
    assertThat(schema.field("srid").schema()).isEqualTo(Schema.OPTIONAL_INT32_SCHEMA);
    assertThat(s.columns().get(1).typeName()).isEqualTo("point");
    // POINT(1 2) with SRID 4326 as MySQL stores it: SRID little-endian, then WKB.
    byte[] stored = HexFormat.of().parseHex("e6100000" + "0101000000000000000000f03f0000000000000040");
    Struct g = (Struct) convert(s, stored);
    assertThat(g.getInt32("srid")).isEqualTo(4326);
    assertThat(g.getBytes("wkb")).isEqualTo(HexFormat.of().parseHex("0101000000000000000000f03f0000000000000040"));
  }
}
