package dev.sluice.sink.mongo.view;

import dev.sluice.sink.mongo.EnumOptions;

/** How JSON columns ({@code io.debezium.data.Json}) are written. */
public enum JsonMode {
  /** Parsed into a BSON value: objects become sub-documents, arrays arrays, numbers int32/int64/double. */
  DOCUMENT,
  /** Kept as the JSON text. */
  STRING;

  /** Parses a configuration value ({@code document} or {@code string}). */
  public static JsonMode parse(String value) {
    return EnumOptions.parse(JsonMode.class, value);
  }
}
