package dev.sluice.sink.mongo.namespace;

import dev.sluice.sink.mongo.EnumOptions;

/** How a record's namespace is chosen. */
public enum NamespaceMapperKind {
  /** {@code database} and {@code collection} are templates over {@code ${topic}}, {@code ${db}} and {@code ${table}}. */
  TEMPLATE,
  /** {@code namespace.regex} must match the whole topic; {@code database} and {@code collection} are replacements with {@code $1} or {@code ${name}} groups. */
  REGEX,
  /** Row fields named by {@code namespace.field.database} and/or {@code namespace.field.collection}; the templates fill in what is not named. */
  FIELD;

  /** Parses a configuration value. */
  public static NamespaceMapperKind parse(String value) {
    return EnumOptions.parse(NamespaceMapperKind.class, value);
  }
}
