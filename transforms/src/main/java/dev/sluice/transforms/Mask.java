package dev.sluice.transforms;

import dev.sluice.transforms.row.RecordPart;
import dev.sluice.transforms.row.RowSettings;
import dev.sluice.transforms.row.RowTransformation;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * Masks personal data: the listed fields get a fixed value of their own type, in both the
 * {@code before} and the {@code after} row of change events, so the schema does not change.
 * Strings become {@code replacement}, numbers zero, booleans false, bytes, arrays and maps empty,
 * dates the epoch; nulls stay null. See {@link dev.sluice.transforms.conversion.MaskConversion}.
 * Example:
 *
 * <pre>
 * transforms=mask
 * transforms.mask.type=dev.sluice.transforms.Mask$Value
 * transforms.mask.fields=email,address.street
 * transforms.mask.replacement=[redacted]
 * </pre>
 *
 * @param <R> the record type
 */
public abstract class Mask<R extends ConnectRecord<R>> extends RowTransformation<R> {

  /** Shown in generated docs. */
  public static final String OVERVIEW_DOC =
      "Replaces the values of the listed fields with a fixed value of the same type (strings:"
          + " 'replacement'; numbers: 0; booleans: false; bytes, arrays, maps: empty; dates: the"
          + " epoch), in 'before' and 'after' of change events. Nulls stay null; the schema does"
          + " not change."
          + " Use dev.sluice.transforms.Mask$Key for the key and dev.sluice.transforms.Mask$Value"
          + " for the value.";

  /** The settings; see {@link MaskConfig}. */
  public static final ConfigDef CONFIG_DEF = MaskConfig.CONFIG_DEF;

  Mask(RecordPart part) {
    super(part);
  }

  @Override
  protected RowSettings settings(Map<String, ?> configs) {
    return new MaskConfig(configs).settings();
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
  public static class Key<R extends ConnectRecord<R>> extends Mask<R> {
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
  public static class Value<R extends ConnectRecord<R>> extends Mask<R> {
    /** Creates an unconfigured transformation. */
    public Value() {
      super(RecordPart.VALUE);
    }
  }
}
