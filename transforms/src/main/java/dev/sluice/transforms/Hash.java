package dev.sluice.transforms;

import dev.sluice.transforms.row.RecordPart;
import dev.sluice.transforms.row.RowSettings;
import dev.sluice.transforms.row.RowTransformation;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * Pseudonymizes personal data: the listed fields become a salted SHA-256 or an HMAC-SHA256 of
 * their value, written as a hex or Base64 string (the field's schema becomes an optional or
 * required STRING, like the original). Applied to {@code before} and {@code after} of change
 * events. The salt and the secret are {@code PASSWORD} settings, hidden by the worker's REST API
 * and logs; give them through a ConfigProvider. See {@link
 * dev.sluice.transforms.conversion.HashConversion} for what exactly is hashed. Example:
 *
 * <pre>
 * transforms=hash
 * transforms.hash.type=dev.sluice.transforms.Hash$Value
 * transforms.hash.fields=email,phone
 * transforms.hash.algorithm=hmac-sha256
 * transforms.hash.secret=${file:/etc/sluice/secrets.properties:pii.hmac.key}
 * </pre>
 *
 * @param <R> the record type
 */
public abstract class Hash<R extends ConnectRecord<R>> extends RowTransformation<R> {

  /** Shown in generated docs. */
  public static final String OVERVIEW_DOC =
      "Replaces the values of the listed fields with a salted SHA-256 or an HMAC-SHA256 of"
          + " them, as a hex or Base64 string, in 'before' and 'after' of change events. Equal"
          + " values give equal hashes, so hashed columns still join; nulls stay null. The salt"
          + " and the secret are passwords: give them through a ConfigProvider."
          + " Use dev.sluice.transforms.Hash$Key for the key and dev.sluice.transforms.Hash$Value"
          + " for the value.";

  /** The settings; see {@link HashConfig}. */
  public static final ConfigDef CONFIG_DEF = HashConfig.CONFIG_DEF;

  Hash(RecordPart part) {
    super(part);
  }

  @Override
  protected RowSettings settings(Map<String, ?> configs) {
    return new HashConfig(configs).settings();
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
  public static class Key<R extends ConnectRecord<R>> extends Hash<R> {
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
  public static class Value<R extends ConnectRecord<R>> extends Hash<R> {
    /** Creates an unconfigured transformation. */
    public Value() {
      super(RecordPart.VALUE);
    }
  }
}
