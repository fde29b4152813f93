package dev.sluice.sink.mongo.namespace;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.errors.DataException;

/**
 * A name template with {@code ${topic}}, {@code ${db}} and {@code ${table}}, parsed once.
 *
 * <p>{@code ${db}} and {@code ${table}} are {@code source.db} and {@code source.table} of change
 * events; for records without them they are the second-to-last and last dot-separated segments of
 * the topic (Debezium and Sluice topics are named {@code <prefix>.<db>.<table>}).
 */
public final class Template {
  /** The placeholders a template may use. */
  public static final Set<String> PLACEHOLDERS = Set.of("topic", "db", "table");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

  private final String text;
  private final List<String> literals = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  private Template(String text) {
    this.text = text;
  }

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException naming an unknown placeholder and the valid ones
   */
  public static Template parse(String text) {
    Template template = new Template(text);
    Matcher m = PLACEHOLDER.matcher(text);
    int last = 0;
    while (m.find()) {
      String name = m.group(1);
      if (!PLACEHOLDERS.contains(name)) {
        throw new IllegalArgumentException("unknown placeholder '${" + name + "}' in '" + text + "'; valid are ${topic}, ${db}, ${table}");
      }
      template.literals.add(text.substring(last, m.start()));
      template.names.add(name);
      last = m.end();
    }
    template.literals.add(text.substring(last));
    return template;
  }

  /** True when the template uses only {@code ${topic}} (or nothing). */
  public boolean dependsOnTopicAlone() {
    return names.stream().allMatch("topic"::equals);
  }

  /** Fills the template in. */
  public String apply(String topic, String db, String table) {
    if (names.isEmpty()) {
      return literals.get(0);
    }
    StringBuilder out = new StringBuilder(literals.get(0));
    for (int i = 0; i < names.size(); i++) {
      out.append(switch (names.get(i)) {
        case "topic" -> topic;
        case "db" -> db != null ? db : segmentFromEnd(topic, 1, "db");
        default -> table != null ? table : segmentFromEnd(topic, 0, "table");
      });
      out.append(literals.get(i + 1));
    }
    return out.toString();
  }

  private static String segmentFromEnd(String topic, int fromEnd, String placeholder) {
    String[] segments = topic.split("\\.");
    if (segments.length <= fromEnd) {
      throw new DataException("${" + placeholder + "}: the record carries no source." + placeholder
          + " and topic '" + topic + "' has no segment to stand in for it");
    }
    return segments[segments.length - 1 - fromEnd];
  }

  @Override
  public String toString() {
    return text;
  }
}
