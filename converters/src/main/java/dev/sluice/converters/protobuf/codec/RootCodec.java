package dev.sluice.converters.protobuf.codec;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import org.apache.kafka.connect.data.Schema;

/**
 * Writes Connect values of one schema as one top-level message and reads them back; compiled
 * once per schema by {@link CodecCompiler}, so no descriptor is consulted per record.
 */
public final class RootCodec {
  private final Descriptor message;
  private final Schema schema;
  private final MessageCodec struct;
  private final OneFieldCodec wrapper;

  RootCodec(Descriptor message, Schema schema, MessageCodec struct, OneFieldCodec wrapper) {
    this.message = message;
    this.schema = schema;
    this.struct = struct;
    this.wrapper = wrapper;
  }

  /** The message records are written with. */
  public Descriptor message() {
    return message;
  }

  /** The Connect schema of the values. */
  public Schema schema() {
    return schema;
  }

  /**
   * Writes a value's message body.
   *
   * @throws CodecException naming the field path if the value does not fit the schema
   */
  public void write(ProtoWriter w, Object value) {
    if (struct != null) {
      struct.writeBody(w, value);
    } else {
      wrapper.writeBody(w, value);
    }
  }

  /**
   * Reads a message body that ends where the input ends.
   *
   * @throws CodecException if the bytes do not fit the message, naming the field path
   */
  public Object read(byte[] bytes, int offset, int length) {
    CodedInputStream in = CodedInputStream.newInstance(bytes, offset, length);
    try {
      return struct != null ? struct.readBody(in) : wrapper.readBody(in);
    } catch (InvalidProtocolBufferException e) {
      throw new CodecException("malformed Protobuf payload for " + message.getFullName() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new CodecException("unreadable Protobuf payload for " + message.getFullName() + ": " + e.getMessage(), e);
    }
  }
}
