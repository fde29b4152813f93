package dev.sluice.source.mysql.value;

import static dev.sluice.source.mysql.value.BinlogBytes.LONG;
import static dev.sluice.source.mysql.value.BinlogBytes.UTF8MB4_GENERAL_CI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import dev.sluice.source.mysql.value.BinlogBytes.Col;
import dev.sluice.source.mysql.value.BinlogBytes.Layout;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ArrayInput} must read exactly as the library's {@link ByteArrayInputStream} over the same
 * bytes: the same values, positions and end-of-data behaviour for every read the library's
 * deserializers make, and the same decoded rows.
 */
class ArrayInputTest {

  /** One read, applied to either stream; returns what it read (or the exception's class). */
  private interface Op {
    Object apply(ByteArrayInputStream in) throws IOException;
  }

  private static final List<Op> OPS = List.of(
      in -> in.read(),
      in -> in.readInteger(1),
      in -> in.readInteger(2),
      in -> in.readInteger(3),
      in -> in.readInteger(4),
      in -> in.readLong(5),
      in -> in.readLong(6),
      in -> in.readLong(8),
      in -> Arrays.toString(in.read(3)),
      in -> in.readBitSet(11, true),
      in -> in.readBitSet(13, false),
      in -> in.readPackedNumber(),
      in -> in.readString(2),
      in -> in.available(),
      in -> in.getPosition(),
      in -> in.skip(2),
      in -> {
        byte[] b = new byte[5];
        int n = in.read(b, 1, 3);
        return n + Arrays.toString(b);
      },
      in -> {
        byte[] b = new byte[4];
        in.fill(b, 0, 4);
        return Arrays.toString(b);
      });

  private static Object run(Op op, ByteArrayInputStream in) {
    try {
      Object value = op.apply(in);
      return value instanceof byte[] b ? Arrays.toString(b) : value;
    } catch (IOException | RuntimeException e) {
      return e instanceof EOFException ? "EOF" : e.getClass().getSimpleName();
    }
  }

  @Test
  void everyReadMatchesTheLibrarysStreamOverRandomBytesUpToAndPastTheEnd() throws IOException {
    Random random = new Random(42);
    for (int trial = 0; trial < 2_000; trial++) {
      byte[] bytes = new byte[random.nextInt(40)];
      random.nextBytes(bytes);
      if (bytes.length > 0 && random.nextBoolean()) {
        // Packed numbers: every prefix byte form (1 byte, 251 = NULL, 252..254, 255 = invalid).
        bytes[0] = (byte) (250 + random.nextInt(6));
      }
      ByteArrayInputStream library = new ByteArrayInputStream(bytes);
      ArrayInput ours = new ArrayInput(bytes);
      List<String> trace = new ArrayList<>();
      for (int step = 0; step < 12; step++) {
        Op op = OPS.get(random.nextInt(OPS.size()));
        Object expected = run(op, library);
        Object actual = run(op, ours);
        trace.add(String.valueOf(expected));
        assertThat(actual).as("trial %d step %d over %s, after %s", trial, step, Arrays.toString(bytes), trace)
            .isEqualTo(expected);
        if ("EOF".equals(expected)) {
          // After a short read the library's stream has consumed a partial read; the two part ways.
          break;
        }
        assertThat(ours.getPosition()).isEqualTo(library.getPosition());
        assertThat(ours.available()).isEqualTo(library.available());
      }
    }
  }

  @Test
  void peekShowsTheNextByteWithoutReadingIt() throws IOException {
    ArrayInput in = new ArrayInput(new byte[] {(byte) 0xFE, 2});
    assertThat(in.peek()).isEqualTo(0xFE);
    assertThat(in.available()).isEqualTo(2);
    assertThat(in.read()).isEqualTo(0xFE);
    assertThat(in.read()).isEqualTo(2);
    assertThat(in.peek()).isEqualTo(-1);
    assertThatThrownBy(in::read).isInstanceOf(EOFException.class);
  }

  @Test
  void aBlockBoundsReadsUntilItIsLeft() throws IOException {
    byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8};
    for (ByteArrayInputStream in : List.of(new ByteArrayInputStream(bytes), new ArrayInput(bytes))) {
      in.read();
      in.enterBlock(3);
      assertThat(in.available()).isEqualTo(3);
      assertThat(in.readInteger(2)).isEqualTo(2 | 3 << 8);
      assertThat(in.peek()).isEqualTo(4);
      assertThatThrownBy(() -> in.read(2)).isInstanceOf(EOFException.class);
    }
    for (ByteArrayInputStream in : List.of(new ByteArrayInputStream(bytes), new ArrayInput(bytes))) {
      in.enterBlock(5);
      in.read();
      in.skipToTheEndOfTheBlock();
      assertThat(in.getPosition()).isEqualTo(5);
      assertThat(in.read()).isEqualTo(6);
    }
  }

  @Test
  void rowEventsDecodeToTheSameRowsFromEitherStream() throws IOException {
    List<Col> columns = List.of(Col.of("id", LONG).notNull(), Col.varchar("name", 300, UTF8MB4_GENERAL_CI), Col.decimal("amount", 12, 2),
        Col.bit("flags", 10));
    Map<Long, TableMapEventData> tableMaps = new HashMap<>();
    tableMaps.put(4L, BinlogBytes.parseTableMap(BinlogBytes.tableMap(4, "shop", "t", Layout.mariaDb(0), columns)));
    byte[][] row = {BinlogBytes.le(-9, 4), BinlogBytes.varString("ünï 😀".getBytes(StandardCharsets.UTF_8), 300),
        new byte[] {(byte) 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF3, (byte) 0xDD}, new byte[] {0x03, (byte) 0xFF}};
    byte[][] nulls = {BinlogBytes.le(1, 4), null, null, null};
    byte[] body = BinlogBytes.writeRows(4, columns.size(), List.of(row, nulls, row));
    Map<EventType, EventDataDeserializer<?>> deserializers = deserializers(tableMaps);

    WriteRowsEventData fromLibrary = (WriteRowsEventData) deserializers.get(EventType.EXT_WRITE_ROWS)
        .deserialize(new ByteArrayInputStream(body));
    WriteRowsEventData fromArray = (WriteRowsEventData) deserializers.get(EventType.EXT_WRITE_ROWS).deserialize(new ArrayInput(body));

    assertThat(fromArray.getRows()).hasSize(3);
    assertThat(fromArray.getIncludedColumns()).isEqualTo(fromLibrary.getIncludedColumns());
    for (int i = 0; i < 3; i++) {
      assertThat(fromArray.getRows().get(i)).containsExactly(fromLibrary.getRows().get(i));
    }
    assertThat(fromArray.getRows().get(0)[2]).isEqualTo(new BigDecimal("-12.34"));
    assertThat(fromArray.getRows().get(1)).containsExactly(1, null, null, null);
  }

  private static Map<EventType, EventDataDeserializer<?>> deserializers(Map<Long, TableMapEventData> maps) {
    EventDeserializer d = BinlogDeserialization.newEventDeserializer(maps);
    Map<EventType, EventDataDeserializer<?>> out = new HashMap<>();
    out.put(EventType.EXT_WRITE_ROWS, Objects.requireNonNull(d.getEventDataDeserializer(EventType.EXT_WRITE_ROWS)));
    return out;
  }
}
