package dev.sluice.transforms;

import dev.sluice.transforms.conversion.TruncateConversion;
import dev.sluice.transforms.row.RowScope;
import dev.sluice.transforms.row.RowSettings;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/** Configuration of {@link Truncate}. */
public final class TruncateConfig extends AbstractConfig {

  /** Setting: the fields to shorten. */
  public static final String FIELDS_CONFIG = PathSyntax.FIELDS_CONFIG;
  /** Doc of {@value #FIELDS_CONFIG}. */
  public static final String FIELDS_DOC =
      "Comma-separated paths of the fields to shorten: STRING, BYTES or ARRAY fields.";
  /** Display name of {@value #FIELDS_CONFIG}. */
  public static final String FIELDS_DISPLAY = PathSyntax.FIELDS_DISPLAY;

  /** Setting: how much to keep. */
  public static final String LENGTH_CONFIG = "length";
  /** Doc of {@value #LENGTH_CONFIG}. */
  public static final String LENGTH_DOC =
      "How many characters (Unicode code points), bytes or array elements to keep from the start;"
          + " shorter values are unchanged. 0 keeps nothing.";
  /** Display name of {@value #LENGTH_CONFIG}. */
  public static final String LENGTH_DISPLAY = "Length";

  private static final String GROUP = "Truncate";

  /** The definition, shared with {@link Truncate#CONFIG_DEF}. */
  public static final ConfigDef CONFIG_DEF =
      RowScope.define(
          PathSyntax.defineFields(new ConfigDef(), FIELDS_DOC, GROUP, 1)
              .define(LENGTH_CONFIG, ConfigDef.Type.INT, ConfigDef.NO_DEFAULT_VALUE,
                  ConfigDef.Range.atLeast(0), ConfigDef.Importance.HIGH, LENGTH_DOC, GROUP, 2,
                  ConfigDef.Width.SHORT, LENGTH_DISPLAY),
          GROUP,
          3);

  private final RowSettings settings;

  /**
   * Parses and validates the settings.
   *
   * @param props the transformation's settings
   * @throws org.apache.kafka.common.config.ConfigException naming the bad setting
   */
  public TruncateConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    TruncateConversion truncate = new TruncateConversion(getInt(LENGTH_CONFIG));
    settings =
        new RowSettings(
            PathSyntax.convertAll(FIELDS_CONFIG, getList(FIELDS_CONFIG), truncate),
            RowScope.parse(getString(RowScope.CONFIG)));
  }

  /** The paths and operations. */
  public RowSettings settings() {
    return settings;
  }
}
