package dev.sluice.transforms;

import dev.sluice.transforms.row.RecordPart;
import dev.sluice.transforms.row.RowSettings;
import dev.sluice.transforms.row.RowTransformation;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * Casts fields to other types: integers, floats, booleans, strings, and Connect Decimals with a
 * fixed scale, rounding as configured; temporal types to their epoch numbers or ISO strings. See
 * {@link dev.sluice.transforms.conversion.CastConversion}. Example:
 *
 * <pre>
 * transforms=cast
 * transforms.cast.type=dev.sluice.transforms.Cast$Value
 * transforms.cast.spec=price:float64,amount:decimal(2),qty:int32
 * transforms.cast.rounding.mode=HALF_EVEN
 * </pre>
 *
 * @param <R> the record type
 */
public abstract class Cast<R extends ConnectRecord<R>> extends RowTransformation<R> {

  /** Shown in generated docs. */
  public static final String OVERVIEW_DOC =
      "Casts the listed fields to other types, including Decimal to and from float64 and"
          + " string with a chosen scale and rounding mode, in 'before' and 'after' of change"
          + " events. Nulls stay null; output schemas are built once per input schema."
          + " Use dev.sluice.transforms.Cast$Key for the key and dev.sluice.transforms.Cast$Value"
          + " for the value.";

  /** The settings; see {@link CastConfig}. */
  public static final ConfigDef CONFIG_DEF = CastConfig.CONFIG_DEF;

  Cast(RecordPart part) {
    super(part);
  }

  @Override
  protected RowSettings settings(Map<String, ?> configs) {
    return new CastConfig(configs).settings();
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
  public static class Key<R extends ConnectRecord<R>> extends Cast<R> {
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
  public static class Value<R extends ConnectRecord<R>> extends Cast<R> {
    /** Creates an unconfigured transformation. */
    public Value() {
      super(RecordPart.VALUE);
    }
  }
}
