package dev.sluice.source.mysql.value;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Writes binlog events the way MySQL and MariaDB servers lay them out (written from the server
 * formats, independent of the code under test), so unit tests can feed the real decoding path.
 */
public final class BinlogBytes {
  public static final int TABLE_MAP_EVENT = 19;
  public static final int WRITE_ROWS_V2 = 30;
  public static final int UPDATE_ROWS_V2 = 31;
  public static final int TRANSACTION_PAYLOAD = 40;

  // MYSQL_TYPE_* codes
  public static final int TINY = 1;
  public static final int SHORT = 2;
  public static final int LONG = 3;
  public static final int FLOAT = 4;
  public static final int DOUBLE = 5;
  public static final int TIMESTAMP = 7;
  public static final int LONGLONG = 8;
  public static final int INT24 = 9;
  public static final int DATE = 10;
  public static final int TIME = 11;
  public static final int DATETIME = 12;
  public static final int YEAR = 13;
  public static final int VARCHAR = 15;
  public static final int BIT = 16;
  public static final int TIMESTAMP2 = 17;
  public static final int DATETIME2 = 18;
  public static final int TIME2 = 19;
  public static final int JSON = 245;
  public static final int NEWDECIMAL = 246;
  public static final int ENUM = 247;
  public static final int SET = 248;
  public static final int BLOB = 252;
  public static final int STRING = 254;
  public static final int GEOMETRY = 255;

  public static final int UTF8MB4_GENERAL_CI = 45;
  public static final int UTF8MB4_BIN = 46;
  public static final int UTF8MB4_0900_AI_CI = 255;
  public static final int LATIN1_SWEDISH_CI = 8;
  public static final int BINARY = 63;

  private BinlogBytes() {
  }

  /** Which server writes the TABLE_MAP: they differ in whether GEOMETRY columns carry a charset. */
  public enum Server {
    MARIADB, MYSQL
  }

  /** One column of a TABLE_MAP. {@code meta} is the type's metadata as the library represents it. */
  public record Col(String name, int type, int meta, boolean nullable, boolean unsigned, int collation, List<String> enumValues,
      List<String> setValues, int geometryType) {

    public static Col of(String name, int type) {
      return new Col(name, type, 0, true, false, -1, List.of(), List.of(), -1);
    }

    public static Col of(String name, int type, int meta) {
      return new Col(name, type, meta, true, false, -1, List.of(), List.of(), -1);
    }

    public static Col varchar(String name, int maxBytes, int collation) {
      return new Col(name, VARCHAR, maxBytes, true, false, collation, List.of(), List.of(), -1);
    }

    /** CHAR/BINARY of {@code maxBytes} (below 256). */
    public static Col fixed(String name, int maxBytes, int collation) {
      return new Col(name, STRING, (STRING << 8) | maxBytes, true, false, collation, List.of(), List.of(), -1);
    }

    public static Col blob(String name, int lengthBytes, int collation) {
      return new Col(name, BLOB, lengthBytes, true, false, collation, List.of(), List.of(), -1);
    }

    public static Col decimal(String name, int precision, int scale) {
      return new Col(name, NEWDECIMAL, precision | scale << 8, true, false, -1, List.of(), List.of(), -1);
    }

    public static Col bit(String name, int bits) {
      return new Col(name, BIT, (bits / 8) << 8 | bits % 8, true, false, -1, List.of(), List.of(), -1);
    }

    public static Col enumeration(String name, int collation, String... values) {
      return new Col(name, STRING, ENUM << 8 | (values.length > 255 ? 2 : 1), true, false, collation, List.of(values), List.of(), -1);
    }

    public static Col set(String name, int collation, String... values) {
      int bytes = (values.length + 7) / 8;
      return new Col(name, STRING, SET << 8 | (bytes > 4 ? 8 : bytes), true, false, collation, List.of(), List.of(values), -1);
    }

    public static Col geometry(String name, int geometryType) {
      return new Col(name, GEOMETRY, 4, true, false, BINARY, List.of(), List.of(), geometryType);
    }

    public Col notNull() {
      return new Col(name, type, meta, false, unsigned, collation, enumValues, setValues, geometryType);
    }

    public Col asUnsigned() {
      return new Col(name, type, meta, nullable, true, collation, enumValues, setValues, geometryType);
    }

    /** CHAR/BINARY of {@code maxBytes} from 256 up: the length's two high bits go inverted into the type byte. */
    public static Col longFixed(String name, int maxBytes, int collation) {
      int meta0 = STRING ^ ((maxBytes & 0x300) >> 4);
      return new Col(name, STRING, meta0 << 8 | (maxBytes & 0xFF), true, false, collation, List.of(), List.of(), -1);
    }

    int realType() {
      if (type == STRING && meta >= 256) {
        int meta0 = meta >> 8;
        return (meta0 & 0x30) != 0x30 ? meta0 | 0x30 : meta0;
      }
      return type;
    }

    boolean isNumeric() {
      return switch (type) {
        case TINY, SHORT, INT24, LONG, LONGLONG, NEWDECIMAL, FLOAT, DOUBLE, YEAR -> true;
        default -> false;
      };
    }

    boolean isCharacter(Server server) {
      return switch (realType()) {
        case STRING, VARCHAR, BLOB -> true;
        case GEOMETRY -> server == Server.MARIADB;
        default -> false;
      };
    }
  }

  /** A TABLE_MAP layout: which optional fields and in which form. */
  public record Layout(Server server, boolean defaultCharsetForm, boolean visibility, List<Integer> primaryKey) {
    public static Layout mariaDb(Integer... primaryKey) {
      return new Layout(Server.MARIADB, false, false, List.of(primaryKey));
    }

    /** MySQL 8 with the DEFAULT_CHARSET form (most columns share one collation) and COLUMN_VISIBILITY. */
    public static Layout mySql8(Integer... primaryKey) {
      return new Layout(Server.MYSQL, true, true, List.of(primaryKey));
    }
  }

  /** The body of a TABLE_MAP event with FULL row metadata. */
  public static byte[] tableMap(long tableId, String db, String table, Layout layout, List<Col> cols) {
    Out o = new Out();
    o.le(tableId, 6).le(0, 2);
    o.shortName(db).shortName(table);
    o.packed(cols.size());
    for (Col c : cols) {
      o.u8(c.type());
    }
    Out meta = new Out();
    for (Col c : cols) {
      switch (c.type()) {
        case FLOAT, DOUBLE, BLOB, JSON, GEOMETRY, TIME2, DATETIME2, TIMESTAMP2, 242 -> meta.u8(c.meta());
        case BIT, VARCHAR, NEWDECIMAL -> meta.le(c.meta(), 2);
        case STRING -> meta.u8(c.meta() >> 8).u8(c.meta() & 0xFF);
        default -> {
        }
      }
    }
    o.packed(meta.size()).bytes(meta.toByteArray());
    byte[] nulls = new byte[(cols.size() + 7) / 8];
    for (int i = 0; i < cols.size(); i++) {
      if (cols.get(i).nullable()) {
        nulls[i / 8] |= (byte) (1 << (i % 8));
      }
    }
    o.bytes(nulls);
    // SIGNEDNESS: one bit per numeric column (YEAR included), most significant bit first.
    List<Boolean> signs = new ArrayList<>();
    for (Col c : cols) {
      if (c.isNumeric()) {
        signs.add(c.unsigned());
      }
    }
    if (!signs.isEmpty()) {
      o.field(1, msbFirst(signs));
    }
    List<Integer> collations = new ArrayList<>();
    for (Col c : cols) {
      if (c.isCharacter(layout.server())) {
        collations.add(c.collation());
      }
    }
    if (!collations.isEmpty()) {
      if (layout.defaultCharsetForm()) {
        int common = mostCommon(collations);
        Out f = new Out().packed(common);
        for (int k = 0; k < collations.size(); k++) {
          if (collations.get(k) != common) {
            f.packed(k).packed(collations.get(k));
          }
        }
        o.field(2, f.toByteArray());
      } else {
        Out f = new Out();
        collations.forEach(f::packed);
        o.field(3, f.toByteArray());
      }
    }
    Out names = new Out();
    for (Col c : cols) {
      names.lengthEncoded(c.name().getBytes(StandardCharsets.UTF_8));
    }
    o.field(4, names.toByteArray());
    Out sets = new Out();
    Out enums = new Out();
    Out enumSetCharsets = new Out();
    boolean anyEnumSet = false;
    for (Col c : cols) {
      if (c.realType() == SET || c.realType() == ENUM) {
        anyEnumSet = true;
        enumSetCharsets.packed(c.collation());
        Charset charset = c.collation() == LATIN1_SWEDISH_CI ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        Out target = c.realType() == SET ? sets : enums;
        List<String> values = c.realType() == SET ? c.setValues() : c.enumValues();
        target.packed(values.size());
        for (String v : values) {
          target.lengthEncoded(v.getBytes(charset));
        }
      }
    }
    if (anyEnumSet) {
      o.field(11, enumSetCharsets.toByteArray());
    }
    if (sets.size() > 0) {
      o.field(5, sets.toByteArray());
    }
    if (enums.size() > 0) {
      o.field(6, enums.toByteArray());
    }
    Out geometry = new Out();
    for (Col c : cols) {
      if (c.type() == GEOMETRY) {
        geometry.packed(c.geometryType());
      }
    }
    if (geometry.size() > 0) {
      o.field(7, geometry.toByteArray());
    }
    if (!layout.primaryKey().isEmpty()) {
      Out pk = new Out();
      layout.primaryKey().forEach(pk::packed);
      o.field(8, pk.toByteArray());
    }
    if (layout.visibility()) {
      List<Boolean> visible = new ArrayList<>();
      cols.forEach(c -> visible.add(true));
      o.field(12, msbFirst(visible));
    }
    return o.toByteArray();
  }

  private static int mostCommon(List<Integer> values) {
    return values.stream().reduce((a, b) -> values.stream().filter(a::equals).count() >= values.stream().filter(b::equals).count() ? a : b)
        .orElseThrow();
  }

  static byte[] msbFirst(List<Boolean> bits) {
    byte[] out = new byte[(bits.size() + 7) / 8];
    for (int i = 0; i < bits.size(); i++) {
      if (bits.get(i)) {
        out[i / 8] |= (byte) (0x80 >> (i % 8));
      }
    }
    return out;
  }

  /** The body of a v2 WRITE_ROWS event; each row is its encoded cells, null for SQL NULL. */
  public static byte[] writeRows(long tableId, int columns, List<byte[][]> rows) {
    BitSet all = new BitSet();
    all.set(0, columns);
    return writeRows(tableId, columns, all, rows);
  }

  /**
   * The body of a v2 WRITE_ROWS event that logs only the {@code present} columns (as a server with
   * a partial row image does); each row holds the cells of those columns, in column order.
   */
  public static byte[] writeRows(long tableId, int columns, BitSet present, List<byte[][]> rows) {
    Out o = new Out();
    o.le(tableId, 6).le(1, 2).le(2, 2);
    o.packed(columns);
    byte[] presentBits = new byte[(columns + 7) / 8];
    for (int i = present.nextSetBit(0); i >= 0; i = present.nextSetBit(i + 1)) {
      presentBits[i / 8] |= (byte) (1 << (i % 8));
    }
    o.bytes(presentBits);
    for (byte[][] row : rows) {
      byte[] nulls = new byte[(row.length + 7) / 8];
      for (int i = 0; i < row.length; i++) {
        if (row[i] == null) {
          nulls[i / 8] |= (byte) (1 << (i % 8));
        }
      }
      o.bytes(nulls);
      for (byte[] cell : row) {
        if (cell != null) {
          o.bytes(cell);
        }
      }
    }
    return o.toByteArray();
  }

  /** A whole v4 event without checksum. */
  public static byte[] event(int type, byte[] body) {
    Out o = new Out();
    o.le(1_700_000_000L, 4).u8(type).le(1, 4).le(19 + body.length, 4).le(0, 4).le(0, 2);
    return o.bytes(body).toByteArray();
  }

  /** Decodes concatenated events with the production deserializer setup. */
  public static List<Event> decode(byte[]... events) {
    return decode(BinlogDeserialization.newEventDeserializer(), events);
  }

  public static List<Event> decode(EventDeserializer deserializer, byte[]... events) {
    Out all = new Out();
    for (byte[] e : events) {
      all.bytes(e);
    }
    List<Event> out = new ArrayList<>();
    try {
      ByteArrayInputStream in = new ByteArrayInputStream(all.toByteArray());
      for (Event e = deserializer.nextEvent(in); e != null; e = deserializer.nextEvent(in)) {
        out.add(e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Parses a TABLE_MAP body with the production parser. */
  public static TableMapEventData parseTableMap(byte[] body) {
    try {
      return TableMapParser.parse(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- cells, in the server's storage formats ----

  public static byte[] le(long value, int bytes) {
    return new Out().le(value, bytes).toByteArray();
  }

  public static byte[] varString(byte[] value, int maxBytes) {
    Out o = new Out();
    o.le(value.length, maxBytes < 256 ? 1 : 2);
    return o.bytes(value).toByteArray();
  }

  public static byte[] blob(byte[] value, int lengthBytes) {
    return new Out().le(value.length, lengthBytes).bytes(value).toByteArray();
  }

  public static byte[] date(int year, int month, int day) {
    return le((long) year << 9 | month << 5 | day, 3);
  }

  /** TIME2 per the server's my_time_packed_to_binary. */
  public static byte[] time2(boolean negative, int hours, int minutes, int seconds, int micros, int fsp) {
    long hms = (long) hours << 12 | minutes << 6 | seconds;
    long packed = (hms << 24) + truncate(micros, fsp);
    if (negative) {
      packed = -packed;
    }
    long intPart = packed >> 24;
    long frac = packed % (1L << 24);
    Out o = new Out();
    switch (fsp) {
      case 0 -> o.be(intPart + 0x800000L, 3);
      case 1, 2 -> o.be(intPart + 0x800000L, 3).u8((int) (frac / 10_000) & 0xFF);
      case 3, 4 -> o.be(intPart + 0x800000L, 3).be((frac / 100) & 0xFFFF, 2);
      default -> o.be(packed + 0x800000000000L, 6);
    }
    return o.toByteArray();
  }

  /** DATETIME2 per the server's my_datetime_packed_to_binary. */
  public static byte[] datetime2(int year, int month, int day, int hour, int minute, int second, int micros, int fsp) {
    long ymd = ((long) year * 13 + month) << 5 | day;
    long hms = (long) hour << 12 | minute << 6 | second;
    long intPart = ymd << 17 | hms;
    long frac = truncate(micros, fsp);
    Out o = new Out().be(intPart + 0x8000000000L, 5);
    switch (fsp) {
      case 1, 2 -> o.u8((int) (frac / 10_000));
      case 3, 4 -> o.be(frac / 100, 2);
      case 5, 6 -> o.be(frac, 3);
      default -> {
      }
    }
    return o.toByteArray();
  }

  /** TIMESTAMP2: big-endian seconds, then the fraction. */
  public static byte[] timestamp2(long epochSecond, int micros, int fsp) {
    long frac = truncate(micros, fsp);
    Out o = new Out().be(epochSecond, 4);
    switch (fsp) {
      case 1, 2 -> o.u8((int) (frac / 10_000));
      case 3, 4 -> o.be(frac / 100, 2);
      case 5, 6 -> o.be(frac, 3);
      default -> {
      }
    }
    return o.toByteArray();
  }

  private static long truncate(int micros, int fsp) {
    long unit = (long) Math.pow(10, 6 - fsp);
    return micros / unit * unit;
  }

  /** A growable little/big-endian writer. */
  public static final class Out {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Out u8(int v) {
      out.write(v);
      return this;
    }

    public Out le(long v, int bytes) {
      for (int i = 0; i < bytes; i++) {
        out.write((int) (v >>> (8 * i)));
      }
      return this;
    }

    public Out be(long v, int bytes) {
      for (int i = bytes - 1; i >= 0; i--) {
        out.write((int) (v >>> (8 * i)));
      }
      return this;
    }

    public Out bytes(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    public Out packed(long v) {
      if (v < 251) {
        return u8((int) v);
      }
      if (v < (1 << 16)) {
        return u8(0xFC).le(v, 2);
      }
      if (v < (1 << 24)) {
        return u8(0xFD).le(v, 3);
      }
      return u8(0xFE).le(v, 8);
    }

    public Out lengthEncoded(byte[] b) {
      return packed(b.length).bytes(b);
    }

    Out shortName(String name) {
      byte[] b = name.getBytes(StandardCharsets.UTF_8);
      return u8(b.length).bytes(b).u8(0);
    }

    Out field(int type, byte[] value) {
      return u8(type).packed(value.length).bytes(value);
    }

    public int size() {
      return out.size();
    }

    public byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
