package dev.sluice.source.mysql.schema;

import static dev.sluice.source.mysql.schema.Tables.convert;
import static dev.sluice.source.mysql.value.BinlogBytes.BINARY;
import static dev.sluice.source.mysql.value.BinlogBytes.LATIN1_SWEDISH_CI;
import static dev.sluice.source.mysql.value.BinlogBytes.UTF8MB4_BIN;
import static dev.sluice.source.mysql.value.BinlogBytes.UTF8MB4_GENERAL_CI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.source.mysql.value.BinlogBytes.Col;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/** CHAR/VARCHAR/TEXT in their charsets, BINARY/VARBINARY/BLOB in every binary mode. */
class TextAndBinaryTypesTest {
  private static final String FOUR_BYTE = "grüße 🐟 𝄞";

  @Test
  void utf8mb4TextKeepsFourByteCharactersInEveryTextType() {
    for (Col col : new Col[] {Col.varchar("c", 400, UTF8MB4_GENERAL_CI), Col.fixed("c", 40, UTF8MB4_BIN), Col.blob("c", 2, UTF8MB4_GENERAL_CI),
        Col.blob("c", 4, UTF8MB4_BIN)}) {
      TableSchema s = Tables.withColumns(col);
      assertThat(s.rowSchema().field("c").schema().type()).isEqualTo(Schema.Type.STRING);
      assertThat(convert(s, FOUR_BYTE.getBytes(StandardCharsets.UTF_8))).as(s.columns().get(1).typeName()).isEqualTo(FOUR_BYTE);
      assertThat(convert(s, new byte[0])).isEqualTo("");
    }
  }

  @Test
  void latin1TextIsDecodedWithTheColumnsCharsetNotUtf8() {
    TableSchema s = Tables.withColumns(Col.varchar("c", 10, LATIN1_SWEDISH_CI));
    assertThat(s.columns().get(1).charset()).isEqualTo("latin1");
    assertThat(convert(s, new byte[] {(byte) 0xE9, (byte) 0x80, 'x'})).isEqualTo("é€x");
  }

  @Test
  void textThatIsNotValidInItsCharsetFailsNamingTheColumn() {
    TableSchema s = Tables.withColumns(Col.varchar("c", 10, UTF8MB4_GENERAL_CI));
    assertThatThrownBy(() -> convert(s, new byte[] {(byte) 0xC3})).isInstanceOf(DataException.class).hasMessageContaining("db.t.c")
        .hasMessageContaining("utf8mb4");
  }

  @Test
  void binaryColumnsAreBytesAndBinaryGetsItsPaddingBack() {
    TableSchema varbinary = Tables.withColumns(Col.varchar("c", 4, BINARY));
    assertThat(varbinary.rowSchema().field("c").schema().type()).isEqualTo(Schema.Type.BYTES);
    assertThat((byte[]) convert(varbinary, new byte[] {1, 0})).containsExactly(1, 0);
    TableSchema blob = Tables.withColumns(Col.blob("c", 2, BINARY));
    assertThat((byte[]) convert(blob, new byte[] {0, (byte) 0xFF})).containsExactly(0, 0xFF);
    // BINARY(4): the binlog drops trailing zero bytes, the column holds four.
    TableSchema binary = Tables.withColumns(Col.fixed("c", 4, BINARY));
    assertThat(binary.columns().get(1).typeName()).isEqualTo("binary(4)");
    assertThat((byte[]) convert(binary, new byte[] {1, 2})).containsExactly(1, 2, 0, 0);
    assertThat((byte[]) convert(binary, new byte[0])).containsExactly(0, 0, 0, 0);
  }

  @Test
  void binaryModesBase64AndHexGiveText() {
    TableSchema base64 = Tables.withColumns(TypeMappingOptions.defaults().withBinaryMode(BinaryMode.BASE64), Col.fixed("c", 4, BINARY));
    assertThat(base64.rowSchema().field("c").schema().type()).isEqualTo(Schema.Type.STRING);
    assertThat(convert(base64, new byte[] {(byte) 0xFF, 1})).isEqualTo("/wEAAA==");
    TableSchema hex = Tables.withColumns(TypeMappingOptions.defaults().withBinaryMode(BinaryMode.HEX), Col.blob("c", 2, BINARY));
    assertThat(convert(hex, new byte[] {(byte) 0xAB, 1})).isEqualTo("ab01");
  }

  @Test
  void nullTextAndBinaryValuesStayNull() {
    TableSchema s = Tables.withColumns(Col.varchar("c", 10, UTF8MB4_GENERAL_CI), Col.blob("b", 2, BINARY));
    assertThat(Tables.row(s, 1, null, null).get("c")).isNull();
    assertThat(Tables.row(s, 1, null, null).get("b")).isNull();
  }
}
