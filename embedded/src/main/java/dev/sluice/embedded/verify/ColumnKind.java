package dev.sluice.embedded.verify;

/**
 * How {@code verify} normalizes a column's values; derived from the MySQL type as Sluice's source
 * maps it (see source-mysql/TYPE-MAPPING.md and embedded/VERIFY.md).
 */
public enum ColumnKind {
  /** TINYINT..BIGINT (signed or unsigned, except TINYINT(1)), compared as exact integers. */
  INTEGER,
  /** TINYINT(1) / BOOLEAN: 0 is false, anything else true (the source's default mapping). */
  BOOLEAN,
  /** DECIMAL/NUMERIC, compared by value (trailing zeros do not matter). */
  DECIMAL,
  /** FLOAT, compared as a 32-bit float. */
  FLOAT,
  /** DOUBLE, compared as a 64-bit double. */
  DOUBLE,
  /** CHAR, VARCHAR, TEXT, ENUM, SET, MariaDB UUID/INET: compared as text. */
  TEXT,
  /** BINARY, VARBINARY, BLOB: compared as bytes. */
  BINARY,
  /** BIT(n): BIT(1) as a boolean, wider as an unsigned number. */
  BIT,
  /** DATE: compared as a calendar day; zero dates are null. */
  DATE,
  /** DATETIME: compared as wall-clock time at the view's precision; zero dates are null. */
  DATETIME,
  /** TIMESTAMP: compared as an instant at the view's precision; zero dates are null. */
  TIMESTAMP,
  /** TIME: compared as a signed duration at the view's precision. */
  TIME,
  /** YEAR: compared as an integer. */
  YEAR,
  /** JSON (MySQL) or LONGTEXT with json_valid (MariaDB): compared as JSON values, key order ignored. */
  JSON,
  /** Spatial and other types verify does not compare; reported as not compared. */
  UNSUPPORTED
}
