package dev.sluice.transforms.predicates;

import dev.sluice.transforms.util.ConfigValidators;
import dev.sluice.transforms.util.TombstoneMatching;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link TableMatches}. */
public final class TableMatchesConfig extends AbstractConfig {

  /** Setting: regex over {@code source.db}. */
  public static final String DB_REGEX_CONFIG = "db.regex";
  /** Doc of {@value #DB_REGEX_CONFIG}: full-match semantics, empty means any database. */
  public static final String DB_REGEX_DOC =
      "Java regular expression that must match the whole database name (source.db) of a change"
          + " event. Case-sensitive; prefix with (?i) to ignore case. Empty: any database. At least"
          + " one of 'db.regex' and 'table.regex' is required.";
  /** Display name of {@value #DB_REGEX_CONFIG}. */
  public static final String DB_REGEX_DISPLAY = "Database regex";

  /** Setting: regex over {@code source.table}. */
  public static final String TABLE_REGEX_CONFIG = "table.regex";
  /** Doc of {@value #TABLE_REGEX_CONFIG}: full-match semantics, empty means any table. */
  public static final String TABLE_REGEX_DOC =
      "Java regular expression that must match the whole table name (source.table) of a change"
          + " event; events without a table never match it. Case-sensitive; prefix with (?i) to"
          + " ignore case. Empty: any table. At least one of 'db.regex' and 'table.regex' is"
          + " required.";
  /** Display name of {@value #TABLE_REGEX_CONFIG}. */
  public static final String TABLE_REGEX_DISPLAY = "Table regex";

  /** Setting: the answer for tombstones. */
  public static final String TOMBSTONES_CONFIG = "tombstones";
  /** Default of {@value #TOMBSTONES_CONFIG}. */
  public static final String TOMBSTONES_DEFAULT = "match";
  /**
   * Doc of {@value #TOMBSTONES_CONFIG}: why tombstones need a fixed answer and which value to pick
   * for each direction of a Filter.
   */
  public static final String TOMBSTONES_DOC =
      "What the predicate answers for tombstones (null values), which carry no source block and so"
          + " cannot be tested: 'match' (true) or 'skip' (false). The answer applies to every"
          + " tombstone, whatever table it follows. With the default 'match', a Filter with"
          + " negate=true (keep only the matching tables) keeps all tombstones, so the tombstone"
          + " after each kept delete survives. For a Filter without negate (drop the matching"
          + " tables) set 'skip'; with 'match' it would drop the tombstones of all tables.";
  /** Display name of {@value #TOMBSTONES_CONFIG}. */
  public static final String TOMBSTONES_DISPLAY = "Tombstones";

  private static final String GROUP = "Table";

  /** The definition, shared with {@link TableMatches#CONFIG_DEF}. */
  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              DB_REGEX_CONFIG,
              ConfigDef.Type.STRING,
              null,
              ConfigValidators.optionalRegex(),
              ConfigDef.Importance.HIGH,
              DB_REGEX_DOC,
              GROUP,
              1,
              ConfigDef.Width.MEDIUM,
              DB_REGEX_DISPLAY)
          .define(
              TABLE_REGEX_CONFIG,
              ConfigDef.Type.STRING,
              null,
              ConfigValidators.optionalRegex(),
              ConfigDef.Importance.HIGH,
              TABLE_REGEX_DOC,
              GROUP,
              2,
              ConfigDef.Width.MEDIUM,
              TABLE_REGEX_DISPLAY)
          .define(
              TOMBSTONES_CONFIG,
              ConfigDef.Type.STRING,
              TOMBSTONES_DEFAULT,
              ConfigValidators.parsedBy(TombstoneMatching::parse, TombstoneMatching.validCodes()),
              ConfigDef.Importance.MEDIUM,
              TOMBSTONES_DOC,
              GROUP,
              3,
              ConfigDef.Width.SHORT,
              TOMBSTONES_DISPLAY);

  private final Pattern dbPattern;
  private final Pattern tablePattern;
  private final TombstoneMatching tombstones;

  /**
   * Parses and validates the settings.
   *
   * @param props the predicate's settings
   * @throws ConfigException naming the bad setting, or both regex settings if neither is set
   */
  public TableMatchesConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    this.dbPattern = optionalPattern(DB_REGEX_CONFIG);
    this.tablePattern = optionalPattern(TABLE_REGEX_CONFIG);
    this.tombstones = TombstoneMatching.parse(getString(TOMBSTONES_CONFIG));
    if (dbPattern == null && tablePattern == null) {
      throw new ConfigException(
          "TableMatches needs '"
              + DB_REGEX_CONFIG
              + "' or '"
              + TABLE_REGEX_CONFIG
              + "' (or both) set to a regular expression; neither is set");
    }
  }

  /** The database pattern, if set. */
  public Optional<Pattern> dbPattern() {
    return Optional.ofNullable(dbPattern);
  }

  /** The table pattern, if set. */
  public Optional<Pattern> tablePattern() {
    return Optional.ofNullable(tablePattern);
  }

  /** The answer for tombstones. */
  public TombstoneMatching tombstones() {
    return tombstones;
  }

  private Pattern optionalPattern(String name) {
    String regex = getString(name);
    return regex == null || regex.isBlank() ? null : ConfigValidators.compile(name, regex);
  }
}
