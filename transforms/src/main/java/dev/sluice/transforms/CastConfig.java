package dev.sluice.transforms;

import dev.sluice.transforms.conversion.CastConversion;
import dev.sluice.transforms.conversion.CastTarget;
import dev.sluice.transforms.row.FieldOp;
import dev.sluice.transforms.row.FieldPath;
import dev.sluice.transforms.row.PathTree;
import dev.sluice.transforms.row.RowScope;
import dev.sluice.transforms.row.RowSettings;
import dev.sluice.transforms.util.ConfigValidators;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link Cast}. */
public final class CastConfig extends AbstractConfig {

  /** Setting: what to cast to what. */
  public static final String SPEC_CONFIG = "spec";
  /** Doc of {@value #SPEC_CONFIG}: {@code path:type} pairs and the types. */
  public static final String SPEC_DOC =
      "Comma-separated 'path:type' pairs, e.g. 'price:float64,amount:decimal(2),qty:int32'. Types: "
          + CastTarget.VALID
          + ". string(S) writes numbers with exactly S decimals. Decimals cast to float64 or"
          + " string; strings, integers and floats cast to decimal(S) with 'rounding.mode'."
          + " Timestamps cast to int64 (epoch ms) or string (ISO-8601), Dates and Times to int32"
          + " or string. "
          + PathSyntax.DOC;
  /** Display name of {@value #SPEC_CONFIG}. */
  public static final String SPEC_DISPLAY = "Casts";

  /** Setting: rounding. */
  public static final String ROUNDING_MODE_CONFIG = "rounding.mode";
  /** Default of {@value #ROUNDING_MODE_CONFIG}. */
  public static final String ROUNDING_MODE_DEFAULT = "HALF_UP";
  /** Doc of {@value #ROUNDING_MODE_CONFIG}. */
  public static final String ROUNDING_MODE_DOC =
      "How to round when a cast drops digits (to decimal(S), string(S) or an integer type): one of"
          + " java.math.RoundingMode's names. HALF_UP (default) rounds 2.345 to 2.35, HALF_EVEN"
          + " (banker's rounding) to 2.34; UNNECESSARY fails the record instead of rounding.";
  /** Display name of {@value #ROUNDING_MODE_CONFIG}. */
  public static final String ROUNDING_MODE_DISPLAY = "Rounding mode";

  private static final String GROUP = "Cast";
  private static final String ROUNDING_MODES =
      Arrays.stream(RoundingMode.values()).map(Enum::name).collect(Collectors.joining(", "));

  /** The definition, shared with {@link Cast#CONFIG_DEF}. */
  public static final ConfigDef CONFIG_DEF =
      RowScope.define(
          new ConfigDef()
              .define(SPEC_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                  ConfigValidators.nonEmptyListOf(CastConfig::parseSpec, "path:type, type one of "
                      + CastTarget.VALID),
                  ConfigDef.Importance.HIGH, SPEC_DOC, GROUP, 1, ConfigDef.Width.LONG, SPEC_DISPLAY)
              .define(ROUNDING_MODE_CONFIG, ConfigDef.Type.STRING, ROUNDING_MODE_DEFAULT,
                  ConfigValidators.parsedBy(CastConfig::parseRounding, ROUNDING_MODES),
                  ConfigDef.Importance.MEDIUM, ROUNDING_MODE_DOC, GROUP, 2, ConfigDef.Width.SHORT,
                  ROUNDING_MODE_DISPLAY),
          GROUP,
          3);

  private final RowSettings settings;

  /**
   * Parses and validates the settings.
   *
   * @param props the transformation's settings
   * @throws ConfigException naming the bad setting
   */
  public CastConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    RoundingMode rounding = parseRounding(getString(ROUNDING_MODE_CONFIG));
    List<String> spec = getList(SPEC_CONFIG);
    PathTree tree = new PathTree();
    try {
      for (String entry : spec) {
        Spec parsed = parseSpec(entry);
        tree.add(parsed.path(), new FieldOp.Convert(new CastConversion(parsed.target(), rounding)));
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(SPEC_CONFIG, spec, e.getMessage());
    }
    settings = new RowSettings(tree, RowScope.parse(getString(RowScope.CONFIG)));
  }

  /** The paths and operations. */
  public RowSettings settings() {
    return settings;
  }

  /**
   * One parsed {@code path:type}.
   *
   * @param path the field
   * @param target the type
   */
  record Spec(FieldPath path, CastTarget target) {}

  static Spec parseSpec(String entry) {
    List<String> parts = FieldPath.splitUnescaped(entry, ':');
    if (parts.size() != 2) {
      throw new IllegalArgumentException(
          "'" + entry + "' is not a cast; write 'path:type', e.g. 'price:decimal(2)'");
    }
    return new Spec(FieldPath.parse(parts.get(0)), CastTarget.parse(parts.get(1)));
  }

  static RoundingMode parseRounding(String name) {
    String normalized = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (RoundingMode mode : RoundingMode.values()) {
      if (mode.name().equals(normalized)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "Unknown rounding mode '" + name + "'; valid values are: " + ROUNDING_MODES);
  }
}
