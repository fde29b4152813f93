package dev.sluice.event;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * The source blocks of the rows of one binlog event ({@link SourceInfo#rowBlocks()}): they differ
 * only in {@code row} and {@code seq}, so every other value is boxed and checked once per event,
 * and each row's block costs one Struct, filled by one array copy.
 */
public final class SourceBlocks {
  private static final Field ROW = SourceInfo.SCHEMA.field(SourceInfo.ROW);
  private static final Field SEQ = SourceInfo.SCHEMA.field(SourceInfo.SEQ);

  private final Object[] values;

  SourceBlocks(Object[] values) {
    this.values = values;
  }

  /** The block of the event's row {@code row} with {@code seq}, equal to that SourceInfo's {@link SourceInfo#toStruct()}. */
  public Struct toStruct(int row, long seq) {
    Struct struct = new Struct(SourceInfo.SCHEMA);
    TrustedStructs.putAll(struct, values);
    TrustedStructs.put(struct, ROW, row);
    TrustedStructs.put(struct, SEQ, seq);
    return struct;
  }
}
