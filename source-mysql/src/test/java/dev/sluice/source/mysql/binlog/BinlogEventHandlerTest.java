package dev.sluice.source.mysql.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.XidEventData;
import dev.sluice.source.mysql.MySqlSourceConfig;
import dev.sluice.source.mysql.event.RecordFactory;
import dev.sluice.source.mysql.metrics.SourceMetrics;
import dev.sluice.source.mysql.offset.SnapshotState;
import dev.sluice.source.mysql.offset.SourceOffset;
import dev.sluice.source.mysql.schema.ColumnHints;
import dev.sluice.source.mysql.schema.TableSchemaFactory;
import dev.sluice.source.mysql.schema.TypeMappingOptions;
import dev.sluice.source.mysql.server.ServerFlavor;
import dev.sluice.source.mysql.snapshot.SnapshotCoordinator;
import dev.sluice.source.mysql.snapshot.SnapshotMetrics;
import dev.sluice.source.mysql.snapshot.SnapshotRequest;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * The handler's position bookkeeping, driven with hand-built MariaDB events: one record per row,
 * strictly increasing seq, offsets that make a restart resume exactly after the last delivered
 * record with the same seqs, primary-key changes as delete + create, and uncaptured tables ignored.
 */
class BinlogEventHandlerTest {
  private static final ServerFlavor MARIADB = ServerFlavor.fromVersion("11.4.5-MariaDB-log");
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
  private long position = 4;

  /** A sink that collects what the handler hands over. */
  private static BinlogEventHandler.RecordSink into(List<SourceRecord> out) {
    return records -> {
      out.addAll(records);
      records.clear();
    };
  }

  private BinlogEventHandler handler(List<SourceRecord> out, Map<String, String> extra) {
    return handler(into(out), extra);
  }

  private BinlogEventHandler handler(BinlogEventHandler.RecordSink sink, Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(Map.of(
        "database.hostname", "db", "database.user", "sluice", "database.server.id", "99", "topic.prefix", "shop",
        "heartbeat.interval.ms", "0", "table.include.list", "shop\\.orders"));
    props.putAll(extra);
    MySqlSourceConfig config = new MySqlSourceConfig(props);
    TableSchemaFactory schemas = new TableSchemaFactory("shop", TypeMappingOptions.defaults(), ColumnHints.none(true));
    return new BinlogEventHandler(config, MARIADB, schemas, new RecordFactory("shop"), sink, new SourceMetrics(clock), clock);
  }

  /** Two transactions: 3 inserts; then an update, a key change and a delete; plus rows of an uncaptured table. */
  private List<Event> stream() {
    List<Event> events = new ArrayList<>();
    events.add(rotate());
    events.add(gtid(5));
    events.add(tableMap(70, "orders"));
    events.add(write(70, row(1, "a"), row(2, "b"), row(3, "c")));
    events.add(tableMap(71, "audit"));
    events.add(write(71, row(9, "x")));
    events.add(xid());
    events.add(gtid(6));
    events.add(tableMap(70, "orders"));
    events.add(update(70, row(1, "a"), row(1, "a2")));
    events.add(update(70, row(2, "b"), row(20, "b")));
    events.add(delete(70, row(3, "c")));
    events.add(xid());
    return events;
  }

  @Test
  void emitsOneRecordPerRowChangeWithStrictlyIncreasingSeqAndTransactionOffsets() throws Exception {
    List<SourceRecord> out = new ArrayList<>();
    BinlogEventHandler h = handler(out, Map.of());
    h.resetTo(new SourceOffset("0-1-4", "binlog.000001", 4, 0, 0));
    for (Event e : stream()) {
      h.handle(e);
    }
    // 3 creates; update; key change = delete + tombstone + create; delete + tombstone
    assertThat(out).hasSize(9);
    assertThat(ops(out)).containsExactly("c", "c", "c", "u", "d", null, "c", "d", null);
    List<Long> seqs = out.stream().map(r -> (Long) r.sourceOffset().get("seq")).toList();
    assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(out.get(0).topic()).isEqualTo("shop.shop.orders");
    // Records of the second transaction point at its start: GTID set before it.
    assertThat(out.get(3).sourceOffset().get("gtids")).isEqualTo("0-1-5");
    assertThat(out.get(3).sourceOffset().get("tx_emitted")).isEqualTo(1L);
    assertThat(((Struct) out.get(0).value()).getStruct("source").getInt64("seq")).isEqualTo(1L);
    assertThat(((Struct) out.get(6).key()).getInt32("id")).isEqualTo(20);
    assertThat(h.committedPosition().gtids()).isEqualTo("0-1-6");
    assertThat(h.committedPosition().seq()).isEqualTo(9L);
  }

  @Test
  void mariaDbGtidsTakeTheServerIdFromTheEventHeaderWhenStartedByFileAndPosition() throws Exception {
    List<SourceRecord> out = new ArrayList<>();
    BinlogEventHandler h = handler(out, Map.of());
    h.resetTo(new SourceOffset("", "binlog.000001", 4, 0, 0));
    for (Event e : stream()) {
      h.handle(e);
    }
    assertThat(out).isNotEmpty();
    assertThat(((Struct) out.get(0).value()).getStruct("source").getString("gtid")).isEqualTo("0-1-5");
    assertThat(((Struct) out.get(3).value()).getStruct("source").getString("gtid")).isEqualTo("0-1-6");
    assertThat(out.get(3).sourceOffset().get("gtids")).isEqualTo("0-1-5");
    assertThat(h.committedPosition().gtids()).isEqualTo("0-1-6");
  }

  @Test
  void theRecordsOfOneBinlogEventAreHandedOverTogether() throws Exception {
    List<Integer> handOvers = new ArrayList<>();
    List<SourceRecord> out = new ArrayList<>();
    BinlogEventHandler h = handler(records -> {
      handOvers.add(records.size());
      out.addAll(records);
      records.clear();
    }, Map.of());
    h.resetTo(new SourceOffset("0-1-4", "binlog.000001", 4, 0, 0));
    List<Serializable[]> rows = new ArrayList<>();
    for (int id = 1; id <= BinlogEventHandler.HANDOVER_MAX + 10; id++) {
      rows.add(row(id, "r" + id));
    }
    h.handle(rotate());
    h.handle(gtid(5));
    h.handle(tableMap(70, "orders"));
    h.handle(write(70, rows.toArray(Serializable[][]::new)));
    // The last row is held until the transaction's end; the rest goes over in bounded hand-overs.
    assertThat(handOvers).containsExactly(BinlogEventHandler.HANDOVER_MAX, 9);
    h.handle(xid());
    assertThat(handOvers).containsExactly(BinlogEventHandler.HANDOVER_MAX, 9, 1);
    assertThat(out).hasSize(BinlogEventHandler.HANDOVER_MAX + 10);
    assertThat(out.stream().map(r -> (Long) r.sourceOffset().get("seq")).distinct().count()).isEqualTo(out.size());
  }

  @Test
  void recordsAnEventEmittedBeforeItFailedAreHandedOverBeforeTheFailureSurfaces() throws Exception {
    List<SourceRecord> out = new ArrayList<>();
    BinlogEventHandler h = handler(out, Map.of());
    h.resetTo(new SourceOffset("0-1-4", "binlog.000001", 4, 0, 0));
    h.handle(rotate());
    h.handle(gtid(5));
    h.handle(tableMap(70, "orders"));
    Serializable[] malformed = {"not an int", "c".getBytes(StandardCharsets.UTF_8)};
    assertThatThrownBy(() -> h.handle(write(70, row(1, "a"), row(2, "b"), malformed)))
        .isInstanceOf(DataException.class).hasMessageContaining("row 2 of shop.orders");
    assertThat(out).as("row 1, released by row 2; row 2 is held as the possible last of its transaction").hasSize(1);
    assertThat(((Struct) out.get(0).key()).getInt32("id")).isEqualTo(1);
    // A reconnect resumes after exactly what the queue got.
    assertThat(h.connectPosition().txEmitted()).isEqualTo(1L);
  }

  @Test
  void aRestartFromAnyDeliveredRecordResumesRightAfterItWithTheSameSeqs() throws Exception {
    List<SourceRecord> all = new ArrayList<>();
    BinlogEventHandler first = handler(all, Map.of());
    first.resetTo(new SourceOffset("0-1-4", "binlog.000001", 4, 0, 0));
    List<Event> events = stream();
    for (Event e : events) {
      first.handle(e);
    }
    for (int committed = 0; committed < all.size(); committed++) {
      SourceOffset stored = SourceOffset.fromMap(all.get(committed).sourceOffset(), "test");
      List<SourceRecord> replay = new ArrayList<>();
      BinlogEventHandler restarted = handler(replay, Map.of());
      restarted.resetTo(stored);
      // The server resends, from the GTID set the offset names, the transactions after it: the last
      // record of a transaction names the set with that transaction in it.
      int from = switch (stored.gtids()) {
        case "0-1-4" -> 1;
        case "0-1-5" -> 7;
        default -> events.size();
      };
      restarted.handle(rotateAt(stored.position()));
      for (Event e : events.subList(from, events.size())) {
        restarted.handle(e);
      }
      assertThat(replay).as("records after a restart from record %d", committed).isEqualTo(all.subList(committed + 1, all.size()));
    }
  }

  @Test
  void connectPositionMidTransactionCountsWhatWasDelivered() throws Exception {
    List<SourceRecord> out = new ArrayList<>();
    BinlogEventHandler h = handler(out, Map.of());
    h.resetTo(new SourceOffset("0-1-4", "binlog.000001", 4, 0, 0));
    List<Event> events = stream();
    for (Event e : events.subList(0, 4)) {
      h.handle(e);
    }
    SourceOffset p = h.connectPosition();
    // Three records built; the third is held until the transaction's end is read, so not delivered.
    assertThat(out).hasSize(2);
    assertThat(p.gtids()).isEqualTo("0-1-4");
    assertThat(p.txEmitted()).isEqualTo(2);
    assertThat(p.seq()).isEqualTo(2);
  }

  @Test
  void aReconnectInTheMiddleOfATransactionDeliversItsRecordsOnceWithTheirSeqs() throws Exception {
    List<SourceRecord> out = new ArrayList<>();
    BinlogEventHandler h = handler(out, Map.of());
    h.resetTo(new SourceOffset("0-1-4", "binlog.000001", 4, 0, 0));
    List<Event> events = stream();
    for (Event e : events.subList(0, 4)) {
      h.handle(e);
    }
    // The connection drops after the row event: the reader reconnects where the handler says.
    h.resetTo(h.connectPosition());
    h.handle(rotateAt(4));
    for (Event e : events.subList(1, events.size())) {
      h.handle(e);
    }
    assertThat(out.stream().map(r -> (Long) r.sourceOffset().get("seq")).toList()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
  }

  @Test
  void theLastRecordOfATransactionCarriesThePositionAfterIt() throws Exception {
    List<SourceRecord> out = new ArrayList<>();
    BinlogEventHandler h = handler(out, Map.of());
    h.resetTo(new SourceOffset("0-1-4", "binlog.000001", 4, 0, 0));
    List<Event> events = stream();
    for (Event e : events) {
      h.handle(e);
    }
    SourceOffset endOfFirst = SourceOffset.fromMap(out.get(2).sourceOffset(), "test");
    assertThat(endOfFirst).isEqualTo(new SourceOffset("0-1-5", "binlog.000001", events.get(6).<EventHeaderV4>getHeader()
        .getNextPosition(), 0, 3));
    SourceOffset endOfSecond = SourceOffset.fromMap(out.get(8).sourceOffset(), "test");
    assertThat(endOfSecond).isEqualTo(h.committedPosition());
  }

  @Test
  void aRestartAfterATableWasAddedToTheIncludeListNeitherRepeatsNorSkipsTheLastDeliveredTransaction() throws Exception {
    // Transaction 5 changes orders, audit, orders; audit is captured only after the restart.
    List<Event> events = new ArrayList<>();
    events.add(rotate());
    events.add(gtid(5));
    events.add(tableMap(70, "orders"));
    events.add(write(70, row(1, "a")));
    events.add(tableMap(71, "audit"));
    events.add(write(71, row(9, "x")));
    events.add(update(70, row(1, "a"), row(1, "a2")));
    events.add(xid());
    events.add(gtid(6));
    events.add(tableMap(70, "orders"));
    events.add(write(70, row(2, "b")));
    events.add(xid());
    List<SourceRecord> before = new ArrayList<>();
    BinlogEventHandler first = handler(before, Map.of());
    first.resetTo(new SourceOffset("0-1-4", "binlog.000001", 4, 0, 0));
    for (Event e : events.subList(0, 8)) {
      first.handle(e);
    }
    assertThat(ops(before)).containsExactly("c", "u");
    // Stopped after transaction 5 was delivered; restarted with audit captured too. The server
    // streams from the GTID set the last delivered record names.
    SourceOffset stored = SourceOffset.fromMap(before.get(1).sourceOffset(), "test");
    List<SourceRecord> after = new ArrayList<>();
    BinlogEventHandler restarted = handler(after, Map.of("table.include.list", "shop\\.(orders|audit)"));
    restarted.resetTo(stored);
    restarted.handle(rotateAt(stored.position()));
    List<Event> resent = stored.gtids().equals("0-1-4") ? events.subList(1, events.size()) : events.subList(8, events.size());
    for (Event e : resent) {
      restarted.handle(e);
    }
    // Only transaction 6's insert: nothing of transaction 5 again, and the next seq.
    assertThat(ops(after)).containsExactly("c");
    assertThat(((Struct) after.get(0).key()).getInt32("id")).isEqualTo(2);
    assertThat(after.get(0).sourceOffset().get("seq")).isEqualTo(3L);
  }

  @Test
  void theKafkaCommitOfEachTransactionIsRequestedBeforeItsLastRecordReachesTheTask() throws Exception {
    List<String> calls = new ArrayList<>();
    BinlogEventHandler h = handler(records -> {
      records.forEach(r -> calls.add("deliver " + r.sourceOffset().get("seq")));
      records.clear();
    }, Map.of());
    h.onTransactionEnd(r -> calls.add("commit " + r.sourceOffset().get("seq")));
    h.resetTo(new SourceOffset("0-1-4", "binlog.000001", 4, 0, 0));
    for (Event e : stream()) {
      h.handle(e);
    }
    // The task sends a record as soon as poll() returns it: a commit requested after that is never seen.
    assertThat(calls).containsExactly("deliver 1", "deliver 2", "commit 3", "deliver 3",
        "deliver 4", "deliver 5", "deliver 6", "deliver 7", "deliver 8", "commit 9", "deliver 9");
  }

  @Test
  void aRestoredOffsetIsWhereTheReaderConnectsBeforeAnyEventArrives() {
    BinlogEventHandler h = handler(new ArrayList<>(), Map.of());
    SourceOffset stored = new SourceOffset("0-1-5", "binlog.000001", 804, 3, 9671);
    h.resetTo(stored);
    // The reader asks again when it (re)connects: the records owed to suppression must not be forgotten.
    assertThat(h.connectPosition()).isEqualTo(stored);
    h.resetTo(h.connectPosition());
    assertThat(h.connectPosition()).isEqualTo(stored);
  }

  @Test
  void heartbeatsCarryTheCommittedPositionWhileOnlyUncapturedTablesChange() throws Exception {
    List<SourceRecord> out = new ArrayList<>();
    MutableClock ticking = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    Map<String, String> props = new HashMap<>(Map.of(
        "database.hostname", "db", "database.user", "sluice", "database.server.id", "99", "topic.prefix", "shop",
        "heartbeat.interval.ms", "1000", "table.include.list", "shop\\.orders"));
    MySqlSourceConfig config = new MySqlSourceConfig(props);
    BinlogEventHandler h = new BinlogEventHandler(config, MARIADB,
        new TableSchemaFactory("shop", TypeMappingOptions.defaults(), ColumnHints.none(true)), new RecordFactory("shop"), into(out),
        new SourceMetrics(ticking), ticking);
    h.resetTo(new SourceOffset("0-1-4", "binlog.000001", 4, 0, 7));
    h.handle(rotate());
    for (int tx = 5; tx < 8; tx++) {
      ticking.advance(600);
      h.handle(gtid(tx));
      h.handle(tableMap(71, "audit"));
      h.handle(write(71, row(tx, "x")));
      h.handle(xid());
    }
    assertThat(out).hasSize(1);
    SourceRecord heartbeat = out.get(0);
    assertThat(heartbeat.topic()).isEqualTo("__sluice-heartbeat.shop");
    assertThat(heartbeat.sourceOffset().get("gtids")).isEqualTo("0-1-6");
    assertThat(heartbeat.sourceOffset().get("tx_emitted")).isEqualTo(0L);
    // Heartbeats take no seq: a replay must give every change event the seq it had.
    assertThat(heartbeat.sourceOffset().get("seq")).isEqualTo(7L);
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(long millis) {
      now = now.plusMillis(millis);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void transactionMetadataWrapsEachTransactionsEventsAndCountsThemPerTable() throws Exception {
    List<SourceRecord> out = new ArrayList<>();
    BinlogEventHandler h = handler(out, Map.of("provide.transaction.metadata", "true", "tombstones.on.delete", "false"));
    h.resetTo(new SourceOffset("0-1-4", "binlog.000001", 4, 0, 0));
    List<SourceRecord> ends = new ArrayList<>();
    h.onTransactionEnd(ends::add);
    for (Event e : stream()) {
      h.handle(e);
    }
    assertThat(out.get(0).topic()).isEqualTo("shop.transaction");
    assertThat(((Struct) out.get(0).value()).getString("status")).isEqualTo("BEGIN");
    assertThat(((Struct) out.get(0).value()).getString("id")).isEqualTo("0-1-5");
    Struct end = (Struct) out.get(4).value();
    assertThat(end.getString("status")).isEqualTo("END");
    assertThat(end.getInt64("event_count")).isEqualTo(3L);
    Struct tx = ((Struct) out.get(2).value()).getStruct("transaction");
    assertThat(tx.getString("id")).isEqualTo("0-1-5");
    assertThat(tx.getInt64("total_order")).isEqualTo(2L);
    // The last record of each MySQL transaction closes the Kafka transaction (exactly-once boundaries).
    assertThat(ends).containsExactly(out.get(4), out.get(out.size() - 1));
  }

  @Test
  void anAcceptedSignalRidesInTheNextRecordsOffsetSoARestartNeitherLosesNorRepeatsIt() throws Exception {
    List<SourceRecord> out = new ArrayList<>();
    BinlogEventHandler h = handler(out, Map.of());
    TableSchemaFactory schemas = new TableSchemaFactory("shop", TypeMappingOptions.defaults(), ColumnHints.none(true));
    SnapshotCoordinator coordinator = new SnapshotCoordinator(schemas, () -> {
      throw new java.sql.SQLException("not started in this test");
    }, true, 1, 100, new SnapshotState(null, null, List.of(), List.of("shop.orders")), new SnapshotMetrics(clock), t -> {
      throw new AssertionError(t);
    }, () -> {
      try {
        h.drainSnapshot();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, () -> { });
    try {
      h.attachSnapshot(coordinator);
      h.resetTo(new SourceOffset("0-1-4", "binlog.000001", 4, 0, 0, new SnapshotState(null, null, List.of(), List.of("shop.orders"))));
      List<Event> events = stream();
      h.handle(events.get(0));
      h.handle(events.get(1));
      // The signal arrives while a transaction is open: it waits for the transaction's end.
      coordinator.request(new SnapshotRequest(List.of("shop.orders"), 12, "signals/0@11"));
      for (Event e : events.subList(2, events.size())) {
        h.handle(e);
      }
      SourceOffset first = SourceOffset.fromMap(out.get(0).sourceOffset(), "test");
      assertThat(first.snapshot().signalOffset()).as("records of the transaction open when the signal came").isNull();
      SourceOffset last = SourceOffset.fromMap(out.get(out.size() - 1).sourceOffset(), "test");
      assertThat(last.snapshot().signalOffset()).isEqualTo(12L);
      assertThat(last.snapshot().pending()).containsExactly("shop.orders");
      assertThat(last.snapshot().done()).containsExactly("shop.orders");
      assertThat(h.committedPosition().snapshot()).isEqualTo(last.snapshot());
    } finally {
      coordinator.close();
    }
  }

  private static List<String> ops(List<SourceRecord> records) {
    return records.stream().map(r -> r.value() == null ? null : ((Struct) r.value()).getString("op")).toList();
  }

  private static Serializable[] row(int id, String name) {
    return new Serializable[] {id, name.getBytes(StandardCharsets.UTF_8)};
  }

  private Event event(EventType type, EventData data) {
    EventHeaderV4 header = new EventHeaderV4();
    header.setEventType(type);
    header.setTimestamp(1_700_000_000_000L);
    header.setServerId(1);
    header.setEventLength(100);
    position += 100;
    header.setNextPosition(position);
    return new Event(header, data);
  }

  private Event rotate() {
    position = 4;
    return rotateAt(4);
  }

  /** The artificial ROTATE a server sends first on every connection, naming where it starts. */
  private static Event rotateAt(long pos) {
    RotateEventData r = new RotateEventData();
    r.setBinlogFilename("binlog.000001");
    r.setBinlogPosition(pos);
    EventHeaderV4 header = new EventHeaderV4();
    header.setEventType(EventType.ROTATE);
    return new Event(header, r);
  }

  /**
   * A MariaDB GTID event of server 1 (the header's server id), decoded as the library decodes it:
   * its data's server id is left 0 unless the client tracks a GTID set itself.
   */
  private Event gtid(long seq) {
    MariadbGtidEventData g = new MariadbGtidEventData();
    g.setDomainId(0);
    g.setSequence(seq);
    return event(EventType.MARIADB_GTID, g);
  }

  private Event xid() {
    return event(EventType.XID, new XidEventData());
  }

  private Event tableMap(long id, String table) {
    TableMapEventData t = new TableMapEventData();
    t.setTableId(id);
    t.setDatabase("shop");
    t.setTable(table);
    t.setColumnTypes(new byte[] {3, 15});
    t.setColumnMetadata(new int[] {0, 80});
    BitSet nullable = new BitSet();
    nullable.set(1);
    t.setColumnNullability(nullable);
    TableMapEventMetadata m = new TableMapEventMetadata();
    m.setColumnNames(List.of("id", "name"));
    m.setSignedness(new BitSet());
    m.setSimplePrimaryKeys(List.of(0));
    TableMapEventMetadata.DefaultCharset charset = new TableMapEventMetadata.DefaultCharset();
    charset.setDefaultCharsetCollation(45);
    charset.setCharsetCollations(Map.of());
    m.setDefaultCharset(charset);
    t.setEventMetadata(m);
    return event(EventType.TABLE_MAP, t);
  }

  private static BitSet all() {
    BitSet b = new BitSet();
    b.set(0, 2);
    return b;
  }

  private Event write(long table, Serializable[]... rows) {
    WriteRowsEventData w = new WriteRowsEventData();
    w.setTableId(table);
    w.setIncludedColumns(all());
    w.setRows(List.of(rows));
    return event(EventType.EXT_WRITE_ROWS, w);
  }

  private Event update(long table, Serializable[] before, Serializable[] after) {
    UpdateRowsEventData u = new UpdateRowsEventData();
    u.setTableId(table);
    u.setIncludedColumnsBeforeUpdate(all());
    u.setIncludedColumns(all());
    u.setRows(List.of(new AbstractMap.SimpleEntry<>(before, after)));
    return event(EventType.EXT_UPDATE_ROWS, u);
  }

  private Event delete(long table, Serializable[] before) {
    DeleteRowsEventData d = new DeleteRowsEventData();
    d.setTableId(table);
    d.setIncludedColumns(all());
    d.setRows(List.of(new Serializable[][] {before}));
    return event(EventType.EXT_DELETE_ROWS, d);
  }

  @SuppressWarnings("unused")
  private Event query(String sql) {
    QueryEventData q = new QueryEventData();
    q.setSql(sql);
    q.setDatabase("shop");
    return event(EventType.QUERY, q);
  }
}
