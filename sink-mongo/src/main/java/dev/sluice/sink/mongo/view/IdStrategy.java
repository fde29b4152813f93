package dev.sluice.sink.mongo.view;

import dev.sluice.sink.mongo.EnumOptions;

/** Where a document's {@code _id} comes from. */
public enum IdStrategy {
  /**
   * The record key: a Struct or Map key with one field gives that field's value, with several a
   * sub-document of them in key order; a primitive key is used as it is.
   */
  KEY,
  /** The row fields named by {@code id.fields}: one gives a scalar, several a sub-document. */
  FIELDS;

  /** Parses a configuration value ({@code key} or {@code fields}). */
  public static IdStrategy parse(String value) {
    return EnumOptions.parse(IdStrategy.class, value);
  }
}
