package dev.sluice.source.mysql.value;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MissingTableMapEventException;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * The library's row deserializers with exact temporal and YEAR cells ({@link TemporalCells});
 * every other cell is decoded by the library (strings and binaries as {@code byte[]} under
 * CHAR_AND_BINARY_AS_BYTE_ARRAY, decoded later with the column's charset). A row is walked by
 * {@link #row}, which finds each cell's {@link ColumnType} in an array instead of the library's
 * boxed map lookup per cell.
 */
final class RowDeserializers {
  /** Column types by their binlog code (one byte), null for codes no type has. */
  private static final ColumnType[] BY_CODE = new ColumnType[256];
  private static final int STRING = ColumnType.STRING.getCode();
  private static final int ENUM = ColumnType.ENUM.getCode();
  private static final int SET = ColumnType.SET.getCode();

  static {
    for (ColumnType t : ColumnType.values()) {
      BY_CODE[t.getCode()] = t;
    }
  }

  private RowDeserializers() {
  }

  /** One deserializer's cell decoding. */
  @FunctionalInterface
  interface Cells {
    Serializable decode(ColumnType type, int meta, int length, ByteArrayInputStream in) throws IOException;
  }

  /**
   * One row image of table {@code tableId}, read as the library's {@code deserializeRow} reads it:
   * the null bitmap of the included columns, then each non-null included cell by its TABLE_MAP
   * type and metadata (a STRING column's real type and length are packed into its metadata).
   */
  static Serializable[] row(Map<Long, TableMapEventData> tableMaps, long tableId, BitSet included, ByteArrayInputStream in, Cells cells)
      throws IOException {
    TableMapEventData tableMap = tableMaps.get(tableId);
    if (tableMap == null) {
      throw new MissingTableMapEventException("no TABLE_MAP event has been read for table id " + tableId
          + ": reading started inside an event group (at a row event instead of its TABLE_MAP)");
    }
    byte[] types = tableMap.getColumnTypes();
    int[] metadata = tableMap.getColumnMetadata();
    Serializable[] result = new Serializable[included.cardinality()];
    BitSet nulls = in.readBitSet(result.length, true);
    int index = 0;
    for (int i = 0; i < types.length; i++) {
      if (!included.get(i)) {
        continue;
      }
      if (!nulls.get(index)) {
        int code = types[i] & 0xFF;
        int meta = metadata[i];
        int length = 0;
        if (code == STRING) {
          if (meta >= 256) {
            int meta0 = meta >> 8;
            int meta1 = meta & 0xFF;
            if ((meta0 & 0x30) != 0x30) {
              // CHAR longer than 255 bytes: the length's high bits are stored inverted in meta0.
              code = meta0 | 0x30;
              length = meta1 | (((meta0 & 0x30) ^ 0x30) << 4);
            } else {
              if (meta0 == ENUM || meta0 == SET) {
                code = meta0;
              }
              length = meta1;
            }
          } else {
            length = meta;
          }
        }
        ColumnType type = BY_CODE[code];
        if (type == null) {
          throw new IOException("column " + columnName(tableMap, i) + " of " + tableMap.getDatabase() + "." + tableMap.getTable()
              + " (table id " + tableId + ") has binlog type code " + code + ", which mysql-binlog-connector-java cannot decode");
        }
        result[index] = cells.decode(type, meta, length, in);
      }
      index++;
    }
    return result;
  }

  private static String columnName(TableMapEventData tableMap, int column) {
    List<String> names = tableMap.getEventMetadata() == null ? null : tableMap.getEventMetadata().getColumnNames();
    return names != null && column < names.size() ? "'" + names.get(column) + "' (#" + (column + 1) + ")" : "#" + (column + 1);
  }

  static final class Write extends WriteRowsEventDataDeserializer {
    private final Map<Long, TableMapEventData> tableMaps;
    private final Cells cells = this::deserializeCell;

    Write(Map<Long, TableMapEventData> tableMaps) {
      super(tableMaps);
      this.tableMaps = tableMaps;
    }

    @Override
    protected Serializable[] deserializeRow(long tableId, BitSet included, ByteArrayInputStream in) throws IOException {
      return row(tableMaps, tableId, included, in, cells);
    }

    @Override
    protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in) throws IOException {
      return TemporalCells.handles(type) ? TemporalCells.decode(type, meta, in) : super.deserializeCell(type, meta, length, in);
    }
  }

  static final class Update extends UpdateRowsEventDataDeserializer {
    private final Map<Long, TableMapEventData> tableMaps;
    private final Cells cells = this::deserializeCell;

    Update(Map<Long, TableMapEventData> tableMaps) {
      super(tableMaps);
      this.tableMaps = tableMaps;
    }

    @Override
    protected Serializable[] deserializeRow(long tableId, BitSet included, ByteArrayInputStream in) throws IOException {
      return row(tableMaps, tableId, included, in, cells);
    }

    @Override
    protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in) throws IOException {
      return TemporalCells.handles(type) ? TemporalCells.decode(type, meta, in) : super.deserializeCell(type, meta, length, in);
    }
  }

  static final class Delete extends DeleteRowsEventDataDeserializer {
    private final Map<Long, TableMapEventData> tableMaps;
    private final Cells cells = this::deserializeCell;

    Delete(Map<Long, TableMapEventData> tableMaps) {
      super(tableMaps);
      this.tableMaps = tableMaps;
    }

    @Override
    protected Serializable[] deserializeRow(long tableId, BitSet included, ByteArrayInputStream in) throws IOException {
      return row(tableMaps, tableId, included, in, cells);
    }

    @Override
    protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in) throws IOException {
      return TemporalCells.handles(type) ? TemporalCells.decode(type, meta, in) : super.deserializeCell(type, meta, length, in);
    }
  }
}
