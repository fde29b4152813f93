package dev.sluice.transforms;

import dev.sluice.transforms.row.RecordPart;
import dev.sluice.transforms.row.RowSettings;
import dev.sluice.transforms.row.RowTransformation;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * Keeps, drops and renames fields, nested ones included, in one pass.
 *
 * <p>Paths are dotted, continue into arrays and maps of structs, and escape literal dots with a
 * backslash. On change events they apply to both {@code before} and {@code after} (see {@link
 * dev.sluice.transforms.row.RowScope}). {@code keep} is applied first, then {@code drop}, then
 * {@code rename}. Example, hiding a column and renaming a nested one:
 *
 * <pre>
 * transforms=fields
 * transforms.fields.type=dev.sluice.transforms.Fields$Value
 * transforms.fields.drop=password_hash
 * transforms.fields.rename=address.zip:postcode
 * </pre>
 *
 * @param <R> the record type
 */
public abstract class Fields<R extends ConnectRecord<R>> extends RowTransformation<R> {

  /** Shown in generated docs. */
  public static final String OVERVIEW_DOC =
      "Keeps, drops and renames fields by dotted path, nested structs, arrays and maps of structs"
          + " included, in one pass; on change events in both 'before' and 'after'. Use"
          + " dev.sluice.transforms.Fields$Key for the key and dev.sluice.transforms.Fields$Value"
          + " for the value.";

  /** The settings; see {@link FieldsConfig}. */
  public static final ConfigDef CONFIG_DEF = FieldsConfig.CONFIG_DEF;

  Fields(RecordPart part) {
    super(part);
  }

  @Override
  protected RowSettings settings(Map<String, ?> configs) {
    return new FieldsConfig(configs).settings();
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
  public static class Key<R extends ConnectRecord<R>> extends Fields<R> {
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
  public static class Value<R extends ConnectRecord<R>> extends Fields<R> {
    /** Creates an unconfigured transformation. */
    public Value() {
      super(RecordPart.VALUE);
    }
  }
}
