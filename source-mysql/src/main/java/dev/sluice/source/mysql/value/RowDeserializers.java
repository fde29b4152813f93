package dev.sluice.source.mysql.value;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;

/**
 * The library's row deserializers with exact temporal and YEAR cells ({@link TemporalCells});
 * every other cell is decoded by the library (strings and binaries as {@code byte[]} under
 * CHAR_AND_BINARY_AS_BYTE_ARRAY, decoded later with the column's charset).
 */
final class RowDeserializers {
  private RowDeserializers() {
  }

  static final class Write extends WriteRowsEventDataDeserializer {
    Write(Map<Long, TableMapEventData> tableMaps) {
      super(tableMaps);
    }

    @Override
    protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in) throws IOException {
      return TemporalCells.handles(type) ? TemporalCells.decode(type, meta, in) : super.deserializeCell(type, meta, length, in);
    }
  }

  static final class Update extends UpdateRowsEventDataDeserializer {
    Update(Map<Long, TableMapEventData> tableMaps) {
      super(tableMaps);
    }

    @Override
    protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in) throws IOException {
      return TemporalCells.handles(type) ? TemporalCells.decode(type, meta, in) : super.deserializeCell(type, meta, length, in);
    }
  }

  static final class Delete extends DeleteRowsEventDataDeserializer {
    Delete(Map<Long, TableMapEventData> tableMaps) {
      super(tableMaps);
    }

    @Override
    protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in) throws IOException {
      return TemporalCells.handles(type) ? TemporalCells.decode(type, meta, in) : super.deserializeCell(type, meta, length, in);
    }
  }
}
