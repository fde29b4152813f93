package dev.sluice.sink.mongo.writemodel;

import dev.sluice.sink.mongo.EnumOptions;

/** What a hard delete of a parent row does to the child rows embedded in its document. */
public enum ParentDeleteMode {
  /**
   * The children stay: the document loses the parent's columns and keeps its arrays until their
   * own deletes (or moves) empty them; then it is removed.
   */
  KEEP,
  /**
   * Children older than the delete go with it; a child changed after the delete (an orphan in the
   * source) stays. Use it when the source deletes children silently, e.g. by ON DELETE CASCADE,
   * which MySQL and MariaDB do not write to the binlog.
   */
  CASCADE;

  /** Parses a configuration value. */
  public static ParentDeleteMode parse(String value) {
    return EnumOptions.parse(ParentDeleteMode.class, value);
  }
}
