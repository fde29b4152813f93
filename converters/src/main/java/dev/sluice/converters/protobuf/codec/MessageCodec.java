package dev.sluice.converters.protobuf.codec;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** A Connect struct as a message; fields are written in field-number order. */
final class MessageCodec extends ValueCodec {
  private final Schema schema;
  private final boolean replaceNullWithDefault;
  private FieldCodec[] fields;
  private Field[] connectFields;
  private int[] numbers;

  MessageCodec(Schema schema, boolean replaceNullWithDefault) {
    this.schema = schema;
    this.replaceNullWithDefault = replaceNullWithDefault;
  }

  /** Sets the fields once compiled (messages can be shared by several fields). */
  void init(FieldCodec[] fieldCodecs, Field[] connect) {
    Integer[] order = new Integer[fieldCodecs.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(fieldCodecs[a].number, fieldCodecs[b].number));
    fields = new FieldCodec[order.length];
    connectFields = new Field[order.length];
    numbers = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      fields[i] = fieldCodecs[order[i]];
      connectFields[i] = connect[order[i]];
      numbers[i] = fields[i].number;
    }
  }

  Schema schema() {
    return schema;
  }

  @Override
  int wireType() {
    return ProtoWriter.LEN;
  }

  @Override
  void write(ProtoWriter w, Object v) {
    int start = w.beginLen();
    writeBody(w, v);
    w.endLen(start);
  }

  void writeBody(ProtoWriter w, Object v) {
    if (!(v instanceof Struct s)) {
      throw wrongType(v, "org.apache.kafka.connect.data.Struct");
    }
    if (s.schema() != schema && !s.schema().equals(schema)) {
      throw new CodecException("struct has schema " + s.schema().name() + " with fields " + s.schema().fields()
          + ", expected " + schema.name() + " with fields " + schema.fields());
    }
    for (int i = 0; i < fields.length; i++) {
      Field f = connectFields[i];
      Object value = replaceNullWithDefault ? s.get(f) : s.getWithoutDefault(f.name());
      try {
        fields[i].write(w, value);
      } catch (CodecException e) {
        throw e.within(f.name());
      } catch (ClassCastException e) {
        throw new CodecException(f.name(), "has a value of the wrong type: " + e.getMessage(), e);
      }
    }
  }

  @Override
  Object read(CodedInputStream in) throws IOException {
    int len = in.readRawVarint32();
    int old = in.pushLimit(len);
    Object v = readBody(in);
    in.popLimit(old);
    return v;
  }

  Struct readBody(CodedInputStream in) throws IOException {
    Object[] acc = new Object[fields.length];
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        break;
      }
      int i = Arrays.binarySearch(numbers, tag >>> 3);
      if (i < 0) {
        FieldCodec.skip(in, tag);
        continue;
      }
      try {
        acc[i] = fields[i].read(in, tag & 7, acc[i]);
      } catch (CodecException e) {
        throw e.within(connectFields[i].name());
      }
    }
    Struct s = new Struct(schema);
    for (int i = 0; i < fields.length; i++) {
      Object v;
      try {
        v = fields[i].finish(acc[i]);
      } catch (CodecException e) {
        throw e.within(connectFields[i].name());
      }
      if (v != null) {
        try {
          s.put(connectFields[i], v);
        } catch (org.apache.kafka.connect.errors.DataException e) {
          throw new CodecException(connectFields[i].name(), "does not fit its schema: " + e.getMessage(), e);
        }
      }
    }
    return s;
  }
}
