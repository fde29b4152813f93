package dev.sluice.source.mysql.binlog;

import com.github.shyiko.mysql.binlog.event.AnnotateRowsEventData;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.RowsQueryEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import dev.sluice.event.Envelope;
import dev.sluice.event.SourceBlocks;
import dev.sluice.event.SourceInfo;
import dev.sluice.event.SluiceVersion;
import dev.sluice.event.TransactionInfo;
import dev.sluice.source.mysql.MySqlSourceConfig;
import dev.sluice.source.mysql.event.RecordFactory;
import dev.sluice.source.mysql.event.TableBinding;
import dev.sluice.source.mysql.filter.CaptureFilter;
import dev.sluice.source.mysql.metrics.SourceMetrics;
import dev.sluice.source.mysql.offset.GtidState;
import dev.sluice.source.mysql.offset.SnapshotState;
import dev.sluice.source.mysql.offset.SourceOffset;
import dev.sluice.source.mysql.schema.TableId;
import dev.sluice.source.mysql.schema.TableSchema;
import dev.sluice.source.mysql.schema.TableSchemaFactory;
import dev.sluice.source.mysql.server.ServerFlavor;
import dev.sluice.source.mysql.snapshot.SnapshotHook;
import dev.sluice.source.mysql.snapshot.SnapshotSink;
import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the binlog event stream into records. Owns the position: which transactions are complete
 * (GTID state), where the current transaction started, how many records of it were emitted, and
 * the {@code source.seq} counter.
 *
 * <p>Every record carries the offset of its own transaction's start plus the count of records of
 * that transaction emitted so far (see {@link SourceOffset}). After a restart or reconnect the
 * reader connects at the transaction start again, and this handler regenerates the transaction's
 * records but suppresses as many as were already delivered, so nothing is lost or emitted twice,
 * and every record gets the seq it had the first time.
 *
 * <p>The last record of a transaction is different: it is held back until the transaction's end
 * is read, then carries the position after the transaction (as a heartbeat would) and is handed to
 * the sink only after {@link #onTransactionEnd} was told about it. So a restart from it never reads
 * that transaction again, whatever the capture configuration is by then (a table added to the
 * include list would otherwise change how many records the re-read transaction gives and shift
 * the suppression onto records never delivered), and a Kafka transaction is asked to commit on
 * that record before the task can possibly have sent it.
 *
 * <p>A running snapshot ({@link #attachSnapshot}) is told about every emitted change and, between
 * transactions, emits its chunks' rows through this handler, so they take their place in the seq
 * order; every offset carries the snapshot's progress ({@link SnapshotState}).
 *
 * <p>Runs on the binlog reader's handler thread, one event after the other; the public entry
 * points are synchronized only so that a snapshot reader can ask for a drain
 * ({@link #drainSnapshot()}) while the stream is idle.
 */
public final class BinlogEventHandler {
  private static final Logger LOG = LoggerFactory.getLogger(BinlogEventHandler.class);
  private static final Pattern DDL_TABLE = Pattern.compile(
      "^\\s*(?:/\\*.*?\\*/\\s*)*(ALTER|CREATE|DROP|TRUNCATE|RENAME)\\s+(?:ONLINE\\s+|IGNORE\\s+|TEMPORARY\\s+|OR\\s+REPLACE\\s+)*"
          + "(?:TABLE\\s+)?(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?`?([^`\\s.(;]+)`?(?:\\.`?([^`\\s(;]+)`?)?",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** Where records go, in order, several at a time; blocks while the queue is full. */
  @FunctionalInterface
  public interface RecordSink {
    /**
     * Takes {@code records} out of the list (leaving it empty) in order; when interrupted, the
     * records it did not take are still in the list.
     */
    void accept(List<SourceRecord> records) throws InterruptedException;
  }

  /**
   * Records handed over per {@link RecordSink#accept} at most. The records of one binlog event or
   * snapshot drain go over together (one lock and one wake-up of {@code poll()} instead of one per
   * record), and this bounds what is held before the queue sees it.
   */
  static final int HANDOVER_MAX = 256;

  private final MySqlSourceConfig config;
  private final ServerFlavor flavor;
  private final CaptureFilter filter;
  private final TableSchemaFactory schemaFactory;
  private final RecordFactory records;
  private final RecordSink sink;
  // Records emitted during the current entry point (handle, drainSnapshot) not yet handed to the sink.
  private final List<SourceRecord> outgoing = new ArrayList<>();
  private final SourceMetrics metrics;
  private final Clock clock;
  private final String version = SluiceVersion.of(BinlogEventHandler.class);

  private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();
  private final Map<Long, TableBinding> bindingsById = new HashMap<>();
  private final Map<TableId, TableBinding> bindingsByName = new HashMap<>();

  // Position: completed transactions and the position after the last event read.
  private GtidState gtids;
  private String file;
  private long nextPosition;
  private long seq;
  // Records already delivered before a restart that the re-read transaction must not emit again.
  private long suppress;

  // The transaction being read.
  private boolean inTransaction;
  private boolean sawBegin;
  private boolean standalone;
  private String txGtid;
  private SourceOffset txStart;
  private long emittedInTx;
  private Long thread;
  private String rowsQuery;
  private boolean txBeginEmitted;
  private long txEventCount;
  private final Map<String, Long> txPerTable = new LinkedHashMap<>();
  private long lastEmitMillis;
  // The last record built in the open transaction, not yet handed to the sink (see the class comment).
  private SourceRecord held;
  // The position after the TRANSACTION_PAYLOAD event whose inner events are being handled.
  private long payloadEnd;
  private Consumer<SourceRecord> transactionEnd = r -> { };

  // Snapshot (null when none runs): the hook, and the progress every offset carries.
  private SnapshotHook snapshot;
  private SnapshotState snapshotState;
  private boolean inPayload;
  private final Map<TableSchema, TableBinding> snapshotBindings = new IdentityHashMap<>();
  private final SnapshotSink snapshotSink = new SnapshotSink() {
    @Override
    public SourceOffset position() {
      return committedPosition();
    }

    @Override
    public void emitRead(TableSchema schema, Struct row, SourceInfo.Snapshot marker, SnapshotState state) throws InterruptedException {
      BinlogEventHandler.this.emitRead(schema, row, marker, state);
    }

    @Override
    public void advance(SnapshotState state) {
      snapshotState = state;
    }
  };

  public BinlogEventHandler(MySqlSourceConfig config, ServerFlavor flavor, TableSchemaFactory schemaFactory, RecordFactory records,
      RecordSink sink, SourceMetrics metrics, Clock clock) {
    this.config = config;
    this.flavor = flavor;
    this.filter = config.captureFilter();
    this.schemaFactory = schemaFactory;
    this.records = records;
    this.sink = sink;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Called with the last record of every MySQL transaction (and with every heartbeat and snapshot
   * chunk boundary) before that record goes to the sink, so that a task with connector-defined
   * transaction boundaries (exactly-once source, KIP-618) ends Kafka transactions only there.
   */
  public void onTransactionEnd(Consumer<SourceRecord> listener) {
    this.transactionEnd = listener;
  }

  /**
   * Lets a running snapshot see every emitted change and emit its rows between transactions. Call
   * before the reader starts.
   */
  public synchronized void attachSnapshot(SnapshotHook hook) {
    this.snapshot = hook;
  }

  /** Emits the snapshot chunks that are due, unless a transaction is open; for an idle stream. */
  public synchronized void drainSnapshot() throws InterruptedException {
    handingOver(this::drainDueChunks);
  }

  private void drainDueChunks() throws InterruptedException {
    if (snapshot != null && gtids != null && !inTransaction && suppress == 0 && !inPayload) {
      snapshot.drain(snapshotSink);
    }
  }

  /** Positions the handler at {@code offset}: the reader then connects at {@link #connectPosition()}. */
  public synchronized void resetTo(SourceOffset offset) {
    snapshotState = offset.snapshot();
    gtids = GtidState.parse(offset.gtids(), flavor.isMariaDb());
    file = offset.file();
    nextPosition = offset.position();
    seq = offset.seqAtTransactionStart();
    suppress = offset.txEmitted();
    inTransaction = false;
    emittedInTx = 0;
    // A held record was never delivered: the reconnect reads it again, with the same seq.
    held = null;
    // Table ids are only valid within one connection's stream; schemas by name survive.
    tableMaps.clear();
    bindingsById.clear();
    lastEmitMillis = clock.millis();
  }

  /**
   * Where to connect to resume exactly after the last record delivered: the start of the current
   * transaction (records of it delivered are counted in the offset and suppressed when re-read).
   */
  public synchronized SourceOffset connectPosition() {
    if (inTransaction) {
      long delivered = emittedInTx + suppress - (held != null ? 1 : 0);
      return new SourceOffset(txStart.gtids(), txStart.file(), txStart.position(), delivered, txStart.seq() + delivered, snapshotState);
    }
    // Not yet inside the transaction the offset points into: the records still to suppress stay owed.
    return new SourceOffset(gtids.toString(), file, nextPosition, suppress, seq + suppress, snapshotState);
  }

  /** The position after the last complete transaction, with the seq of the last record. */
  public synchronized SourceOffset committedPosition() {
    return new SourceOffset(gtids.toString(), file, nextPosition, 0, seq, snapshotState);
  }

  public long seq() {
    return seq;
  }

  public synchronized void handle(Event event) throws InterruptedException {
    handingOver(() -> dispatch(event));
  }

  private void dispatch(Event event) throws InterruptedException {
    EventHeaderV4 header = event.getHeader();
    EventType type = header.getEventType();
    EventData data = event.getData();
    metrics.eventSeen(header.getTimestamp());
    switch (type) {
      case ROTATE -> {
        RotateEventData rotate = (RotateEventData) data;
        file = rotate.getBinlogFilename();
        nextPosition = rotate.getBinlogPosition();
        return;
      }
      case MARIADB_GTID -> {
        MariadbGtidEventData g = (MariadbGtidEventData) data;
        boolean standaloneStatement = (g.getFlags() & MariadbGtidEventData.FL_STANDALONE) != 0;
        // The server id of a MariaDB GTID is the event header's: the library copies it into the
        // event data only while it tracks a GTID set itself, not on a connection by file/position.
        beginTransaction(g.getDomainId() + "-" + header.getServerId() + "-" + g.getSequence(), header, standaloneStatement);
        // MariaDB logs no BEGIN query: a GTID event without the standalone flag opens the group.
        sawBegin = !standaloneStatement;
      }
      case GTID, GTID_TAGGED -> beginTransaction(((GtidEventData) data).getMySqlGtid().toString(), header, false);
      case ANONYMOUS_GTID -> beginTransaction(null, header, false);
      case QUERY -> query((QueryEventData) data, header);
      case TABLE_MAP -> tableMap((TableMapEventData) data);
      case WRITE_ROWS, EXT_WRITE_ROWS, UPDATE_ROWS, EXT_UPDATE_ROWS, DELETE_ROWS, EXT_DELETE_ROWS -> rows(data, header);
      case XID, XA_PREPARE -> commit(header.getNextPosition());
      case ANNOTATE_ROWS -> rowsQuery = config.includeQuery() ? ((AnnotateRowsEventData) data).getRowsQuery() : null;
      case ROWS_QUERY -> rowsQuery = config.includeQuery() ? ((RowsQueryEventData) data).getQuery() : null;
      case TRANSACTION_PAYLOAD -> {
        payloadEnd = header.getNextPosition();
        for (Event inner : ((TransactionPayloadEventData) data).getUncompressedEvents()) {
          handleInner(inner);
        }
      }
      case PARTIAL_UPDATE_ROWS_EVENT -> throw new DataException("a PARTIAL_UPDATE_ROWS event at " + file + ":" + header.getPosition()
          + " holds a JSON diff, not full rows: set binlog_row_value_options='' on the server");
      default -> {
        // FORMAT_DESCRIPTION, GTID lists, checkpoints, heartbeats...: nothing to emit
      }
    }
    if (header.getNextPosition() > 0) {
      nextPosition = header.getNextPosition();
    }
    maybeHeartbeat();
    drainDueChunks();
  }

  /** Events inside a compressed TRANSACTION_PAYLOAD: their header positions are not binlog positions. */
  private void handleInner(Event inner) throws InterruptedException {
    EventType type = inner.getHeader().getEventType();
    if (type == EventType.TRANSACTION_PAYLOAD) {
      throw new DataException("nested TRANSACTION_PAYLOAD event at " + file + ":" + nextPosition);
    }
    long saved = nextPosition;
    EventHeaderV4 header = inner.getHeader();
    header.setNextPosition(0);
    // No snapshot rows in the middle of a compressed payload: the position is not a binlog position there.
    inPayload = true;
    try {
      dispatch(inner);
    } finally {
      inPayload = false;
    }
    nextPosition = saved;
  }

  /** Emits a heartbeat when nothing was emitted for the heartbeat interval and no transaction is open. */
  private void maybeHeartbeat() throws InterruptedException {
    long interval = config.heartbeatInterval().toMillis();
    if (interval <= 0 || inTransaction || suppress > 0) {
      return;
    }
    long now = clock.millis();
    if (now - lastEmitMillis >= interval) {
      SourceRecord heartbeat = records.heartbeat(config.heartbeatTopic(), committedPosition(), now);
      // The commit is requested before the task can see the record: it must be there when the task sends it.
      transactionEnd.accept(heartbeat);
      deliver(heartbeat);
      metrics.heartbeat();
      lastEmitMillis = now;
    }
  }

  private void beginTransaction(String gtid, EventHeaderV4 header, boolean standaloneStatement) throws InterruptedException {
    if (inTransaction) {
      // A transaction without XID/COMMIT (e.g. a DDL of an older server): it ended where this one begins.
      commit(header.getPosition());
    }
    inTransaction = true;
    sawBegin = false;
    standalone = standaloneStatement;
    txGtid = gtid;
    txStart = new SourceOffset(gtids.toString(), file, header.getPosition(), 0, seq);
    emittedInTx = 0;
    thread = null;
    rowsQuery = null;
    txBeginEmitted = false;
    txEventCount = 0;
    txPerTable.clear();
  }

  private void query(QueryEventData q, EventHeaderV4 header) throws InterruptedException {
    String sql = q.getSql() == null ? "" : q.getSql().trim();
    String upper = sql.length() > 16 ? sql.substring(0, 16).toUpperCase(Locale.ROOT) : sql.toUpperCase(Locale.ROOT);
    if (upper.equals("BEGIN") || upper.startsWith("XA START") || upper.startsWith("XA BEGIN")) {
      if (!inTransaction) {
        beginTransaction(null, header, false);
      }
      sawBegin = true;
      thread = q.getThreadId();
      return;
    }
    if (upper.equals("COMMIT") || upper.equals("ROLLBACK") || upper.startsWith("XA END") || upper.startsWith("XA PREPARE")) {
      // COMMIT ends transactions on non-transactional engines; a logged ROLLBACK still carries the
      // non-transactional changes made before it.
      if (inTransaction) {
        commit(header.getNextPosition());
      }
      return;
    }
    if (inTransaction && sawBegin && !standalone) {
      // A statement inside a transaction (SAVEPOINT...): row events carry the data.
      return;
    }
    if (!inTransaction) {
      beginTransaction(null, header, true);
    }
    thread = q.getThreadId();
    statement(q, sql, header);
    commit(header.getNextPosition());
  }

  /** A DDL or other statement outside a BEGIN...COMMIT group. */
  private void statement(QueryEventData q, String sql, EventHeaderV4 header) throws InterruptedException {
    Matcher m = DDL_TABLE.matcher(sql);
    String verb = null;
    String db = q.getDatabase();
    String table = null;
    if (m.find()) {
      verb = m.group(1).toUpperCase(Locale.ROOT);
      if (m.group(3) != null) {
        db = m.group(2);
        table = m.group(3);
      } else {
        table = m.group(2);
      }
    }
    if (db == null || db.isBlank() || !filter.includesDatabase(db)) {
      return;
    }
    boolean tableCaptured = table == null || filter.includesTable(db, table);
    if (snapshot != null && table != null && tableCaptured && verb != null && !"TRUNCATE".equals(verb)) {
      snapshot.schemaChanged(new TableId(db, table));
    }
    if (config.includeSchemaChanges() && tableCaptured && verb != null) {
      String database = db;
      String tableName = table;
      emit(off -> records.schemaChange(config.schemaChangesTopic(), off, source(header, database, tableName, off.seq()),
          database, tableName, sql, header.getTimestamp()));
    }
    if ("TRUNCATE".equals(verb) && table != null && tableCaptured && !config.skips("t")) {
      TableBinding binding = bindingsByName.get(new TableId(db, table));
      if (binding == null) {
        LOG.warn("TRUNCATE of {}.{} at {}:{} emits no truncate event: no row of that table was seen since the connector started, "
            + "so its schema is unknown", db, table, file, header.getPosition());
        return;
      }
      if (snapshot != null) {
        snapshot.truncated(binding.schema().id());
      }
      emit(off -> records.change(binding, off, null,
          binding.envelope().value(Envelope.Operation.TRUNCATE, null, null,
              source(header, binding.schema().id().database(), binding.schema().id().table(), off.seq()).toStruct(),
              clock.millis(), null),
          clock.millis()));
    }
  }

  private void tableMap(TableMapEventData data) {
    long id = data.getTableId();
    TableMapEventData previous = tableMaps.get(id);
    if (previous != null && TableMapShape.same(previous, data)) {
      return;
    }
    tableMaps.put(id, data);
    if (!filter.includesTable(data.getDatabase(), data.getTable())) {
      bindingsById.remove(id);
      return;
    }
    TableSchema schema = schemaFactory.create(data);
    TableBinding existing = bindingsByName.get(schema.id());
    TableBinding binding;
    if (existing != null && existing.schema().rowSchema().equals(schema.rowSchema())
        && Objects.equals(existing.schema().keySchema(), schema.keySchema())) {
      // Same schema (e.g. a new table id after FLUSH TABLES): keep the instances converters cache on.
      binding = existing;
    } else {
      binding = TableBinding.of(schema, config.topicPrefix());
      if (existing != null) {
        LOG.info("schema of {} changed at {}:{}; later events use the new one", schema.id().qualified(), file, nextPosition);
      }
      bindingsByName.put(schema.id(), binding);
    }
    bindingsById.put(id, binding);
  }

  private void rows(EventData data, EventHeaderV4 header) throws InterruptedException {
    if (data instanceof SkippedRows) {
      metrics.rowEventFiltered();
      return;
    }
    if (!inTransaction) {
      beginTransaction(null, header, false);
    }
    if (data instanceof WriteRowsEventData w) {
      TableBinding b = binding(w.getTableId(), header);
      if (b == null) {
        return;
      }
      SourceBlocks sources = sources(b, header);
      // The client's row lists are LinkedLists: iterate, never get(i).
      int i = 0;
      for (Serializable[] row : w.getRows()) {
        Struct after = convert(b, row, w.getIncludedColumns(), header, i);
        if (!config.skips("c")) {
          changeEvent(b, Envelope.Operation.CREATE, null, after, b.schema().key(after), header, sources, i);
        }
        i++;
      }
    } else if (data instanceof UpdateRowsEventData u) {
      TableBinding b = binding(u.getTableId(), header);
      if (b == null) {
        return;
      }
      SourceBlocks sources = sources(b, header);
      int i = 0;
      for (Map.Entry<Serializable[], Serializable[]> row : u.getRows()) {
        Struct before = convert(b, row.getKey(), u.getIncludedColumnsBeforeUpdate(), header, i);
        Struct after = convert(b, row.getValue(), u.getIncludedColumns(), header, i);
        if (!b.schema().sameKey(before, after)) {
          // A primary-key change: the old key's row is gone, the new key's row appears.
          if (!config.skips("d")) {
            changeEvent(b, Envelope.Operation.DELETE, before, null, b.schema().key(before), header, sources, i);
          }
          if (!config.skips("c")) {
            changeEvent(b, Envelope.Operation.CREATE, null, after, b.schema().key(after), header, sources, i);
          }
        } else if (!config.skips("u")) {
          changeEvent(b, Envelope.Operation.UPDATE, before, after, b.schema().key(before), header, sources, i);
        }
        i++;
      }
    } else if (data instanceof DeleteRowsEventData d) {
      TableBinding b = binding(d.getTableId(), header);
      if (b == null) {
        return;
      }
      SourceBlocks sources = sources(b, header);
      int i = 0;
      for (Serializable[] row : d.getRows()) {
        Struct before = convert(b, row, d.getIncludedColumns(), header, i);
        if (!config.skips("d")) {
          changeEvent(b, Envelope.Operation.DELETE, before, null, b.schema().key(before), header, sources, i);
        }
        i++;
      }
    } else {
      throw new DataException("unexpected row event data " + data.getClass().getName() + " at " + file + ":" + header.getPosition());
    }
  }

  private TableBinding binding(long tableId, EventHeaderV4 header) {
    TableBinding b = bindingsById.get(tableId);
    if (b == null && tableMaps.containsKey(tableId)) {
      metrics.rowEventFiltered();
      return null;
    }
    if (b == null) {
      throw new DataException("row event for unknown table id " + tableId + " at " + file + ":" + header.getPosition()
          + ": no TABLE_MAP event preceded it");
    }
    return b;
  }

  private Struct convert(TableBinding b, Serializable[] row, BitSet included, EventHeaderV4 header, int index) {
    try {
      return b.schema().row(row, included);
    } catch (RuntimeException e) {
      throw new DataException("cannot convert row " + index + " of " + b.schema().id().qualified() + " at binlog " + file + ":"
          + header.getPosition() + " (" + (txGtid == null ? "no GTID" : "GTID " + txGtid) + "): " + e.getMessage(), e);
    }
  }

  /** One change event of row {@code row} of the event; {@code key} is the key of its row (before, or else after). */
  private void changeEvent(TableBinding b, Envelope.Operation op, Struct before, Struct after, Struct key, EventHeaderV4 header,
      SourceBlocks sources, int row) throws InterruptedException {
    TransactionInfo tx = null;
    if (config.provideTransactionMetadata()) {
      if (!txBeginEmitted) {
        String id = transactionId();
        emit(off -> records.transactionBegin(config.transactionTopic(), off, id, header.getTimestamp()));
        txBeginEmitted = true;
      }
      txEventCount++;
      long tableOrder = txPerTable.merge(b.schema().id().qualified(), 1L, Long::sum);
      tx = RecordFactory.transactionBlock(transactionId(), txEventCount, tableOrder);
    }
    TransactionInfo transaction = tx;
    long now = clock.millis();
    emit(off -> records.change(b, off, key,
        b.envelope().value(op, before, after, sources.toStruct(row, off.seq()), now, transaction),
        header.getTimestamp()));
    metrics.changeEmitted(op);
    if (snapshot != null) {
      // The binlog's full row wins over a snapshot chunk's copy of this key.
      snapshot.changed(b.schema().id(), key);
    }
    if (op == Envelope.Operation.DELETE && config.tombstonesOnDelete()) {
      emit(off -> records.tombstone(b, off, key, header.getTimestamp()));
    }
  }

  private String transactionId() {
    return txGtid != null ? txGtid : txStart.file() + ":" + txStart.position();
  }

  /** The source blocks of the rows of one row event of {@code b}'s table. */
  private SourceBlocks sources(TableBinding b, EventHeaderV4 header) {
    return source(header, b.schema().id().database(), b.schema().id().table(), 0).rowBlocks();
  }

  /** The source block of an event's first (or only) row; row events take each row's from {@link #sources}. */
  private SourceInfo source(EventHeaderV4 header, String db, String table, long recordSeq) {
    return new SourceInfo(version, flavor.connectorName(), config.topicPrefix(), header.getTimestamp(), SourceInfo.Snapshot.FALSE,
        db, table, header.getServerId(), txGtid, file, header.getPosition() > 0 ? header.getPosition() : nextPosition, 0, thread,
        rowsQuery, recordSeq);
  }

  /**
   * Assigns the next seq and the offset, then delivers the record — unless it was delivered before
   * a restart, in which case it is counted and dropped unbuilt.
   */
  private void emit(Function<SourceOffset, SourceRecord> build) throws InterruptedException {
    seq++;
    emittedInTx++;
    if (suppress > 0) {
      suppress--;
      metrics.suppressed();
      return;
    }
    SourceOffset offset = new SourceOffset(txStart.gtids(), txStart.file(), txStart.position(), emittedInTx, seq, snapshotState);
    SourceRecord record = build.apply(offset);
    // Only the transaction's end tells whether this record is its last: until the next one, hold it.
    release();
    held = record;
    lastEmitMillis = clock.millis();
  }

  /**
   * One snapshot row as an {@code op=r} event with the next seq, between transactions. Its offset is
   * the committed position with {@code state}, so a restart resumes the stream here and the
   * snapshot after the chunk {@code state} names.
   */
  private void emitRead(TableSchema schema, Struct row, SourceInfo.Snapshot marker, SnapshotState state) throws InterruptedException {
    boolean progressed = !Objects.equals(state, snapshotState);
    snapshotState = state;
    TableBinding b = snapshotBinding(schema);
    long now = clock.millis();
    seq++;
    SourceOffset offset = new SourceOffset(gtids.toString(), file, nextPosition, 0, seq, state);
    SourceInfo source = new SourceInfo(version, flavor.connectorName(), config.topicPrefix(), now, marker, schema.id().database(),
        schema.id().table(), 0, null, file, nextPosition, 0, null, null, seq);
    SourceRecord record = records.change(b, offset, schema.key(row),
        b.envelope().value(Envelope.Operation.READ, null, row, source.toStruct(), now, null), now);
    if (progressed) {
      // A chunk boundary: with connector-defined transactions, commit the Kafka transaction here,
      // requested before the task can see the record.
      transactionEnd.accept(record);
    }
    deliver(record);
    metrics.changeEmitted(Envelope.Operation.READ);
    lastEmitMillis = now;
  }

  /** The binding of a snapshot schema: the streaming one when the schemas are equal, so converters see one schema. */
  private TableBinding snapshotBinding(TableSchema schema) {
    TableBinding cached = snapshotBindings.get(schema);
    if (cached != null) {
      return cached;
    }
    TableBinding existing = bindingsByName.get(schema.id());
    TableBinding binding;
    if (existing != null && existing.schema().rowSchema().equals(schema.rowSchema())
        && Objects.equals(existing.schema().keySchema(), schema.keySchema())) {
      binding = existing;
    } else {
      binding = TableBinding.of(schema, config.topicPrefix());
      if (existing == null) {
        bindingsByName.put(schema.id(), binding);
      }
    }
    if (snapshotBindings.size() > 100) {
      snapshotBindings.clear();
    }
    snapshotBindings.put(schema, binding);
    return binding;
  }

  /**
   * Ends the open transaction: its last record, held back until now, gets the position after the
   * transaction, the Kafka transaction is asked to commit on it, and only then is it handed to the
   * sink.
   *
   * @param endPosition the binlog position right after the transaction, 0 when the event gives none
   *                    (an event inside a compressed payload: then the payload's end)
   */
  private void commit(long endPosition) throws InterruptedException {
    if (!inTransaction) {
      return;
    }
    if (txBeginEmitted) {
      String id = transactionId();
      long count = txEventCount;
      Map<String, Long> perTable = new LinkedHashMap<>(txPerTable);
      emit(off -> records.transactionEnd(config.transactionTopic(), off, id, count, perTable, clock.millis()));
    }
    if (txGtid != null) {
      gtids.add(txGtid);
      metrics.lastGtid(txGtid);
    }
    if (held != null) {
      long end = endPosition > 0 ? endPosition : inPayload ? payloadEnd : 0;
      if (end > 0) {
        held = withOffset(held, new SourceOffset(gtids.toString(), file, end, 0, seq, snapshotState));
      }
      transactionEnd.accept(held);
      release();
    }
    if (suppress > 0) {
      // The transaction re-read after a restart produced fewer records than were delivered before:
      // the capture configuration changed in between. Nothing is lost; say so.
      LOG.warn("transaction {} produced {} fewer records after the restart than before it (was the filter or skipped.operations "
          + "changed?); continuing after it", transactionId(), suppress);
      seq += suppress;
      suppress = 0;
    }
    inTransaction = false;
    emittedInTx = 0;
    txGtid = null;
    rowsQuery = null;
  }

  /** Hands the held record to the sink. */
  private void release() throws InterruptedException {
    SourceRecord record = held;
    if (record != null) {
      held = null;
      deliver(record);
    }
  }

  private void deliver(SourceRecord record) throws InterruptedException {
    outgoing.add(record);
    if (outgoing.size() >= HANDOVER_MAX) {
      handOver();
    }
  }

  /** Hands {@link #outgoing} to the sink; what it could not take (the task is stopping) stays there. */
  private void handOver() throws InterruptedException {
    if (!outgoing.isEmpty()) {
      sink.accept(outgoing);
    }
  }

  /** An entry point's work that may emit records. */
  @FunctionalInterface
  private interface Emitting {
    void run() throws InterruptedException;
  }

  /**
   * Runs {@code work}, then hands what it emitted to the sink — also when it fails, so that every
   * record counted as delivered (see {@link #connectPosition()}) is in the queue before a reconnect.
   */
  private void handingOver(Emitting work) throws InterruptedException {
    try {
      work.run();
    } catch (Throwable t) {
      try {
        handOver();
      } catch (Throwable handOverFailure) {
        t.addSuppressed(handOverFailure);
      }
      throw t;
    }
    handOver();
  }

  private static SourceRecord withOffset(SourceRecord r, SourceOffset offset) {
    return new SourceRecord(r.sourcePartition(), offset.toMap(), r.topic(), r.kafkaPartition(), r.keySchema(), r.key(), r.valueSchema(),
        r.value(), r.timestamp(), r.headers());
  }

}
