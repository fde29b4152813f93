package dev.sluice.source.mysql.value;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads TABLE_MAP events, including every optional metadata field of {@code binlog_row_metadata=FULL},
 * into the library's {@link TableMapEventData}.
 *
 * <p>Why not the library's own reader: it decodes ENUM and SET value names and column names with
 * the JVM's default charset (wrong for a latin1 ENUM, and for everything on a JVM whose default is
 * not UTF-8), and it derives field lengths from column counts instead of the lengths the event
 * carries, so one miscount shifts every later field. Here every field is read within its own
 * length, the SIGNEDNESS bitmap is matched to the numeric columns it can describe, ENUM/SET names
 * are decoded with the ENUM/SET column charsets and names with UTF-8 (the server's system charset).
 *
 * <p>The server writes a TABLE_MAP before every rows event, byte for byte the same while the table
 * is unchanged, and decoding its names and value lists is a large share of the cost of a row. So an
 * instance (one per {@code BinaryLogClient}) keeps the last body and result per table id and
 * returns that same, never modified, result when the next body is identical; any change of the
 * bytes (an ALTER TABLE, a new table id) is parsed anew.
 */
final class TableMapParser implements EventDataDeserializer<TableMapEventData> {
  static final int TYPED_ARRAY = 20;
  static final int TYPED_ARRAY_8_0_17 = 244;

  private static final int SIGNEDNESS = 1;
  private static final int DEFAULT_CHARSET = 2;
  private static final int COLUMN_CHARSET = 3;
  private static final int COLUMN_NAME = 4;
  private static final int SET_STR_VALUE = 5;
  private static final int ENUM_STR_VALUE = 6;
  private static final int GEOMETRY_TYPE = 7;
  private static final int SIMPLE_PRIMARY_KEY = 8;
  private static final int PRIMARY_KEY_WITH_PREFIX = 9;
  private static final int ENUM_AND_SET_DEFAULT_CHARSET = 10;
  private static final int ENUM_AND_SET_COLUMN_CHARSET = 11;
  private static final int COLUMN_VISIBILITY = 12;
  private static final int VECTOR_DIMENSIONALITY = 13;

  /** Table ids whose last TABLE_MAP is remembered; beyond that the least recently seen is dropped. */
  static final int REMEMBERED_TABLES = 1_000;

  private final Map<Long, Parsed> recent = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Parsed> eldest) {
      return size() > REMEMBERED_TABLES;
    }
  };

  private record Parsed(byte[] body, TableMapEventData data) {}

  @Override
  public TableMapEventData deserialize(ByteArrayInputStream in) throws IOException {
    byte[] body = in.read(in.available());
    Long tableId = body.length >= 6 ? new ByteCursor(body).le(6) : null;
    Parsed last = tableId == null ? null : recent.get(tableId);
    if (last != null && Arrays.equals(last.body(), body)) {
      return last.data();
    }
    TableMapEventData data = parse(body);
    recent.put(data.getTableId(), new Parsed(body, data));
    return data;
  }

  static TableMapEventData parse(byte[] body) throws IOException {
    ByteCursor c = new ByteCursor(body);
    TableMapEventData data = new TableMapEventData();
    data.setTableId(c.le(6));
    c.le(2);
    data.setDatabase(c.shortName());
    data.setTable(c.shortName());
    int columns = c.packedInt();
    byte[] types = c.read(columns);
    data.setColumnTypes(types);
    int metadataLength = c.packedInt();
    // Read within the declared block: MySQL 8.0.17/8.0.18 wrote extra bytes for typed arrays.
    data.setColumnMetadata(columnMetadata(c.slice(metadataLength), types));
    data.setColumnNullability(nullBitmap(c.read((columns + 7) / 8), columns));
    if (c.remaining() > 0) {
      try {
        data.setEventMetadata(optionalMetadata(c.slice(c.remaining()), types, data.getColumnMetadata()));
      } catch (IOException e) {
        throw new IOException("cannot read the optional metadata of TABLE_MAP for " + data.getDatabase() + "." + data.getTable()
            + ": " + e.getMessage(), e);
      }
    }
    return data;
  }

  private static int[] columnMetadata(ByteCursor c, byte[] types) throws IOException {
    int[] metadata = new int[types.length];
    for (int i = 0; i < types.length; i++) {
      int type = types[i] & 0xFF;
      if (type == TYPED_ARRAY || type == TYPED_ARRAY_8_0_17) {
        type = c.u8();
      }
      metadata[i] = switch (type) {
        // FLOAT, DOUBLE, BLOB/TEXT, JSON, GEOMETRY, VECTOR: one byte.
        case 4, 5, 252, 245, 255, 242 -> c.u8();
        // BIT, VARCHAR, VAR_STRING, NEWDECIMAL: two bytes little-endian.
        case 16, 15, 253, 246 -> (int) c.le(2);
        // STRING, ENUM, SET: real type and length, big-endian.
        case 254, 247, 248 -> c.be16();
        // TIMESTAMP2, DATETIME2, TIME2: fractional seconds precision.
        case 17, 18, 19 -> c.u8();
        default -> 0;
      };
    }
    return metadata;
  }

  private static BitSet nullBitmap(byte[] bytes, int columns) {
    BitSet bits = new BitSet(columns);
    for (int i = 0; i < columns; i++) {
      if ((bytes[i >> 3] & (1 << (i & 7))) != 0) {
        bits.set(i);
      }
    }
    return bits;
  }

  /** The real type of a column: STRING columns carry ENUM, SET or STRING in their metadata's high byte. */
  private static int realType(int type, int meta) {
    if (type == 254 && meta >= 256) {
      int high = meta >> 8;
      if ((high & 0x30) != 0x30) {
        return high | 0x30;
      }
      return high;
    }
    return type;
  }

  private static TableMapEventMetadata optionalMetadata(ByteCursor c, byte[] types, int[] meta) throws IOException {
    Map<Integer, ByteCursor> fields = new LinkedHashMap<>();
    while (c.remaining() > 0) {
      int code = c.u8();
      int length = c.packedInt();
      // Unknown field types (newer servers) are skipped by their length.
      fields.put(code, c.slice(length));
    }
    int n = types.length;
    int[] real = new int[n];
    for (int i = 0; i < n; i++) {
      real[i] = realType(types[i] & 0xFF, meta[i]);
    }
    TableMapEventMetadata m = new TableMapEventMetadata();
    ByteCursor f;
    if ((f = fields.get(SIGNEDNESS)) != null) {
      m.setSignedness(signedness(f, real));
    }
    if ((f = fields.get(DEFAULT_CHARSET)) != null) {
      m.setDefaultCharset(defaultCharset(f));
    }
    if ((f = fields.get(COLUMN_CHARSET)) != null) {
      m.setColumnCharsets(packedList(f));
    }
    if ((f = fields.get(COLUMN_NAME)) != null) {
      List<String> names = new ArrayList<>(n);
      while (f.remaining() > 0) {
        names.add(new String(f.lengthEncodedBytes(), StandardCharsets.UTF_8));
      }
      m.setColumnNames(names);
    }
    if ((f = fields.get(ENUM_AND_SET_DEFAULT_CHARSET)) != null) {
      m.setEnumAndSetDefaultCharset(defaultCharset(f));
    }
    if ((f = fields.get(ENUM_AND_SET_COLUMN_CHARSET)) != null) {
      m.setEnumAndSetColumnCharsets(packedList(f));
    }
    int[] enumSetCollations = enumAndSetCollations(m, real);
    if ((f = fields.get(SET_STR_VALUE)) != null) {
      m.setSetStrValues(typeValues(f, real, 248, enumSetCollations));
    }
    if ((f = fields.get(ENUM_STR_VALUE)) != null) {
      m.setEnumStrValues(typeValues(f, real, 247, enumSetCollations));
    }
    if ((f = fields.get(GEOMETRY_TYPE)) != null) {
      m.setGeometryTypes(packedList(f));
    }
    if ((f = fields.get(SIMPLE_PRIMARY_KEY)) != null) {
      m.setSimplePrimaryKeys(packedList(f));
    }
    if ((f = fields.get(PRIMARY_KEY_WITH_PREFIX)) != null) {
      m.setPrimaryKeysWithPrefix(packedPairs(f));
    }
    if ((f = fields.get(COLUMN_VISIBILITY)) != null) {
      m.setVisibility(msbFirstBits(f, n));
    }
    if ((f = fields.get(VECTOR_DIMENSIONALITY)) != null) {
      m.setVectorDimensionality(packedList(f));
    }
    return m;
  }

  private static boolean isNumeric(int realType, boolean countYear) {
    return switch (realType) {
      // TINY, SHORT, INT24, LONG, LONGLONG, NEWDECIMAL, FLOAT, DOUBLE
      case 1, 2, 9, 3, 8, 246, 4, 5 -> true;
      case 13 -> countYear;
      default -> false;
    };
  }

  /**
   * One bit per numeric column, most significant bit first, set for UNSIGNED. MariaDB and MySQL
   * count YEAR as numeric; the field's own length decides when a server evidently did not.
   */
  private static BitSet signedness(ByteCursor f, int[] real) throws IOException {
    int withYear = 0;
    int withoutYear = 0;
    for (int t : real) {
      withYear += isNumeric(t, true) ? 1 : 0;
      withoutYear += isNumeric(t, false) ? 1 : 0;
    }
    int bytes = f.remaining();
    boolean countYear = (withYear + 7) / 8 == bytes || (withoutYear + 7) / 8 != bytes;
    BitSet raw = msbFirstBits(f, bytes * 8);
    BitSet unsigned = new BitSet(real.length);
    int bit = 0;
    for (int i = 0; i < real.length; i++) {
      if (isNumeric(real[i], countYear)) {
        if (raw.get(bit)) {
          unsigned.set(i);
        }
        bit++;
      }
    }
    return unsigned;
  }

  private static BitSet msbFirstBits(ByteCursor f, int count) throws IOException {
    byte[] bytes = f.read(Math.min(f.remaining(), (count + 7) / 8));
    BitSet bits = new BitSet(count);
    for (int i = 0; i < count && (i >> 3) < bytes.length; i++) {
      if ((bytes[i >> 3] & (0x80 >> (i & 7))) != 0) {
        bits.set(i);
      }
    }
    return bits;
  }

  private static TableMapEventMetadata.DefaultCharset defaultCharset(ByteCursor f) throws IOException {
    TableMapEventMetadata.DefaultCharset charset = new TableMapEventMetadata.DefaultCharset();
    charset.setDefaultCharsetCollation(f.packedInt());
    Map<Integer, Integer> exceptions = packedPairs(f);
    if (!exceptions.isEmpty()) {
      charset.setCharsetCollations(exceptions);
    }
    return charset;
  }

  private static List<Integer> packedList(ByteCursor f) throws IOException {
    List<Integer> values = new ArrayList<>();
    while (f.remaining() > 0) {
      values.add(f.packedInt());
    }
    return values;
  }

  private static Map<Integer, Integer> packedPairs(ByteCursor f) throws IOException {
    Map<Integer, Integer> pairs = new LinkedHashMap<>();
    while (f.remaining() > 0) {
      int key = f.packedInt();
      pairs.put(key, f.packedInt());
    }
    return pairs;
  }

  /** The collation of each ENUM/SET column (by column index; -1 for other columns or when unknown). */
  private static int[] enumAndSetCollations(TableMapEventMetadata m, int[] real) {
    int[] collations = new int[real.length];
    java.util.Arrays.fill(collations, -1);
    int k = 0;
    for (int i = 0; i < real.length; i++) {
      if (real[i] != 247 && real[i] != 248) {
        continue;
      }
      if (m.getEnumAndSetColumnCharsets() != null && k < m.getEnumAndSetColumnCharsets().size()) {
        collations[i] = m.getEnumAndSetColumnCharsets().get(k);
      } else if (m.getEnumAndSetDefaultCharset() != null) {
        TableMapEventMetadata.DefaultCharset d = m.getEnumAndSetDefaultCharset();
        Integer exception = d.getCharsetCollations() == null ? null : d.getCharsetCollations().get(k);
        collations[i] = exception != null ? exception : d.getDefaultCharsetCollation();
      }
      k++;
    }
    return collations;
  }

  private static List<String[]> typeValues(ByteCursor f, int[] real, int wanted, int[] collations) throws IOException {
    List<String[]> all = new ArrayList<>();
    int column = -1;
    while (f.remaining() > 0) {
      column = next(real, wanted, column);
      int count = f.packedInt();
      String[] values = new String[count];
      for (int v = 0; v < count; v++) {
        values[v] = decodeLabel(f.lengthEncodedBytes(), column < 0 ? -1 : collations[column]);
      }
      all.add(values);
    }
    return all;
  }

  private static int next(int[] real, int wanted, int after) {
    for (int i = after + 1; i < real.length; i++) {
      if (real[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  /**
   * An ENUM/SET value name in its column's charset. Lenient (UTF-8 for a charset Java cannot decode):
   * the schema factory rejects such columns with a clear error when the table is captured, while
   * uncaptured tables must never stop the stream.
   */
  private static String decodeLabel(byte[] bytes, int collation) {
    String charset = collation < 0 ? "utf8mb4" : MysqlCharsets.charsetOfCollation(collation).orElse("utf8mb4");
    return MysqlCharsets.decodeLenient(bytes, charset);
  }
}
