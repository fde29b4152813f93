package dev.sluice.transforms;

import dev.sluice.transforms.unwrap.AddedField;
import dev.sluice.transforms.unwrap.DeleteHandling;
import dev.sluice.transforms.util.ConfigValidators;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration of {@link Unwrap}. Setting names and syntax follow Debezium's
 * ExtractNewRecordState where the two overlap, so a configuration can be copied over.
 */
public final class UnwrapConfig extends AbstractConfig {

  private static final Logger LOG = LoggerFactory.getLogger(UnwrapConfig.class);

  /** Setting: deletes and tombstones (Debezium 2.5+ name). */
  public static final String DELETE_TOMBSTONE_HANDLING_MODE_CONFIG = "delete.tombstone.handling.mode";
  /** Default of {@value #DELETE_TOMBSTONE_HANDLING_MODE_CONFIG}, as in Debezium. */
  public static final String DELETE_TOMBSTONE_HANDLING_MODE_DEFAULT = "tombstone";
  /** Doc of {@value #DELETE_TOMBSTONE_HANDLING_MODE_CONFIG}: each mode's effect. */
  public static final String DELETE_TOMBSTONE_HANDLING_MODE_DOC =
      "What happens to delete events and the tombstones after them; the same names and behaviour"
          + " as Debezium's ExtractNewRecordState. 'tombstone' (default): each delete leaves exactly"
          + " one tombstone: the delete becomes a record with a null value (keeping the row schema),"
          + " the tombstone after it is dropped. 'delete-to-tombstone': the same, with no value"
          + " schema either. 'drop': deletes and tombstones are dropped. 'rewrite': the delete"
          + " becomes the deleted row (from 'before') with __deleted=true (every other row gets"
          + " __deleted=false), the tombstone is dropped. 'rewrite-with-tombstone': like rewrite,"
          + " the tombstone is kept. Unlike Debezium, which writes the strings \"true\"/\"false\","
          + " __deleted is a BOOLEAN.";
  /** Display name of {@value #DELETE_TOMBSTONE_HANDLING_MODE_CONFIG}. */
  public static final String DELETE_TOMBSTONE_HANDLING_MODE_DISPLAY = "Delete and tombstone handling";

  /** Setting: Debezium's pre-2.5 delete handling. */
  public static final String DELETE_HANDLING_MODE_CONFIG = "delete.handling.mode";
  /** Doc of {@value #DELETE_HANDLING_MODE_CONFIG}: the legacy mapping. */
  public static final String DELETE_HANDLING_MODE_DOC =
      "Debezium's setting before 2.5, accepted so old configurations keep working: 'drop'"
          + " (Debezium's default), 'rewrite' or 'none' (the delete becomes a null-valued record)."
          + " Combined with 'drop.tombstones' into the equivalent 'delete.tombstone.handling.mode'"
          + " (drop/true: drop, rewrite/true: rewrite, rewrite/false: rewrite-with-tombstone,"
          + " none/true: tombstone; drop/false and none/false keep the tombstones as well)."
          + " Cannot be combined with 'delete.tombstone.handling.mode'.";
  /** Display name of {@value #DELETE_HANDLING_MODE_CONFIG}. */
  public static final String DELETE_HANDLING_MODE_DISPLAY = "Delete handling (Debezium < 2.5)";

  /** Setting: Debezium's pre-2.5 tombstone handling. */
  public static final String DROP_TOMBSTONES_CONFIG = "drop.tombstones";
  /** Doc of {@value #DROP_TOMBSTONES_CONFIG}. */
  public static final String DROP_TOMBSTONES_DOC =
      "Debezium's setting before 2.5: whether tombstones are dropped (Debezium's default: true)."
          + " Combined with 'delete.handling.mode'. Cannot be combined with"
          + " 'delete.tombstone.handling.mode'.";
  /** Display name of {@value #DROP_TOMBSTONES_CONFIG}. */
  public static final String DROP_TOMBSTONES_DISPLAY = "Drop tombstones (Debezium < 2.5)";

  /** Setting: fields added to the row. */
  public static final String ADD_FIELDS_CONFIG = "add.fields";
  /** Doc of {@value #ADD_FIELDS_CONFIG}: Debezium's reference syntax. */
  public static final String ADD_FIELDS_DOC =
      "Comma-separated envelope fields to add to the row, each '[block.]field[:newName]'. Plain"
          + " names come from the source block (db, table, ts_ms... and Sluice's seq), except op,"
          + " ts_ms, ts_us, ts_ns (envelope) and id, total_order, data_collection_order"
          + " (transaction). They are added as '<prefix><field>', or '<prefix><block>_<field>' when"
          + " a block is named: 'op,table,source.ts_ms,seq' adds __op, __table, __source_ts_ms and"
          + " __seq. ':newName' sets the name after the prefix. Added fields are optional; fields an"
          + " event lacks (e.g. seq in Debezium events) are not added.";
  /** Display name of {@value #ADD_FIELDS_CONFIG}. */
  public static final String ADD_FIELDS_DISPLAY = "Add fields";

  /** Setting: prefix of added fields. */
  public static final String ADD_FIELDS_PREFIX_CONFIG = "add.fields.prefix";
  /** Default of {@value #ADD_FIELDS_PREFIX_CONFIG}. */
  public static final String ADD_FIELDS_PREFIX_DEFAULT = "__";
  /** Doc of {@value #ADD_FIELDS_PREFIX_CONFIG}. */
  public static final String ADD_FIELDS_PREFIX_DOC = "Prefix of the fields 'add.fields' adds.";
  /** Display name of {@value #ADD_FIELDS_PREFIX_CONFIG}. */
  public static final String ADD_FIELDS_PREFIX_DISPLAY = "Added field prefix";

  /** Setting: headers added to the record. */
  public static final String ADD_HEADERS_CONFIG = "add.headers";
  /** Doc of {@value #ADD_HEADERS_CONFIG}. */
  public static final String ADD_HEADERS_DOC =
      "Comma-separated envelope fields to add as headers, same syntax as 'add.fields'."
          + " 'db,table' adds the headers __db and __table, which Route reads to route unwrapped"
          + " rows. Headers are also added to tombstones made from deletes.";
  /** Display name of {@value #ADD_HEADERS_CONFIG}. */
  public static final String ADD_HEADERS_DISPLAY = "Add headers";

  /** Setting: prefix of added headers. */
  public static final String ADD_HEADERS_PREFIX_CONFIG = "add.headers.prefix";
  /** Default of {@value #ADD_HEADERS_PREFIX_CONFIG}. */
  public static final String ADD_HEADERS_PREFIX_DEFAULT = "__";
  /** Doc of {@value #ADD_HEADERS_PREFIX_CONFIG}. */
  public static final String ADD_HEADERS_PREFIX_DOC = "Prefix of the headers 'add.headers' adds.";
  /** Display name of {@value #ADD_HEADERS_PREFIX_CONFIG}. */
  public static final String ADD_HEADERS_PREFIX_DISPLAY = "Added header prefix";

  /** Setting: topic from a column. */
  public static final String ROUTE_BY_FIELD_CONFIG = "route.by.field";
  /** Doc of {@value #ROUTE_BY_FIELD_CONFIG}. */
  public static final String ROUTE_BY_FIELD_DOC =
      "A column of the row whose value becomes the topic (from 'after', for deletes from"
          + " 'before'); records where it is missing or null keep their topic. Empty (default): no"
          + " routing. For routing by database and table use the Route transformation.";
  /** Display name of {@value #ROUTE_BY_FIELD_CONFIG}. */
  public static final String ROUTE_BY_FIELD_DISPLAY = "Route by field";

  /** Setting: defaults for nulls. */
  public static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";
  /** Default of {@value #REPLACE_NULL_WITH_DEFAULT_CONFIG}, as in Debezium. */
  public static final boolean REPLACE_NULL_WITH_DEFAULT_DEFAULT = true;
  /** Doc of {@value #REPLACE_NULL_WITH_DEFAULT_CONFIG}. */
  public static final String REPLACE_NULL_WITH_DEFAULT_DOC =
      "When Unwrap copies a row (to add fields), whether null columns that have a default in the"
          + " schema get the default (true, as in Debezium) or stay null (false). A row that is not"
          + " copied is passed on as it is, and the converter decides.";
  /** Display name of {@value #REPLACE_NULL_WITH_DEFAULT_CONFIG}. */
  public static final String REPLACE_NULL_WITH_DEFAULT_DISPLAY = "Replace null with default";

  private static final String GROUP = "Unwrap";

  /** The definition, shared with {@link Unwrap#CONFIG_DEF}. */
  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(DELETE_TOMBSTONE_HANDLING_MODE_CONFIG, ConfigDef.Type.STRING,
              DELETE_TOMBSTONE_HANDLING_MODE_DEFAULT,
              ConfigValidators.parsedBy(DeleteHandling.Mode::parse, DeleteHandling.Mode.validCodes()),
              ConfigDef.Importance.HIGH, DELETE_TOMBSTONE_HANDLING_MODE_DOC, GROUP, 1,
              ConfigDef.Width.MEDIUM, DELETE_TOMBSTONE_HANDLING_MODE_DISPLAY)
          .define(ADD_FIELDS_CONFIG, ConfigDef.Type.LIST, "",
              ConfigValidators.listOf(e -> AddedField.parse(e, ""), "[block.]field[:newName]"),
              ConfigDef.Importance.MEDIUM, ADD_FIELDS_DOC, GROUP, 2, ConfigDef.Width.LONG,
              ADD_FIELDS_DISPLAY)
          .define(ADD_FIELDS_PREFIX_CONFIG, ConfigDef.Type.STRING, ADD_FIELDS_PREFIX_DEFAULT,
              new ConfigDef.NonNullValidator(), ConfigDef.Importance.LOW, ADD_FIELDS_PREFIX_DOC,
              GROUP, 3, ConfigDef.Width.SHORT, ADD_FIELDS_PREFIX_DISPLAY)
          .define(ADD_HEADERS_CONFIG, ConfigDef.Type.LIST, "",
              ConfigValidators.listOf(e -> AddedField.parse(e, ""), "[block.]field[:newName]"),
              ConfigDef.Importance.MEDIUM, ADD_HEADERS_DOC, GROUP, 4, ConfigDef.Width.LONG,
              ADD_HEADERS_DISPLAY)
          .define(ADD_HEADERS_PREFIX_CONFIG, ConfigDef.Type.STRING, ADD_HEADERS_PREFIX_DEFAULT,
              new ConfigDef.NonNullValidator(), ConfigDef.Importance.LOW, ADD_HEADERS_PREFIX_DOC,
              GROUP, 5, ConfigDef.Width.SHORT, ADD_HEADERS_PREFIX_DISPLAY)
          .define(ROUTE_BY_FIELD_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW,
              ROUTE_BY_FIELD_DOC, GROUP, 6, ConfigDef.Width.MEDIUM, ROUTE_BY_FIELD_DISPLAY)
          .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigDef.Type.BOOLEAN,
              REPLACE_NULL_WITH_DEFAULT_DEFAULT, ConfigDef.Importance.LOW,
              REPLACE_NULL_WITH_DEFAULT_DOC, GROUP, 7, ConfigDef.Width.SHORT,
              REPLACE_NULL_WITH_DEFAULT_DISPLAY)
          .define(DELETE_HANDLING_MODE_CONFIG, ConfigDef.Type.STRING, null,
              ConfigValidators.parsedBy(m -> DeleteHandling.legacy(m, null), "drop, rewrite, none"),
              ConfigDef.Importance.LOW, DELETE_HANDLING_MODE_DOC, GROUP, 8, ConfigDef.Width.SHORT,
              DELETE_HANDLING_MODE_DISPLAY)
          .define(DROP_TOMBSTONES_CONFIG, ConfigDef.Type.BOOLEAN, null, ConfigDef.Importance.LOW,
              DROP_TOMBSTONES_DOC, GROUP, 9, ConfigDef.Width.SHORT, DROP_TOMBSTONES_DISPLAY);

  private final DeleteHandling deleteHandling;
  private final List<AddedField> addedFields;
  private final List<AddedField> addedHeaders;
  private final String routeByField;
  private final boolean replaceNullWithDefault;

  /**
   * Parses and validates the settings.
   *
   * @param props the transformation's settings
   * @throws ConfigException naming the bad setting
   */
  public UnwrapConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    boolean legacy =
        props.get(DELETE_HANDLING_MODE_CONFIG) != null || props.get(DROP_TOMBSTONES_CONFIG) != null;
    if (legacy && props.get(DELETE_TOMBSTONE_HANDLING_MODE_CONFIG) != null) {
      throw new ConfigException(
          "Set either '" + DELETE_TOMBSTONE_HANDLING_MODE_CONFIG + "' or Debezium's older '"
              + DELETE_HANDLING_MODE_CONFIG + "'/'" + DROP_TOMBSTONES_CONFIG + "', not both; '"
              + DELETE_TOMBSTONE_HANDLING_MODE_CONFIG + "' replaces them (valid values: "
              + DeleteHandling.Mode.validCodes() + ")");
    }
    if (legacy) {
      deleteHandling =
          DeleteHandling.legacy(getString(DELETE_HANDLING_MODE_CONFIG), getBoolean(DROP_TOMBSTONES_CONFIG));
      DeleteHandling.Mode equivalent = deleteHandling.mode();
      LOG.warn(
          "Unwrap: '{}' and '{}' are Debezium's settings before 2.5; use '{}={}' instead",
          DELETE_HANDLING_MODE_CONFIG,
          DROP_TOMBSTONES_CONFIG,
          DELETE_TOMBSTONE_HANDLING_MODE_CONFIG,
          equivalent == null
              ? "(no exact equivalent: drop.tombstones=false keeps tombstones, which only"
                  + " rewrite-with-tombstone does)"
              : equivalent.code());
    } else {
      deleteHandling =
          DeleteHandling.Mode.parse(getString(DELETE_TOMBSTONE_HANDLING_MODE_CONFIG)).handling();
    }
    addedFields = parseAll(ADD_FIELDS_CONFIG, getString(ADD_FIELDS_PREFIX_CONFIG));
    addedHeaders = parseAll(ADD_HEADERS_CONFIG, getString(ADD_HEADERS_PREFIX_CONFIG));
    String route = getString(ROUTE_BY_FIELD_CONFIG);
    routeByField = route == null || route.isBlank() ? null : route.trim();
    replaceNullWithDefault = getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
  }

  private List<AddedField> parseAll(String setting, String prefix) {
    List<AddedField> parsed = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String entry : getList(setting)) {
      AddedField field;
      try {
        field = AddedField.parse(entry, prefix);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(setting, getList(setting), e.getMessage());
      }
      if (!names.add(field.name())) {
        throw new ConfigException(
            setting, getList(setting), "two entries would both be named '" + field.name() + "'");
      }
      parsed.add(field);
    }
    return List.copyOf(parsed);
  }

  /** What happens to deletes and tombstones. */
  public DeleteHandling deleteHandling() {
    return deleteHandling;
  }

  /** The fields to add to rows. */
  public List<AddedField> addedFields() {
    return addedFields;
  }

  /** The headers to add. */
  public List<AddedField> addedHeaders() {
    return addedHeaders;
  }

  /** The column whose value becomes the topic, or null. */
  public String routeByField() {
    return routeByField;
  }

  /** Whether copied rows get schema defaults for null columns. */
  public boolean replaceNullWithDefault() {
    return replaceNullWithDefault;
  }
}
