package dev.sluice.converters.protobuf.codec;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.sluice.converters.protobuf.schema.ProtoToConnect;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Compiles a (Protobuf message, Connect schema) pair into a {@link RootCodec}. The pair must
 * correspond: either the message was generated from the schema, or the schema was restored from
 * the message; the same shape rules apply both ways.
 */
public final class CodecCompiler {
  private static final String ROLE_ELEMENT = "element";
  private static final String ROLE_NULLABLE = "nullable";
  private static final String ROLE_PAIR = "pair";
  private static final String ROLE_VALUE = "value";

  private final boolean replaceNullWithDefault;
  private final Map<Descriptor, Map<Schema, MessageCodec>> messages = new IdentityHashMap<>();

  private CodecCompiler(boolean replaceNullWithDefault) {
    this.replaceNullWithDefault = replaceNullWithDefault;
  }

  /**
   * Compiles the codec of a top-level message.
   *
   * @param message the top-level message
   * @param schema the Connect schema of the values
   * @param replaceNullWithDefault write a field's default where a struct holds null (as Connect's
   *     {@code Struct.get} does)
   * @throws DataException if message and schema do not correspond
   */
  public static RootCodec compile(Descriptor message, Schema schema, boolean replaceNullWithDefault) {
    CodecCompiler c = new CodecCompiler(replaceNullWithDefault);
    if (ROLE_VALUE.equals(role(message))) {
      FieldDescriptor value = message.findFieldByNumber(1);
      return new RootCodec(message, schema, null, new OneFieldCodec(c.field(value, schema, true)));
    }
    return new RootCodec(message, schema, c.message(message, schema), null);
  }

  private MessageCodec message(Descriptor d, Schema struct) {
    if (struct.type() != Schema.Type.STRUCT) {
      throw new DataException("message " + d.getFullName() + " does not correspond to " + struct.type());
    }
    Map<Schema, MessageCodec> bySchema = messages.computeIfAbsent(d, k -> new IdentityHashMap<>());
    MessageCodec existing = bySchema.get(struct);
    if (existing != null) {
      return existing;
    }
    MessageCodec codec = new MessageCodec(struct, replaceNullWithDefault);
    bySchema.put(struct, codec);
    List<FieldCodec> codecs = new ArrayList<>();
    List<Field> connect = new ArrayList<>();
    for (FieldDescriptor fd : d.getFields()) {
      String name = connectName(fd);
      Field f = struct.field(name);
      if (f == null) {
        throw new DataException("field " + fd.getFullName() + " has no Connect field '" + name + "'");
      }
      codecs.add(field(fd, f.schema(), false));
      connect.add(f);
    }
    codec.init(codecs.toArray(new FieldCodec[0]), connect.toArray(new Field[0]));
    return codec;
  }

  private FieldCodec field(FieldDescriptor fd, Schema s, boolean inWrapper) {
    int number = fd.getNumber();
    String name = fd.getName();
    if (fd.isMapField()) {
      Descriptor entry = fd.getMessageType();
      return new FieldCodec.MapField(number, name,
          field(entry.findFieldByNumber(1), s.keySchema(), true),
          field(entry.findFieldByNumber(2), s.valueSchema(), true));
    }
    if (fd.isRepeated()) {
      if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        Descriptor m = fd.getMessageType();
        String role = role(m);
        if (ROLE_PAIR.equals(role)) {
          return new FieldCodec.MapField(number, name,
              field(m.findFieldByNumber(1), s.keySchema(), true),
              field(m.findFieldByNumber(2), s.valueSchema(), true));
        }
        if (ROLE_ELEMENT.equals(role)) {
          return new FieldCodec.Repeated(number, name, new OneFieldCodec(field(m.findFieldByNumber(1), s.valueSchema(), true)), false);
        }
        return new FieldCodec.Repeated(number, name, message(m, s.valueSchema()), false);
      }
      return new FieldCodec.Repeated(number, name, scalar(fd, s.valueSchema()), fd.isPacked());
    }
    if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      Descriptor m = fd.getMessageType();
      if (ROLE_NULLABLE.equals(role(m))) {
        return new FieldCodec.Singular(number, name, new OneFieldCodec(field(m.findFieldByNumber(1), s, true)),
            FieldCodec.Presence.EXPLICIT, true);
      }
      return new FieldCodec.Singular(number, name, message(m, s),
          s.isOptional() ? FieldCodec.Presence.EXPLICIT : FieldCodec.Presence.REQUIRED_MESSAGE, s.isOptional());
    }
    FieldCodec.Presence presence = fd.hasPresence() ? FieldCodec.Presence.EXPLICIT : FieldCodec.Presence.IMPLICIT;
    return new FieldCodec.Singular(number, name, scalar(fd, s), presence, s.isOptional());
  }

  private static ValueCodec scalar(FieldDescriptor fd, Schema s) {
    String logical = s.name();
    switch (fd.getType()) {
      case STRING:
        if (Decimal.LOGICAL_NAME.equals(logical) && s.type() == Schema.Type.BYTES) {
          return new ValueCodec.DecimalStringCodec(scale(s));
        }
        expect(fd, s, Schema.Type.STRING);
        return new ValueCodec.StringCodec();
      case BYTES:
        expect(fd, s, Schema.Type.BYTES);
        return new ValueCodec.BytesCodec();
      case BOOL:
        expect(fd, s, Schema.Type.BOOLEAN);
        return new ValueCodec.BoolCodec();
      case FLOAT:
        expect(fd, s, Schema.Type.FLOAT32);
        return new ValueCodec.FloatCodec();
      case DOUBLE:
        expect(fd, s, Schema.Type.FLOAT64);
        return new ValueCodec.DoubleCodec();
      case ENUM:
        expect(fd, s, Schema.Type.STRING);
        return new ValueCodec.EnumCodec(fd.getEnumType());
      default:
        return new ValueCodec.IntCodec(intKind(fd, s), encoding(fd));
    }
  }

  private static int scale(Schema s) {
    try {
      return Integer.parseInt(s.parameters().get(Decimal.SCALE_FIELD));
    } catch (RuntimeException e) {
      throw new DataException("Decimal schema without a valid scale parameter: " + s.parameters(), e);
    }
  }

  private static void expect(FieldDescriptor fd, Schema s, Schema.Type type) {
    if (s.type() != type) {
      throw new DataException("field " + fd.getFullName() + " of type " + fd.getType() + " does not correspond to Connect " + s.type());
    }
  }

  private static ValueCodec.IntKind intKind(FieldDescriptor fd, Schema s) {
    String logical = s.name();
    if (Date.LOGICAL_NAME.equals(logical) && s.type() == Schema.Type.INT32) {
      return ValueCodec.IntKind.DATE;
    }
    if (Time.LOGICAL_NAME.equals(logical) && s.type() == Schema.Type.INT32) {
      return ValueCodec.IntKind.TIME;
    }
    if (Timestamp.LOGICAL_NAME.equals(logical) && s.type() == Schema.Type.INT64) {
      return ValueCodec.IntKind.TIMESTAMP;
    }
    return switch (s.type()) {
      case INT8 -> ValueCodec.IntKind.INT8;
      case INT16 -> ValueCodec.IntKind.INT16;
      case INT32 -> ValueCodec.IntKind.INT32;
      case INT64 -> ValueCodec.IntKind.INT64;
      default -> throw new DataException("field " + fd.getFullName() + " of type " + fd.getType() + " does not correspond to Connect " + s.type());
    };
  }

  private static ValueCodec.IntEncoding encoding(FieldDescriptor fd) {
    return switch (fd.getType()) {
      case INT32 -> ValueCodec.IntEncoding.INT32;
      case INT64 -> ValueCodec.IntEncoding.INT64;
      case UINT32 -> ValueCodec.IntEncoding.UINT32;
      case UINT64 -> ValueCodec.IntEncoding.UINT64;
      case SINT32 -> ValueCodec.IntEncoding.SINT32;
      case SINT64 -> ValueCodec.IntEncoding.SINT64;
      case FIXED32 -> ValueCodec.IntEncoding.FIXED32;
      case SFIXED32 -> ValueCodec.IntEncoding.SFIXED32;
      case FIXED64 -> ValueCodec.IntEncoding.FIXED64;
      case SFIXED64 -> ValueCodec.IntEncoding.SFIXED64;
      default -> throw new DataException("field " + fd.getFullName() + " has unsupported type " + fd.getType());
    };
  }

  private static String role(Descriptor m) {
    return ProtoToConnect.role(m);
  }

  private static String connectName(FieldDescriptor fd) {
    return ProtoToConnect.connectName(fd);
  }
}
