package dev.sluice.transforms;

import dev.sluice.transforms.row.RecordPart;
import dev.sluice.transforms.row.RowSettings;
import dev.sluice.transforms.row.RowTransformation;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * Keeps only a prefix of the listed fields (e.g. the first three digits of a postcode): the first
 * {@code length} characters of strings (whole code points), bytes of byte arrays or elements of
 * arrays, in both rows of change events. See {@link
 * dev.sluice.transforms.conversion.TruncateConversion}. Example:
 *
 * <pre>
 * transforms=truncate
 * transforms.truncate.type=dev.sluice.transforms.Truncate$Value
 * transforms.truncate.fields=zip,card_number
 * transforms.truncate.length=3
 * </pre>
 *
 * @param <R> the record type
 */
public abstract class Truncate<R extends ConnectRecord<R>> extends RowTransformation<R> {

  /** Shown in generated docs. */
  public static final String OVERVIEW_DOC =
      "Keeps only a prefix of the listed fields: the first 'length' characters of strings,"
          + " bytes of byte arrays or elements of arrays, in 'before' and 'after' of change events."
          + " Nulls stay null; the schema does not change."
          + " Use dev.sluice.transforms.Truncate$Key for the key and dev.sluice.transforms.Truncate$Value"
          + " for the value.";

  /** The settings; see {@link TruncateConfig}. */
  public static final ConfigDef CONFIG_DEF = TruncateConfig.CONFIG_DEF;

  Truncate(RecordPart part) {
    super(part);
  }

  @Override
  protected RowSettings settings(Map<String, ?> configs) {
    return new TruncateConfig(configs).settings();
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
  public static class Key<R extends ConnectRecord<R>> extends Truncate<R> {
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
  public static class Value<R extends ConnectRecord<R>> extends Truncate<R> {
    /** Creates an unconfigured transformation. */
    public Value() {
      super(RecordPart.VALUE);
    }
  }
}
