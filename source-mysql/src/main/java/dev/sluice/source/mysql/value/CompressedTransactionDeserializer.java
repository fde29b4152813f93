package dev.sluice.source.mysql.value;

import com.github.luben.zstd.ZstdInputStream;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TransactionPayloadEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.function.Supplier;

/**
 * MySQL 8's TRANSACTION_PAYLOAD event (binlog_transaction_compression=ON): a header, then the
 * transaction's events compressed with zstd. The library decompresses them with a default
 * {@link EventDeserializer}, which would decode the rows inside differently from rows outside a
 * payload; this one decodes them with the same deserializer setup as the outer stream, so a row
 * looks the same whether its transaction was compressed or not.
 */
final class CompressedTransactionDeserializer extends TransactionPayloadEventDataDeserializer {
  static final int COMPRESSION_ZSTD = 0;
  static final int COMPRESSION_NONE = 255;

  private static final int HEADER_END = 0;
  private static final int PAYLOAD_SIZE = 1;
  private static final int COMPRESSION_TYPE = 2;
  private static final int UNCOMPRESSED_SIZE = 3;

  private final Supplier<EventDeserializer> inner;

  CompressedTransactionDeserializer(Supplier<EventDeserializer> inner) {
    this.inner = inner;
  }

  @Override
  public TransactionPayloadEventData deserialize(ByteArrayInputStream in) throws IOException {
    TransactionPayloadEventData data = new TransactionPayloadEventData();
    data.setCompressionType(COMPRESSION_ZSTD);
    while (in.available() > 0) {
      int field = in.readPackedInteger();
      if (field == HEADER_END) {
        break;
      }
      int length = in.readPackedInteger();
      switch (field) {
        case PAYLOAD_SIZE -> data.setPayloadSize(in.readPackedInteger());
        case COMPRESSION_TYPE -> data.setCompressionType(in.readPackedInteger());
        case UNCOMPRESSED_SIZE -> data.setUncompressedSize(in.readPackedLong());
        default -> in.skip(length);
      }
    }
    if (data.getPayloadSize() == 0) {
      data.setPayloadSize(in.available());
    }
    if (data.getUncompressedSize() == 0) {
      data.setUncompressedSize(data.getPayloadSize());
    }
    data.setPayload(in.read(data.getPayloadSize()));
    data.setUncompressedEvents(events(data));
    return data;
  }

  private ArrayList<Event> events(TransactionPayloadEventData data) throws IOException {
    InputStream raw = new java.io.ByteArrayInputStream(data.getPayload());
    InputStream plain = switch (data.getCompressionType()) {
      case COMPRESSION_ZSTD -> new ZstdInputStream(raw);
      case COMPRESSION_NONE -> raw;
      default -> throw new IOException("TRANSACTION_PAYLOAD with unknown compression type " + data.getCompressionType()
          + " (known: 0 = zstd, 255 = none)");
    };
    ArrayList<Event> events = new ArrayList<>();
    EventDeserializer deserializer = inner.get();
    try (InputStream in = plain) {
      ByteArrayInputStream stream = new ByteArrayInputStream(in);
      for (Event e = deserializer.nextEvent(stream); e != null; e = deserializer.nextEvent(stream)) {
        events.add(e);
      }
    }
    return events;
  }
}
