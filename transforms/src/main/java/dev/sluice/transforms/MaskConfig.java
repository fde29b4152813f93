package dev.sluice.transforms;

import dev.sluice.transforms.conversion.MaskConversion;
import dev.sluice.transforms.row.RowScope;
import dev.sluice.transforms.row.RowSettings;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/** Configuration of {@link Mask}. */
public final class MaskConfig extends AbstractConfig {

  /** Setting: the fields to mask. */
  public static final String FIELDS_CONFIG = PathSyntax.FIELDS_CONFIG;
  /** Doc of {@value #FIELDS_CONFIG}. */
  public static final String FIELDS_DOC =
      "Comma-separated paths of the fields to mask. Structs cannot be masked as a whole (mask the"
          + " fields inside them).";
  /** Display name of {@value #FIELDS_CONFIG}. */
  public static final String FIELDS_DISPLAY = PathSyntax.FIELDS_DISPLAY;

  /** Setting: what strings become. */
  public static final String REPLACEMENT_CONFIG = "replacement";
  /** Default of {@value #REPLACEMENT_CONFIG}. */
  public static final String REPLACEMENT_DEFAULT = "****";
  /** Doc of {@value #REPLACEMENT_CONFIG}: strings only; other types get a type-neutral value. */
  public static final String REPLACEMENT_DOC =
      "The value masked strings get. Other types get a neutral value of their own type: 0, false,"
          + " empty bytes/arrays/maps, the epoch for dates.";
  /** Display name of {@value #REPLACEMENT_CONFIG}. */
  public static final String REPLACEMENT_DISPLAY = "Replacement";

  private static final String GROUP = "Mask";

  /** The definition, shared with {@link Mask#CONFIG_DEF}. */
  public static final ConfigDef CONFIG_DEF =
      RowScope.define(
          PathSyntax.defineFields(new ConfigDef(), FIELDS_DOC, GROUP, 1)
              .define(REPLACEMENT_CONFIG, ConfigDef.Type.STRING, REPLACEMENT_DEFAULT,
                  new ConfigDef.NonNullValidator(), ConfigDef.Importance.MEDIUM, REPLACEMENT_DOC,
                  GROUP, 2, ConfigDef.Width.SHORT, REPLACEMENT_DISPLAY),
          GROUP,
          3);

  private final RowSettings settings;

  /**
   * Parses and validates the settings.
   *
   * @param props the transformation's settings
   * @throws org.apache.kafka.common.config.ConfigException naming the bad setting
   */
  public MaskConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    MaskConversion mask = new MaskConversion(getString(REPLACEMENT_CONFIG));
    settings =
        new RowSettings(
            PathSyntax.convertAll(FIELDS_CONFIG, getList(FIELDS_CONFIG), mask),
            RowScope.parse(getString(RowScope.CONFIG)));
  }

  /** The paths and operations. */
  public RowSettings settings() {
    return settings;
  }
}
