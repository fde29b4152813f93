package dev.sluice.source.mysql.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MysqlCharsetsTest {

  @Test
  void knowsMariaDbAndMySqlCollationIds() {
    assertThat(MysqlCharsets.charsetOfCollation(45)).contains("utf8mb4");
    assertThat(MysqlCharsets.charsetOfCollation(46)).contains("utf8mb4");
    assertThat(MysqlCharsets.charsetOfCollation(8)).contains("latin1");
    assertThat(MysqlCharsets.charsetOfCollation(63)).contains("binary");
    assertThat(MysqlCharsets.charsetOfCollation(33)).contains("utf8mb3");
    // MySQL 8's utf8mb4_0900_ai_ci and gb18030.
    assertThat(MysqlCharsets.charsetOfCollation(255)).contains("utf8mb4");
    assertThat(MysqlCharsets.charsetOfCollation(309)).contains("utf8mb4");
    assertThat(MysqlCharsets.charsetOfCollation(248)).contains("gb18030");
    // MariaDB NO PAD (+1024) and UCA 14.0 collations, ids as MariaDB 11.4 writes them.
    assertThat(MysqlCharsets.charsetOfCollation(1071)).contains("latin1");
    assertThat(MysqlCharsets.charsetOfCollation(2304)).contains("utf8mb4");
    assertThat(MysqlCharsets.charsetOfCollation(2368)).contains("utf8mb4");
    assertThat(MysqlCharsets.charsetOfCollation(2051)).contains("utf8mb3");
    assertThat(MysqlCharsets.charsetOfCollation(2560)).contains("ucs2");
    assertThat(MysqlCharsets.charsetOfCollation(2819)).contains("utf16");
    assertThat(MysqlCharsets.charsetOfCollation(3072)).contains("utf32");
    assertThat(MysqlCharsets.charsetOfCollation(4000)).isEmpty();
  }

  @Test
  void utf8mb4DecodesFourByteCharacters() throws CharacterCodingException {
    String text = "grüße 🐟 𝄞";
    assertThat(MysqlCharsets.decoder("utf8mb4").orElseThrow().decode(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
  }

  @Test
  void invalidBytesAreAnErrorNotAReplacementCharacter() {
    assertThatThrownBy(() -> MysqlCharsets.decoder("utf8mb4").orElseThrow().decode(new byte[] {'a', (byte) 0xC3}))
        .isInstanceOf(CharacterCodingException.class);
  }

  @Test
  void aGenuineReplacementCharacterSurvives() throws CharacterCodingException {
    String text = "a\uFFFDb";
    assertThat(MysqlCharsets.decoder("utf8mb4").orElseThrow().decode(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
  }

  @Test
  void latin1IsWindows1252WithEveryByteDecodable() throws CharacterCodingException {
    MysqlCharsets.TextDecoder latin1 = MysqlCharsets.decoder("latin1").orElseThrow();
    assertThat(latin1.decode(new byte[] {(byte) 0xE9, (byte) 0x80, (byte) 0x81, (byte) 0x9D})).isEqualTo("é€\u0081\u009D");
  }

  @Test
  void ucs2AndUtf16AreBigEndian() throws CharacterCodingException {
    assertThat(MysqlCharsets.decoder("ucs2").orElseThrow().decode(new byte[] {0x01, 0x09})).isEqualTo("ĉ");
    assertThat(MysqlCharsets.decoder("utf32").orElseThrow().decode(new byte[] {0, 1, (byte) 0xF4, (byte) 0x1F})).isEqualTo("🐟");
    assertThat(MysqlCharsets.decoder("cp1251").orElseThrow().decode(new byte[] {(byte) 0xC6})).isEqualTo("Ж");
  }

  @Test
  void binaryHasNoTextDecoder() {
    assertThat(MysqlCharsets.decoder("binary")).isEmpty();
    assertThat(MysqlCharsets.decoder("armscii8")).isEmpty();
  }
}
