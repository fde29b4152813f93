package dev.sluice.sink.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RecordHeapTest {
  private static final Schema ROW = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
      .field("name", Schema.OPTIONAL_STRING_SCHEMA).field("blob", Schema.OPTIONAL_BYTES_SCHEMA).build();

  private static SinkRecord record(Object key, Object value) {
    return new SinkRecord("t", 0, null, key, null, value, 7L);
  }

  private static Struct row(String name, byte[] blob) {
    return new Struct(ROW).put("id", 1L).put("name", name).put("blob", blob);
  }

  @Test
  void growsWithTheLengthOfStringsAndBytesByAboutTheirSize() {
    long small = RecordHeap.estimate(record(1L, row("a", new byte[1])));
    long longer = RecordHeap.estimate(record(1L, row("a".repeat(1_001), new byte[1])));
    long bigger = RecordHeap.estimate(record(1L, row("a", new byte[1_000_001])));
    assertThat(longer - small).isEqualTo(1_000);
    assertThat(bigger - small).isEqualTo(1_000_000);
    assertThat(RecordHeap.of(ByteBuffer.allocate(4_096))).isGreaterThan(4_096);
  }

  @Test
  void countsNestedStructsMapsListsAndHeadersOnceEach() {
    Struct inner = row("inner", null);
    Schema outerSchema = SchemaBuilder.struct().field("before", ROW).field("after", ROW).build();
    Struct outer = new Struct(outerSchema).put("before", inner).put("after", inner);
    long one = RecordHeap.of(inner);
    assertThat(RecordHeap.of(outer)).isGreaterThan(2 * one);

    List<Object> list = new ArrayList<>(List.of("x".repeat(100), "y".repeat(100)));
    assertThat(RecordHeap.of(list)).isGreaterThan(200);
    assertThat(RecordHeap.of(Map.of("k", "v".repeat(500)))).isGreaterThan(500);

    SinkRecord plain = record(null, outer);
    SinkRecord withHeader = record(null, outer);
    withHeader.headers().addString("trace", "z".repeat(300));
    assertThat(RecordHeap.estimate(withHeader) - RecordHeap.estimate(plain)).isGreaterThan(300);
  }

  @Test
  void aTombstoneAndLeavesCostLittleButNotNothing() {
    long tombstone = RecordHeap.estimate(record(1L, null));
    assertThat(tombstone).isPositive().isLessThan(256);
    assertThat(RecordHeap.of(new BigDecimal("12345678901234567890.12"))).isGreaterThan(RecordHeap.of(1L));
    assertThat(RecordHeap.of(null)).isZero();
  }
}
