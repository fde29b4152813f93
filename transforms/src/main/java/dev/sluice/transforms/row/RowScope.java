package dev.sluice.transforms.row;

import dev.sluice.transforms.util.ConfigValidators;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;

/** Where the field paths of a row transformation start. */
public enum RowScope {
  /**
   * In the rows of a change event ({@code before} and {@code after}); in the whole key or value of
   * any other record.
   */
  ROW("row"),
  /** In the whole key or value, change events included (e.g. {@code source.query}). */
  WHOLE("whole");

  /** Setting shared by the row transformations. */
  public static final String CONFIG = "scope";
  /** Default of {@value #CONFIG}. */
  public static final String DEFAULT = "row";
  /** Doc of {@value #CONFIG}: where paths start for change events and for other records. */
  public static final String DOC =
      "Where field paths start. 'row' (default): in the row of a change event, applied to both"
          + " 'before' and 'after' (so 'email' means before.email and after.email); in the whole"
          + " key or value of any other record (plain rows, e.g. after Unwrap). 'whole': always in"
          + " the whole key or value, so paths into a change event name its blocks, e.g."
          + " 'source.query'.";
  /** Display name of {@value #CONFIG}. */
  public static final String DISPLAY = "Path scope";

  private final String code;

  RowScope(String code) {
    this.code = code;
  }

  /** The configured value. */
  public String code() {
    return code;
  }

  /** The valid values, comma separated. */
  public static String validCodes() {
    return Arrays.stream(values()).map(RowScope::code).collect(Collectors.joining(", "));
  }

  /**
   * Parses a configured value; blanks and case are ignored.
   *
   * @throws IllegalArgumentException naming the value and the valid ones
   */
  public static RowScope parse(String code) {
    String normalized = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
    for (RowScope scope : values()) {
      if (scope.code.equals(normalized)) {
        return scope;
      }
    }
    throw new IllegalArgumentException(
        "Unknown scope '" + code + "'; valid values are: " + validCodes());
  }

  /**
   * Adds the {@value #CONFIG} setting to a definition.
   *
   * @param def the definition
   * @param group the settings group
   * @param order the order in the group
   * @return {@code def}
   */
  public static ConfigDef define(ConfigDef def, String group, int order) {
    return def.define(
        CONFIG,
        ConfigDef.Type.STRING,
        DEFAULT,
        ConfigValidators.parsedBy(RowScope::parse, validCodes()),
        ConfigDef.Importance.LOW,
        DOC,
        group,
        order,
        ConfigDef.Width.SHORT,
        DISPLAY);
  }
}
