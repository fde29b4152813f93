package dev.sluice.source.mysql.schema;

/** How BINARY, VARBINARY and BLOB columns are emitted. */
public enum BinaryMode {
  /** {@code BYTES}. */
  BYTES,
  /** {@code STRING}, standard Base64 with padding. */
  BASE64,
  /** {@code STRING}, lower-case hexadecimal. */
  HEX;

  public static BinaryMode parse(String value) {
    return Options.parse(BinaryMode.class, value);
  }

  public static String validValues() {
    return Options.validValues(BinaryMode.class);
  }
}
