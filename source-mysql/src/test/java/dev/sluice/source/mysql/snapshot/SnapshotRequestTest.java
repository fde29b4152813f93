package dev.sluice.source.mysql.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.event.SourceInfo;
import dev.sluice.source.mysql.offset.SnapshotState;
import dev.sluice.source.mysql.offset.SourceOffset;
import dev.sluice.source.mysql.schema.ColumnHints;
import dev.sluice.source.mysql.schema.TableSchema;
import dev.sluice.source.mysql.schema.TableSchemaFactory;
import dev.sluice.source.mysql.schema.TypeMappingOptions;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests (signals) reaching the coordinator: applied at the next drain, they put the tables on the
 * pending list and in the planner's queue - also tables copied before - and record the signal
 * position in the same state, which the handler's next offset carries.
 */
class SnapshotRequestTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
  private final AtomicInteger drainRequests = new AtomicInteger();
  private final List<SnapshotState> advanced = new ArrayList<>();
  private SnapshotCoordinator coordinator;

  private final SnapshotSink sink = new SnapshotSink() {
    @Override
    public SourceOffset position() {
      return new SourceOffset("0-1-5", "binlog.000001", 4, 0, 3);
    }

    @Override
    public void emitRead(TableSchema schema, Struct row, SourceInfo.Snapshot marker, SnapshotState state) {
      throw new AssertionError("no chunk was read, nothing to emit");
    }

    @Override
    public void advance(SnapshotState state) {
      advanced.add(state);
    }
  };

  /** A coordinator that is not started: its planner never runs, so no JDBC connection is ever opened. */
  private SnapshotCoordinator coordinator(SnapshotState initial) {
    TableSchemaFactory schemas = new TableSchemaFactory("shop", TypeMappingOptions.defaults(), ColumnHints.none(true));
    coordinator = new SnapshotCoordinator(schemas, () -> {
      throw new SQLException("no database in this test");
    }, true, 1, 100, initial, new SnapshotMetrics(clock), t -> {
      throw new AssertionError(t);
    }, drainRequests::incrementAndGet, () -> { });
    return coordinator;
  }

  @Test
  void anErrorInThePlannerFailsTheTaskInsteadOfStallingTheCopy() throws Exception {
    TableSchemaFactory schemas = new TableSchemaFactory("shop", TypeMappingOptions.defaults(), ColumnHints.none(true));
    java.util.concurrent.CompletableFuture<Throwable> fatal = new java.util.concurrent.CompletableFuture<>();
    coordinator = new SnapshotCoordinator(schemas, () -> {
      throw new java.util.ServiceConfigurationError("org.mariadb.jdbc.plugin.Codec: Error accessing configuration file");
    }, true, 1, 100, new SnapshotState(null, null, List.of("shop.orders"), List.of()), new SnapshotMetrics(clock), fatal::complete,
        drainRequests::incrementAndGet, () -> { });

    coordinator.start();

    Throwable t = fatal.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(t).isInstanceOf(org.apache.kafka.connect.errors.ConnectException.class)
        .hasMessageContaining("snapshot planner failed").hasMessageContaining("Codec")
        .hasCauseInstanceOf(java.util.ServiceConfigurationError.class);
  }

  @AfterEach
  void close() {
    if (coordinator != null) {
      coordinator.close();
    }
  }

  @Test
  void aRequestedTableIsQueuedAgainEvenWhenItWasCopiedBeforeAndTheSignalPositionIsRecorded() throws Exception {
    SnapshotCoordinator c = coordinator(new SnapshotState(null, null, List.of(), List.of("shop.orders", "shop.lines")));
    c.request(new SnapshotRequest(List.of("shop.orders"), 8, "signals/0@7"));
    assertThat(drainRequests).as("the handler is asked to drain soon").hasValue(1);
    assertThat(c.waitingForPlanner()).as("applied on the binlog thread, not before").isEmpty();

    c.drain(sink);
    assertThat(c.waitingForPlanner()).containsExactly("shop.orders");
    SnapshotState expected = new SnapshotState(null, null, List.of("shop.orders"), List.of("shop.orders", "shop.lines"), 8L);
    assertThat(advanced).containsExactly(expected);
    assertThat(c.state()).isEqualTo(expected);
    assertThat(c.state().inProgress()).isTrue();
  }

  @Test
  void aTableAlreadyWaitingIsNotQueuedTwiceButThePositionStillMoves() throws Exception {
    SnapshotCoordinator c = coordinator(new SnapshotState(null, null, List.of(), List.of("shop.orders")));
    c.request(new SnapshotRequest(List.of("shop.orders"), 3, "signals/0@2"));
    c.request(new SnapshotRequest(List.of("shop.orders", "shop.lines"), 4, "signals/0@3"));
    c.request(new SnapshotRequest(List.of(), 9, "signals/0 after skipped messages"));
    c.drain(sink);
    assertThat(c.waitingForPlanner()).containsExactly("shop.orders", "shop.lines");
    assertThat(c.state().pending()).containsExactly("shop.orders", "shop.lines");
    assertThat(c.state().signalOffset()).isEqualTo(9L);
    assertThat(advanced).hasSize(1);
  }

  @Test
  void withoutRequestsADrainChangesNothing() throws Exception {
    SnapshotState initial = new SnapshotState(null, null, List.of(), List.of("shop.orders"), 5L);
    SnapshotCoordinator c = coordinator(initial);
    c.drain(sink);
    assertThat(advanced).isEmpty();
    assertThat(c.state()).isEqualTo(initial);
  }
}
