package dev.sluice.transforms.predicates;

import dev.sluice.transforms.row.FieldPath;
import dev.sluice.transforms.util.ConfigValidators;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link FieldValueMatches}. */
public final class FieldValueMatchesConfig extends AbstractConfig {

  /** Setting: the field to test. */
  public static final String FIELD_CONFIG = "field";
  /** Doc of {@value #FIELD_CONFIG}: paths start at the root of the key or value. */
  public static final String FIELD_DOC =
      "Dotted path of the field to test, from the root of the key or value: for change events"
          + " e.g. 'after.status', 'op' or 'source.table'; for unwrapped rows e.g. 'status' or"
          + " 'address.country'. A backslash escapes a literal '.' in a name.";
  /** Display name of {@value #FIELD_CONFIG}. */
  public static final String FIELD_DISPLAY = "Field";

  /** Setting: exact value. */
  public static final String VALUE_CONFIG = "value";
  /** Doc of {@value #VALUE_CONFIG}. */
  public static final String VALUE_DOC =
      "The value the field must equal, compared as text: strings as they are, numbers in plain"
          + " notation (12.50 for a decimal of scale 2), booleans as true/false, timestamps in"
          + " ISO-8601 UTC. Set exactly one of 'value' and 'regex'.";
  /** Display name of {@value #VALUE_CONFIG}. */
  public static final String VALUE_DISPLAY = "Value";

  /** Setting: regex. */
  public static final String REGEX_CONFIG = "regex";
  /** Doc of {@value #REGEX_CONFIG}. */
  public static final String REGEX_DOC =
      "Java regular expression the field's text (as for 'value') must match in full. Set exactly"
          + " one of 'value' and 'regex'.";
  /** Display name of {@value #REGEX_CONFIG}. */
  public static final String REGEX_DISPLAY = "Regex";

  private static final String GROUP = "Field value";

  /** The definition, shared with {@link FieldValueMatches#CONFIG_DEF}. */
  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(FIELD_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
              ConfigValidators.parsedBy(FieldPath::parse, "a dotted field path"),
              ConfigDef.Importance.HIGH, FIELD_DOC, GROUP, 1, ConfigDef.Width.MEDIUM, FIELD_DISPLAY)
          .define(VALUE_CONFIG, ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH, VALUE_DOC,
              GROUP, 2, ConfigDef.Width.MEDIUM, VALUE_DISPLAY)
          .define(REGEX_CONFIG, ConfigDef.Type.STRING, null, ConfigValidators.optionalRegex(),
              ConfigDef.Importance.HIGH, REGEX_DOC, GROUP, 3, ConfigDef.Width.MEDIUM,
              REGEX_DISPLAY);

  private final FieldPath field;
  private final String value;
  private final Pattern regex;

  /**
   * Parses and validates the settings.
   *
   * @param props the predicate's settings
   * @throws ConfigException naming the bad setting, or 'value' and 'regex' unless exactly one is
   *     set
   */
  public FieldValueMatchesConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    field = FieldPath.parse(getString(FIELD_CONFIG));
    value = getString(VALUE_CONFIG);
    String regexText = getString(REGEX_CONFIG);
    regex =
        regexText == null || regexText.isEmpty()
            ? null
            : ConfigValidators.compile(REGEX_CONFIG, regexText);
    if ((value == null) == (regex == null)) {
      throw new ConfigException(
          "FieldValueMatches needs exactly one of '" + VALUE_CONFIG + "' and '" + REGEX_CONFIG
              + "'; " + (value == null ? "neither is set" : "both are set"));
    }
  }

  /** The field to test. */
  public FieldPath field() {
    return field;
  }

  /** The exact value, if set. */
  public Optional<String> value() {
    return Optional.ofNullable(value);
  }

  /** The regex, if set. */
  public Optional<Pattern> regex() {
    return Optional.ofNullable(regex);
  }
}
