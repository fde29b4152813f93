package dev.sluice.transforms;

import dev.sluice.transforms.row.RecordPart;
import dev.sluice.transforms.row.RowSettings;
import dev.sluice.transforms.row.RowTransformation;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * Converts date-time fields between time zones, several at once, e.g. MySQL {@code DATETIME}
 * columns written in local time into UTC. See {@link
 * dev.sluice.transforms.conversion.TimeZoneConversion} for the representations it reads and
 * writes. Example:
 *
 * <pre>
 * transforms=tz
 * transforms.tz.type=dev.sluice.transforms.TimeZone$Value
 * transforms.tz.fields=created_at,updated_at,shipment.eta
 * transforms.tz.from.zone=Europe/Berlin
 * transforms.tz.to.zone=UTC
 * </pre>
 *
 * @param <R> the record type
 */
public abstract class TimeZone<R extends ConnectRecord<R>> extends RowTransformation<R> {

  /** Shown in generated docs. */
  public static final String OVERVIEW_DOC =
      "Converts several date-time fields at once from one time zone to another: epoch-based"
          + " timestamps (Connect Timestamp, Debezium Timestamp/MicroTimestamp/NanoTimestamp, int64"
          + " milliseconds) hold wall clocks in 'from.zone', ISO-8601 strings with or without"
          + " offset; results keep their representation or become ISO-8601 strings with offset."
          + " Use dev.sluice.transforms.TimeZone$Key for the key and dev.sluice.transforms.TimeZone$Value"
          + " for the value.";

  /** The settings; see {@link TimeZoneConfig}. */
  public static final ConfigDef CONFIG_DEF = TimeZoneConfig.CONFIG_DEF;

  TimeZone(RecordPart part) {
    super(part);
  }

  @Override
  protected RowSettings settings(Map<String, ?> configs) {
    return new TimeZoneConfig(configs).settings();
  }

  @Override
  public ConfigDef config() {
    return CONFIG_DEF;
  }

  /**
   * Works on the record key.
   *
   * @param <R> the record type
   */
  public static class Key<R extends ConnectRecord<R>> extends TimeZone<R> {
    /** Creates an unconfigured transformation. */
    public Key() {
      super(RecordPart.KEY);
    }
  }

  /**
   * Works on the record value.
   *
   * @param <R> the record type
   */
  public static class Value<R extends ConnectRecord<R>> extends TimeZone<R> {
    /** Creates an unconfigured transformation. */
    public Value() {
      super(RecordPart.VALUE);
    }
  }
}
