package dev.sluice.converters.protobuf.codec;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes and reads one field of a message: tag, presence, repetition. */
abstract class FieldCodec {
  final int number;
  final String name;

  FieldCodec(int number, String name) {
    this.number = number;
    this.name = name;
  }

  /** Writes the field for a Connect value (which may be null). */
  abstract void write(ProtoWriter w, Object v);

  /** Reads one occurrence of the field and merges it into what was read before. */
  abstract Object read(CodedInputStream in, int wireType, Object acc) throws IOException;

  /** The Connect value once the message is read. */
  abstract Object finish(Object acc);

  static void skip(CodedInputStream in, int tag) throws IOException {
    switch (tag & 7) {
      case ProtoWriter.VARINT -> in.readRawVarint64();
      case ProtoWriter.I64 -> in.skipRawBytes(8);
      case ProtoWriter.LEN -> {
        int len = in.readRawVarint32();
        if (len < 0) {
          throw new CodecException("negative length " + len + " of field " + (tag >>> 3));
        }
        in.skipRawBytes(len);
      }
      case ProtoWriter.I32 -> in.skipRawBytes(4);
      case 3, 4 -> throw new CodecException("field " + (tag >>> 3) + " uses the group wire type, which proto3 does not have");
      default -> throw new CodecException("field " + (tag >>> 3) + " has invalid wire type " + (tag & 7));
    }
  }

  /** When a field without presence is absent, or a required message. */
  enum Presence {
    /** No presence: absent means the type's default value. */
    IMPLICIT,
    /** Presence: absent means null. */
    EXPLICIT,
    /** A message field for a required struct: it is always written, absent is an error. */
    REQUIRED_MESSAGE
  }

  static final class Singular extends FieldCodec {
    private final ValueCodec codec;
    private final Presence presence;
    private final boolean nullable;

    Singular(int number, String name, ValueCodec codec, Presence presence, boolean nullable) {
      super(number, name);
      this.codec = codec;
      this.presence = presence;
      this.nullable = nullable;
    }

    @Override
    void write(ProtoWriter w, Object v) {
      if (v == null) {
        if (!nullable) {
          throw new CodecException("is required but null");
        }
        return;
      }
      if (presence == Presence.IMPLICIT && codec.isDefault(v)) {
        return;
      }
      w.tag(number, codec.wireType());
      codec.write(w, v);
    }

    @Override
    Object read(CodedInputStream in, int wireType, Object acc) throws IOException {
      if (wireType != codec.wireType()) {
        skip(in, (number << 3) | wireType);
        return acc;
      }
      return codec.read(in);
    }

    @Override
    Object finish(Object acc) {
      if (acc != null) {
        return acc;
      }
      return switch (presence) {
        case IMPLICIT -> codec.defaultValue();
        case EXPLICIT -> null;
        case REQUIRED_MESSAGE -> throw new CodecException("is a required struct but absent");
      };
    }
  }

  static final class Repeated extends FieldCodec {
    private final ValueCodec element;
    private final boolean packed;

    Repeated(int number, String name, ValueCodec element, boolean packed) {
      super(number, name);
      this.element = element;
      this.packed = packed && element.packable();
    }

    @Override
    void write(ProtoWriter w, Object v) {
      if (v == null) {
        throw new CodecException("is a required array but null");
      }
      if (!(v instanceof List<?> list)) {
        throw ValueCodec.wrongType(v, "java.util.List for ARRAY");
      }
      if (list.isEmpty()) {
        return;
      }
      if (packed) {
        w.tag(number, ProtoWriter.LEN);
        int start = w.beginLen();
        for (int i = 0; i < list.size(); i++) {
          element.write(w, element(list, i));
        }
        w.endLen(start);
      } else {
        for (int i = 0; i < list.size(); i++) {
          Object e = element(list, i);
          w.tag(number, element.wireType());
          try {
            element.write(w, e);
          } catch (CodecException x) {
            throw x.within("[" + i + "]");
          }
        }
      }
    }

    private Object element(List<?> list, int i) {
      Object e = list.get(i);
      if (e == null && !(element instanceof OneFieldCodec)) {
        throw new CodecException("[" + i + "]", "is null in an array of required elements", null);
      }
      return e;
    }

    @Override
    @SuppressWarnings("unchecked")
    Object read(CodedInputStream in, int wireType, Object acc) throws IOException {
      List<Object> list = acc == null ? new ArrayList<>() : (List<Object>) acc;
      if (wireType == ProtoWriter.LEN && element.packable()) {
        int len = in.readRawVarint32();
        int old = in.pushLimit(len);
        while (in.getBytesUntilLimit() > 0) {
          list.add(element.read(in));
        }
        in.popLimit(old);
      } else if (wireType == element.wireType()) {
        list.add(element.read(in));
      } else {
        skip(in, (number << 3) | wireType);
      }
      return list;
    }

    @Override
    Object finish(Object acc) {
      return acc == null ? new ArrayList<>() : acc;
    }
  }

  /** A map: a {@code map<>} field or repeated key/value pair messages, both written as entries 1 and 2. */
  static final class MapField extends FieldCodec {
    private final FieldCodec key;
    private final FieldCodec value;

    MapField(int number, String name, FieldCodec key, FieldCodec value) {
      super(number, name);
      this.key = key;
      this.value = value;
    }

    @Override
    void write(ProtoWriter w, Object v) {
      if (v == null) {
        throw new CodecException("is a required map but null");
      }
      if (!(v instanceof Map<?, ?> map)) {
        throw ValueCodec.wrongType(v, "java.util.Map for MAP");
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        w.tag(number, ProtoWriter.LEN);
        int start = w.beginLen();
        try {
          key.write(w, e.getKey());
        } catch (CodecException x) {
          throw x.within("<key>");
        }
        try {
          value.write(w, e.getValue());
        } catch (CodecException x) {
          throw x.within("[" + e.getKey() + "]");
        }
        w.endLen(start);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    Object read(CodedInputStream in, int wireType, Object acc) throws IOException {
      Map<Object, Object> map = acc == null ? new LinkedHashMap<>() : (Map<Object, Object>) acc;
      if (wireType != ProtoWriter.LEN) {
        skip(in, (number << 3) | wireType);
        return map;
      }
      int len = in.readRawVarint32();
      int old = in.pushLimit(len);
      Object k = null;
      Object v = null;
      while (true) {
        int tag = in.readTag();
        if (tag == 0) {
          break;
        }
        int n = tag >>> 3;
        if (n == 1) {
          k = key.read(in, tag & 7, k);
        } else if (n == 2) {
          v = value.read(in, tag & 7, v);
        } else {
          skip(in, tag);
        }
      }
      in.popLimit(old);
      map.put(key.finish(k), value.finish(v));
      return map;
    }

    @Override
    Object finish(Object acc) {
      return acc == null ? new LinkedHashMap<>() : acc;
    }
  }
}
