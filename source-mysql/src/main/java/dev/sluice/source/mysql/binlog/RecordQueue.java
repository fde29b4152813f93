package dev.sluice.source.mysql.binlog;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
 *
 * <p>With {@code onePerTransaction}, a batch ends at its first boundary record instead (the rest
 * waits for the next {@code poll}), so every MySQL transaction is exactly one Kafka transaction, at
 * the cost of one Kafka commit per MySQL transaction.
 *
 * <p>The binlog thread hands records over several at a time ({@link #putAll}): one lock and at most
 * one wake-up of a waiting {@code poll()} per binlog event instead of per row.
 */
public final class RecordQueue {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final ArrayDeque<SourceRecord> queue;
  private final int capacity;
  private final Set<SourceRecord> boundaries = Collections.newSetFromMap(new IdentityHashMap<>());
  private final BooleanSupplier closed;
  private final boolean onePerTransaction;
  // Records taken from the queue but left for the next poll (onePerTransaction only); poll() thread only.
  private final ArrayDeque<SourceRecord> carried = new ArrayDeque<>();

  /**
   * @param capacity how many records the binlog thread may be ahead of {@code poll()}
   * @param closed   whether the task is stopping: a {@link #put} waiting for room then gives up
   */
  public RecordQueue(int capacity, BooleanSupplier closed) {
    this(capacity, closed, false);
  }

  /**
   * @param onePerTransaction end every batch at its first boundary, so that each MySQL transaction
   *                          is one Kafka transaction of its own
   */
  public RecordQueue(int capacity, BooleanSupplier closed, boolean onePerTransaction) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.queue = new ArrayDeque<>(Math.min(capacity, 8192));
    this.closed = closed;
    this.onePerTransaction = onePerTransaction;
  }

  public int size() {
    lock.lock();
    try {
      return queue.size() + carried.size();
    } finally {
      lock.unlock();
    }
  }

  /** Marks {@code record} as one a Kafka transaction may end after; call before {@link #put} of it. */
  public void markBoundary(SourceRecord record) {
    synchronized (boundaries) {
      boundaries.add(record);
    }
  }

  /** Adds a record, waiting while the queue is full; throws when the task stops meanwhile. */
  public void put(SourceRecord record) throws InterruptedException {
    putAll(new ArrayList<>(List.of(record)));
  }

  /**
   * Moves {@code records} into the queue in order, leaving the list empty, waiting while the queue
   * is full. Throws when the task stops meanwhile; the records not yet queued then stay in the list.
   */
  public void putAll(List<SourceRecord> records) throws InterruptedException {
    int moved = 0;
    lock.lockInterruptibly();
    try {
      while (moved < records.size()) {
        while (queue.size() >= capacity) {
          if (!notFull.await(100, TimeUnit.MILLISECONDS) && closed.getAsBoolean()) {
            throw new InterruptedException("the task is stopping");
          }
        }
        int n = Math.min(capacity - queue.size(), records.size() - moved);
        for (int i = 0; i < n; i++) {
          queue.addLast(records.get(moved++));
        }
        notEmpty.signal();
      }
    } finally {
      lock.unlock();
      records.subList(0, moved).clear();
    }
  }

  /**
   * Up to {@code max} records, waiting at most {@code wait} for the first; null when none came. With
   * {@code transactions}, asks it to commit after the batch's last boundary record, if it has one.
   */
  public List<SourceRecord> poll(Duration wait, int max, TransactionContext transactions) throws InterruptedException {
    List<SourceRecord> batch;
    long nanos = wait.toNanos();
    lock.lockInterruptibly();
    try {
      while (carried.isEmpty() && queue.isEmpty()) {
        if (nanos <= 0) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      batch = new ArrayList<>(Math.min(max, carried.size() + queue.size()));
      while (batch.size() < max && !carried.isEmpty()) {
        batch.add(carried.pollFirst());
      }
      while (batch.size() < max && !queue.isEmpty()) {
        batch.add(queue.pollFirst());
      }
      notFull.signal();
    } finally {
      lock.unlock();
    }
    SourceRecord commitAfter = null;
    synchronized (boundaries) {
      for (int i = 0; i < batch.size(); i++) {
        SourceRecord r = batch.get(i);
        if (boundaries.remove(r)) {
          commitAfter = r;
          if (onePerTransaction) {
            // Keep what follows, in order, for the next batch.
            List<SourceRecord> rest = batch.subList(i + 1, batch.size());
            for (int j = rest.size() - 1; j >= 0; j--) {
              carried.addFirst(rest.get(j));
            }
            rest.clear();
            break;
          }
        }
      }
    }
    if (commitAfter != null && transactions != null) {
      transactions.commitTransaction(commitAfter);
    }
    return batch;
  }
}
