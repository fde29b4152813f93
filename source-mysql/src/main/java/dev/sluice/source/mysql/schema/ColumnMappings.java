package dev.sluice.source.mysql.schema;

import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import dev.sluice.source.mysql.value.MysqlCharsets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.CharacterCodingException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/** The mapping of each MySQL type; see TYPE-MAPPING.md for the table this implements. */
final class ColumnMappings {
  // MYSQL_TYPE_* codes
  static final int TINY = 1;
  static final int SHORT = 2;
  static final int LONG = 3;
  static final int FLOAT = 4;
  static final int DOUBLE = 5;
  static final int TIMESTAMP = 7;
  static final int LONGLONG = 8;
  static final int INT24 = 9;
  static final int DATE = 10;
  static final int TIME = 11;
  static final int DATETIME = 12;
  static final int YEAR = 13;
  static final int NEWDATE = 14;
  static final int VARCHAR = 15;
  static final int BIT = 16;
  static final int TIMESTAMP2 = 17;
  static final int DATETIME2 = 18;
  static final int TIME2 = 19;
  static final int JSON = 245;
  static final int NEWDECIMAL = 246;
  static final int ENUM = 247;
  static final int SET = 248;
  static final int BLOB = 252;
  static final int VAR_STRING = 253;
  static final int STRING = 254;
  static final int GEOMETRY = 255;

  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

  private ColumnMappings() {
  }

  @FunctionalInterface
  interface BinlogFn {
    Object apply(Object value);
  }

  @FunctionalInterface
  interface JdbcFn {
    Object read(ResultSet rs, int index) throws SQLException;
  }

  /** A mapping from three parts; {@code select} is a template with {@code %s} for the quoted column name. */
  record Simple(Schema schema, BinlogFn binlog, JdbcFn jdbc, String select) implements ColumnMapping {
    Simple(Schema schema, BinlogFn binlog, JdbcFn jdbc) {
      this(schema, binlog, jdbc, "%s");
    }

    @Override
    public Object fromBinlog(Object value) {
      return binlog.apply(value);
    }

    @Override
    public Object fromJdbc(ResultSet rs, int index) throws SQLException {
      return jdbc.read(rs, index);
    }

    @Override
    public String selectExpression(String quotedName) {
      return String.format(select, quotedName);
    }
  }

  /** The mapping of a column; throws {@link UnsupportedTypeException} for types Sluice does not map. */
  static ColumnMapping forColumn(ColumnInfo c, TypeMappingOptions options) {
    boolean optional = c.nullable();
    return switch (c.realType()) {
      case TINY -> tiny(c, options, optional);
      case SHORT -> c.unsigned()
          ? new Simple(schema(SchemaBuilder.int32(), optional), v -> ((Number) v).intValue() & 0xFFFF, ColumnMappings::jdbcInt)
          : new Simple(schema(SchemaBuilder.int16(), optional), v -> ((Number) v).shortValue(), ColumnMappings::jdbcShort);
      case INT24 -> new Simple(schema(SchemaBuilder.int32(), optional),
          c.unsigned() ? v -> ((Number) v).intValue() & 0xFFFFFF : v -> ((Number) v).intValue(), ColumnMappings::jdbcInt);
      case LONG -> c.unsigned()
          ? new Simple(schema(SchemaBuilder.int64(), optional), v -> ((Number) v).intValue() & 0xFFFFFFFFL, ColumnMappings::jdbcLong)
          : new Simple(schema(SchemaBuilder.int32(), optional), v -> ((Number) v).intValue(), ColumnMappings::jdbcInt);
      case LONGLONG -> c.unsigned() ? bigintUnsigned(options, optional)
          : new Simple(schema(SchemaBuilder.int64(), optional), v -> ((Number) v).longValue(), ColumnMappings::jdbcLong);
      case NEWDECIMAL -> decimal(c, options, optional);
      case FLOAT -> new Simple(schema(SchemaBuilder.float32(), optional), v -> ((Number) v).floatValue(), (rs, i) -> {
        double d = rs.getDouble(i);
        return rs.wasNull() ? null : (float) d;
      }, "CAST(%s AS DOUBLE)");
      case DOUBLE -> new Simple(schema(SchemaBuilder.float64(), optional), v -> ((Number) v).doubleValue(), (rs, i) -> {
        double d = rs.getDouble(i);
        return rs.wasNull() ? null : d;
      });
      case BIT -> bit(c, optional);
      case YEAR -> new Simple(schema(SemanticTypes.year(), optional), v -> ((Number) v).intValue(), ColumnMappings::jdbcInt);
      case DATE, NEWDATE, TIME, TIME2, DATETIME, DATETIME2, TIMESTAMP, TIMESTAMP2 -> TemporalMappings.forColumn(c, options);
      case STRING, VARCHAR, VAR_STRING -> c.isBinary() ? binary(c, options, optional) : text(c, optional, false);
      case BLOB -> c.isBinary() ? binary(c, options, optional) : text(c, optional, c.json());
      case ENUM -> enumeration(c, optional);
      case SET -> set(c, optional);
      case JSON -> new Simple(schema(SemanticTypes.json(), optional), ColumnMappings::binaryJson, (rs, i) -> rs.getString(i));
      case GEOMETRY -> geometry(optional);
      default -> throw new UnsupportedTypeException("type code " + c.binlogType() + " (" + c.typeName() + ") is not supported");
    };
  }

  static Schema schema(SchemaBuilder builder, boolean optional) {
    return optional ? builder.optional().build() : builder.build();
  }

  private static ColumnMapping tiny(ColumnInfo c, TypeMappingOptions options, boolean optional) {
    if (c.tinyInt1() && options.tinyInt1AsBoolean()) {
      return new Simple(schema(SchemaBuilder.bool(), optional), v -> ((Number) v).intValue() != 0, (rs, i) -> {
        long l = rs.getLong(i);
        return rs.wasNull() ? null : l != 0;
      });
    }
    return new Simple(schema(SchemaBuilder.int16(), optional),
        c.unsigned() ? v -> (short) (((Number) v).intValue() & 0xFF) : v -> ((Number) v).shortValue(), ColumnMappings::jdbcShort);
  }

  private static ColumnMapping bigintUnsigned(TypeMappingOptions options, boolean optional) {
    if (options.bigintUnsignedAsDecimal()) {
      return new Simple(schema(SemanticTypes.decimal(20, 0), optional), v -> unsignedDecimal(((Number) v).longValue()), (rs, i) -> {
        String s = rs.getString(i);
        return s == null ? null : new BigDecimal(s);
      });
    }
    return new Simple(schema(SchemaBuilder.int64(), optional), v -> ((Number) v).longValue(), (rs, i) -> {
      String s = rs.getString(i);
      return s == null ? null : Long.parseUnsignedLong(s);
    });
  }

  static BigDecimal unsignedDecimal(long bits) {
    BigInteger value = BigInteger.valueOf(bits);
    return new BigDecimal(bits < 0 ? value.add(TWO_TO_64) : value);
  }

  private static ColumnMapping decimal(ColumnInfo c, TypeMappingOptions options, boolean optional) {
    int scale = c.scale();
    return switch (options.decimalMode()) {
      case PRECISE -> new Simple(schema(SemanticTypes.decimal(c.precision(), scale), optional), v -> scaled((BigDecimal) v, scale),
          (rs, i) -> scaled(rs.getBigDecimal(i), scale));
      case DOUBLE -> new Simple(schema(SchemaBuilder.float64(), optional), v -> ((BigDecimal) v).doubleValue(), (rs, i) -> {
        BigDecimal d = rs.getBigDecimal(i);
        return d == null ? null : d.doubleValue();
      });
      case STRING -> new Simple(schema(SchemaBuilder.string(), optional), v -> scaled((BigDecimal) v, scale).toPlainString(), (rs, i) -> {
        BigDecimal d = scaled(rs.getBigDecimal(i), scale);
        return d == null ? null : d.toPlainString();
      });
    };
  }

  private static BigDecimal scaled(BigDecimal value, int scale) {
    return value == null ? null : value.setScale(scale, RoundingMode.UNNECESSARY);
  }

  private static ColumnMapping bit(ColumnInfo c, boolean optional) {
    int bits = c.length();
    if (bits == 1) {
      return new Simple(schema(SchemaBuilder.bool(), optional), v -> ((BitSet) v).get(0), (rs, i) -> {
        byte[] b = rs.getBytes(i);
        return b == null ? null : !isZero(b);
      });
    }
    int bytes = (bits + 7) / 8;
    return new Simple(schema(SemanticTypes.bits(bits), optional), v -> littleEndian((BitSet) v, bytes), (rs, i) -> {
      byte[] b = rs.getBytes(i);
      return b == null ? null : fromBigEndian(b, bytes);
    });
  }

  private static boolean isZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Bit i of the value is bit (i % 8) of byte (i / 8): little-endian, Debezium's Bits layout. */
  static byte[] littleEndian(BitSet bits, int length) {
    byte[] packed = bits.toByteArray();
    if (packed.length > length) {
      throw new DataException("BIT value has " + bits.length() + " significant bits, more than the column's " + length * 8);
    }
    return Arrays.copyOf(packed, length);
  }

  /** JDBC returns BIT values big-endian (most significant byte first). */
  static byte[] fromBigEndian(byte[] bigEndian, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < bigEndian.length; i++) {
      int target = bigEndian.length - 1 - i;
      if (target >= length) {
        if (bigEndian[i] != 0) {
          throw new DataException("BIT value of " + bigEndian.length + " bytes does not fit the column's " + length);
        }
        continue;
      }
      out[target] = bigEndian[i];
    }
    return out;
  }

  private static ColumnMapping text(ColumnInfo c, boolean optional, boolean json) {
    MysqlCharsets.TextDecoder decoder = MysqlCharsets.decoder(c.charset())
        .orElseThrow(() -> new UnsupportedTypeException("charset " + c.charset() + " (collation " + c.collationId() + ") has no Java decoder"));
    SchemaBuilder builder = json ? SemanticTypes.json() : SchemaBuilder.string();
    return new Simple(schema(builder, optional), v -> decode(decoder, (byte[]) v, c), (rs, i) -> rs.getString(i));
  }

  private static String decode(MysqlCharsets.TextDecoder decoder, byte[] bytes, ColumnInfo c) {
    try {
      return decoder.decode(bytes);
    } catch (CharacterCodingException e) {
      throw new DataException("bytes that are not valid " + c.charset() + " text: " + e.getMessage(), e);
    }
  }

  private static ColumnMapping binary(ColumnInfo c, TypeMappingOptions options, boolean optional) {
    // The binlog strips BINARY(n)'s trailing 0x00 padding; the stored (and JDBC) value has n bytes.
    int padTo = c.realType() == STRING ? c.length() : 0;
    BinlogFn raw = padTo > 0 ? v -> pad((byte[]) v, padTo) : v -> (byte[]) v;
    JdbcFn jdbc = (rs, i) -> rs.getBytes(i);
    return switch (options.binaryMode()) {
      case BYTES -> new Simple(schema(SchemaBuilder.bytes(), optional), raw, jdbc);
      case BASE64 -> new Simple(schema(SchemaBuilder.string(), optional), v -> Base64.getEncoder().encodeToString((byte[]) raw.apply(v)),
          (rs, i) -> {
            byte[] b = rs.getBytes(i);
            return b == null ? null : Base64.getEncoder().encodeToString(b);
          });
      case HEX -> new Simple(schema(SchemaBuilder.string(), optional), v -> HexFormat.of().formatHex((byte[]) raw.apply(v)), (rs, i) -> {
        byte[] b = rs.getBytes(i);
        return b == null ? null : HexFormat.of().formatHex(b);
      });
    };
  }

  private static byte[] pad(byte[] value, int length) {
    return value.length >= length ? value : Arrays.copyOf(value, length);
  }

  private static ColumnMapping enumeration(ColumnInfo c, boolean optional) {
    List<String> values = c.enumValues();
    return new Simple(schema(SemanticTypes.enumeration(values), optional), v -> {
      int index = ((Number) v).intValue();
      if (index == 0) {
        // The "error value" MySQL stores for an invalid ENUM in non-strict mode; SELECT shows ''.
        return "";
      }
      if (index < 0 || index > values.size()) {
        throw new DataException("ENUM index " + index + " outside the column's " + values.size() + " values");
      }
      return values.get(index - 1);
    }, (rs, i) -> rs.getString(i));
  }

  private static ColumnMapping set(ColumnInfo c, boolean optional) {
    List<String> values = c.setValues();
    return new Simple(schema(SemanticTypes.enumSet(values), optional), v -> {
      long mask = ((Number) v).longValue();
      if (values.size() < 64 && (mask >>> values.size()) != 0) {
        throw new DataException("SET bitmask 0x" + Long.toHexString(mask) + " has bits beyond the column's " + values.size() + " values");
      }
      StringBuilder sb = new StringBuilder();
      for (int bit = 0; bit < values.size(); bit++) {
        if ((mask & (1L << bit)) != 0) {
          if (sb.length() > 0) {
            sb.append(',');
          }
          sb.append(values.get(bit));
        }
      }
      return sb.toString();
    }, (rs, i) -> rs.getString(i));
  }

  private static String binaryJson(Object value) {
    byte[] bytes = (byte[]) value;
    if (bytes.length == 0) {
      // MySQL writes an empty value for a JSON null literal set through some paths; SELECT shows null.
      return "null";
    }
    try {
      return JsonBinary.parseAsString(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("MySQL binary JSON that cannot be decoded: " + e.getMessage(), e);
    }
  }

  private static ColumnMapping geometry(boolean optional) {
    Schema schema = schema(SemanticTypes.geometry(), optional);
    return new Simple(schema, v -> geometryValue(schema, (byte[]) v), (rs, i) -> {
      byte[] b = rs.getBytes(i);
      return b == null ? null : geometryValue(schema, b);
    });
  }

  /** MySQL's internal geometry: a 4-byte little-endian SRID, then the WKB. */
  static Struct geometryValue(Schema schema, byte[] stored) {
    if (stored.length < 5) {
      throw new DataException("geometry value of " + stored.length + " bytes is shorter than SRID + WKB");
    }
    int srid = (stored[0] & 0xFF) | (stored[1] & 0xFF) << 8 | (stored[2] & 0xFF) << 16 | (stored[3] & 0xFF) << 24;
    return new Struct(schema).put("wkb", Arrays.copyOfRange(stored, 4, stored.length)).put("srid", srid);
  }

  private static Object jdbcShort(ResultSet rs, int i) throws SQLException {
    String s = rs.getString(i);
    return s == null ? null : Short.parseShort(s);
  }

  private static Object jdbcInt(ResultSet rs, int i) throws SQLException {
    String s = rs.getString(i);
    return s == null ? null : Integer.parseInt(s);
  }

  private static Object jdbcLong(ResultSet rs, int i) throws SQLException {
    String s = rs.getString(i);
    return s == null ? null : Long.parseLong(s);
  }

  /** A column type (or charset) Sluice cannot map; the message is completed with the table and column. */
  static final class UnsupportedTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedTypeException(String message) {
      super(message);
    }
  }
}
