package dev.sluice.converters.protobuf.schema;

import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.GeneratedMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Java side of one {@code sluice.connect.Schema} option value; see {@link ConnectMeta}.
 * Mutable while a schema is being translated, then turned into the option message.
 */
final class SchemaMeta {
  /** Role of a generated message that holds one array element or map value. */
  static final String ROLE_ELEMENT = "element";
  /** Role of a generated message that gives a nullable array or map its presence. */
  static final String ROLE_NULLABLE = "nullable";
  /** Role of a generated message that is one entry of a map a Protobuf map cannot hold. */
  static final String ROLE_PAIR = "pair";
  /** Role of the top-level message of a schema that is not a struct. */
  static final String ROLE_VALUE = "value";

  String name;
  Integer version;
  String doc;
  Map<String, String> parameters = new LinkedHashMap<>();
  String type;
  String field;
  Boolean optional;
  String defaultJson;
  SchemaMeta element;
  SchemaMeta key;
  SchemaMeta value;
  String role;
  Map<String, Integer> retired = new TreeMap<>();

  boolean isEmpty() {
    return name == null && version == null && doc == null && parameters.isEmpty() && type == null && field == null
        && optional == null && defaultJson == null && isEmpty(element) && isEmpty(key) && isEmpty(value)
        && role == null && retired.isEmpty();
  }

  private static boolean isEmpty(SchemaMeta m) {
    return m == null || m.isEmpty();
  }

  DynamicMessage toMessage() {
    DynamicMessage.Builder b = DynamicMessage.newBuilder(ConnectMeta.SCHEMA);
    if (name != null) {
      b.setField(ConnectMeta.NAME, name);
    }
    if (version != null) {
      b.setField(ConnectMeta.VERSION, version);
    }
    if (doc != null) {
      b.setField(ConnectMeta.DOC, doc);
    }
    for (Map.Entry<String, String> e : new TreeMap<>(parameters).entrySet()) {
      b.addRepeatedField(ConnectMeta.PARAMETERS, entry(ConnectMeta.PARAMETERS, e.getKey(), e.getValue()));
    }
    if (type != null) {
      b.setField(ConnectMeta.TYPE, type);
    }
    if (field != null) {
      b.setField(ConnectMeta.FIELD_NAME, field);
    }
    if (optional != null) {
      b.setField(ConnectMeta.OPTIONAL, optional);
    }
    if (defaultJson != null) {
      b.setField(ConnectMeta.DEFAULT_JSON, defaultJson);
    }
    if (!isEmpty(element)) {
      b.setField(ConnectMeta.ELEMENT, element.toMessage());
    }
    if (!isEmpty(key)) {
      b.setField(ConnectMeta.KEY, key.toMessage());
    }
    if (!isEmpty(value)) {
      b.setField(ConnectMeta.VALUE, value.toMessage());
    }
    if (role != null) {
      b.setField(ConnectMeta.ROLE, role);
    }
    for (Map.Entry<String, Integer> e : retired.entrySet()) {
      b.addRepeatedField(ConnectMeta.RETIRED, entry(ConnectMeta.RETIRED, e.getKey(), e.getValue()));
    }
    return b.build();
  }

  private static DynamicMessage entry(FieldDescriptor mapField, Object key, Object value) {
    Descriptor entry = mapField.getMessageType();
    return DynamicMessage.newBuilder(entry)
        .setField(entry.findFieldByNumber(1), key)
        .setField(entry.findFieldByNumber(2), value)
        .build();
  }

  static SchemaMeta of(Message m) {
    SchemaMeta meta = new SchemaMeta();
    if (m == null) {
      return meta;
    }
    if (m.getDescriptorForType() != ConnectMeta.SCHEMA) {
      try {
        m = DynamicMessage.parseFrom(ConnectMeta.SCHEMA, m.toByteString());
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException("unreadable sluice.connect.Schema option", e);
      }
    }
    meta.name = m.hasField(ConnectMeta.NAME) ? (String) m.getField(ConnectMeta.NAME) : null;
    meta.version = m.hasField(ConnectMeta.VERSION) ? (Integer) m.getField(ConnectMeta.VERSION) : null;
    meta.doc = m.hasField(ConnectMeta.DOC) ? (String) m.getField(ConnectMeta.DOC) : null;
    for (Object e : (List<?>) m.getField(ConnectMeta.PARAMETERS)) {
      Message entry = (Message) e;
      Descriptor d = entry.getDescriptorForType();
      meta.parameters.put((String) entry.getField(d.findFieldByNumber(1)), (String) entry.getField(d.findFieldByNumber(2)));
    }
    meta.type = m.hasField(ConnectMeta.TYPE) ? (String) m.getField(ConnectMeta.TYPE) : null;
    meta.field = m.hasField(ConnectMeta.FIELD_NAME) ? (String) m.getField(ConnectMeta.FIELD_NAME) : null;
    meta.optional = m.hasField(ConnectMeta.OPTIONAL) ? (Boolean) m.getField(ConnectMeta.OPTIONAL) : null;
    meta.defaultJson = m.hasField(ConnectMeta.DEFAULT_JSON) ? (String) m.getField(ConnectMeta.DEFAULT_JSON) : null;
    meta.element = m.hasField(ConnectMeta.ELEMENT) ? of((Message) m.getField(ConnectMeta.ELEMENT)) : null;
    meta.key = m.hasField(ConnectMeta.KEY) ? of((Message) m.getField(ConnectMeta.KEY)) : null;
    meta.value = m.hasField(ConnectMeta.VALUE) ? of((Message) m.getField(ConnectMeta.VALUE)) : null;
    meta.role = m.hasField(ConnectMeta.ROLE) ? (String) m.getField(ConnectMeta.ROLE) : null;
    for (Object e : (List<?>) m.getField(ConnectMeta.RETIRED)) {
      Message entry = (Message) e;
      Descriptor d = entry.getDescriptorForType();
      meta.retired.put((String) entry.getField(d.findFieldByNumber(1)), (Integer) entry.getField(d.findFieldByNumber(2)));
    }
    return meta;
  }

  /** The option of a field; empty if it has none. */
  static SchemaMeta ofField(FieldDescriptor field) {
    return of(extension(field.getOptions(), ConnectMeta.FIELD));
  }

  /** The option of a message; empty if it has none. */
  static SchemaMeta ofMessage(Descriptor message) {
    return of(extension(message.getOptions(), ConnectMeta.MESSAGE));
  }

  static Message extension(GeneratedMessage.ExtendableMessage<?> options, FieldDescriptor ext) {
    if (options.hasField(ext)) {
      return (Message) options.getField(ext);
    }
    UnknownFieldSet.Field unknown = options.getUnknownFields().getField(ext.getNumber());
    if (unknown == null || unknown.getLengthDelimitedList().isEmpty()) {
      return null;
    }
    try {
      List<com.google.protobuf.ByteString> all = unknown.getLengthDelimitedList();
      return DynamicMessage.parseFrom(ConnectMeta.SCHEMA, all.get(all.size() - 1));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("unreadable sluice.connect option " + ext.getNumber(), e);
    }
  }

  static FieldOptions fieldOptions(SchemaMeta meta) {
    return FieldOptions.newBuilder().setField(ConnectMeta.FIELD, meta.toMessage()).build();
  }

  static MessageOptions messageOptions(SchemaMeta meta) {
    return MessageOptions.newBuilder().setField(ConnectMeta.MESSAGE, meta.toMessage()).build();
  }
}
