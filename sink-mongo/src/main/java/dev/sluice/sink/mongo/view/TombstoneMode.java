package dev.sluice.sink.mongo.view;

import dev.sluice.sink.mongo.EnumOptions;

/** What a tombstone (a record with a null value) means. */
public enum TombstoneMode {
  /**
   * Ignored on topics of change events, whose delete event already did the work; a delete on
   * topics of plain rows. A tombstone that keeps a row (non-envelope) value schema, as unwrapped
   * deletes do, is a delete; otherwise decided per topic-partition from the last non-tombstone
   * record the task saw; before any, a key schema named {@code *.Key} (Sluice, Debezium) means
   * change events.
   */
  AUTO,
  /** Always a delete of the key's document. */
  DELETE,
  /** Always ignored. */
  IGNORE;

  /** Parses a configuration value. */
  public static TombstoneMode parse(String value) {
    return EnumOptions.parse(TombstoneMode.class, value);
  }
}
