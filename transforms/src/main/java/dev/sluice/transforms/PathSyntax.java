package dev.sluice.transforms;

import dev.sluice.transforms.row.FieldOp;
import dev.sluice.transforms.row.FieldPath;
import dev.sluice.transforms.row.PathTree;
import dev.sluice.transforms.row.ValueConversion;
import dev.sluice.transforms.util.ConfigValidators;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The field path syntax, described once for every setting that takes paths. */
final class PathSyntax {

  /** Appended to the doc of each path setting. */
  static final String DOC =
      "Paths are dotted ('address.city'); a path continues into the elements of arrays and the"
          + " values of maps of structs ('lines.sku'); a backslash escapes a literal '.', ':' or"
          + " '\\' in a field name ('odd\\.name'). Paths a record does not have are ignored.";

  /** What a path setting accepts, for validators. */
  static final String VALID = "dotted field paths, e.g. address.city (escape '.' in names as '\\.')";

  /** The common name of the setting listing the fields a conversion applies to. */
  static final String FIELDS_CONFIG = "fields";
  /** Display name of {@value #FIELDS_CONFIG}. */
  static final String FIELDS_DISPLAY = "Fields";

  private PathSyntax() {}

  /**
   * Defines a required, non-empty {@value #FIELDS_CONFIG} list of paths.
   *
   * @param def the definition to add to
   * @param doc the setting's doc (the path syntax is appended)
   * @param group the group
   * @param order the order in the group
   * @return {@code def}
   */
  static ConfigDef defineFields(ConfigDef def, String doc, String group, int order) {
    return def.define(
        FIELDS_CONFIG,
        ConfigDef.Type.LIST,
        ConfigDef.NO_DEFAULT_VALUE,
        ConfigValidators.nonEmptyListOf(FieldPath::parse, VALID),
        ConfigDef.Importance.HIGH,
        doc + " " + DOC,
        group,
        order,
        ConfigDef.Width.LONG,
        FIELDS_DISPLAY);
  }

  /**
   * A tree applying one conversion to every listed path.
   *
   * @param setting the setting the paths come from, for errors
   * @param paths the paths
   * @param conversion the conversion
   * @return the tree
   * @throws ConfigException naming the setting when a path is listed twice or inside another
   */
  static PathTree convertAll(String setting, List<String> paths, ValueConversion conversion) {
    PathTree tree = new PathTree();
    try {
      for (String path : paths) {
        tree.add(FieldPath.parse(path), new FieldOp.Convert(conversion));
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(setting, paths, e.getMessage());
    }
    return tree;
  }
}
