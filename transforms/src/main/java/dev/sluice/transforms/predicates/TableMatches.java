package dev.sluice.transforms.predicates;

import dev.sluice.event.EnvelopeFields;
import dev.sluice.event.SluiceVersion;
import dev.sluice.transforms.util.NullPolicy;
import dev.sluice.transforms.util.TombstoneMatching;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches change events whose database and/or table name fully match regular expressions.
 *
 * <p>Reads {@code source.db} and {@code source.table}, so it works whatever the topic is called
 * (also after topic routing), on Sluice and Debezium events, with a schema or schemaless. Values
 * that are not change events never match ({@link NullPolicy}). Tombstones carry no source block;
 * the {@code tombstones} setting decides for them (see {@link TableMatchesConfig#TOMBSTONES_DOC}).
 * Example, keeping only the {@code audit_*} tables:
 *
 * <pre>
 * predicates=isAudit
 * predicates.isAudit.type=dev.sluice.transforms.predicates.TableMatches
 * predicates.isAudit.table.regex=audit_.*
 * transforms=onlyAudit
 * transforms.onlyAudit.type=org.apache.kafka.connect.transforms.Filter
 * transforms.onlyAudit.predicate=isAudit
 * transforms.onlyAudit.negate=true
 * </pre>
 *
 * @param <R> the record type
 */
public class TableMatches<R extends ConnectRecord<R>> implements Predicate<R>, Versioned {

  /** Shown in generated docs. */
  public static final String OVERVIEW_DOC =
      "True for change events (Sluice or Debezium, with or without schema) whose source.db matches '"
          + TableMatchesConfig.DB_REGEX_CONFIG
          + "' and whose source.table matches '"
          + TableMatchesConfig.TABLE_REGEX_CONFIG
          + "' (whole-name matches; an unset regex matches anything). Values that are not change"
          + " events are never matched; tombstones are answered by '"
          + TableMatchesConfig.TOMBSTONES_CONFIG
          + "'.";

  /** The settings; see {@link TableMatchesConfig}. */
  public static final ConfigDef CONFIG_DEF = TableMatchesConfig.CONFIG_DEF;

  private static final Logger LOG = LoggerFactory.getLogger(TableMatches.class);

  private Pattern dbPattern;
  private Pattern tablePattern;
  private TombstoneMatching tombstones;

  /** Creates an unconfigured predicate; Connect calls {@link #configure(Map)} next. */
  public TableMatches() {}

  @Override
  public void configure(Map<String, ?> configs) {
    TableMatchesConfig config = new TableMatchesConfig(configs);
    dbPattern = config.dbPattern().orElse(null);
    tablePattern = config.tablePattern().orElse(null);
    tombstones = config.tombstones();
    LOG.debug("Configured {}", this);
  }

  @Override
  public ConfigDef config() {
    return CONFIG_DEF;
  }

  @Override
  public boolean test(R record) {
    Object value = record.value();
    if (value == null) {
      return tombstones.matches();
    }
    return matches(dbPattern, EnvelopeFields.db(value))
        && matches(tablePattern, EnvelopeFields.table(value));
  }

  // EnvelopeFields.db is empty for non-envelopes, so with db.regex set they never match; with only
  // table.regex set, EnvelopeFields.table is likewise empty. Either way NullPolicy holds.
  private static boolean matches(Pattern pattern, Optional<String> name) {
    return pattern == null || name.map(n -> pattern.matcher(n).matches()).orElse(false);
  }

  @Override
  public void close() {}

  @Override
  public String version() {
    return SluiceVersion.of(TableMatches.class);
  }

  @Override
  public String toString() {
    return "TableMatches{db.regex="
        + dbPattern
        + ", table.regex="
        + tablePattern
        + ", tombstones="
        + (tombstones == null ? null : tombstones.code())
        + "}";
  }
}
