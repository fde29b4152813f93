package dev.sluice.transforms.predicates;

import dev.sluice.event.SluiceVersion;
import dev.sluice.transforms.row.FieldPath;
import dev.sluice.transforms.row.RecordPart;
import dev.sluice.transforms.util.NullPolicy;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Matches records whose key or value has a field with a given value, or one matching a regular
 * expression, without a scripting engine.
 *
 * <p>The path starts at the root of the key ({@code $Key}) or value ({@code $Value}): {@code
 * after.status} on change events, {@code status} on unwrapped rows; Structs and schemaless Maps
 * alike. Records without the field, with a null in it, or with a struct, array or map there never
 * match; nor do null values (tombstones) for {@code $Value} ({@link NullPolicy}), whereas {@code
 * $Key} tests tombstones by their key. Use Kafka's {@code negate} for the opposite. Example,
 * dropping test accounts:
 *
 * <pre>
 * predicates=isTest
 * predicates.isTest.type=dev.sluice.transforms.predicates.FieldValueMatches$Value
 * predicates.isTest.field=after.email
 * predicates.isTest.regex=.*@test\.example\.com
 * transforms=dropTest
 * transforms.dropTest.type=org.apache.kafka.connect.transforms.Filter
 * transforms.dropTest.predicate=isTest
 * </pre>
 *
 * @param <R> the record type
 */
public abstract class FieldValueMatches<R extends ConnectRecord<R>> implements Predicate<R>, Versioned {

  /** Shown in generated docs. */
  public static final String OVERVIEW_DOC =
      "True for records whose key (FieldValueMatches$Key) or value (FieldValueMatches$Value) has"
          + " the field at 'field' equal to 'value' or fully matching 'regex'; nested paths, Structs"
          + " and schemaless Maps. Missing fields, nulls and tombstones (for $Value) never match.";

  /** The settings; see {@link FieldValueMatchesConfig}. */
  public static final ConfigDef CONFIG_DEF = FieldValueMatchesConfig.CONFIG_DEF;

  private final RecordPart part;
  private FieldPath field;
  private String value;
  private Pattern regex;

  FieldValueMatches(RecordPart part) {
    this.part = part;
  }

  @Override
  public void configure(Map<String, ?> configs) {
    FieldValueMatchesConfig config = new FieldValueMatchesConfig(configs);
    field = config.field();
    value = config.value().orElse(null);
    regex = config.regex().orElse(null);
  }

  @Override
  public boolean test(R record) {
    Object root = part.of(record);
    if (root == null) {
      return false;
    }
    String text = text(field.get(root));
    if (text == null) {
      return false;
    }
    return value != null ? value.equals(text) : regex.matcher(text).matches();
  }

  /** The text a field value is compared as; null for values that never match. */
  static String text(Object fieldValue) {
    if (fieldValue == null || fieldValue == FieldPath.MISSING) {
      return null;
    }
    if (fieldValue instanceof String s) {
      return s;
    }
    if (fieldValue instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (fieldValue instanceof Number || fieldValue instanceof Boolean) {
      return fieldValue.toString();
    }
    if (fieldValue instanceof Date date) {
      return date.toInstant().toString();
    }
    if (fieldValue instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (fieldValue instanceof ByteBuffer buffer) {
      ByteBuffer view = buffer.duplicate();
      byte[] bytes = new byte[view.remaining()];
      view.get(bytes);
      return Base64.getEncoder().encodeToString(bytes);
    }
    return null;
  }

  @Override
  public ConfigDef config() {
    return CONFIG_DEF;
  }

  @Override
  public void close() {}

  @Override
  public String version() {
    return SluiceVersion.of(getClass());
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{field=" + field + ", "
        + (regex != null ? "regex=" + regex : "value=" + value) + "}";
  }

  /**
   * Tests the record key.
   *
   * @param <R> the record type
   */
  public static class Key<R extends ConnectRecord<R>> extends FieldValueMatches<R> {
    /** Creates an unconfigured predicate. */
    public Key() {
      super(RecordPart.KEY);
    }
  }

  /**
   * Tests the record value.
   *
   * @param <R> the record type
   */
  public static class Value<R extends ConnectRecord<R>> extends FieldValueMatches<R> {
    /** Creates an unconfigured predicate. */
    public Value() {
      super(RecordPart.VALUE);
    }
  }
}
