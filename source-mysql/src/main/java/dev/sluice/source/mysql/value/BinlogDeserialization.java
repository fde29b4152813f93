package dev.sluice.source.mysql.value;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.LRUCache;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderV4Deserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer.CompatibilityMode;
import java.lang.reflect.Field;
import java.util.IdentityHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one deserializer setup for {@code BinaryLogClient}, matching what
 * {@link dev.sluice.source.mysql.schema.TableSchema#row} expects:
 *
 * <ul>
 *   <li>CHAR, VARCHAR, BINARY and VARBINARY arrive as {@code byte[]} ({@code CHAR_AND_BINARY_AS_BYTE_ARRAY})
 *       and are decoded with the column's own charset from TABLE_MAP, never the JVM default;
 *   <li>DATE, TIME, DATETIME, TIMESTAMP and YEAR arrive as {@link MysqlDate}, {@link MysqlTime},
 *       {@link MysqlDateTime}, {@link MysqlTimestamp} and {@link Integer}: exact for zero dates,
 *       dates with zero parts, negative TIME, TIME beyond 24 hours, fractional seconds 0..6 and YEAR 0000;
 *   <li>TABLE_MAP events carry their optional metadata decoded with the right charsets (see
 *       {@link TableMapParser});
 *   <li>MySQL 8 TRANSACTION_PAYLOAD events carry their inner events decoded the same way.
 * </ul>
 *
 * <p>Other cells keep the library's representation: TINYINT..INT as {@link Integer} (signed;
 * unsigned values are widened by the schema), BIGINT as {@link Long}, DECIMAL as
 * {@link java.math.BigDecimal}, FLOAT/DOUBLE as {@link Float}/{@link Double}, BIT as
 * {@link java.util.BitSet}, ENUM as its 1-based index ({@link Integer}), SET as its bitmask
 * ({@link Long}), BLOB/TEXT/GEOMETRY/JSON as {@code byte[]}.
 */
public final class BinlogDeserialization {
  /** Table ids remembered for row events; the library's default. */
  private static final int TABLE_MAP_CACHE_SIZE = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(BinlogDeserialization.class);

  private BinlogDeserialization() {
  }

  /**
   * The library reads every TABLE_MAP twice when the reader is not its own: once with its own
   * reader for the table map cache its row readers use, once with the registered one for the event.
   * This points the first at Sluice's parser too, so rows are read with the same table map the
   * event carries, and the second call on the same bytes returns the first's result. Where the
   * library's field is not found (another library version), it keeps reading twice: slower, and
   * the rows are still decoded with the library's own reading of the same TABLE_MAP.
   */
  private static void shareTableMapParser(EventDeserializer deserializer, TableMapParser parser) {
    try {
      Field internal = EventDeserializer.class.getDeclaredField("tableMapEventDataDeserializer");
      internal.setAccessible(true);
      if (internal.get(deserializer) instanceof EventDeserializer.EventDataWrapper.Deserializer) {
        internal.set(deserializer, new EventDeserializer.EventDataWrapper.Deserializer(parser, parser));
        return;
      }
      LOG.info("mysql-binlog-connector-java's TABLE_MAP reader is not the expected wrapper; every TABLE_MAP is read twice");
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.info("cannot share Sluice's TABLE_MAP parser with mysql-binlog-connector-java ({}); every TABLE_MAP is read twice", e.toString());
    }
  }

  /** A new, fully configured deserializer; call once per {@code BinaryLogClient}. */
  public static EventDeserializer newEventDeserializer() {
    return newEventDeserializer(newTableMapCache());
  }

  /**
   * The table maps by table id that a deserializer's row readers decode with, as the library keeps
   * them (the latest TABLE_MAP per id, at most 10,000 ids); not thread-safe: the reading thread's.
   */
  public static Map<Long, TableMapEventData> newTableMapCache() {
    return new LRUCache<>(100, 0.75f, TABLE_MAP_CACHE_SIZE);
  }

  /** A new deserializer whose row readers take their table maps from {@code tableMaps}, which it fills. */
  @SuppressWarnings("rawtypes") // the library's EventDeserializer constructor takes a raw map
  public static EventDeserializer newEventDeserializer(Map<Long, TableMapEventData> tableMaps) {
    // The row deserializers must share the deserializer's TABLE_MAP cache, which the library only
    // exposes through this constructor: start from the library's defaults, then replace.
    EventDeserializer defaults = new EventDeserializer();
    Map<EventType, EventDataDeserializer> byType = new IdentityHashMap<>();
    for (EventType type : EventType.values()) {
      EventDataDeserializer d = defaults.getEventDataDeserializer(type);
      if (!(d instanceof NullEventDataDeserializer)) {
        byType.put(type, d);
      }
    }
    TableMapParser tableMapParser = new TableMapParser();
    byType.put(EventType.TABLE_MAP, tableMapParser);
    byType.put(EventType.WRITE_ROWS, new RowDeserializers.Write(tableMaps));
    byType.put(EventType.UPDATE_ROWS, new RowDeserializers.Update(tableMaps));
    byType.put(EventType.DELETE_ROWS, new RowDeserializers.Delete(tableMaps));
    byType.put(EventType.EXT_WRITE_ROWS, new RowDeserializers.Write(tableMaps).setMayContainExtraInformation(true));
    byType.put(EventType.EXT_UPDATE_ROWS, new RowDeserializers.Update(tableMaps).setMayContainExtraInformation(true));
    byType.put(EventType.EXT_DELETE_ROWS, new RowDeserializers.Delete(tableMaps).setMayContainExtraInformation(true));
    byType.put(EventType.TRANSACTION_PAYLOAD, new CompressedTransactionDeserializer(BinlogDeserialization::newEventDeserializer));
    EventDeserializer deserializer = new EventDeserializer(new EventHeaderV4Deserializer(), new NullEventDataDeserializer(), byType, tableMaps);
    shareTableMapParser(deserializer, tableMapParser);
    // Applies to every row deserializer registered above.
    deserializer.setCompatibilityMode(CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
    return deserializer;
  }
}
