package dev.sluice.sink.mongo.namespace;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A MongoDB database and collection.
 *
 * @param database the database name
 * @param collection the collection name
 */
public record Namespace(String database, String collection) {

  private static final String BAD_DATABASE_CHARS = "/\\. \"$*<>:|?";

  /** {@code database.collection}. */
  public String fullName() {
    return database + "." + collection;
  }

  @Override
  public String toString() {
    return fullName();
  }

  /**
   * What MongoDB would reject about these names, or empty when they are valid.
   *
   * @return a message naming the problem
   */
  public Optional<String> problem() {
    if (database == null || database.isEmpty()) {
      return Optional.of("the database name is empty");
    }
    for (char c : database.toCharArray()) {
      if (BAD_DATABASE_CHARS.indexOf(c) >= 0 || c == 0) {
        return Optional.of("database name '" + database + "' contains '" + c + "'; MongoDB forbids any of " + BAD_DATABASE_CHARS + " and NUL");
      }
    }
    if (database.getBytes(StandardCharsets.UTF_8).length > 63) {
      return Optional.of("database name '" + database + "' is longer than 63 bytes");
    }
    if (collection == null || collection.isEmpty()) {
      return Optional.of("the collection name is empty");
    }
    if (collection.indexOf('$') >= 0 || collection.indexOf(0) >= 0) {
      return Optional.of("collection name '" + collection + "' contains '$' or NUL");
    }
    if (collection.startsWith("system.")) {
      return Optional.of("collection name '" + collection + "' starts with 'system.', which MongoDB reserves");
    }
    return Optional.empty();
  }
}
