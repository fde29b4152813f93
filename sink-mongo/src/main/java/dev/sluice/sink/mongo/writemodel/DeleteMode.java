package dev.sluice.sink.mongo.writemodel;

import dev.sluice.sink.mongo.EnumOptions;

/** How deletes are written. */
public enum DeleteMode {
  /** Remove the document (and keep a tombstone of its version, see tombstones.retention.ms). */
  HARD,
  /** Keep the document with the deleted row's columns and set the soft-delete flag and time fields. */
  SOFT;

  /** Parses a configuration value. */
  public static DeleteMode parse(String value) {
    return EnumOptions.parse(DeleteMode.class, value);
  }
}
