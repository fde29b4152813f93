package dev.sluice.sink.mongo.view;

import dev.sluice.sink.mongo.EnumOptions;

/** How DECIMAL columns are written. */
public enum DecimalMode {
  /** BSON Decimal128, exact up to 34 significant digits; a value that needs more is an error. */
  DECIMAL128,
  /** The plain decimal string ({@code BigDecimal#toPlainString}), exact at any precision. */
  STRING;

  /** Parses a configuration value ({@code decimal128} or {@code string}). */
  public static DecimalMode parse(String value) {
    return EnumOptions.parse(DecimalMode.class, value);
  }
}
