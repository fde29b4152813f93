package dev.sluice.source.mysql.binlog;

import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import dev.sluice.source.mysql.value.ArrayInput;
import java.io.IOException;
import java.util.function.LongPredicate;

/**
 * Wraps a row-event deserializer so that rows of tables that are not captured are never decoded.
 * The event body is read in one piece (the socket stream cannot be rewound), its table id — the
 * first six bytes of every row event — decides, and only captured tables' bodies are handed to the
 * delegate, which decodes it in place ({@link ArrayInput}) instead of byte by byte off the socket
 * buffer.
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
    return delegate.deserialize(new ArrayInput(body));
  }
}
