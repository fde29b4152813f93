package dev.sluice.sink.mongo;

import dev.sluice.sink.mongo.view.EmbedSpec;
import dev.sluice.sink.mongo.writemodel.ParentDeleteMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * Embedded child rows: set on a child table's topic (usually with {@code topic.override.<topic>.}),
 * its rows become array elements of their parent's document instead of documents of their own.
 */
public final class EmbedConfig extends AbstractConfig {

  /** Setting: the array field. */
  public static final String FIELD_CONFIG = "embed.field";
  /** Doc of {@value #FIELD_CONFIG}. */
  public static final String FIELD_DOC =
      "Makes this topic's rows child rows embedded in the documents of its collection (set"
          + " 'collection' to the parent's collection): the name of the array field that holds them,"
          + " e.g. 'lines' for order_lines in orders. Elements are the child rows' columns plus the"
          + " version they were written from, sorted by the child key. Empty: a topic of its own"
          + " documents.";
  /** Display name of {@value #FIELD_CONFIG}. */
  public static final String FIELD_DISPLAY = "Embed into array field";

  /** Setting: the foreign key. */
  public static final String PARENT_KEY_CONFIG = "embed.parent.key";
  /** Doc of {@value #PARENT_KEY_CONFIG}. */
  public static final String PARENT_KEY_DOC =
      "With embed.field: the child columns that hold the parent's _id, in the order of the parent's"
          + " key. One column gives a scalar _id ('order_id'); several a sub-document, each written"
          + " 'childColumn:parentKeyField' when the names differ ('region:region,order_no:no'). A child"
          + " whose foreign key is null belongs to no document.";
  /** Display name of {@value #PARENT_KEY_CONFIG}. */
  public static final String PARENT_KEY_DISPLAY = "Parent key columns";

  /** Setting: parent delete behaviour. */
  public static final String PARENT_DELETE_CONFIG = "embed.parent.delete";
  /** Default of {@value #PARENT_DELETE_CONFIG}. */
  public static final String PARENT_DELETE_DEFAULT = "keep";
  /** Doc of {@value #PARENT_DELETE_CONFIG}. */
  public static final String PARENT_DELETE_DOC =
      "With embed.field, what a hard delete of the parent row does to these children. 'keep': the"
          + " document loses the parent's columns and keeps the children until their own deletes empty"
          + " the array, then it is removed. 'cascade': children older than the parent's delete go with"
          + " it (use it when the source deletes children by ON DELETE CASCADE, which MySQL/MariaDB do"
          + " not write to the binlog); a child changed after the delete stays.";
  /** Display name of {@value #PARENT_DELETE_CONFIG}. */
  public static final String PARENT_DELETE_DISPLAY = "On parent delete";

  private static final String GROUP = "Embedded child rows";

  /** The embed settings. */
  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(FIELD_CONFIG, Type.STRING, "", Importance.MEDIUM, FIELD_DOC, GROUP, 1, Width.SHORT, FIELD_DISPLAY)
          .define(PARENT_KEY_CONFIG, Type.LIST, "", SinkValidators.listOfNonBlank("childColumn or childColumn:parentKeyField"),
              Importance.MEDIUM, PARENT_KEY_DOC, GROUP, 2, Width.MEDIUM, PARENT_KEY_DISPLAY)
          .define(PARENT_DELETE_CONFIG, Type.STRING, PARENT_DELETE_DEFAULT, SinkValidators.oneOf(ParentDeleteMode.class),
              Importance.MEDIUM, PARENT_DELETE_DOC, GROUP, 3, Width.SHORT, PARENT_DELETE_DISPLAY);

  private final String field;
  private final List<EmbedSpec.ParentKeyColumn> parentKey;
  private final ParentDeleteMode parentDelete;

  /**
   * Parses the embed settings.
   *
   * @throws ConfigException naming the setting to fix
   */
  public EmbedConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    this.field = getString(FIELD_CONFIG).trim();
    this.parentDelete = ParentDeleteMode.parse(getString(PARENT_DELETE_CONFIG));
    List<String> entries = getList(PARENT_KEY_CONFIG);
    List<EmbedSpec.ParentKeyColumn> columns = new ArrayList<>();
    for (String entry : entries) {
      String[] parts = entry.trim().split(":", -1);
      if (parts.length > 2 || parts[0].isBlank() || (parts.length == 2 && parts[1].isBlank())) {
        throw new ConfigException(PARENT_KEY_CONFIG, entries, "'" + entry + "' is not 'childColumn' or 'childColumn:parentKeyField'");
      }
      columns.add(new EmbedSpec.ParentKeyColumn(parts[0].trim(), parts.length == 2 ? parts[1].trim() : parts[0].trim()));
    }
    this.parentKey = List.copyOf(columns);
    if (!field.isEmpty()) {
      if (parentKey.isEmpty()) {
        throw new ConfigException(PARENT_KEY_CONFIG, "", "embed.field=" + field + " needs the child columns that hold the parent's _id");
      }
      if (field.contains(".") || field.startsWith("$") || field.equals("_id")) {
        throw new ConfigException(FIELD_CONFIG, field, "must be a top-level field name without '.', not starting with '$', not _id");
      }
    }
  }

  /** The array field, when this topic's rows are embedded. */
  public Optional<String> field() {
    return field.isEmpty() ? Optional.empty() : Optional.of(field);
  }

  /** The foreign-key columns, in parent key order. */
  public List<EmbedSpec.ParentKeyColumn> parentKey() {
    return parentKey;
  }

  /** What a parent delete does to these children. */
  public ParentDeleteMode parentDelete() {
    return parentDelete;
  }
}
