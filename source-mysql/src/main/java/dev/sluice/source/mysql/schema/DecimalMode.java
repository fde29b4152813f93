package dev.sluice.source.mysql.schema;

/** How DECIMAL/NUMERIC columns are emitted. */
public enum DecimalMode {
  /** Connect {@code Decimal} logical type with the column's scale (and its precision as a parameter): exact. */
  PRECISE,
  /** {@code FLOAT64}: convenient, loses digits beyond double precision. */
  DOUBLE,
  /** {@code STRING} with the plain decimal text (no exponent), scale kept: exact. */
  STRING;

  public static DecimalMode parse(String value) {
    return Options.parse(DecimalMode.class, value);
  }

  /** The valid values, lower case, as configs spell them. */
  public static String validValues() {
    return Options.validValues(DecimalMode.class);
  }
}
