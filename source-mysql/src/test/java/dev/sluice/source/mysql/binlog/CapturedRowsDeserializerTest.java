package dev.sluice.source.mysql.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CapturedRowsDeserializerTest {

  private static byte[] body(long tableId, int extra) {
    byte[] b = new byte[6 + extra];
    for (int i = 0; i < 6; i++) {
      b[i] = (byte) (tableId >>> (8 * i));
    }
    for (int i = 0; i < extra; i++) {
      b[6 + i] = (byte) (i + 1);
    }
    return b;
  }

  @Test
  void rowsOfUncapturedTablesAreNotHandedToTheDecoder() throws Exception {
    AtomicReference<byte[]> decoded = new AtomicReference<>();
    CapturedRowsDeserializer d = new CapturedRowsDeserializer(in -> {
      decoded.set(in.read(in.available()));
      return null;
    }, id -> id != 0x0102030405L);
    ByteArrayInputStream in = new ByteArrayInputStream(body(0x0102030405L, 10));
    in.enterBlock(16);
    EventData data = d.deserialize(in);
    assertThat(data).isEqualTo(new SkippedRows(0x0102030405L));
    assertThat(decoded.get()).isNull();
  }

  @Test
  void capturedTablesGetTheWholeBodyIncludingTheTableId() throws Exception {
    AtomicReference<byte[]> decoded = new AtomicReference<>();
    CapturedRowsDeserializer d = new CapturedRowsDeserializer(in -> {
      long id = in.readLong(6);
      assertThat(id).isEqualTo(77L);
      decoded.set(in.read(in.available()));
      return null;
    }, id -> true);
    ByteArrayInputStream in = new ByteArrayInputStream(body(77L, 5));
    in.enterBlock(11);
    d.deserialize(in);
    assertThat(decoded.get()).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void backoffDoublesUpToTheMaximumAndResets() {
    BinlogReader.Backoff b = new BinlogReader.Backoff(java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(350));
    assertThat(b.next().toMillis()).isEqualTo(100);
    assertThat(b.next().toMillis()).isEqualTo(200);
    assertThat(b.next().toMillis()).isEqualTo(350);
    assertThat(b.next().toMillis()).isEqualTo(350);
    b.reset();
    assertThat(b.next().toMillis()).isEqualTo(100);
  }
}
