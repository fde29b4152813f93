package dev.sluice.source.mysql.binlog;

import com.github.shyiko.mysql.binlog.event.EventData;

/** A row event of a table that is not captured: its rows were never decoded. */
record SkippedRows(long tableId) implements EventData {
}
