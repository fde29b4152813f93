package dev.sluice.source.mysql.binlog;

import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongPredicate;

/**
 * Wraps a row-event deserializer so that rows of tables that are not captured are never decoded.
 * The event body is read in one piece (the socket stream cannot be rewound), its table id — the
 * first six bytes of every row event — decides, and only captured tables' bodies are handed to the
 * delegate, from memory (which is also faster than decoding byte by byte off the socket buffer).
 */
final class CapturedRowsDeserializer implements EventDataDeserializer<EventData> {
  private static final int TABLE_ID_BYTES = 6;
  private final EventDataDeserializer<?> delegate;
  private final LongPredicate captured;

  CapturedRowsDeserializer(EventDataDeserializer<?> delegate, LongPredicate captured) {
    this.delegate = delegate;
    this.captured = captured;
  }

  @Override
  public EventData deserialize(ByteArrayInputStream in) throws IOException {
    // Inside the event's block, available() is what is left of the event body.
    byte[] body = in.read(in.available());
    if (body.length < TABLE_ID_BYTES) {
      throw new IOException("row event body of " + body.length + " bytes is too short to hold a table id");
    }
    long tableId = 0;
    for (int i = 0; i < TABLE_ID_BYTES; i++) {
      tableId |= (long) (body[i] & 0xFF) << (8 * i);
    }
    if (!captured.test(tableId)) {
      return new SkippedRows(tableId);
    }
    return delegate.deserialize(new ByteArrayInputStream(new BytesInput(body)));
  }

  /** An unsynchronized in-memory stream (java.io.ByteArrayInputStream locks on every byte). */
  static final class BytesInput extends InputStream {
    private final byte[] bytes;
    private int pos;

    BytesInput(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= bytes.length) {
        return -1;
      }
      int n = Math.min(len, bytes.length - pos);
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public long skip(long n) {
      long k = Math.max(0, Math.min(n, bytes.length - pos));
      pos += (int) k;
      return k;
    }

    @Override
    public int available() {
      return bytes.length - pos;
    }
  }
}
