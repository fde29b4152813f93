package dev.sluice.source.mysql.value;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * MySQL/MariaDB character sets: which one a collation id (as TABLE_MAP carries it) belongs to, and
 * how to decode its bytes in Java.
 *
 * <p>Covers every compiled collation of MariaDB 11.4 (ids 1-309, their NO PAD variants at id + 1024
 * and the UCA 14.0 families at 2048+) and MySQL 8.x (ids up to 323, including the utf8mb4 _0900_
 * collations and gb18030). Collation id 63 is {@code binary}: the column holds bytes, not text.
 */
public final class MysqlCharsets {
  /** Collation id of the {@code binary} pseudo charset. */
  public static final int BINARY_COLLATION = 63;

  private static final Map<Integer, String> CHARSET_BY_COLLATION = new HashMap<>();
  private static final Map<String, Charset> JAVA_CHARSETS = new HashMap<>();
  private static final char[] LATIN1 = latin1Table();

  static {
    register("big5", 1, 84);
    register("latin2", 2, 9, 21, 27, 77);
    register("dec8", 3, 69);
    register("cp850", 4, 80);
    register("latin1", 5, 8, 15, 31, 47, 48, 49, 94);
    register("hp8", 6, 72);
    register("koi8r", 7, 74);
    register("swe7", 10, 82);
    register("ascii", 11, 65);
    register("ujis", 12, 91);
    register("sjis", 13, 88);
    register("cp1251", 14, 23, 50, 51, 52);
    register("hebrew", 16, 71);
    register("tis620", 18, 89);
    register("euckr", 19, 85);
    register("latin7", 20, 41, 42, 79);
    register("koi8u", 22, 75);
    register("gb2312", 24, 86);
    register("greek", 25, 70);
    register("cp1250", 26, 34, 44, 66, 99);
    register("gbk", 28, 87);
    register("cp1257", 29, 58, 59);
    register("latin5", 30, 78);
    register("armscii8", 32, 64);
    register("utf8mb3", 33, 76, 83);
    register("ucs2", 35, 90);
    register("cp866", 36, 68);
    register("keybcs2", 37, 73);
    register("macce", 38, 43);
    register("macroman", 39, 53);
    register("cp852", 40, 81);
    register("utf8mb4", 45, 46);
    register("utf16", 54, 55);
    register("utf16le", 56, 62);
    register("cp1256", 57, 67);
    register("utf32", 60, 61);
    register("binary", BINARY_COLLATION);
    register("geostd8", 92, 93);
    register("cp932", 95, 96);
    register("eucjpms", 97, 98);
    registerRange("utf16", 101, 124);
    registerRange("ucs2", 128, 151);
    register("ucs2", 159);
    registerRange("utf32", 160, 183);
    registerRange("utf8mb3", 192, 215);
    register("utf8mb3", 223);
    registerRange("utf8mb4", 224, 247);
    // MySQL 8: gb18030 and the utf8mb4 _0900_ family (MariaDB 11.4 maps the ones it knows to utf8mb4 too).
    registerRange("gb18030", 248, 250);
    registerRange("utf8mb4", 255, 323);

    java("big5", "Big5");
    java("latin2", "ISO-8859-2");
    java("cp850", "IBM850");
    java("koi8r", "KOI8-R");
    java("ascii", "US-ASCII");
    java("ujis", "EUC-JP");
    java("sjis", "Shift_JIS");
    java("cp1251", "windows-1251");
    java("hebrew", "ISO-8859-8");
    java("tis620", "TIS-620");
    java("euckr", "EUC-KR");
    java("latin7", "ISO-8859-13");
    java("koi8u", "KOI8-U");
    java("gb2312", "GB2312");
    java("greek", "ISO-8859-7");
    java("cp1250", "windows-1250");
    java("gbk", "GBK");
    java("cp1257", "windows-1257");
    java("latin5", "ISO-8859-9");
    java("utf8mb3", "UTF-8");
    java("utf8mb4", "UTF-8");
    // UCS-2 is the BMP subset of UTF-16BE; both are stored big-endian.
    java("ucs2", "UTF-16BE");
    java("utf16", "UTF-16BE");
    java("utf16le", "UTF-16LE");
    java("utf32", "UTF-32BE");
    java("cp866", "IBM866");
    java("macce", "x-MacCentralEurope");
    java("macroman", "x-MacRoman");
    java("cp852", "IBM852");
    java("cp1256", "windows-1256");
    java("cp932", "windows-31j");
    java("eucjpms", "x-eucJP-Open");
    java("gb18030", "GB18030");
  }

  private MysqlCharsets() {
  }

  private static void register(String charset, int... ids) {
    for (int id : ids) {
      CHARSET_BY_COLLATION.put(id, charset);
    }
  }

  private static void registerRange(String charset, int from, int to) {
    for (int id = from; id <= to; id++) {
      CHARSET_BY_COLLATION.put(id, charset);
    }
  }

  private static void java(String mysqlName, String javaName) {
    try {
      JAVA_CHARSETS.put(mysqlName, Charset.forName(javaName));
    } catch (UnsupportedCharsetException e) {
      // A JRE without the extended charsets: columns in this charset fail with a clear error when met.
    }
  }

  /**
   * The charset name ({@code utf8mb4}, {@code latin1}, {@code binary}, ...) of a collation id, or
   * empty when the id is not a known collation.
   */
  public static Optional<String> charsetOfCollation(int collationId) {
    String name = CHARSET_BY_COLLATION.get(collationId);
    if (name != null) {
      return Optional.of(name);
    }
    if (collationId >= 1024 && collationId < 2048) {
      // MariaDB's NO PAD collations: the PAD SPACE collation's id + 1024.
      return Optional.ofNullable(CHARSET_BY_COLLATION.get(collationId - 1024));
    }
    // MariaDB 10.10+ UCA 14.0 collations: 256 ids per character set.
    if (collationId >= 2048 && collationId < 2304) {
      return Optional.of("utf8mb3");
    }
    if (collationId >= 2304 && collationId < 2560) {
      return Optional.of("utf8mb4");
    }
    if (collationId >= 2560 && collationId < 2816) {
      return Optional.of("ucs2");
    }
    if (collationId >= 2816 && collationId < 3072) {
      return Optional.of("utf16");
    }
    if (collationId >= 3072 && collationId < 3328) {
      return Optional.of("utf32");
    }
    return Optional.empty();
  }

  /** A decoder for the named MySQL charset, or empty when Java has no equivalent. */
  public static Optional<TextDecoder> decoder(String mysqlCharset) {
    String name = mysqlCharset.toLowerCase(Locale.ROOT);
    if (name.equals("utf8")) {
      name = "utf8mb3";
    }
    if (name.equals("latin1")) {
      return Optional.of(MysqlCharsets::decodeLatin1);
    }
    if (name.equals("binary")) {
      return Optional.empty();
    }
    Charset charset = JAVA_CHARSETS.get(name);
    if (charset == null) {
      return Optional.empty();
    }
    if (charset == StandardCharsets.UTF_8) {
      return Optional.of(MysqlCharsets::decodeUtf8);
    }
    return Optional.of(bytes -> decodeStrict(bytes, charset));
  }

  /**
   * Decodes bytes of the named charset replacing what cannot be decoded; for names and labels, not
   * for row values. Unknown charsets decode as UTF-8.
   */
  public static String decodeLenient(byte[] bytes, String mysqlCharset) {
    String name = mysqlCharset.toLowerCase(Locale.ROOT);
    if (name.equals("latin1")) {
      return decodeLatin1(bytes);
    }
    Charset charset = JAVA_CHARSETS.getOrDefault(name.equals("utf8") ? "utf8mb3" : name, StandardCharsets.UTF_8);
    return new String(bytes, charset);
  }

  /** Decodes one column value's bytes. Throws {@link CharacterCodingException} for bytes that are not valid in the charset. */
  @FunctionalInterface
  public interface TextDecoder {
    String decode(byte[] bytes) throws CharacterCodingException;
  }

  private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
    // The JDK's UTF-8 decoding is intrinsified; only a replacement character sends us to the strict path.
    String s = new String(bytes, StandardCharsets.UTF_8);
    if (s.indexOf('\uFFFD') >= 0) {
      return decodeStrict(bytes, StandardCharsets.UTF_8);
    }
    return s;
  }

  private static String decodeStrict(byte[] bytes, Charset charset) throws CharacterCodingException {
    CharBuffer chars = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes));
    return chars.toString();
  }

  /**
   * MySQL's latin1 is Windows-1252 with the five bytes Windows leaves undefined (0x81, 0x8D, 0x8F,
   * 0x90, 0x9D) mapped to the C1 control characters of the same value, so every byte decodes,
   * exactly as the server converts latin1 to Unicode.
   */
  private static String decodeLatin1(byte[] bytes) {
    char[] chars = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      chars[i] = LATIN1[bytes[i] & 0xFF];
    }
    return new String(chars);
  }

  private static char[] latin1Table() {
    char[] table = new char[256];
    Charset cp1252 = Charset.forName("windows-1252");
    for (int b = 0; b < 256; b++) {
      String s = new String(new byte[] {(byte) b}, cp1252);
      char c = s.length() == 1 ? s.charAt(0) : '\uFFFD';
      table[b] = c == '\uFFFD' ? (char) b : c;
    }
    return table;
  }
}
