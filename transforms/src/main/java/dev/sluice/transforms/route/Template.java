package dev.sluice.transforms.route;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A topic or key template such as {@code ${server}.${db}.all_${1}}, parsed once.
 *
 * <p>Placeholders: {@code ${topic}} (the record's topic), {@code ${server}} ({@code source.name}),
 * {@code ${db}}, {@code ${table}}, and the groups of {@code table.regex}: {@code $1} to {@code $9},
 * {@code ${12}} or {@code ${name}} for a named group. {@code $$} is a literal dollar sign. Unknown
 * placeholders are configuration errors, found before the first record.
 */
public final class Template {

  /** The built-in placeholder names. */
  public static final Set<String> BUILT_INS = Set.of("topic", "server", "db", "table");

  private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private sealed interface Part permits Literal, BuiltIn, Group, NamedGroup {}

  private record Literal(String text) implements Part {}

  private enum Name {
    TOPIC,
    SERVER,
    DB,
    TABLE
  }

  private record BuiltIn(Name name) implements Part {}

  private record Group(int index) implements Part {}

  private record NamedGroup(String name) implements Part {}

  private final String text;
  private final List<Part> parts;
  private final boolean usesGroups;

  private Template(String text, List<Part> parts) {
    this.text = text;
    this.parts = List.copyOf(parts);
    this.usesGroups = parts.stream().anyMatch(p -> p instanceof Group || p instanceof NamedGroup);
  }

  /**
   * Parses a template.
   *
   * @param text the template
   * @param regex the regex whose groups it may use, or null
   * @return the template
   * @throws IllegalArgumentException naming the placeholder that is unknown or malformed and what
   *     is valid
   */
  public static Template parse(String text, Pattern regex) {
    int groupCount = regex == null ? 0 : regex.matcher("").groupCount();
    Set<String> groupNames = groupNames(regex);
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '$') {
        literal.append(c);
        continue;
      }
      if (i + 1 >= text.length()) {
        throw new IllegalArgumentException(
            "'" + text + "' ends with a lone '$'; write '$$' for a literal dollar sign");
      }
      char next = text.charAt(i + 1);
      String name;
      if (next == '$') {
        literal.append('$');
        i++;
        continue;
      } else if (Character.isDigit(next)) {
        name = String.valueOf(next);
        i++;
      } else if (next == '{') {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          throw new IllegalArgumentException("'" + text + "' has a '${' without a closing '}'");
        }
        name = text.substring(i + 2, close);
        i = close;
      } else {
        throw new IllegalArgumentException(
            "'" + text + "' has a '$' that starts no placeholder; write '${name}', '$1' or '$$'");
      }
      if (literal.length() > 0) {
        parts.add(new Literal(literal.toString()));
        literal.setLength(0);
      }
      parts.add(placeholder(text, name, groupCount, groupNames));
    }
    if (literal.length() > 0) {
      parts.add(new Literal(literal.toString()));
    }
    return new Template(text, parts);
  }

  private static Part placeholder(String text, String name, int groupCount, Set<String> groupNames) {
    if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
      int index = Integer.parseInt(name);
      if (index < 1 || index > groupCount) {
        throw new IllegalArgumentException(
            "'" + text + "' uses group " + index + " but table.regex has "
                + (groupCount == 0 ? "no groups" : "groups 1 to " + groupCount));
      }
      return new Group(index);
    }
    if (BUILT_INS.contains(name)) {
      return new BuiltIn(Name.valueOf(name.toUpperCase(java.util.Locale.ROOT)));
    }
    if (groupNames.contains(name)) {
      return new NamedGroup(name);
    }
    Set<String> valid = new TreeSet<>(BUILT_INS);
    valid.addAll(groupNames);
    throw new IllegalArgumentException(
        "'" + text + "' uses the unknown placeholder '${" + name + "}'; valid are ${"
            + String.join("}, ${", valid) + "}" + (groupCount > 0 ? " and $1 to $" + groupCount : ""));
  }

  private static Set<String> groupNames(Pattern regex) {
    Set<String> names = new LinkedHashSet<>();
    if (regex != null) {
      Matcher matcher = NAMED_GROUP.matcher(regex.pattern());
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }

  /** Whether the template uses groups of the regex. */
  public boolean usesGroups() {
    return usesGroups;
  }

  /**
   * Fills the template in.
   *
   * @param topic the record's topic
   * @param name where the record comes from
   * @param match the successful match of table.regex, or null
   * @return the text; null placeholders render as empty
   */
  public String render(String topic, TableName name, Matcher match) {
    if (parts.size() == 1 && parts.get(0) instanceof Literal literal) {
      return literal.text();
    }
    StringBuilder out = new StringBuilder(text.length() + 32);
    for (Part part : parts) {
      String value;
      if (part instanceof Literal literal) {
        value = literal.text();
      } else if (part instanceof BuiltIn builtIn) {
        value =
            switch (builtIn.name()) {
              case TOPIC -> topic;
              case SERVER -> name.server();
              case DB -> name.db();
              case TABLE -> name.table();
            };
      } else if (part instanceof Group group) {
        value = match == null ? null : match.group(group.index());
      } else {
        value = match == null ? null : match.group(((NamedGroup) part).name());
      }
      if (value != null) {
        out.append(value);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
