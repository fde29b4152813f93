package dev.sluice.converters.protobuf.schema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;

/**
 * Restores the Connect schema of a Protobuf message.
 *
 * <p>For schemas Sluice wrote (their messages carry the {@code (sluice.connect.message)} option)
 * the result equals the Connect schema they were written from: names, versions, docs, parameters,
 * optionality, defaults and field order. Any other proto2/proto3 message maps the plain way:
 * messages to structs named by their full name, repeated fields to arrays, maps to maps, enums to
 * strings, unsigned 32-bit integers to INT64, fields with presence to optional fields.
 */
public final class ProtoToConnect {

  private final Map<Descriptor, Schema> required = new HashMap<>();
  private final Map<Descriptor, Schema> optional = new HashMap<>();

  private ProtoToConnect() {}

  /** The role of a message Sluice generated ({@code element}, {@code nullable}, {@code pair}, {@code value}), or null. */
  public static String role(Descriptor message) {
    return SchemaMeta.ofMessage(message).role;
  }

  /** The Connect field name a Protobuf field stands for. */
  public static String connectName(FieldDescriptor field) {
    return FieldNumbering.connectName(field);
  }

  /** Whether a message belongs to a schema Sluice wrote. */
  public static boolean isSluiceSchema(Descriptor message) {
    return SchemaMeta.extension(message.getOptions(), ConnectMeta.MESSAGE) != null;
  }

  /**
   * The Connect schema of records written with a top-level message.
   *
   * @throws DataException if the message cannot be represented in Connect
   */
  public static Schema toConnect(Descriptor root) {
    ProtoToConnect t = new ProtoToConnect();
    SchemaMeta meta = SchemaMeta.ofMessage(root);
    if (SchemaMeta.ROLE_VALUE.equals(meta.role)) {
      return t.field(root.findFieldByNumber(1), true);
    }
    return t.struct(root, Boolean.TRUE.equals(meta.optional));
  }

  private Schema struct(Descriptor d, boolean optionalUse) {
    Map<Descriptor, Schema> cache = optionalUse ? optional : required;
    Schema cached = cache.get(d);
    if (cached != null) {
      return cached;
    }
    boolean sluice = isSluiceSchema(d);
    SchemaMeta meta = SchemaMeta.ofMessage(d);
    SchemaBuilder b = SchemaBuilder.struct();
    String name = sluice ? meta.name : d.getFullName();
    if (name != null) {
      b.name(name);
    }
    if (meta.version != null) {
      b.version(meta.version);
    }
    if (meta.doc != null) {
      b.doc(meta.doc);
    }
    if (!meta.parameters.isEmpty()) {
      b.parameters(meta.parameters);
    }
    // Mark the message as in progress: a self-referencing message cannot become a Connect schema.
    cache.put(d, PLACEHOLDER);
    for (FieldDescriptor f : d.getFields()) {
      b.field(FieldNumbering.connectName(f), field(f, sluice));
    }
    if (optionalUse) {
      b.optional();
    }
    Schema s = b.build();
    cache.put(d, s);
    return s;
  }

  private static final Schema PLACEHOLDER = SchemaBuilder.struct().name("in progress").build();

  private Schema field(FieldDescriptor f, boolean sluice) {
    SchemaMeta meta = SchemaMeta.ofField(f);
    Schema s;
    if (f.isMapField()) {
      Descriptor entry = f.getMessageType();
      Schema key = scalar(entry.findFieldByNumber(1), meta.key == null ? new SchemaMeta() : meta.key, false);
      FieldDescriptor vf = entry.findFieldByNumber(2);
      Schema value = vf.getJavaType() == FieldDescriptor.JavaType.MESSAGE
          ? message(vf.getMessageType(), false, sluice)
          : scalar(vf, meta.value == null ? new SchemaMeta() : meta.value, false);
      s = level(SchemaBuilder.map(key, value), meta).build();
    } else if (f.isRepeated()) {
      if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        Descriptor m = f.getMessageType();
        String role = SchemaMeta.ofMessage(m).role;
        if (SchemaMeta.ROLE_PAIR.equals(role)) {
          s = level(SchemaBuilder.map(field(m.findFieldByNumber(1), true), field(m.findFieldByNumber(2), true)), meta).build();
        } else if (SchemaMeta.ROLE_ELEMENT.equals(role)) {
          s = level(SchemaBuilder.array(field(m.findFieldByNumber(1), true)), meta).build();
        } else {
          s = level(SchemaBuilder.array(message(m, false, sluice)), meta).build();
        }
      } else {
        s = level(SchemaBuilder.array(scalar(f, meta.element == null ? new SchemaMeta() : meta.element, false)), meta).build();
      }
    } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      Descriptor m = f.getMessageType();
      if (SchemaMeta.ROLE_NULLABLE.equals(SchemaMeta.ofMessage(m).role)) {
        Schema inner = field(m.findFieldByNumber(1), true);
        s = SchemaCopies.with(inner, true, meta.defaultJson == null ? null : DefaultValues.fromJson(inner, meta.defaultJson));
      } else {
        s = message(m, !Boolean.FALSE.equals(meta.optional), sluice);
      }
    } else {
      boolean opt = f.hasPresence() || Boolean.TRUE.equals(meta.optional);
      return scalar(f, meta, opt);
    }
    if (meta.defaultJson != null && (s.type() == Schema.Type.ARRAY || s.type() == Schema.Type.MAP) && !s.isOptional()) {
      s = SchemaCopies.with(s, false, DefaultValues.fromJson(s, meta.defaultJson));
    }
    return s;
  }

  private Schema message(Descriptor m, boolean optionalUse, boolean sluice) {
    Schema s = struct(m, optionalUse);
    if (s == PLACEHOLDER) {
      throw new DataException("message " + m.getFullName() + " contains itself; recursive messages have no Connect schema");
    }
    return s;
  }

  private static SchemaBuilder level(SchemaBuilder b, SchemaMeta meta) {
    if (meta.name != null) {
      b.name(meta.name);
    }
    if (meta.version != null) {
      b.version(meta.version);
    }
    if (meta.doc != null) {
      b.doc(meta.doc);
    }
    if (!meta.parameters.isEmpty()) {
      b.parameters(meta.parameters);
    }
    return b;
  }

  private static Schema scalar(FieldDescriptor f, SchemaMeta meta, boolean optional) {
    SchemaBuilder b = switch (f.getType()) {
      case INT32, SINT32, SFIXED32 -> {
        if ("INT8".equals(meta.type)) {
          yield SchemaBuilder.int8();
        }
        yield "INT16".equals(meta.type) ? SchemaBuilder.int16() : SchemaBuilder.int32();
      }
      case INT64, SINT64, SFIXED64, UINT32, FIXED32, UINT64, FIXED64 -> SchemaBuilder.int64();
      case FLOAT -> SchemaBuilder.float32();
      case DOUBLE -> SchemaBuilder.float64();
      case BOOL -> SchemaBuilder.bool();
      case STRING -> Decimal.LOGICAL_NAME.equals(meta.name) ? SchemaBuilder.bytes() : SchemaBuilder.string();
      case BYTES -> SchemaBuilder.bytes();
      case ENUM -> SchemaBuilder.string();
      default -> throw new DataException("field " + f.getFullName() + " has type " + f.getType() + ", which has no Connect equivalent");
    };
    level(b, meta);
    if (optional) {
      b.optional();
    }
    Schema s = b.build();
    if (meta.defaultJson != null) {
      Object d = DefaultValues.fromJson(s, meta.defaultJson);
      s = SchemaCopies.with(s, optional, d);
    }
    return s;
  }
}
