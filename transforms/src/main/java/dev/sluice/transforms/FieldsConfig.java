package dev.sluice.transforms;

import dev.sluice.transforms.row.FieldOp;
import dev.sluice.transforms.row.FieldPath;
import dev.sluice.transforms.row.PathTree;
import dev.sluice.transforms.row.RowScope;
import dev.sluice.transforms.row.RowSettings;
import dev.sluice.transforms.util.ConfigValidators;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link Fields}. */
public final class FieldsConfig extends AbstractConfig {

  /** Setting: paths to keep. */
  public static final String KEEP_CONFIG = "keep";
  /** Doc of {@value #KEEP_CONFIG}: whitelist semantics on every struct along each path. */
  public static final String KEEP_DOC =
      "Comma-separated field paths to keep; every other field of the structs along these paths is"
          + " dropped. 'id,address.city' keeps id and address with only its city. Empty (default):"
          + " keep everything. "
          + PathSyntax.DOC;
  /** Display name of {@value #KEEP_CONFIG}. */
  public static final String KEEP_DISPLAY = "Keep";

  /** Setting: paths to drop. */
  public static final String DROP_CONFIG = "drop";
  /** Doc of {@value #DROP_CONFIG}. */
  public static final String DROP_DOC =
      "Comma-separated field paths to drop, e.g. 'password,address.geo'. Paths that a record does"
          + " not have are ignored. " + PathSyntax.DOC;
  /** Display name of {@value #DROP_CONFIG}. */
  public static final String DROP_DISPLAY = "Drop";

  /** Setting: renames. */
  public static final String RENAME_CONFIG = "rename";
  /** Doc of {@value #RENAME_CONFIG}: {@code path:newName} pairs; the field stays where it is. */
  public static final String RENAME_DOC =
      "Comma-separated renames 'path:newName'; the field keeps its place and only its own name"
          + " changes, e.g. 'address.zip:postcode'. Escape ':' in names as '\\:'. "
          + PathSyntax.DOC;
  /** Display name of {@value #RENAME_CONFIG}. */
  public static final String RENAME_DISPLAY = "Rename";

  private static final String GROUP = "Fields";

  /** The definition, shared with {@link Fields#CONFIG_DEF}. */
  public static final ConfigDef CONFIG_DEF =
      RowScope.define(
          new ConfigDef()
              .define(KEEP_CONFIG, ConfigDef.Type.LIST, "",
                  ConfigValidators.listOf(FieldPath::parse, PathSyntax.VALID),
                  ConfigDef.Importance.HIGH, KEEP_DOC, GROUP, 1, ConfigDef.Width.LONG, KEEP_DISPLAY)
              .define(DROP_CONFIG, ConfigDef.Type.LIST, "",
                  ConfigValidators.listOf(FieldPath::parse, PathSyntax.VALID),
                  ConfigDef.Importance.HIGH, DROP_DOC, GROUP, 2, ConfigDef.Width.LONG, DROP_DISPLAY)
              .define(RENAME_CONFIG, ConfigDef.Type.LIST, "",
                  ConfigValidators.listOf(FieldsConfig::parseRename, "path:newName"),
                  ConfigDef.Importance.HIGH, RENAME_DOC, GROUP, 3, ConfigDef.Width.LONG,
                  RENAME_DISPLAY),
          GROUP,
          4);

  private final RowSettings settings;

  /**
   * Parses and validates the settings.
   *
   * @param props the transformation's settings
   * @throws ConfigException naming the bad setting, or all three when none is set
   */
  public FieldsConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    List<String> keep = getList(KEEP_CONFIG);
    List<String> drop = getList(DROP_CONFIG);
    List<String> rename = getList(RENAME_CONFIG);
    if (keep.isEmpty() && drop.isEmpty() && rename.isEmpty()) {
      throw new ConfigException(
          "Fields needs at least one of '" + KEEP_CONFIG + "', '" + DROP_CONFIG + "' and '"
              + RENAME_CONFIG + "'; none is set");
    }
    PathTree tree = new PathTree();
    String current = KEEP_CONFIG;
    try {
      for (String path : keep) {
        tree.keep(FieldPath.parse(path));
      }
      current = DROP_CONFIG;
      for (String path : drop) {
        tree.add(FieldPath.parse(path), new FieldOp.Drop());
      }
      current = RENAME_CONFIG;
      for (String entry : rename) {
        Rename parsed = parseRename(entry);
        tree.add(parsed.path(), new FieldOp.Rename(parsed.newName()));
      }
      current = KEEP_CONFIG;
      tree.validate();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(current, getList(current), e.getMessage());
    }
    settings = new RowSettings(tree, RowScope.parse(getString(RowScope.CONFIG)));
  }

  /** The paths and operations. */
  public RowSettings settings() {
    return settings;
  }

  /**
   * A parsed {@code path:newName}.
   *
   * @param path the field to rename
   * @param newName its new name
   */
  record Rename(FieldPath path, String newName) {}

  static Rename parseRename(String entry) {
    List<String> parts = FieldPath.splitUnescaped(entry, ':');
    if (parts.size() != 2 || parts.get(1).isBlank()) {
      throw new IllegalArgumentException(
          "'" + entry + "' is not a rename; write 'path:newName', e.g. 'address.zip:postcode'");
    }
    String newName = FieldPath.splitUnescaped(parts.get(1), '.').size() == 1
        ? FieldPath.parse(parts.get(1)).leaf()
        : null;
    if (newName == null) {
      throw new IllegalArgumentException(
          "'" + entry + "': the new name must be a single field name (a field is renamed where it"
              + " is; escape a literal dot as '\\.')");
    }
    return new Rename(FieldPath.parse(parts.get(0)), newName);
  }
}
