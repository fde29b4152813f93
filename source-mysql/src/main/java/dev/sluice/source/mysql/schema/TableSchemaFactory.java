package dev.sluice.source.mysql.schema;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import dev.sluice.source.mysql.value.MysqlCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link TableSchema}s from TABLE_MAP events written with {@code binlog_row_metadata=FULL}:
 * column names, types, signedness, charsets, ENUM/SET values, geometry types and the primary key
 * all come from the event; {@link ColumnHints} only add what the event lacks.
 */
public final class TableSchemaFactory {
  private static final Logger LOG = LoggerFactory.getLogger(TableSchemaFactory.class);
  private static final int HINT_CACHE_SIZE = 1_000;
  private static final String[] GEOMETRY_TYPES = {"geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
      "multipolygon", "geometrycollection"};

  private final String topicPrefix;
  private final TypeMappingOptions options;
  private final ColumnHints hints;
  private final List<Pattern> exclusions;
  private final Map<String, Map<String, ColumnHint>> hintCache = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Map<String, ColumnHint>> eldest) {
      return size() > HINT_CACHE_SIZE;
    }
  };

  /**
   * @param topicPrefix names the schemas ({@code <topicPrefix>.<db>.<table>.Value} / {@code .Key})
   * @param options     the type mapping options
   * @param hints       what TABLE_MAP lacks (information_schema), or {@link ColumnHints#none(boolean)}
   */
  public TableSchemaFactory(String topicPrefix, TypeMappingOptions options, ColumnHints hints) {
    this.topicPrefix = topicPrefix;
    this.options = options;
    this.hints = hints;
    this.exclusions = options.exclusionPatterns();
  }

  /**
   * The schema of the table shape a TABLE_MAP event describes.
   *
   * @throws ConnectException naming {@code db.table} when the event lacks the FULL row metadata, and
   *                          naming the column when a column's type or charset cannot be mapped
   */
  public TableSchema create(TableMapEventData tableMap) {
    TableId id = new TableId(tableMap.getDatabase(), tableMap.getTable());
    TableMapEventMetadata metadata = tableMap.getEventMetadata();
    byte[] types = tableMap.getColumnTypes();
    if (metadata == null || metadata.getColumnNames() == null || metadata.getColumnNames().isEmpty()) {
      throw new ConnectException("the TABLE_MAP event of " + id.qualified() + " carries no column names: the server writes "
          + "binlog_row_metadata=MINIMAL (or is older than MySQL 8.0.1 / MariaDB 10.5). Set binlog_row_metadata=FULL "
          + "(SET GLOBAL binlog_row_metadata = 'FULL' and in the server configuration); changes logged before that cannot be read");
    }
    List<String> names = metadata.getColumnNames();
    if (names.size() != types.length) {
      throw new ConnectException("the TABLE_MAP event of " + id.qualified() + " names " + names.size() + " columns but declares "
          + types.length + " column types");
    }
    int[] meta = tableMap.getColumnMetadata();
    int n = types.length;
    int[] real = new int[n];
    for (int i = 0; i < n; i++) {
      real[i] = realType(types[i] & 0xFF, meta[i]);
    }
    boolean mariaDb = hints.mariaDb();
    int[] collations = characterCollations(id, metadata, real, names, mariaDb);
    List<Integer> keyOrder = primaryKey(metadata);
    Map<String, ColumnHint> columnHints = needsHints(real, collations) ? hintsFor(id, names, types, meta) : Map.of();

    List<ColumnInfo> columns = new ArrayList<>(n);
    int enumIndex = 0;
    int setIndex = 0;
    int geometryIndex = 0;
    BitSet unsigned = metadata.getSignedness() == null ? new BitSet() : metadata.getSignedness();
    BitSet nullable = tableMap.getColumnNullability() == null ? new BitSet() : tableMap.getColumnNullability();
    for (int i = 0; i < n; i++) {
      String name = names.get(i);
      int t = real[i];
      List<String> enumValues = List.of();
      List<String> setValues = List.of();
      int geometryType = -1;
      if (t == ColumnMappings.ENUM) {
        enumValues = values(metadata.getEnumStrValues(), enumIndex++, id, name, "ENUM");
      } else if (t == ColumnMappings.SET) {
        setValues = values(metadata.getSetStrValues(), setIndex++, id, name, "SET");
      } else if (t == ColumnMappings.GEOMETRY) {
        List<Integer> g = metadata.getGeometryTypes();
        geometryType = g != null && geometryIndex < g.size() ? g.get(geometryIndex) : 0;
        geometryIndex++;
      }
      ColumnHint hint = columnHints.get(name.toLowerCase(Locale.ROOT));
      String charset = collations[i] < 0 ? null : charsetOf(id, name, collations[i]);
      boolean json = t == ColumnMappings.JSON || (t == ColumnMappings.BLOB && hint != null && hint.json() && !"binary".equals(charset));
      boolean tinyInt1 = t == ColumnMappings.TINY && hint != null && hint.isTinyInt1();
      boolean pk = keyOrder.contains(i);
      boolean excluded = !pk && excluded(id, name);
      if (pk && excluded(id, name)) {
        LOG.warn("column {}.{} matches an excluded-columns pattern but is part of the primary key; it stays in the value", id.qualified(), name);
      }
      int m = meta[i];
      columns.add(new ColumnInfo(i, name, typeName(t, m, unsigned.get(i), charset, json, tinyInt1, geometryType), types[i] & 0xFF, t, m,
          nullable.get(i), pk, unsigned.get(i), collations[i], charset, length(t, m), t == ColumnMappings.NEWDECIMAL ? m & 0xFF : 0,
          t == ColumnMappings.NEWDECIMAL ? m >> 8 : 0, fsp(t, m), enumValues, setValues, geometryType, json, tinyInt1, excluded));
    }
    return build(id, columns, keyOrder);
  }

  /**
   * The schema of a table as information_schema describes it now, for snapshots: the same
   * {@link TableSchema#rowSchema()} and {@link TableSchema#keySchema()} the TABLE_MAP path builds for
   * the same table shape, so snapshot rows and streamed rows share one schema.
   *
   * @param connection a connection of the connector account (only SELECT on information_schema needed)
   * @throws ConnectException naming the table or column when it cannot be read or mapped
   */
  public TableSchema createFromInformationSchema(java.sql.Connection connection, TableId id) throws java.sql.SQLException {
    Map<String, ColumnHint> columnHints = Map.copyOf(hints.columns(id));
    InformationSchemaTables.Shape shape = InformationSchemaTables.read(connection, id, columnHints);
    List<ColumnInfo> columns = new ArrayList<>(shape.columns().size());
    for (ColumnInfo c : shape.columns()) {
      boolean excluded = !c.primaryKey() && excluded(id, c.name());
      columns.add(excluded == c.excluded() ? c : new ColumnInfo(c.position(), c.name(), c.typeName(), c.binlogType(), c.realType(),
          c.meta(), c.nullable(), c.primaryKey(), c.unsigned(), c.collationId(), c.charset(), c.length(), c.precision(), c.scale(),
          c.fsp(), c.enumValues(), c.setValues(), c.geometryType(), c.json(), c.tinyInt1(), excluded));
    }
    return build(id, columns, shape.keyOrder());
  }

  private TableSchema build(TableId id, List<ColumnInfo> columns, List<Integer> keyOrder) {
    String base = topicPrefix + "." + id.database() + "." + id.table();
    SchemaBuilder value = SchemaBuilder.struct().name(base + ".Value").optional();
    ColumnMapping[] mappings = new ColumnMapping[columns.size()];
    for (ColumnInfo c : columns) {
      if (c.excluded()) {
        continue;
      }
      try {
        mappings[c.position()] = ColumnMappings.forColumn(c, options);
      } catch (ColumnMappings.UnsupportedTypeException e) {
        throw new ConnectException("column " + id.qualified() + "." + c.name() + " (" + c.typeName() + "): " + e.getMessage()
            + "; exclude it with the excluded-columns option to capture the rest of the table");
      }
      value.field(c.name(), mappings[c.position()].schema());
    }
    Schema rowSchema = value.build();
    Schema keySchema = null;
    List<String> keyFields = new ArrayList<>();
    if (!keyOrder.isEmpty()) {
      SchemaBuilder key = SchemaBuilder.struct().name(base + ".Key");
      for (int position : keyOrder) {
        ColumnInfo c = columns.get(position);
        key.field(c.name(), mappings[position].schema());
        keyFields.add(c.name());
      }
      keySchema = key.build();
    }
    return new TableSchema(id, keySchema, rowSchema, columns, mappings, keyFields);
  }

  private boolean excluded(TableId id, String column) {
    if (exclusions.isEmpty()) {
      return false;
    }
    String full = id.database() + "." + id.table() + "." + column;
    for (Pattern p : exclusions) {
      if (p.matcher(full).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Hints are needed for TINYINT(1) (display width) and MariaDB JSON (text BLOB); other shapes skip the lookup. */
  private boolean needsHints(int[] real, int[] collations) {
    for (int i = 0; i < real.length; i++) {
      if (real[i] == ColumnMappings.TINY && options.tinyInt1AsBoolean()) {
        return true;
      }
      if (real[i] == ColumnMappings.BLOB && collations[i] >= 0 && collations[i] != MysqlCharsets.BINARY_COLLATION) {
        return true;
      }
    }
    return false;
  }

  private Map<String, ColumnHint> hintsFor(TableId id, List<String> names, byte[] types, int[] meta) {
    String key = id.qualified() + "|" + names + "|" + Arrays.toString(types) + "|" + Arrays.toString(meta);
    synchronized (hintCache) {
      Map<String, ColumnHint> cached = hintCache.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Map<String, ColumnHint> fresh = Map.copyOf(hints.columns(id));
    synchronized (hintCache) {
      hintCache.put(key, fresh);
    }
    return fresh;
  }

  static int realType(int type, int meta) {
    if (type == ColumnMappings.STRING && meta >= 256) {
      int high = meta >> 8;
      return (high & 0x30) != 0x30 ? high | 0x30 : high;
    }
    return type;
  }

  /**
   * The collation of every character column (by position), -1 for the others. MySQL lists
   * collations for CHAR, VARCHAR, BINARY, VARBINARY, TEXT and BLOB columns; MariaDB also for
   * GEOMETRY. When a per-column list is sent, its length settles which rule the server used.
   */
  private static int[] characterCollations(TableId id, TableMapEventMetadata metadata, int[] real, List<String> names, boolean mariaDb) {
    int[] collations = new int[real.length];
    Arrays.fill(collations, -1);
    List<Integer> perColumn = metadata.getColumnCharsets();
    TableMapEventMetadata.DefaultCharset defaults = metadata.getDefaultCharset();
    boolean countGeometry = mariaDb;
    if (perColumn != null) {
      int withGeometry = countCharacterColumns(real, true);
      int withoutGeometry = countCharacterColumns(real, false);
      if (perColumn.size() == withGeometry && perColumn.size() != withoutGeometry) {
        countGeometry = true;
      } else if (perColumn.size() == withoutGeometry && perColumn.size() != withGeometry) {
        countGeometry = false;
      } else if (perColumn.size() != withGeometry) {
        throw new ConnectException("the TABLE_MAP event of " + id.qualified() + " lists " + perColumn.size()
            + " column charsets for " + withoutGeometry + " character columns");
      }
    }
    int k = 0;
    for (int i = 0; i < real.length; i++) {
      if (!isCharacterColumn(real[i], countGeometry)) {
        continue;
      }
      if (perColumn != null) {
        collations[i] = perColumn.get(k);
      } else if (defaults != null) {
        Integer exception = defaults.getCharsetCollations() == null ? null : defaults.getCharsetCollations().get(k);
        collations[i] = exception != null ? exception : defaults.getDefaultCharsetCollation();
      } else if (real[i] != ColumnMappings.GEOMETRY) {
        throw new ConnectException("the TABLE_MAP event of " + id.qualified() + " carries no charset for column " + names.get(i)
            + "; set binlog_row_metadata=FULL");
      }
      k++;
    }
    return collations;
  }

  private static int countCharacterColumns(int[] real, boolean countGeometry) {
    int count = 0;
    for (int t : real) {
      count += isCharacterColumn(t, countGeometry) ? 1 : 0;
    }
    return count;
  }

  private static boolean isCharacterColumn(int realType, boolean countGeometry) {
    return switch (realType) {
      case ColumnMappings.STRING, ColumnMappings.VAR_STRING, ColumnMappings.VARCHAR, ColumnMappings.BLOB -> true;
      case ColumnMappings.GEOMETRY -> countGeometry;
      default -> false;
    };
  }

  private String charsetOf(TableId id, String column, int collation) {
    Optional<String> charset = MysqlCharsets.charsetOfCollation(collation);
    if (charset.isEmpty()) {
      charset = hints.charsetOfCollation(collation);
    }
    return charset.orElseThrow(() -> new ConnectException("column " + id.qualified() + "." + column + " has collation id " + collation
        + ", which neither Sluice nor the server's information_schema.COLLATIONS knows"));
  }

  /** Primary-key column positions in key order (a prefix key uses the whole column). */
  private static List<Integer> primaryKey(TableMapEventMetadata metadata) {
    if (metadata.getSimplePrimaryKeys() != null && !metadata.getSimplePrimaryKeys().isEmpty()) {
      return List.copyOf(metadata.getSimplePrimaryKeys());
    }
    if (metadata.getPrimaryKeysWithPrefix() != null && !metadata.getPrimaryKeysWithPrefix().isEmpty()) {
      return List.copyOf(metadata.getPrimaryKeysWithPrefix().keySet());
    }
    return List.of();
  }

  private static List<String> values(List<String[]> all, int index, TableId id, String column, String kind) {
    if (all == null || index >= all.size()) {
      throw new ConnectException("the TABLE_MAP event of " + id.qualified() + " carries no " + kind + " values for column " + column
          + "; set binlog_row_metadata=FULL");
    }
    return List.of(all.get(index));
  }

  private static int length(int type, int meta) {
    return switch (type) {
      case ColumnMappings.STRING -> {
        if (meta < 256) {
          yield meta;
        }
        int high = meta >> 8;
        int low = meta & 0xFF;
        yield (high & 0x30) != 0x30 ? low | (((high & 0x30) ^ 0x30) << 4) : low;
      }
      case ColumnMappings.VARCHAR, ColumnMappings.VAR_STRING, ColumnMappings.BLOB, ColumnMappings.GEOMETRY, ColumnMappings.JSON -> meta;
      case ColumnMappings.BIT -> (meta >> 8) * 8 + (meta & 0xFF);
      default -> 0;
    };
  }

  private static int fsp(int type, int meta) {
    return switch (type) {
      case ColumnMappings.TIME2, ColumnMappings.DATETIME2, ColumnMappings.TIMESTAMP2 -> meta;
      default -> 0;
    };
  }

  /** The type as a user would write it (lengths of character types are in bytes, so they are left out). */
  static String typeName(int t, int meta, boolean unsigned, String charset, boolean json, boolean tinyInt1, int geometryType) {
    String u = unsigned ? " unsigned" : "";
    boolean binary = "binary".equals(charset);
    return switch (t) {
      case ColumnMappings.TINY -> (tinyInt1 ? "tinyint(1)" : "tinyint") + u;
      case ColumnMappings.SHORT -> "smallint" + u;
      case ColumnMappings.INT24 -> "mediumint" + u;
      case ColumnMappings.LONG -> "int" + u;
      case ColumnMappings.LONGLONG -> "bigint" + u;
      case ColumnMappings.NEWDECIMAL -> "decimal(" + (meta & 0xFF) + "," + (meta >> 8) + ")" + u;
      case ColumnMappings.FLOAT -> "float" + u;
      case ColumnMappings.DOUBLE -> "double" + u;
      case ColumnMappings.BIT -> "bit(" + length(t, meta) + ")";
      case ColumnMappings.YEAR -> "year";
      case ColumnMappings.DATE, ColumnMappings.NEWDATE -> "date";
      case ColumnMappings.TIME -> "time";
      case ColumnMappings.TIME2 -> meta == 0 ? "time" : "time(" + meta + ")";
      case ColumnMappings.DATETIME -> "datetime";
      case ColumnMappings.DATETIME2 -> meta == 0 ? "datetime" : "datetime(" + meta + ")";
      case ColumnMappings.TIMESTAMP -> "timestamp";
      case ColumnMappings.TIMESTAMP2 -> meta == 0 ? "timestamp" : "timestamp(" + meta + ")";
      case ColumnMappings.STRING -> binary ? "binary(" + length(t, meta) + ")" : "char";
      case ColumnMappings.VARCHAR, ColumnMappings.VAR_STRING -> binary ? "varbinary" : "varchar";
      case ColumnMappings.BLOB -> json ? "json" : blobName(meta, binary);
      case ColumnMappings.ENUM -> "enum";
      case ColumnMappings.SET -> "set";
      case ColumnMappings.JSON -> "json";
      case ColumnMappings.GEOMETRY -> geometryType >= 0 && geometryType < GEOMETRY_TYPES.length ? GEOMETRY_TYPES[geometryType] : "geometry";
      default -> "type " + t;
    };
  }

  private static String blobName(int lengthBytes, boolean binary) {
    String prefix = switch (lengthBytes) {
      case 1 -> "tiny";
      case 3 -> "medium";
      case 4 -> "long";
      default -> "";
    };
    return prefix + (binary ? "blob" : "text");
  }
}
