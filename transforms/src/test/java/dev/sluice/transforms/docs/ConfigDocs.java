package dev.sluice.transforms.docs;

import dev.sluice.transforms.predicates.OperationIs;
import dev.sluice.event.testsupport.PluginContract;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Renders the reference of every transformation and predicate listed in this module's
 * META-INF/services, from their {@code CONFIG_DEF} and {@code OVERVIEW_DOC}, as Markdown.
 *
 * <p>{@code ConfigDocsTest} fails when the committed {@code transforms/CONFIG.md} differs from
 * what this renders. To regenerate it:
 *
 * <pre>
 * mvn -o -pl transforms test -Dtest=ConfigDocsTest -Dsluice.docs.write=true
 * </pre>
 */
public final class ConfigDocs {

  /** The file, relative to the module directory. */
  public static final String FILE = "CONFIG.md";

  private ConfigDocs() {}

  /**
   * Renders the reference.
   *
   * @return the Markdown text
   * @throws IOException if the service files cannot be read
   */
  public static String render() throws IOException {
    PluginContract contract = PluginContract.forClassesOf(OperationIs.class);
    Map<Class<?>, List<String>> listed = contract.listed();
    StringBuilder md = new StringBuilder();
    md.append("# Sluice transforms and predicates: configuration reference\n\n");
    md.append("Generated from the plugins' `ConfigDef`s by `dev.sluice.transforms.docs.ConfigDocs`")
        .append(" (test sources); do not edit by hand. Regenerate with\n")
        .append("`mvn -o -pl transforms test -Dtest=ConfigDocsTest -Dsluice.docs.write=true`.\n\n");
    section(md, "Transformations", listed.getOrDefault(Transformation.class, List.of()), contract);
    section(md, "Predicates", listed.getOrDefault(Predicate.class, List.of()), contract);
    return md.toString();
  }

  private static void section(StringBuilder md, String title, List<String> classNames, PluginContract contract) {
    md.append("## ").append(title).append("\n\n");
    Map<Class<?>, List<String>> byBase = new LinkedHashMap<>();
    for (String name : classNames) {
      Class<?> type = contract.load(name);
      Class<?> base = type.getEnclosingClass() != null ? type.getEnclosingClass() : type;
      byBase.computeIfAbsent(base, b -> new ArrayList<>()).add(name);
    }
    for (Map.Entry<Class<?>, List<String>> entry : byBase.entrySet()) {
      Class<?> base = entry.getKey();
      md.append("### ").append(base.getSimpleName()).append("\n\n");
      md.append(entry.getValue().stream().map(n -> "`" + n + "`").collect(Collectors.joining(", ")))
          .append("\n\n");
      md.append(cell((String) staticField(base, "OVERVIEW_DOC")).replace("\\|", "|")).append("\n\n");
      table(md, (ConfigDef) staticField(base, "CONFIG_DEF"));
    }
  }

  private static void table(StringBuilder md, ConfigDef def) {
    md.append("| Setting | Type | Default | Valid values | Importance | Description |\n");
    md.append("|---|---|---|---|---|---|\n");
    List<String> groups = new ArrayList<>();
    for (ConfigDef.ConfigKey key : def.configKeys().values()) {
      if (!groups.contains(key.group)) {
        groups.add(key.group);
      }
    }
    List<ConfigDef.ConfigKey> keys = new ArrayList<>(def.configKeys().values());
    keys.sort(Comparator.<ConfigDef.ConfigKey>comparingInt(k -> groups.indexOf(k.group))
        .thenComparingInt(k -> k.orderInGroup));
    for (ConfigDef.ConfigKey key : keys) {
      md.append("| `").append(key.name).append("` | ")
          .append(key.type.name().toLowerCase(Locale.ROOT)).append(" | ")
          .append(defaultOf(key)).append(" | ")
          .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
          .append(key.importance.name().toLowerCase(Locale.ROOT)).append(" | ")
          .append(cell(key.documentation)).append(" |\n");
    }
    md.append('\n');
  }

  private static String defaultOf(ConfigDef.ConfigKey key) {
    if (!key.hasDefault()) {
      return "*required*";
    }
    Object value = key.defaultValue;
    if (value == null) {
      return "*none*";
    }
    if (value instanceof Password) {
      return "*hidden*";
    }
    if (value instanceof List<?> list) {
      return list.isEmpty()
          ? "*empty*"
          : code(list.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
    String text = String.valueOf(value);
    return text.isEmpty() ? "*empty*" : code(text);
  }

  /** A code span in a table cell: only pipes need escaping there. */
  private static String code(String text) {
    return "`" + text.replace("|", "\\|") + "`";
  }

  /** Text safe inside a Markdown table cell: no pipes, newlines, tags or bold markers. */
  private static String cell(String text) {
    return text == null
        ? ""
        : text.replace("|", "\\|")
            .replace("\n", " ")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("__", "\\_\\_");
  }

  private static Object staticField(Class<?> type, String name) {
    try {
      Field field = type.getField(name);
      if (!Modifier.isStatic(field.getModifiers())) {
        throw new IllegalStateException(type.getName() + "." + name + " is not static");
      }
      return field.get(null);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(
          type.getName() + " has no public static " + name + "; every plugin needs one", e);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + type.getName() + "." + name, e);
    }
  }

  /**
   * Writes the reference.
   *
   * @param args optional: the file to write, default {@value #FILE}
   */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : FILE);
    Files.writeString(file, render(), StandardCharsets.UTF_8);
    System.out.println("Wrote " + file.toAbsolutePath());
  }
}
