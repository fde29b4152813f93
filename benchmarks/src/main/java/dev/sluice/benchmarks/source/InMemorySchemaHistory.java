package dev.sluice.benchmarks.source;

import io.debezium.relational.history.AbstractSchemaHistory;
import io.debezium.relational.history.HistoryRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A Debezium schema history kept in memory that counts as existing while still empty, so a task
 * with a stored offset starts streaming instead of asking for a snapshot. Debezium's own
 * {@code MemorySchemaHistory} reports an empty history as missing. Only for the benchmark, where the
 * stored offset lies before every {@code CREATE TABLE} of the captured tables.
 */
public final class InMemorySchemaHistory extends AbstractSchemaHistory {
  private final List<HistoryRecord> records = new CopyOnWriteArrayList<>();

  @Override
  protected void storeRecord(HistoryRecord record) {
    records.add(record);
  }

  @Override
  protected void recoverRecords(Consumer<HistoryRecord> consumer) {
    records.forEach(consumer);
  }

  @Override
  public boolean storageExists() {
    return true;
  }

  @Override
  public boolean exists() {
    return true;
  }
}
