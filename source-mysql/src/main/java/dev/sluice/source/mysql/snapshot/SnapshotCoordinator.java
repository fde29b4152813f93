package dev.sluice.source.mysql.snapshot;

import dev.sluice.event.SourceInfo;
import dev.sluice.source.mysql.offset.SnapshotState;
import dev.sluice.source.mysql.schema.ColumnInfo;
import dev.sluice.source.mysql.schema.ConnectionSupplier;
import dev.sluice.source.mysql.schema.JdbcRowReader;
import dev.sluice.source.mysql.schema.TableId;
import dev.sluice.source.mysql.schema.TableSchema;
import dev.sluice.source.mysql.schema.TableSchemaFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock-free, chunked, resumable copy of the captured tables, interleaved with the binlog stream
 * (DBLog's watermark algorithm).
 *
 * <p>A planner thread walks the tables in order and cuts each into primary-key ranges of
 * {@code chunkSize} rows ({@code SELECT key ... ORDER BY key LIMIT 1 OFFSET n-1}); up to
 * {@code threads} reader threads read the ranges. For each chunk, in this order: the chunk is
 * registered (from then on every streamed change of one of its keys removes that key from it), the
 * low watermark is read, the range is SELECTed, the high watermark is read. Once the stream (the
 * binlog handler, between two transactions) has processed every transaction up to the high
 * watermark, and every earlier chunk is out, the remaining rows are emitted as {@code op=r} events
 * through the handler, so they take their place in the {@code source.seq} order. A key changed after
 * registration is emitted by the stream with its full row, later than any version the SELECT may
 * have seen; removing it from the chunk therefore never loses the latest state. (Removing changes
 * between registration and the low watermark is a safe superset of DBLog's rule.)
 *
 * <p>Nothing is written to the source database and no lock is taken: plain SELECTs in autocommit.
 *
 * <p>Tables without a primary key are read as one chunk; if any change of the table is streamed
 * between registration and emission the chunk cannot be reconciled by key and is read again (up to
 * {@value #KEYLESS_ATTEMPTS} times, then the task fails naming the table).
 *
 * <p>Progress ({@link SnapshotState}) rides in every record's offset: the last record of a chunk
 * carries that chunk's upper boundary, so after a crash the copy resumes with the next chunk and at
 * most the chunk being emitted is delivered again, with new, higher seqs.
 *
 * <p>The planner stays alive once the initial tables are planned: {@link #request} queues more tables
 * (an {@code execute-snapshot} signal), which are copied with the same algorithm even when they
 * were copied before. The request is applied on the binlog thread, between transactions: the
 * tables join the pending list and the signal position is recorded in the same state, so the next
 * offset carries both (a committed signal is never executed again, an accepted one never lost).
 */
public final class SnapshotCoordinator implements SnapshotHook, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotCoordinator.class);
  static final int KEYLESS_ATTEMPTS = 10;

  private final TableSchemaFactory schemas;
  private final ConnectionSupplier connections;
  private final boolean mariaDb;
  private final int chunkSize;
  private final SnapshotMetrics metrics;
  private final Consumer<Throwable> onFatal;
  private final Runnable onChunkReady;
  private final Runnable onComplete;
  private final ExecutorService readers;
  private final Semaphore inFlight;
  private final ConcurrentLinkedDeque<Chunk> chunks = new ConcurrentLinkedDeque<>();
  private final AtomicInteger planned = new AtomicInteger();
  // Tables for the planner, in order; the planner waits here for requested tables once it is idle.
  private final LinkedBlockingQueue<String> toPlan = new LinkedBlockingQueue<>();
  // Requests from the signal reader, applied by the binlog thread in drain().
  private final ConcurrentLinkedQueue<SnapshotRequest> requests = new ConcurrentLinkedQueue<>();
  private Thread planner;
  private volatile boolean closed;
  private volatile TableId planning;
  // The boundary to resume after, used once (a later request for the same table starts over); planner thread only.
  private String resumeTable;
  private String resumeAfter;

  // Owned by the binlog thread (drain): the progress of emitted chunks.
  private SnapshotState state;
  private boolean completeReported;

  /**
   * @param initial      where the copy stands (tables pending/done, boundary of the table in progress)
   * @param onChunkReady asks the handler to drain soon (e.g. from an idle stream)
   * @param onComplete   called once on the binlog thread when the last table is done
   */
  public SnapshotCoordinator(TableSchemaFactory schemas, ConnectionSupplier connections, boolean mariaDb, int threads, int chunkSize,
      SnapshotState initial, SnapshotMetrics metrics, Consumer<Throwable> onFatal, Runnable onChunkReady, Runnable onComplete) {
    this.schemas = schemas;
    this.connections = connections;
    this.mariaDb = mariaDb;
    this.chunkSize = chunkSize;
    this.state = initial;
    this.metrics = metrics;
    this.onFatal = onFatal;
    this.onChunkReady = onChunkReady;
    this.onComplete = onComplete;
    AtomicInteger n = new AtomicInteger();
    this.readers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "sluice-snapshot-reader-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    // Read ahead at most two chunks per thread: bounds the heap to ~2 * threads * chunkSize rows.
    this.inFlight = new Semaphore(Math.max(2, threads * 2));
    metrics.tables(initial.done().size(), initial.pending().size() + (initial.table() == null ? 0 : 1));
    // A coordinator started with nothing to copy only serves requests: no "snapshot complete" callback for them.
    this.completeReported = !initial.inProgress();
  }

  public SnapshotState state() {
    return state;
  }

  public void start() {
    if (state.table() != null) {
      toPlan.add(state.table());
    }
    toPlan.addAll(state.pending());
    resumeTable = state.table();
    resumeAfter = state.after();
    planner = new Thread(this::plan, "sluice-snapshot-planner");
    planner.setDaemon(true);
    planner.start();
  }

  /**
   * Asks for {@code request}'s tables to be copied (again); called from the signal reader's thread.
   * The request takes effect at the binlog thread's next drain, between two transactions.
   */
  public void request(SnapshotRequest request) {
    requests.add(request);
    onChunkReady.run();
  }

  /** For tests: the tables waiting for the planner, in order. */
  List<String> waitingForPlanner() {
    return List.copyOf(toPlan);
  }

  private void plan() {
    try {
      while (!closed) {
        String qualified = toPlan.take();
        // One connection per table: an idle planner (waiting for signals) holds none.
        try (Connection c = connections.open()) {
          TableSchema.prepareSession(c);
          planTable(c, qualified);
        } finally {
          planning = null;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException | RuntimeException | Error e) {
      // Errors too (a driver's service file gone, out of memory): a dead planner must fail the task, not stall the copy.
      fail(new ConnectException("the snapshot planner failed: " + e, e));
    }
  }

  private void planTable(Connection c, String qualified) throws SQLException, InterruptedException {
    TableId id = parse(qualified);
    planning = id;
    TableSchema schema = schemas.createFromInformationSchema(c, id);
    metrics.tableStarted(qualified, estimate(c, id));
    List<ColumnInfo> keys = KeyCodec.keyColumns(schema);
    boolean resume = qualified.equals(resumeTable) && resumeAfter != null;
    String after = resumeAfter;
    if (qualified.equals(resumeTable)) {
      resumeTable = null;
      resumeAfter = null;
    }
    if (keys.isEmpty()) {
      LOG.info("snapshot of {}: no primary key, read as one chunk (read again if the table changes meanwhile)", qualified);
      submit(new Chunk(schema, 0, null, null, true));
      return;
    }
    List<String> lower = null;
    if (resume) {
      lower = KeyCodec.decode(after, keys, qualified);
      LOG.info("snapshot of {} resumes after key {} (the chunk emitted last before the restart)", qualified, after);
    }
    int index = 0;
    while (!closed) {
      List<String> params = new ArrayList<>();
      String sql = ChunkSql.boundary(schema, keys, lower, chunkSize, params);
      List<String> upper = null;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ChunkSql.bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            upper = KeyCodec.read(rs, keys);
          }
        }
      }
      submit(new Chunk(schema, index++, lower, upper, upper == null));
      if (upper == null) {
        break;
      }
      lower = upper;
    }
  }

  private static TableId parse(String qualified) {
    int dot = qualified.indexOf('.');
    if (dot <= 0) {
      throw new ConnectException("snapshot table '" + qualified + "' in the offset is not db.table");
    }
    return new TableId(qualified.substring(0, dot), qualified.substring(dot + 1));
  }

  private static long estimate(Connection c, TableId id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
      ps.setString(1, id.database());
      ps.setString(2, id.table());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** Registers the chunk (before its low watermark exists) and hands it to a reader. */
  private void submit(Chunk chunk) throws InterruptedException {
    inFlight.acquire();
    chunks.addLast(chunk);
    planned.incrementAndGet();
    readers.execute(() -> read(chunk));
  }

  private void read(Chunk chunk) {
    if (closed) {
      return;
    }
    List<String> keys = null;
    try (Connection c = connections.open()) {
      TableSchema.prepareSession(c);
      List<ColumnInfo> keyColumns = KeyCodec.keyColumns(chunk.schema);
      List<String> params = new ArrayList<>();
      String sql = ChunkSql.range(chunk.schema, keyColumns, chunk.lower, chunk.upper, params);
      Watermark low = Watermark.read(c, mariaDb);
      List<Struct> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ChunkSql.bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          JdbcRowReader reader = chunk.schema.jdbcReader(rs);
          while (rs.next()) {
            rows.add(reader.read());
          }
        }
      }
      Watermark high = Watermark.read(c, mariaDb);
      chunk.fill(rows, low, high);
      LOG.debug("read {}: {} rows between {} and {}", chunk.describe(), rows.size(), low, high);
      onChunkReady.run();
    } catch (SQLException | RuntimeException | Error e) {
      // Errors too: a reader thread that dies unreported would leave the copy waiting for its chunk forever.
      fail(new ConnectException("cannot read " + chunk.describe() + " for the snapshot: " + e, e));
    }
  }

  private void fail(Throwable t) {
    if (!closed) {
      onFatal.accept(t);
    }
  }

  @Override
  public void changed(TableId table, Struct key) {
    RowKey rowKey = null;
    for (Chunk c : chunks) {
      if (c.schema.id().equals(table)) {
        if (rowKey == null && key != null) {
          rowKey = RowKey.of(key);
        }
        c.changed(rowKey);
      }
    }
  }

  /**
   * Chunks of a table whose schema changed were (or will be) read with the old column list; emitting
   * them would overwrite newer rows with old-shaped ones. The task fails loudly instead; nothing is
   * lost: the offset holds the last emitted chunk, and after a restart the snapshot resumes right
   * after it, with the new schema.
   */
  @Override
  public void schemaChanged(TableId table) {
    boolean affected = table.equals(planning);
    for (Chunk c : chunks) {
      affected |= c.schema.id().equals(table);
    }
    if (affected) {
      fail(new ConnectException("the schema of " + table.qualified() + " changed (DDL in the binlog) while it was being snapshotted; "
          + "restart the connector (POST /connectors/<name>/restart?includeTasks=true): the snapshot resumes after the last chunk "
          + "it emitted, with the new schema. Nothing emitted so far is lost or wrong."));
    }
  }

  @Override
  public void truncated(TableId table) {
    for (Chunk c : chunks) {
      if (c.schema.id().equals(table)) {
        c.truncated();
      }
    }
  }

  @Override
  public void drain(SnapshotSink sink) throws InterruptedException {
    applyRequests(sink);
    Chunk head;
    while ((head = chunks.peekFirst()) != null) {
      if (!head.filled() || !head.high().containedIn(sink.position(), mariaDb)) {
        return;
      }
      if (head.keylessAndChanged()) {
        if (head.attempts() >= KEYLESS_ATTEMPTS) {
          throw new ConnectException("the snapshot of " + head.schema.id().qualified() + " (no primary key) was read " + head.attempts()
              + " times and the table changed during every read; add a primary key, or copy it while it is quiet");
        }
        LOG.info("{} has no primary key and changed while it was read: reading it again", head.describe());
        metrics.chunkReread();
        head.reset();
        Chunk again = head;
        readers.execute(() -> read(again));
        return;
      }
      emit(head, sink);
      chunks.pollFirst();
      inFlight.release();
    }
  }

  /**
   * Adds the requested tables to the pending list (unless already pending or in progress) and records
   * the signal position in the same state, which the next offset carries.
   */
  private void applyRequests(SnapshotSink sink) {
    SnapshotRequest request;
    boolean applied = false;
    while ((request = requests.poll()) != null) {
      List<String> pending = new ArrayList<>(state.pending());
      List<String> added = new ArrayList<>();
      for (String table : request.tables()) {
        if (table.equals(state.table()) || pending.contains(table)) {
          LOG.info("{} asks for a snapshot of {}, which is being copied or waiting to be already: nothing more to do", request.origin(),
              table);
        } else {
          pending.add(table);
          added.add(table);
        }
      }
      if (!added.isEmpty()) {
        LOG.info("{}: snapshotting {} while streaming continues (from the first key, whatever was copied or streamed before)",
            request.origin(), added);
      }
      state = new SnapshotState(state.table(), state.after(), pending, state.done(), request.nextSignalOffset());
      toPlan.addAll(added);
      applied = true;
    }
    if (applied) {
      sink.advance(state);
      metrics.tables(state.done().size(), state.pending().size() + (state.table() == null ? 0 : 1));
    }
  }

  private void emit(Chunk chunk, SnapshotSink sink) throws InterruptedException {
    String table = chunk.schema.id().qualified();
    List<String> pending = new ArrayList<>(state.pending());
    pending.remove(table);
    Long signalOffset = state.signalOffset();
    SnapshotState before = new SnapshotState(table, chunk.lower == null ? null : KeyCodec.encode(chunk.lower), pending, state.done(),
        signalOffset);
    SnapshotState after;
    if (chunk.last) {
      List<String> done = new ArrayList<>(state.done());
      if (!done.contains(table)) {
        done.add(table);
      }
      after = new SnapshotState(null, null, pending, done, signalOffset);
    } else {
      after = new SnapshotState(table, KeyCodec.encode(chunk.upper), pending, state.done(), signalOffset);
    }
    List<Struct> rows = chunk.rowsToEmit();
    for (int i = 0; i < rows.size(); i++) {
      boolean lastRow = i == rows.size() - 1;
      SourceInfo.Snapshot marker = lastRow && chunk.last ? SourceInfo.Snapshot.LAST : SourceInfo.Snapshot.TRUE;
      sink.emitRead(chunk.schema, rows.get(i), marker, lastRow ? after : before);
    }
    if (rows.isEmpty()) {
      sink.advance(after);
    }
    state = after;
    metrics.chunkEmitted(table, rows.size());
    metrics.tables(after.done().size(), after.pending().size() + (after.table() == null ? 0 : 1));
    if (chunk.last) {
      metrics.tableDone(table);
    }
    if (!state.inProgress() && !completeReported) {
      completeReported = true;
      LOG.info("snapshot complete: {} tables copied", state.done().size());
      onComplete.run();
    } else if (!state.inProgress() && chunk.last) {
      LOG.info("requested snapshot complete: {} copied again", table);
    }
  }

  @Override
  public void close() {
    closed = true;
    if (planner != null) {
      planner.interrupt();
    }
    readers.shutdownNow();
  }
}
