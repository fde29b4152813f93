package dev.sluice.source.mysql.binlog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.TransactionContext;

/**
 * The bounded queue between the binlog thread and {@code poll()}, which also knows where a Kafka
 * transaction may end: after the last record of a MySQL transaction, a heartbeat or a snapshot
 * chunk ({@link #markBoundary}), never inside a MySQL transaction.
 *
 * <p>With connector-defined transaction boundaries (exactly-once source, KIP-618), each batch
 * {@link #poll} returns asks Connect to commit after its last boundary record. So the rows of one
 * MySQL transaction always become visible together, and under load the MySQL transactions of one
 * batch share one Kafka transaction: a commit per MySQL transaction (a broker round trip and a
 * marker per partition each) would cap the source at a few dozen transactions per second. A batch
 * without a boundary (inside a large MySQL transaction) leaves the Kafka transaction open for the
 * next one. The commit is requested before poll returns, so Connect sees it when it sends the record.
 */
public final class RecordQueue {
  private final BlockingQueue<SourceRecord> queue;
  private final Set<SourceRecord> boundaries = Collections.newSetFromMap(new IdentityHashMap<>());
  private final BooleanSupplier closed;

  /**
   * @param capacity how many records the binlog thread may be ahead of {@code poll()}
   * @param closed   whether the task is stopping: a {@link #put} waiting for room then gives up
   */
  public RecordQueue(int capacity, BooleanSupplier closed) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.closed = closed;
  }

  public int size() {
    return queue.size();
  }

  /** Marks {@code record} as one a Kafka transaction may end after; call before {@link #put} of it. */
  public void markBoundary(SourceRecord record) {
    synchronized (boundaries) {
      boundaries.add(record);
    }
  }

  /** Adds a record, waiting while the queue is full; throws when the task stops meanwhile. */
  public void put(SourceRecord record) throws InterruptedException {
    while (!queue.offer(record, 100, TimeUnit.MILLISECONDS)) {
      if (closed.getAsBoolean()) {
        throw new InterruptedException("the task is stopping");
      }
    }
  }

  /**
   * Up to {@code max} records, waiting at most {@code wait} for the first; null when none came. With
   * {@code transactions}, asks it to commit after the batch's last boundary record, if it has one.
   */
  public List<SourceRecord> poll(Duration wait, int max, TransactionContext transactions) throws InterruptedException {
    SourceRecord first = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (first == null) {
      return null;
    }
    List<SourceRecord> batch = new ArrayList<>(Math.min(max, queue.size() + 1));
    batch.add(first);
    queue.drainTo(batch, max - 1);
    SourceRecord commitAfter = null;
    synchronized (boundaries) {
      for (SourceRecord r : batch) {
        if (boundaries.remove(r)) {
          commitAfter = r;
        }
      }
    }
    if (commitAfter != null && transactions != null) {
      transactions.commitTransaction(commitAfter);
    }
    return batch;
  }
}
