package dev.sluice.converters.protobuf.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.sluice.converters.protobuf.text.ProtoFiles;
import dev.sluice.converters.protobuf.text.ProtoParser;
import dev.sluice.converters.protobuf.text.ProtoPrinter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Translates a Connect schema into a proto3 file.
 *
 * <ul>
 *   <li>A struct becomes a message; the top-level one is the file's first message (message index
 *       {@code [0]}), every other struct a message nested in it, one per distinct struct schema.
 *   <li>Primitives map to their Protobuf scalar (INT8 and INT16 to int32), Decimal to a string in
 *       plain notation with the schema's scale, Date/Time to int32 and Timestamp to int64 in their
 *       Connect encodings. Optional primitives are proto3 {@code optional}, so null stays null.
 *   <li>A required array is a {@code repeated} field, a required map a {@code map<>} where Protobuf
 *       allows its key and value, else a repeated message of key/value pairs; elements that cannot
 *       be repeated directly (nullable ones, arrays of arrays) get a one-field element message; a
 *       nullable array or map gets a one-field message that gives it presence.
 *   <li>Whatever Protobuf cannot express (schema names such as {@code io.debezium.time.MicroTimestamp},
 *       parameters such as a Decimal's scale or an Enum's {@code allowed}, versions, docs, INT8/INT16,
 *       defaults, the Connect name of a scrubbed field) goes into the {@code (sluice.connect.field)}
 *       and {@code (sluice.connect.message)} options.
 *   <li>Field numbers continue the previous version of the subject: see {@link FieldNumbering}.
 * </ul>
 */
public final class ConnectToProto {

  /** How optional primitive fields are declared. */
  public enum NullHandling {
    /** proto3 {@code optional}: absence is null, as in Connect. */
    KEEP,
    /** Plain proto3 fields: a null is written as absent and read back as the type's default value. */
    DEFAULT
  }

  private final String packageName;
  private final String rootFullName;
  private final NullHandling nulls;
  private final Map<String, Descriptor> previousMessages = new HashMap<>();
  private final Map<StructKey, String> structMessages = new HashMap<>();
  private Msg root;

  private ConnectToProto(String packageName, String rootFullName, NullHandling nulls, FileDescriptor previous) {
    this.packageName = packageName;
    this.rootFullName = rootFullName;
    this.nulls = nulls;
    if (previous != null) {
      for (Descriptor d : previous.getMessageTypes()) {
        index(d);
      }
    }
  }

  private void index(Descriptor d) {
    previousMessages.put(d.getFullName(), d);
    for (Descriptor n : d.getNestedTypes()) {
      index(n);
    }
  }

  /**
   * Translates a schema.
   *
   * @param schema the Connect schema of a key, value or header
   * @param fallbackPackage the package when the schema has no namespaced name (usually from the topic)
   * @param fallbackRoot the top-level message name when the schema has no name, e.g. {@code Value}
   * @param previous the latest registered version of the subject, for field numbers; may be null
   * @param nulls how optional primitives are declared
   * @return the file, its descriptor and text
   * @throws DataException if the schema cannot be expressed
   */
  public static ProtoSchema translate(Schema schema, String fallbackPackage, String fallbackRoot, FileDescriptor previous, NullHandling nulls) {
    String name = schema.type() == Schema.Type.STRUCT ? schema.name() : null;
    String pkg;
    String rootName;
    if (name != null && name.contains(".")) {
      pkg = ProtoNames.packageName(name.substring(0, name.lastIndexOf('.')));
      rootName = ProtoNames.typeName(name.substring(name.lastIndexOf('.') + 1));
    } else {
      pkg = ProtoNames.packageName(fallbackPackage);
      rootName = name != null ? ProtoNames.typeName(name) : ProtoNames.typeName(fallbackRoot);
    }
    String full = pkg.isEmpty() ? rootName : pkg + "." + rootName;
    ConnectToProto t = new ConnectToProto(pkg, full, nulls, previous);
    DescriptorProto rootProto = t.translateRoot(schema, rootName);
    FileDescriptorProto proto = FileDescriptorProto.newBuilder()
        .setName((pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/") + rootName + ".proto")
        .setPackage(pkg)
        .addDependency(ConnectMeta.FILE_NAME)
        .addMessageType(rootProto)
        .setSyntax("proto3")
        .build();
    if (pkg.isEmpty()) {
      proto = proto.toBuilder().clearPackage().build();
    }
    List<FileDescriptor> deps = List.of(ConnectMeta.FILE);
    FileDescriptor file = ProtoFiles.build(proto, deps);
    return new ProtoSchema(proto, file, file.getMessageTypes().get(0), ProtoPrinter.print(proto, deps));
  }

  private DescriptorProto translateRoot(Schema schema, String rootName) {
    root = new Msg(rootFullName, rootName);
    if (schema.type() == Schema.Type.STRUCT) {
      fillStruct(root, schema, true);
    } else {
      SchemaMeta meta = new SchemaMeta();
      meta.role = SchemaMeta.ROLE_VALUE;
      root.proto.setOptions(SchemaMeta.messageOptions(meta));
      String id = root.scope.field("value");
      addField(root, "value", id, schema, 1);
    }
    return root.build();
  }

  private void fillStruct(Msg m, Schema struct, boolean isRoot) {
    SchemaMeta meta = new SchemaMeta();
    schemaLevel(meta, struct);
    if (isRoot && struct.isOptional()) {
      meta.optional = true;
    }
    // Struct defaults cannot be rebuilt in Connect (SchemaBuilder rejects them); only keep leaf ones.
    meta.defaultJson = null;
    FieldNumbering numbering = FieldNumbering.continuing(previousMessages.get(m.fullName));
    List<String> ids = new ArrayList<>();
    for (Field f : struct.fields()) {
      ids.add(m.scope.field(ProtoNames.identifier(f.name())));
    }
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < struct.fields().size(); i++) {
      Field f = struct.fields().get(i);
      names.add(f.name());
      addField(m, f.name(), ids.get(i), f.schema(), numbering.numberFor(f.name()));
    }
    for (int[] r : numbering.finish(names)) {
      m.proto.addReservedRange(DescriptorProto.ReservedRange.newBuilder().setStart(r[0]).setEnd(r[1] + 1));
    }
    meta.retired.putAll(numbering.retired());
    // Every message of a Sluice schema carries the option, even empty: it marks the file as Sluice's.
    m.proto.setOptions(SchemaMeta.messageOptions(meta));
  }

  private void addField(Msg m, String connectName, String id, Schema schema, int number) {
    FieldDescriptorProto.Builder f = FieldDescriptorProto.newBuilder()
        .setName(id)
        .setNumber(number)
        .setJsonName(ProtoParser.jsonName(id))
        .setLabel(Label.LABEL_OPTIONAL);
    SchemaMeta meta = new SchemaMeta();
    if (!id.equals(connectName)) {
      meta.field = connectName;
    }
    switch (schema.type()) {
      case STRUCT -> {
        f.setType(Type.TYPE_MESSAGE).setTypeName("." + structMessage(schema, id));
        if (!schema.isOptional()) {
          meta.optional = false;
        }
      }
      case ARRAY, MAP -> {
        if (schema.isOptional()) {
          Msg w = wrapper(m, ProtoNames.typeName(id) + "Nullable", SchemaMeta.ROLE_NULLABLE);
          addField(w, "value", w.scope.field("value"), SchemaCopies.required(schema), 1);
          f.setType(Type.TYPE_MESSAGE).setTypeName("." + w.fullName);
          if (schema.defaultValue() != null) {
            meta.defaultJson = DefaultValues.toJson(schema, schema.defaultValue());
          }
        } else if (schema.type() == Schema.Type.ARRAY) {
          repeated(m, f, meta, schema, id);
        } else {
          map(m, f, meta, schema, id);
        }
      }
      default -> {
        schemaLevel(meta, schema);
        scalar(f, meta, schema);
        if (schema.isOptional()) {
          if (nulls == NullHandling.KEEP) {
            f.setProto3Optional(true);
          } else {
            meta.optional = true;
          }
        }
      }
    }
    if (!meta.isEmpty()) {
      f.setOptions(SchemaMeta.fieldOptions(meta));
    }
    m.proto.addField(f);
  }

  private void repeated(Msg m, FieldDescriptorProto.Builder f, SchemaMeta meta, Schema array, String id) {
    schemaLevel(meta, array);
    f.setLabel(Label.LABEL_REPEATED);
    Schema element = array.valueSchema();
    if (!element.isOptional() && isPrimitive(element)) {
      SchemaMeta em = new SchemaMeta();
      schemaLevel(em, element);
      scalar(f, em, element);
      meta.element = em;
    } else if (!element.isOptional() && element.type() == Schema.Type.STRUCT) {
      f.setType(Type.TYPE_MESSAGE).setTypeName("." + structMessage(element, id));
    } else {
      Msg w = wrapper(m, ProtoNames.typeName(id) + "Element", SchemaMeta.ROLE_ELEMENT);
      addField(w, "value", w.scope.field("value"), element, 1);
      f.setType(Type.TYPE_MESSAGE).setTypeName("." + w.fullName);
    }
  }

  private void map(Msg m, FieldDescriptorProto.Builder f, SchemaMeta meta, Schema map, String id) {
    schemaLevel(meta, map);
    f.setLabel(Label.LABEL_REPEATED).setType(Type.TYPE_MESSAGE);
    Schema key = map.keySchema();
    Schema value = map.valueSchema();
    String entryName = ProtoParser.mapEntryName(id);
    boolean direct = !key.isOptional() && isMapKey(key) && !value.isOptional()
        && (isPrimitive(value) || value.type() == Schema.Type.STRUCT) && ProtoNames.isIdentifier(entryName) && !m.scope.taken(entryName);
    if (direct) {
      m.scope.take(entryName);
      FieldDescriptorProto.Builder k = FieldDescriptorProto.newBuilder().setName("key").setNumber(1)
          .setLabel(Label.LABEL_OPTIONAL).setJsonName("key");
      SchemaMeta km = new SchemaMeta();
      schemaLevel(km, key);
      scalar(k, km, key);
      meta.key = km;
      FieldDescriptorProto.Builder v = FieldDescriptorProto.newBuilder().setName("value").setNumber(2)
          .setLabel(Label.LABEL_OPTIONAL).setJsonName("value");
      if (value.type() == Schema.Type.STRUCT) {
        v.setType(Type.TYPE_MESSAGE).setTypeName("." + structMessage(value, id));
      } else {
        SchemaMeta vm = new SchemaMeta();
        schemaLevel(vm, value);
        scalar(v, vm, value);
        meta.value = vm;
      }
      m.entries.add(DescriptorProto.newBuilder().setName(entryName)
          .setOptions(MessageOptions.newBuilder().setMapEntry(true))
          .addField(k).addField(v).build());
      f.setTypeName("." + m.fullName + "." + entryName);
    } else {
      Msg w = wrapper(m, ProtoNames.typeName(id) + "Pair", SchemaMeta.ROLE_PAIR);
      String keyId = w.scope.field("key");
      String valueId = w.scope.field("value");
      addField(w, "key", keyId, key, 1);
      addField(w, "value", valueId, value, 2);
      f.setTypeName("." + w.fullName);
    }
  }

  private Msg wrapper(Msg parent, String wanted, String role) {
    String name = parent.scope.type(wanted);
    Msg w = new Msg(parent.fullName + "." + name, name);
    SchemaMeta meta = new SchemaMeta();
    meta.role = role;
    w.proto.setOptions(SchemaMeta.messageOptions(meta));
    parent.nested.add(w);
    return w;
  }

  private String structMessage(Schema struct, String hint) {
    StructKey key = StructKey.of(struct);
    String existing = structMessages.get(key);
    if (existing != null) {
      return existing;
    }
    String wanted;
    if (struct.name() != null) {
      String n = struct.name();
      wanted = ProtoNames.typeName(n.substring(n.lastIndexOf('.') + 1));
    } else {
      wanted = ProtoNames.typeName(hint);
    }
    String name = root.scope.type(wanted);
    Msg m = new Msg(rootFullName + "." + name, name);
    structMessages.put(key, m.fullName);
    root.nested.add(m);
    fillStruct(m, struct, false);
    return m.fullName;
  }

  private static void schemaLevel(SchemaMeta meta, Schema schema) {
    meta.name = schema.name();
    meta.version = schema.version();
    meta.doc = schema.doc();
    if (schema.parameters() != null) {
      meta.parameters.putAll(schema.parameters());
    }
    if (schema.defaultValue() != null && schema.type() != Schema.Type.STRUCT) {
      meta.defaultJson = DefaultValues.toJson(schema, schema.defaultValue());
    }
  }

  private static void scalar(FieldDescriptorProto.Builder f, SchemaMeta meta, Schema schema) {
    if (Decimal.LOGICAL_NAME.equals(schema.name()) && schema.type() == Schema.Type.BYTES) {
      f.setType(Type.TYPE_STRING);
      return;
    }
    switch (schema.type()) {
      case INT8 -> {
        f.setType(Type.TYPE_INT32);
        meta.type = "INT8";
      }
      case INT16 -> {
        f.setType(Type.TYPE_INT32);
        meta.type = "INT16";
      }
      case INT32 -> f.setType(Type.TYPE_INT32);
      case INT64 -> f.setType(Type.TYPE_INT64);
      case FLOAT32 -> f.setType(Type.TYPE_FLOAT);
      case FLOAT64 -> f.setType(Type.TYPE_DOUBLE);
      case BOOLEAN -> f.setType(Type.TYPE_BOOL);
      case STRING -> f.setType(Type.TYPE_STRING);
      case BYTES -> f.setType(Type.TYPE_BYTES);
      default -> throw new DataException("not a primitive schema: " + schema.type());
    }
  }

  static boolean isPrimitive(Schema s) {
    return s.type() != Schema.Type.STRUCT && s.type() != Schema.Type.ARRAY && s.type() != Schema.Type.MAP;
  }

  private static boolean isMapKey(Schema key) {
    if (Decimal.LOGICAL_NAME.equals(key.name())) {
      return true;
    }
    return switch (key.type()) {
      case INT8, INT16, INT32, INT64, BOOLEAN, STRING -> true;
      default -> false;
    };
  }

  /** Identity of a struct schema regardless of where and how optionally it is used. */
  private record StructKey(String name, Integer version, String doc, Map<String, String> parameters, List<Field> fields) {
    static StructKey of(Schema s) {
      return new StructKey(s.name(), s.version(), s.doc(), s.parameters() == null ? Map.of() : s.parameters(), s.fields());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof StructKey k && Objects.equals(name, k.name) && Objects.equals(version, k.version)
          && Objects.equals(doc, k.doc) && Objects.equals(parameters, k.parameters) && Objects.equals(fields, k.fields);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, version, doc, fields.size());
    }
  }

  /** A message under construction: its own declaration, nested messages and map entries. */
  private static final class Msg {
    final String fullName;
    final DescriptorProto.Builder proto;
    final List<Msg> nested = new ArrayList<>();
    final List<DescriptorProto> entries = new ArrayList<>();
    final ProtoNames.Scope scope = new ProtoNames.Scope();

    Msg(String fullName, String name) {
      this.fullName = fullName;
      this.proto = DescriptorProto.newBuilder().setName(name);
    }

    DescriptorProto build() {
      DescriptorProto.Builder b = proto.clone();
      for (Msg n : nested) {
        b.addNestedType(n.build());
      }
      b.addAllNestedType(entries);
      ProtoParser.addSyntheticOneofs(b);
      return b.build();
    }
  }
}
