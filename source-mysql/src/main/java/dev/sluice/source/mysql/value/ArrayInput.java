package dev.sluice.source.mysql.value;

import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * mysql-binlog-connector-java's input over one byte array, read in place: for an event body that
 * was read off the socket in one piece. The library's class reads every byte through a wrapped
 * {@link InputStream} with look-ahead and block bookkeeping; this one overrides every method that
 * reads or moves, so the library's deserializers decode straight from the array. The methods it
 * inherits ({@code readBitSet}, {@code readPackedNumber}, {@code readString}, ...) read through
 * these overrides. As in the library, {@link #read()} past the end throws {@link EOFException}.
 */
public final class ArrayInput extends ByteArrayInputStream {
  private final byte[] bytes;
  private int pos;
  /** End of the current block ({@link #enterBlock}), else the array's end. */
  private int limit;
  private int mark;

  public ArrayInput(byte[] bytes) {
    super(InputStream.nullInputStream());
    this.bytes = bytes;
    this.limit = bytes.length;
  }

  @Override
  public int read() throws IOException {
    if (pos >= limit) {
      throw new EOFException("Failed to read next byte from position " + pos);
    }
    return bytes[pos++] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    int n = Math.min(len, limit - pos);
    if (n <= 0) {
      return -1;
    }
    System.arraycopy(bytes, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public void fill(byte[] b, int off, int len) throws IOException {
    require(len);
    System.arraycopy(bytes, pos, b, off, len);
    pos += len;
  }

  @Override
  public byte[] read(int length) throws IOException {
    require(length);
    byte[] b = new byte[length];
    System.arraycopy(bytes, pos, b, 0, length);
    pos += length;
    return b;
  }

  /** Little-endian, as the library reads it (up to 4 bytes). */
  @Override
  public int readInteger(int length) throws IOException {
    return (int) readLong(length);
  }

  /** Little-endian, as the library reads it. */
  @Override
  public long readLong(int length) throws IOException {
    require(length);
    long result = 0;
    for (int i = 0; i < length; i++) {
      result |= (long) (bytes[pos + i] & 0xFF) << (i << 3);
    }
    pos += length;
    return result;
  }

  @Override
  public int available() {
    return limit - pos;
  }

  /** The next byte without reading it, or -1 at the end. */
  @Override
  public int peek() {
    return pos < limit ? bytes[pos] & 0xFF : -1;
  }

  @Override
  public long skip(long n) {
    long k = Math.max(0, Math.min(n, limit - pos));
    pos += (int) k;
    return k;
  }

  @Override
  public long fastSkip(long n) {
    return skip(n);
  }

  /** Reads stop {@code length} bytes from here (-1: at the array's end) until the block is left. */
  @Override
  public void enterBlock(int length) {
    limit = length < 0 ? bytes.length : (int) Math.min(bytes.length, (long) pos + length);
  }

  @Override
  public void skipToTheEndOfTheBlock() {
    pos = limit;
    limit = bytes.length;
  }

  @Override
  public int getPosition() {
    return pos;
  }

  @Override
  public void mark(int readLimit) {
    mark = pos;
  }

  @Override
  public boolean markSupported() {
    return true;
  }

  @Override
  public void reset() {
    pos = mark;
  }

  @Override
  public void close() {
    // nothing to release
  }

  private void require(int length) throws EOFException {
    if (length < 0 || length > limit - pos) {
      throw new EOFException("Failed to read " + length + " bytes from position " + pos + ": " + (limit - pos) + " left of the "
          + bytes.length + "-byte event body");
    }
  }
}
