package dev.sluice.sink.mongo.writemodel;

import dev.sluice.sink.mongo.EnumOptions;

/** What a truncate event ({@code op=t}) does. */
public enum TruncateMode {
  /** Delete every document (or embedded element) of the topic's table older than the truncate. */
  DELETE,
  /** Nothing. */
  IGNORE;

  /** Parses a configuration value. */
  public static TruncateMode parse(String value) {
    return EnumOptions.parse(TruncateMode.class, value);
  }
}
