package dev.sluice.benchmarks.source;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import dev.sluice.source.mysql.value.BinlogDeserialization;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bare {@link BinaryLogClient}: connects at the start position, lets the deserializer decode
 * every event (rows of every table included), counts events and rows, and stops at the end
 * position. No records, no conversion: the ceiling a connector built on this library can reach.
 */
final class RawBinlogReader implements ChangeReader {
  private final boolean sluiceDeserializer;

  /** @param sluiceDeserializer use Sluice's deserializer setup instead of the library's default */
  RawBinlogReader(boolean sluiceDeserializer) {
    this.sluiceDeserializer = sluiceDeserializer;
  }

  @Override
  public ReaderResult read(ReaderSpec spec, HeapSampler heap) throws Exception {
    ReaderKind kind = sluiceDeserializer ? ReaderKind.RAW_SLUICE_DESERIALIZER : ReaderKind.RAW;
    BinaryLogClient client = new BinaryLogClient(spec.host(), spec.port(), spec.user(), spec.password());
    client.setServerId(spec.serverId());
    client.setKeepAlive(false);
    client.setBinlogFilename(spec.start().file());
    client.setBinlogPosition(spec.start().position());
    if (sluiceDeserializer) {
      client.setEventDeserializer(BinlogDeserialization.newEventDeserializer());
    }
    Counter counter = new Counter(spec);
    client.registerEventListener(counter::onEvent);
    long cpu0 = ProcessCpu.nanos();
    long t0 = System.nanoTime();
    client.connect(TimeUnit.SECONDS.toMillis(30));
    long startup = System.nanoTime() - t0;
    long cpu;
    try {
      if (!counter.done.await(spec.timeoutSeconds(), TimeUnit.SECONDS)) {
        throw new TimeoutException("the raw reader did not reach " + spec.end() + " in " + spec.timeoutSeconds() + " s; it is at "
            + counter.file + ":" + counter.lastNextPosition);
      }
      cpu = ProcessCpu.nanos() - cpu0;
    } finally {
      client.disconnect();
    }
    long total = counter.finishedAt - t0;
    Throwable failure = counter.failure.get();
    if (failure != null) {
      throw new IllegalStateException("the raw reader failed at " + counter.file + ":" + counter.lastNextPosition, failure);
    }
    ChangeCounts counts = new ChangeCounts(counter.inserts, counter.updates, counter.deletes);
    boolean ok = counts.equals(spec.expected());
    return new ReaderResult(kind, ok, ok ? null : "the binlog holds " + counts + " changes of captured tables, the workload reported " + spec.expected(),
        counts.total(), counts, 0, counter.events, counter.rows, 0, startup, total, cpu, heap.peak());
  }

  /** Runs on the client's thread only; the latch publishes its fields to the caller. */
  static final class Counter {
    private final BinlogPosition end;
    private final String database;
    private final Set<String> captured;
    private final Set<Long> capturedTableIds = new HashSet<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private String file;
    private long lastNextPosition;
    private long events;
    private long rows;
    private long inserts;
    private long updates;
    private long deletes;
    private long finishedAt;

    Counter(ReaderSpec spec) {
      this(spec.start().file(), spec.end(), spec.database(), spec.capturedTables());
    }

    Counter(String startFile, BinlogPosition end, String database, List<String> capturedTables) {
      this.end = end;
      this.database = database;
      this.captured = Set.copyOf(capturedTables);
      this.file = startFile;
    }

    boolean finished() {
      return done.getCount() == 0;
    }

    ChangeCounts counts() {
      return new ChangeCounts(inserts, updates, deletes);
    }

    void onEvent(Event event) {
      if (done.getCount() == 0) {
        return;
      }
      try {
        count(event);
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
        finish();
      }
    }

    private void count(Event event) {
      events++;
      EventData data = event.getData();
      if (data instanceof RotateEventData rotate) {
        // The header of the ROTATE that ends a file holds a position in that file, not in the next:
        // it must not be compared with the end position.
        file = rotate.getBinlogFilename();
        return;
      } else if (data instanceof TableMapEventData map) {
        if (map.getDatabase().equals(database) && captured.contains(map.getTable())) {
          capturedTableIds.add(map.getTableId());
        } else {
          capturedTableIds.remove(map.getTableId());
        }
      } else if (data instanceof WriteRowsEventData w) {
        int n = w.getRows().size();
        rows += n;
        if (capturedTableIds.contains(w.getTableId())) {
          inserts += n;
        }
      } else if (data instanceof UpdateRowsEventData u) {
        int n = u.getRows().size();
        rows += n;
        if (capturedTableIds.contains(u.getTableId())) {
          updates += n;
        }
      } else if (data instanceof DeleteRowsEventData d) {
        int n = d.getRows().size();
        rows += n;
        if (capturedTableIds.contains(d.getTableId())) {
          deletes += n;
        }
      }
      if (event.getHeader() instanceof EventHeaderV4 header && header.getNextPosition() > 0) {
        lastNextPosition = header.getNextPosition();
        if (file.equals(end.file()) && lastNextPosition >= end.position()) {
          finish();
        }
      }
    }

    private void finish() {
      finishedAt = System.nanoTime();
      done.countDown();
    }
  }
}
