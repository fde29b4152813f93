package dev.sluice.source.mysql.value;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A bounds-checked reader over one event body: little-endian integers and MySQL's length-encoded values. */
final class ByteCursor {
  private final byte[] bytes;
  private int pos;
  private final int end;

  ByteCursor(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  ByteCursor(byte[] bytes, int from, int to) {
    this.bytes = bytes;
    this.pos = from;
    this.end = to;
  }

  int remaining() {
    return end - pos;
  }

  int u8() throws IOException {
    need(1);
    return bytes[pos++] & 0xFF;
  }

  long le(int length) throws IOException {
    need(length);
    long v = 0;
    for (int i = 0; i < length; i++) {
      v |= (long) (bytes[pos + i] & 0xFF) << (8 * i);
    }
    pos += length;
    return v;
  }

  int be16() throws IOException {
    need(2);
    int v = ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
    pos += 2;
    return v;
  }

  byte[] read(int length) throws IOException {
    need(length);
    byte[] out = new byte[length];
    System.arraycopy(bytes, pos, out, 0, length);
    pos += length;
    return out;
  }

  /** A sub-cursor over the next {@code length} bytes; this cursor skips them. */
  ByteCursor slice(int length) throws IOException {
    need(length);
    ByteCursor slice = new ByteCursor(bytes, pos, pos + length);
    pos += length;
    return slice;
  }

  /** MySQL's length-encoded integer (1, 3, 4 or 9 bytes). */
  long packed() throws IOException {
    int first = u8();
    return switch (first) {
      case 0xFC -> le(2);
      case 0xFD -> le(3);
      case 0xFE -> le(8);
      case 0xFB, 0xFF -> throw new IOException("invalid length-encoded integer prefix 0x" + Integer.toHexString(first) + " at " + (pos - 1));
      default -> first;
    };
  }

  int packedInt() throws IOException {
    long v = packed();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new IOException("length-encoded integer " + v + " out of range at " + pos);
    }
    return (int) v;
  }

  /** A length-encoded byte string. */
  byte[] lengthEncodedBytes() throws IOException {
    return read(packedInt());
  }

  /** A one-byte-length name followed by a zero terminator (database and table names of TABLE_MAP). */
  String shortName() throws IOException {
    int length = u8();
    String name = new String(read(length), StandardCharsets.UTF_8);
    if (u8() != 0) {
      throw new IOException("name '" + name + "' is not zero-terminated");
    }
    return name;
  }

  private void need(int length) throws IOException {
    if (length < 0 || pos + length > end) {
      throw new IOException("needs " + length + " bytes at offset " + pos + " but only " + (end - pos) + " remain");
    }
  }
}
