package dev.sluice.benchmarks.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawBinlogReaderTest {

  private static Event event(EventType type, long nextPosition, EventData data) {
    EventHeaderV4 header = new EventHeaderV4();
    header.setEventType(type);
    header.setNextPosition(nextPosition);
    return new Event(header, data);
  }

  private static Event rotate(String toFile, long headerNextPosition) {
    RotateEventData r = new RotateEventData();
    r.setBinlogFilename(toFile);
    r.setBinlogPosition(4);
    return event(EventType.ROTATE, headerNextPosition, r);
  }

  private static Event tableMap(long id, String table, long nextPosition) {
    TableMapEventData t = new TableMapEventData();
    t.setTableId(id);
    t.setDatabase("bench");
    t.setTable(table);
    return event(EventType.TABLE_MAP, nextPosition, t);
  }

  private static Event write(long id, int rows, long nextPosition) {
    WriteRowsEventData w = new WriteRowsEventData();
    w.setTableId(id);
    w.setRows(Collections.nCopies(rows, new Serializable[] {1}));
    return event(EventType.WRITE_ROWS, nextPosition, w);
  }

  @Test
  void theRotateEndingAFileDoesNotCountAsReachingTheEndInTheNextFile() {
    RawBinlogReader.Counter counter = new RawBinlogReader.Counter("binlog.000001", new BinlogPosition("binlog.000002", 5_000), "bench",
        List.of("orders"));
    counter.onEvent(tableMap(7, "orders", 900));
    counter.onEvent(write(7, 3, 1_000));
    // The server's ROTATE at the end of binlog.000001: its header position is in binlog.000001.
    counter.onEvent(rotate("binlog.000002", 1_073_741_900L));
    assertThat(counter.finished()).as("finished at the rotation").isFalse();
    counter.onEvent(tableMap(7, "orders", 2_000));
    counter.onEvent(write(7, 2, 4_000));
    assertThat(counter.finished()).isFalse();
    counter.onEvent(tableMap(8, "audit", 4_500));
    counter.onEvent(write(8, 9, 5_000));
    assertThat(counter.finished()).isTrue();
    assertThat(counter.counts()).isEqualTo(new ChangeCounts(5, 0, 0));
  }
}
