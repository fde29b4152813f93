package dev.sluice.sink.mongo.writemodel;

import dev.sluice.sink.mongo.EnumOptions;

/** How inserts, updates and snapshot reads are written. */
public enum WriteMode {
  /** {@link #REPLACE}, except in collections other topics embed child rows into, where {@link #SET} keeps the arrays. */
  AUTO,
  /** Replace the whole document: it holds exactly the row's columns. */
  REPLACE,
  /** {@code $set} each column: fields the row does not have (e.g. added by others) are kept. */
  SET;

  /** Parses a configuration value. */
  public static WriteMode parse(String value) {
    return EnumOptions.parse(WriteMode.class, value);
  }
}
