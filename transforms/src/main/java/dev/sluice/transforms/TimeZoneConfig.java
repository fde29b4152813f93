package dev.sluice.transforms;

import dev.sluice.transforms.conversion.TimeZoneConversion;
import dev.sluice.transforms.row.RowScope;
import dev.sluice.transforms.row.RowSettings;
import dev.sluice.transforms.util.ConfigValidators;
import java.time.ZoneId;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/** Configuration of {@link TimeZone}. */
public final class TimeZoneConfig extends AbstractConfig {

  /** Setting: the fields to convert. */
  public static final String FIELDS_CONFIG = PathSyntax.FIELDS_CONFIG;
  /** Doc of {@value #FIELDS_CONFIG}. */
  public static final String FIELDS_DOC =
      "Comma-separated paths of the date-time fields to convert, all at once: Connect Timestamps,"
          + " int64 epoch milliseconds (Debezium Timestamp, MicroTimestamp and NanoTimestamp by"
          + " their unit) and ISO-8601 strings.";
  /** Display name of {@value #FIELDS_CONFIG}. */
  public static final String FIELDS_DISPLAY = PathSyntax.FIELDS_DISPLAY;

  /** Setting: the zone of the input wall clocks. */
  public static final String FROM_ZONE_CONFIG = "from.zone";
  /** Default of {@value #FROM_ZONE_CONFIG}. */
  public static final String FROM_ZONE_DEFAULT = "UTC";
  /** Doc of {@value #FROM_ZONE_CONFIG}. */
  public static final String FROM_ZONE_DOC =
      "The time zone the values' wall clocks are in, e.g. the MySQL server's time zone for"
          + " DATETIME columns. Epoch-based values are read as wall clocks encoded as UTC (how"
          + " DATETIME arrives); ISO strings with an offset ignore this setting.";
  /** Display name of {@value #FROM_ZONE_CONFIG}. */
  public static final String FROM_ZONE_DISPLAY = "From zone";

  /** Setting: the zone to express values in. */
  public static final String TO_ZONE_CONFIG = "to.zone";
  /** Doc of {@value #TO_ZONE_CONFIG}. */
  public static final String TO_ZONE_DOC =
      "The time zone to express the values in. With output 'same', epoch-based values then hold"
          + " this zone's wall clock encoded as UTC (with to.zone=UTC: the true instant).";
  /** Display name of {@value #TO_ZONE_CONFIG}. */
  public static final String TO_ZONE_DISPLAY = "To zone";

  /** Setting: output representation. */
  public static final String OUTPUT_CONFIG = "output";
  /** Default of {@value #OUTPUT_CONFIG}. */
  public static final String OUTPUT_DEFAULT = "same";
  /** Doc of {@value #OUTPUT_CONFIG}. */
  public static final String OUTPUT_DOC =
      "'same' (default): keep each field's type; 'string': write ISO-8601 strings with the target"
          + " offset, e.g. 2024-03-01T10:00:00+01:00 (the field becomes a STRING).";
  /** Display name of {@value #OUTPUT_CONFIG}. */
  public static final String OUTPUT_DISPLAY = "Output";

  private static final String GROUP = "Time zone";

  /** The definition, shared with {@link TimeZone#CONFIG_DEF}. */
  public static final ConfigDef CONFIG_DEF =
      RowScope.define(
          PathSyntax.defineFields(new ConfigDef(), FIELDS_DOC, GROUP, 1)
              .define(FROM_ZONE_CONFIG, ConfigDef.Type.STRING, FROM_ZONE_DEFAULT,
                  ConfigValidators.zoneId(), ConfigDef.Importance.HIGH, FROM_ZONE_DOC, GROUP, 2,
                  ConfigDef.Width.SHORT, FROM_ZONE_DISPLAY)
              .define(TO_ZONE_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                  ConfigValidators.zoneId(), ConfigDef.Importance.HIGH, TO_ZONE_DOC, GROUP, 3,
                  ConfigDef.Width.SHORT, TO_ZONE_DISPLAY)
              .define(OUTPUT_CONFIG, ConfigDef.Type.STRING, OUTPUT_DEFAULT,
                  ConfigValidators.parsedBy(TimeZoneConversion.Output::parse,
                      TimeZoneConversion.Output.validCodes()),
                  ConfigDef.Importance.MEDIUM, OUTPUT_DOC, GROUP, 4, ConfigDef.Width.SHORT,
                  OUTPUT_DISPLAY),
          GROUP,
          5);

  private final RowSettings settings;

  /**
   * Parses and validates the settings.
   *
   * @param props the transformation's settings
   * @throws org.apache.kafka.common.config.ConfigException naming the bad setting
   */
  public TimeZoneConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    ZoneId from = ConfigValidators.zone(FROM_ZONE_CONFIG, getString(FROM_ZONE_CONFIG));
    ZoneId to = ConfigValidators.zone(TO_ZONE_CONFIG, getString(TO_ZONE_CONFIG));
    TimeZoneConversion conversion =
        new TimeZoneConversion(from, to, TimeZoneConversion.Output.parse(getString(OUTPUT_CONFIG)));
    settings =
        new RowSettings(
            PathSyntax.convertAll(FIELDS_CONFIG, getList(FIELDS_CONFIG), conversion),
            RowScope.parse(getString(RowScope.CONFIG)));
  }

  /** The paths and operations. */
  public RowSettings settings() {
    return settings;
  }
}
