package dev.sluice.source.mysql.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.source.mysql.schema.TableSchema;
import java.lang.reflect.Constructor;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** The DBLog rule on one chunk: a key the stream changed after registration is never emitted from the chunk. */
class ChunkTest {
  private static final Schema KEY = SchemaBuilder.struct().name("k").field("id", Schema.INT32_SCHEMA).build();
  private static final Schema ROW = SchemaBuilder.struct().name("v").optional().field("id", Schema.INT32_SCHEMA)
      .field("v", Schema.OPTIONAL_STRING_SCHEMA).build();
  private static final Watermark MARK = new Watermark("0-1-1", "bin.000001", 4);

  /** A key-only schema built through the package-private constructor (no column mappings are needed here). */
  private static TableSchema schema() throws Exception {
    Constructor<?> c = TableSchema.class.getDeclaredConstructors()[0];
    c.setAccessible(true);
    return (TableSchema) c.newInstance(new dev.sluice.source.mysql.schema.TableId("db", "t"), KEY, ROW, List.of(),
        java.lang.reflect.Array.newInstance(Class.forName("dev.sluice.source.mysql.schema.ColumnMapping"), 0), List.of("id"));
  }

  private static Struct row(int id, String v) {
    return new Struct(ROW).put("id", id).put("v", v);
  }

  private static Struct key(int id) {
    return new Struct(KEY).put("id", id);
  }

  @Test
  void keysChangedWhileReadingOrAfterAreDroppedOthersKeepKeyOrder() throws Exception {
    Chunk chunk = new Chunk(schema(), 0, null, List.of("i4"), false);
    chunk.changed(RowKey.of(key(2)));
    chunk.fill(List.of(row(1, "a"), row(2, "stale"), row(3, "c"), row(4, "d")), MARK, MARK);
    chunk.changed(RowKey.of(key(4)));
    assertThat(chunk.rowsToEmit()).extracting(s -> s.getInt32("id")).containsExactly(1, 3);
  }

  @Test
  void aTruncateDuringTheReadEmptiesTheChunk() throws Exception {
    Chunk chunk = new Chunk(schema(), 0, null, null, true);
    chunk.truncated();
    chunk.fill(List.of(row(1, "a")), MARK, MARK);
    assertThat(chunk.rowsToEmit()).isEmpty();
  }
}
