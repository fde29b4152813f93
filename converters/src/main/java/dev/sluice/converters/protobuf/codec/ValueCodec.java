package dev.sluice.converters.protobuf.codec;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Date;

/** Writes and reads one Connect value as one Protobuf value (without its tag). */
abstract class ValueCodec {
  private static final long MILLIS_PER_DAY = 86_400_000L;

  abstract int wireType();

  /** Writes a non-null value. */
  abstract void write(ProtoWriter w, Object v);

  abstract Object read(CodedInputStream in) throws IOException;

  /** The Connect value of an absent field without presence. */
  Object defaultValue() {
    return null;
  }

  /** Whether a field without presence can leave this value out. */
  boolean isDefault(Object v) {
    return false;
  }

  boolean packable() {
    return wireType() != ProtoWriter.LEN;
  }

  static CodecException wrongType(Object v, String expected) {
    return new CodecException("expected " + expected + ", got " + v.getClass().getName());
  }

  /** How an integer-valued Connect schema is represented in Java. */
  enum IntKind {
    INT8, INT16, INT32, INT64, DATE, TIME, TIMESTAMP;
  }

  /** How an integer travels on the wire. */
  enum IntEncoding {
    INT32(ProtoWriter.VARINT), INT64(ProtoWriter.VARINT), UINT32(ProtoWriter.VARINT), UINT64(ProtoWriter.VARINT),
    SINT32(ProtoWriter.VARINT), SINT64(ProtoWriter.VARINT), FIXED32(ProtoWriter.I32), SFIXED32(ProtoWriter.I32),
    FIXED64(ProtoWriter.I64), SFIXED64(ProtoWriter.I64);

    final int wireType;

    IntEncoding(int wireType) {
      this.wireType = wireType;
    }
  }

  static final class IntCodec extends ValueCodec {
    private final IntKind kind;
    private final IntEncoding encoding;
    private final Object zero;

    IntCodec(IntKind kind, IntEncoding encoding) {
      this.kind = kind;
      this.encoding = encoding;
      this.zero = fromLong(0);
    }

    @Override
    int wireType() {
      return encoding.wireType;
    }

    private long toLong(Object v) {
      switch (kind) {
        case INT8 -> {
          if (v instanceof Byte b) {
            return b;
          }
          throw wrongType(v, "java.lang.Byte for INT8");
        }
        case INT16 -> {
          if (v instanceof Short s) {
            return s;
          }
          throw wrongType(v, "java.lang.Short for INT16");
        }
        case INT32 -> {
          if (v instanceof Integer i) {
            return i;
          }
          throw wrongType(v, "java.lang.Integer for INT32");
        }
        case INT64 -> {
          if (v instanceof Long l) {
            return l;
          }
          throw wrongType(v, "java.lang.Long for INT64");
        }
        case DATE -> {
          long millis = date(v, "Date").getTime();
          if (Math.floorMod(millis, MILLIS_PER_DAY) != 0) {
            throw new CodecException("a Date value must be midnight UTC, got " + millis + " ms since the epoch");
          }
          return Math.floorDiv(millis, MILLIS_PER_DAY);
        }
        case TIME -> {
          long millis = date(v, "Time").getTime();
          if (millis < 0 || millis >= MILLIS_PER_DAY) {
            throw new CodecException("a Time value must be within 1970-01-01 UTC, got " + millis + " ms since the epoch");
          }
          return millis;
        }
        default -> {
          return date(v, "Timestamp").getTime();
        }
      }
    }

    private static Date date(Object v, String what) {
      if (v instanceof Date d) {
        return d;
      }
      throw wrongType(v, "java.util.Date for " + what);
    }

    private Object fromLong(long l) {
      return switch (kind) {
        case INT8 -> {
          if (l < Byte.MIN_VALUE || l > Byte.MAX_VALUE) {
            throw new CodecException("value " + l + " is out of range for INT8");
          }
          yield (byte) l;
        }
        case INT16 -> {
          if (l < Short.MIN_VALUE || l > Short.MAX_VALUE) {
            throw new CodecException("value " + l + " is out of range for INT16");
          }
          yield (short) l;
        }
        case INT32 -> {
          if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new CodecException("value " + l + " is out of range for INT32");
          }
          yield (int) l;
        }
        case INT64 -> l;
        case DATE -> new Date(l * MILLIS_PER_DAY);
        case TIME -> {
          if (l < 0 || l >= MILLIS_PER_DAY) {
            throw new CodecException("value " + l + " is not a time of day in milliseconds");
          }
          yield new Date(l);
        }
        case TIMESTAMP -> new Date(l);
      };
    }

    @Override
    void write(ProtoWriter w, Object v) {
      long l = toLong(v);
      switch (encoding) {
        case INT32 -> w.int32((int) l);
        case INT64, UINT64, UINT32 -> w.varint64(l);
        case SINT32 -> w.varint32(((int) l << 1) ^ ((int) l >> 31));
        case SINT64 -> w.varint64((l << 1) ^ (l >> 63));
        case FIXED32, SFIXED32 -> w.fixed32((int) l);
        default -> w.fixed64(l);
      }
    }

    @Override
    Object read(CodedInputStream in) throws IOException {
      long l = switch (encoding) {
        case INT32 -> in.readInt32();
        case INT64, UINT64 -> in.readInt64();
        case UINT32 -> in.readUInt32() & 0xFFFF_FFFFL;
        case SINT32 -> in.readSInt32();
        case SINT64 -> in.readSInt64();
        case FIXED32 -> in.readFixed32() & 0xFFFF_FFFFL;
        case SFIXED32 -> in.readSFixed32();
        case FIXED64 -> in.readFixed64();
        case SFIXED64 -> in.readSFixed64();
      };
      return fromLong(l);
    }

    @Override
    Object defaultValue() {
      return zero;
    }

    @Override
    boolean isDefault(Object v) {
      return toLong(v) == 0;
    }
  }

  static final class FloatCodec extends ValueCodec {
    @Override
    int wireType() {
      return ProtoWriter.I32;
    }

    @Override
    void write(ProtoWriter w, Object v) {
      if (!(v instanceof Float f)) {
        throw wrongType(v, "java.lang.Float for FLOAT32");
      }
      w.fixed32(Float.floatToRawIntBits(f));
    }

    @Override
    Object read(CodedInputStream in) throws IOException {
      return in.readFloat();
    }

    @Override
    Object defaultValue() {
      return 0f;
    }

    @Override
    boolean isDefault(Object v) {
      return v instanceof Float f && Float.floatToRawIntBits(f) == 0;
    }
  }

  static final class DoubleCodec extends ValueCodec {
    @Override
    int wireType() {
      return ProtoWriter.I64;
    }

    @Override
    void write(ProtoWriter w, Object v) {
      if (!(v instanceof Double d)) {
        throw wrongType(v, "java.lang.Double for FLOAT64");
      }
      w.fixed64(Double.doubleToRawLongBits(d));
    }

    @Override
    Object read(CodedInputStream in) throws IOException {
      return in.readDouble();
    }

    @Override
    Object defaultValue() {
      return 0d;
    }

    @Override
    boolean isDefault(Object v) {
      return v instanceof Double d && Double.doubleToRawLongBits(d) == 0;
    }
  }

  static final class BoolCodec extends ValueCodec {
    @Override
    int wireType() {
      return ProtoWriter.VARINT;
    }

    @Override
    void write(ProtoWriter w, Object v) {
      if (!(v instanceof Boolean b)) {
        throw wrongType(v, "java.lang.Boolean for BOOLEAN");
      }
      w.varint32(b ? 1 : 0);
    }

    @Override
    Object read(CodedInputStream in) throws IOException {
      return in.readBool();
    }

    @Override
    Object defaultValue() {
      return Boolean.FALSE;
    }

    @Override
    boolean isDefault(Object v) {
      return Boolean.FALSE.equals(v);
    }
  }

  static final class StringCodec extends ValueCodec {
    @Override
    int wireType() {
      return ProtoWriter.LEN;
    }

    @Override
    void write(ProtoWriter w, Object v) {
      if (!(v instanceof String s)) {
        throw wrongType(v, "java.lang.String for STRING");
      }
      w.string(s);
    }

    @Override
    Object read(CodedInputStream in) throws IOException {
      return in.readStringRequireUtf8();
    }

    @Override
    Object defaultValue() {
      return "";
    }

    @Override
    boolean isDefault(Object v) {
      return v instanceof String s && s.isEmpty();
    }
  }

  static final class EnumCodec extends ValueCodec {
    private final EnumDescriptor type;

    EnumCodec(EnumDescriptor type) {
      this.type = type;
    }

    @Override
    int wireType() {
      return ProtoWriter.VARINT;
    }

    @Override
    void write(ProtoWriter w, Object v) {
      if (!(v instanceof String s)) {
        throw wrongType(v, "java.lang.String for enum " + type.getFullName());
      }
      EnumValueDescriptor e = type.findValueByName(s);
      if (e == null) {
        throw new CodecException("'" + s + "' is not a value of enum " + type.getFullName());
      }
      w.int32(e.getNumber());
    }

    @Override
    Object read(CodedInputStream in) throws IOException {
      int n = in.readEnum();
      EnumValueDescriptor e = type.findValueByNumber(n);
      return e == null ? Integer.toString(n) : e.getName();
    }

    @Override
    Object defaultValue() {
      return type.getValues().get(0).getName();
    }

    @Override
    boolean isDefault(Object v) {
      return defaultValue().equals(v);
    }
  }

  static final class BytesCodec extends ValueCodec {
    @Override
    int wireType() {
      return ProtoWriter.LEN;
    }

    @Override
    void write(ProtoWriter w, Object v) {
      if (v instanceof byte[] b) {
        w.bytes(b, 0, b.length);
      } else if (v instanceof ByteBuffer bb) {
        ByteBuffer d = bb.duplicate();
        byte[] b = new byte[d.remaining()];
        d.get(b);
        w.bytes(b, 0, b.length);
      } else {
        throw wrongType(v, "byte[] or java.nio.ByteBuffer for BYTES");
      }
    }

    @Override
    Object read(CodedInputStream in) throws IOException {
      return in.readByteArray();
    }

    @Override
    Object defaultValue() {
      // A new array each time: byte[] map keys are compared by identity.
      return new byte[0];
    }

    @Override
    boolean isDefault(Object v) {
      return (v instanceof byte[] b && b.length == 0) || (v instanceof ByteBuffer bb && !bb.hasRemaining());
    }
  }

  /** A Connect Decimal as its plain decimal string; the schema's scale is kept. */
  static final class DecimalStringCodec extends ValueCodec {
    private final int scale;
    private final BigDecimal zero;

    DecimalStringCodec(int scale) {
      this.scale = scale;
      this.zero = BigDecimal.ZERO.setScale(scale);
    }

    @Override
    int wireType() {
      return ProtoWriter.LEN;
    }

    @Override
    void write(ProtoWriter w, Object v) {
      if (!(v instanceof BigDecimal d)) {
        throw wrongType(v, "java.math.BigDecimal for Decimal");
      }
      if (d.scale() != scale) {
        throw new CodecException("Decimal value " + d + " has scale " + d.scale() + ", the schema has scale " + scale);
      }
      w.string(d.toPlainString());
    }

    @Override
    Object read(CodedInputStream in) throws IOException {
      String s = in.readStringRequireUtf8();
      if (s.isEmpty()) {
        return zero;
      }
      try {
        return new BigDecimal(s).setScale(scale);
      } catch (NumberFormatException | ArithmeticException e) {
        throw new CodecException("'" + abbreviate(s) + "' is not a decimal with scale " + scale, e);
      }
    }

    @Override
    Object defaultValue() {
      return zero;
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
