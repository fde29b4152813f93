package dev.sluice.transforms.util;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The validators Sluice's transforms and predicates use. Each reports a bad value as a {@link
 * ConfigException} naming the setting, the value and what is valid, and each validator's {@code
 * toString()} says what is valid, which is what Connect shows in generated docs and in the REST
 * validate response.
 */
public final class ConfigValidators {

  private ConfigValidators() {}

  /**
   * A STRING setting whose value must be accepted by {@code parser} (typically an enum's {@code
   * parse}); the parser's {@link IllegalArgumentException} message becomes the error message.
   *
   * @param parser parses one value, throwing IllegalArgumentException when it is invalid
   * @param validValues what is valid, for {@code toString()}
   * @return the validator; it accepts null so that optional settings can use it
   */
  public static ConfigDef.Validator parsedBy(Function<String, ?> parser, String validValues) {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          if (value != null) {
            parse(name, value, value.toString(), parser);
          }
        },
        () -> validValues);
  }

  /**
   * A LIST setting that needs at least one element, each accepted by {@code parser}.
   *
   * @param parser parses one element, throwing IllegalArgumentException when it is invalid
   * @param validValues what each element may be, for {@code toString()} and error messages
   * @return the validator
   */
  public static ConfigDef.Validator nonEmptyListOf(Function<String, ?> parser, String validValues) {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          List<?> list = value instanceof List<?> l ? l : List.of();
          if (list.isEmpty()) {
            throw new ConfigException(
                name, value, "at least one value is required; valid values are: " + validValues);
          }
          for (Object element : list) {
            parse(name, value, String.valueOf(element), parser);
          }
        },
        () -> "non-empty list of: " + validValues);
  }

  /**
   * A LIST setting whose elements (if any) are each accepted by {@code parser}; empty is valid.
   *
   * @param parser parses one element, throwing IllegalArgumentException when it is invalid
   * @param validValues what each element may be, for {@code toString()} and error messages
   * @return the validator
   */
  public static ConfigDef.Validator listOf(Function<String, ?> parser, String validValues) {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          if (value instanceof List<?> list) {
            for (Object element : list) {
              parse(name, value, String.valueOf(element), parser);
            }
          }
        },
        () -> "list of: " + validValues);
  }

  /**
   * A STRING setting naming a time zone known to {@link ZoneId#of(String)}.
   *
   * @return the validator; it accepts null so that optional settings can use it
   */
  public static ConfigDef.Validator zoneId() {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          if (value != null) {
            zone(name, value.toString());
          }
        },
        () -> "a time zone id: a region such as Europe/Berlin, 'UTC', or an offset such as +02:00");
  }

  /**
   * Parses a time zone setting.
   *
   * @param name the setting, for the error message
   * @param value the value
   * @return the zone
   * @throws ConfigException naming the setting and what is valid
   */
  public static ZoneId zone(String name, String value) {
    try {
      return ZoneId.of(value.trim());
    } catch (DateTimeException e) {
      ConfigException error =
          new ConfigException(
              name,
              value,
              "not a time zone id; use a region such as Europe/Berlin, 'UTC', or an offset such as"
                  + " +02:00 (" + e.getMessage() + ")");
      error.initCause(e);
      throw error;
    }
  }

  /**
   * An optional STRING setting holding a Java regular expression; null or blank means not set.
   *
   * @return the validator
   */
  public static ConfigDef.Validator optionalRegex() {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          if (value != null && !value.toString().isBlank()) {
            compile(name, value.toString());
          }
        },
        () -> "empty, or a Java regular expression (java.util.regex.Pattern)");
  }

  /**
   * Compiles a regex setting.
   *
   * @param name the setting, for the error message
   * @param regex the value
   * @return the pattern
   * @throws ConfigException naming the setting and the syntax error
   */
  public static Pattern compile(String name, String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      ConfigException error =
          new ConfigException(
              name,
              regex,
              "not a valid Java regular expression: "
                  + e.getDescription()
                  + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
      error.initCause(e);
      throw error;
    }
  }

  private static void parse(String name, Object value, String element, Function<String, ?> parser) {
    try {
      parser.apply(element);
    } catch (IllegalArgumentException e) {
      ConfigException error = new ConfigException(name, value, e.getMessage());
      error.initCause(e);
      throw error;
    }
  }
}
