package dev.sluice.converters.protobuf.codec;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;

/**
 * A message with a single field standing for one Connect value: an array element or map value
 * that cannot be repeated directly, a nullable array or map, or a top-level non-struct value.
 */
final class OneFieldCodec extends ValueCodec {
  private final FieldCodec inner;

  OneFieldCodec(FieldCodec inner) {
    this.inner = inner;
  }

  @Override
  int wireType() {
    return ProtoWriter.LEN;
  }

  @Override
  void write(ProtoWriter w, Object v) {
    int start = w.beginLen();
    inner.write(w, v);
    w.endLen(start);
  }

  void writeBody(ProtoWriter w, Object v) {
    inner.write(w, v);
  }

  @Override
  Object read(CodedInputStream in) throws IOException {
    int len = in.readRawVarint32();
    int old = in.pushLimit(len);
    Object v = readBody(in);
    in.popLimit(old);
    return v;
  }

  Object readBody(CodedInputStream in) throws IOException {
    Object acc = null;
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        break;
      }
      if ((tag >>> 3) == inner.number) {
        acc = inner.read(in, tag & 7, acc);
      } else {
        FieldCodec.skip(in, tag);
      }
    }
    return inner.finish(acc);
  }
}
