package dev.sluice.converters.protobuf.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer that writes the Protobuf wire format. Length-delimited values are written in
 * one pass: one byte is reserved for the length and the body is shifted when the length needs
 * more, so nested messages need no separate size computation.
 */
public final class ProtoWriter {
  static final int VARINT = 0;
  static final int I64 = 1;
  static final int LEN = 2;
  static final int I32 = 5;

  private byte[] buf;
  private int pos;

  /** A writer with an initial capacity in bytes. */
  public ProtoWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  /** Bytes written so far. */
  public int size() {
    return pos;
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }

  /** Raw bytes, e.g. a framing header. */
  public void raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  void tag(int number, int wireType) {
    varint32((number << 3) | wireType);
  }

  void varint32(int v) {
    ensure(5);
    while ((v & ~0x7F) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  void varint64(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  /** int32 encoding: negative values are sign-extended to ten bytes, as every Protobuf runtime does. */
  void int32(int v) {
    if (v >= 0) {
      varint32(v);
    } else {
      varint64(v);
    }
  }

  void fixed32(int v) {
    ensure(4);
    buf[pos++] = (byte) v;
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 24);
  }

  void fixed64(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[pos++] = (byte) (v >>> (8 * i));
    }
  }

  /** Reserves the length of a length-delimited value; pass the result to {@link #endLen}. */
  int beginLen() {
    ensure(1);
    return pos++;
  }

  void endLen(int start) {
    int len = pos - start - 1;
    if (len < 0x80) {
      buf[start] = (byte) len;
      return;
    }
    int size = varintSize(len);
    ensure(size - 1);
    System.arraycopy(buf, start + 1, buf, start + size, len);
    pos += size - 1;
    int p = start;
    int v = len;
    while ((v & ~0x7F) != 0) {
      buf[p++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[p] = (byte) v;
  }

  static int varintSize(int v) {
    if ((v & (~0 << 7)) == 0) {
      return 1;
    }
    if ((v & (~0 << 14)) == 0) {
      return 2;
    }
    if ((v & (~0 << 21)) == 0) {
      return 3;
    }
    if ((v & (~0 << 28)) == 0) {
      return 4;
    }
    return 5;
  }

  void bytes(byte[] b, int off, int len) {
    varint32(len);
    ensure(len);
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }

  /** A string as UTF-8, with its length; ASCII is copied directly. */
  void string(String s) {
    int n = s.length();
    int start = beginLen();
    ensure(n);
    int p = pos;
    int i = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        break;
      }
      buf[p++] = (byte) c;
    }
    pos = p;
    if (i < n) {
      byte[] rest = s.substring(i).getBytes(StandardCharsets.UTF_8);
      ensure(rest.length);
      System.arraycopy(rest, 0, buf, pos, rest.length);
      pos += rest.length;
    }
    endLen(start);
  }
}
