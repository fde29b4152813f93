package dev.sluice.sink.mongo;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The validators of the sink's settings. Each reports a bad value as a {@link ConfigException}
 * naming the setting, the value and what is valid; each {@code toString()} says what is valid,
 * which Connect shows in generated docs and in the REST validate response.
 */
public final class SinkValidators {

  private SinkValidators() {}

  /** A STRING setting naming one constant of {@code type} (see {@link EnumOptions}). */
  public static <E extends Enum<E>> ConfigDef.Validator oneOf(Class<E> type) {
    return parsedBy(v -> EnumOptions.parse(type, v), "one of: " + EnumOptions.validValues(type));
  }

  /**
   * A STRING setting whose value {@code parser} accepts; the parser's IllegalArgumentException
   * message becomes the error. Null passes, so optional settings can use it.
   */
  public static ConfigDef.Validator parsedBy(Function<String, ?> parser, String validValues) {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          if (value != null) {
            try {
              parser.apply(value.toString());
            } catch (IllegalArgumentException e) {
              ConfigException error = new ConfigException(name, value, e.getMessage());
              error.initCause(e);
              throw error;
            }
          }
        },
        () -> validValues);
  }

  /** An optional STRING setting holding a Java regular expression; blank means not set. */
  public static ConfigDef.Validator optionalRegex() {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          if (value != null && !value.toString().isBlank()) {
            compile(name, value.toString());
          }
        },
        () -> "empty, or a Java regular expression (java.util.regex.Pattern)");
  }

  /** A LIST setting whose elements are non-blank. */
  public static ConfigDef.Validator listOfNonBlank(String what) {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          for (Object element : value instanceof List<?> l ? l : List.of()) {
            if (element == null || element.toString().isBlank()) {
              throw new ConfigException(name, value, "blank entries are not allowed; expected " + what);
            }
          }
        },
        () -> "comma-separated list of " + what);
  }

  /** A non-blank STRING. */
  public static ConfigDef.Validator nonBlank(String what) {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          if (value == null || value.toString().isBlank()) {
            throw new ConfigException(name, value, "a value is required: " + what);
          }
        },
        () -> "non-blank " + what);
  }

  /**
   * Compiles a regex setting.
   *
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
}
