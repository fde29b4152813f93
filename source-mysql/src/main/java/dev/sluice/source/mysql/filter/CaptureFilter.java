package dev.sluice.source.mysql.filter;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which databases, tables and columns are captured: include/exclude lists of regular expressions,
 * each matched against the whole name ({@code db}, {@code db.table}, {@code db.table.column}).
 * An empty include list includes everything; a name matching an exclude pattern is excluded.
 * Decisions per table are cached: the binlog thread asks once per row event.
 */
public final class CaptureFilter {
  private final List<Pattern> dbInclude;
  private final List<Pattern> dbExclude;
  private final List<Pattern> tableInclude;
  private final List<Pattern> tableExclude;
  private final List<Pattern> columnExclude;
  private final Map<String, Map<String, Boolean>> tableDecisions = new ConcurrentHashMap<>();

  public CaptureFilter(List<Pattern> dbInclude, List<Pattern> dbExclude, List<Pattern> tableInclude,
      List<Pattern> tableExclude, List<Pattern> columnExclude) {
    this.dbInclude = List.copyOf(dbInclude);
    this.dbExclude = List.copyOf(dbExclude);
    this.tableInclude = List.copyOf(tableInclude);
    this.tableExclude = List.copyOf(tableExclude);
    this.columnExclude = List.copyOf(columnExclude);
  }

  /** Everything except MySQL's and MariaDB's own system schemas. */
  public static CaptureFilter all() {
    return new CaptureFilter(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  private static final List<String> SYSTEM_DATABASES = List.of("mysql", "sys", "performance_schema", "information_schema");

  public boolean includesDatabase(String db) {
    if (db == null || SYSTEM_DATABASES.contains(db.toLowerCase(java.util.Locale.ROOT))) {
      return false;
    }
    return matchesIncludeExclude(db, dbInclude, dbExclude);
  }

  public boolean includesTable(String db, String table) {
    if (db == null || table == null) {
      return decideTable(db, table);
    }
    // Asked once per row event: a hit builds no string and allocates nothing.
    Map<String, Boolean> tables = tableDecisions.get(db);
    Boolean decided = tables == null ? null : tables.get(table);
    if (decided != null) {
      return decided;
    }
    boolean included = decideTable(db, table);
    tableDecisions.computeIfAbsent(db, d -> new ConcurrentHashMap<>()).put(table, included);
    return included;
  }

  private boolean decideTable(String db, String table) {
    return includesDatabase(db) && matchesIncludeExclude(db + "." + table, tableInclude, tableExclude);
  }

  public boolean excludesColumn(String db, String table, String column) {
    String qualified = db + "." + table + "." + column;
    for (Pattern p : columnExclude) {
      if (p.matcher(qualified).matches()) {
        return true;
      }
    }
    return false;
  }

  public List<Pattern> columnExcludes() {
    return columnExclude;
  }

  private static boolean matchesIncludeExclude(String name, List<Pattern> include, List<Pattern> exclude) {
    for (Pattern p : exclude) {
      if (p.matcher(name).matches()) {
        return false;
      }
    }
    if (include.isEmpty()) {
      return true;
    }
    for (Pattern p : include) {
      if (p.matcher(name).matches()) {
        return true;
      }
    }
    return false;
  }
}
