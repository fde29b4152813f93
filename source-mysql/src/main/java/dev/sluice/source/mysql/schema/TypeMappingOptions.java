package dev.sluice.source.mysql.schema;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Options of the type mapping, parsed by the connector config. See {@code source-mysql/TYPE-MAPPING.md}.
 *
 * @param decimalMode              DECIMAL as Connect Decimal (default), double or string
 * @param temporalPrecision        Debezium's adaptive microsecond types (default) or Connect's logical types
 * @param binaryMode               BINARY/VARBINARY/BLOB as bytes (default), Base64 or hex text
 * @param zeroDateMode             zero and invalid dates as null (default) or the epoch
 * @param bigintUnsignedAsDecimal  BIGINT UNSIGNED as Decimal(20,0) (default, exact) or int64 (values above
 *                                 9223372036854775807 wrap to negative numbers)
 * @param excludedColumns          regular expressions matched (whole, case-insensitively) against
 *                                 {@code db.table.column}; matching columns are left out of the value. A plain
 *                                 name works too, since {@code .} matches itself. Primary-key columns are never
 *                                 excluded (the key needs them).
 * @param tinyInt1AsBoolean        TINYINT(1) (BOOLEAN, BOOL) as Connect boolean (default: nonzero is true), or
 *                                 int16 like any TINYINT. Needs the display width from information_schema.
 */
public record TypeMappingOptions(DecimalMode decimalMode, TemporalPrecision temporalPrecision, BinaryMode binaryMode,
    ZeroDateMode zeroDateMode, boolean bigintUnsignedAsDecimal, Set<String> excludedColumns, boolean tinyInt1AsBoolean) {

  public TypeMappingOptions {
    Objects.requireNonNull(decimalMode, "decimalMode");
    Objects.requireNonNull(temporalPrecision, "temporalPrecision");
    Objects.requireNonNull(binaryMode, "binaryMode");
    Objects.requireNonNull(zeroDateMode, "zeroDateMode");
    excludedColumns = Set.copyOf(excludedColumns == null ? Set.of() : excludedColumns);
    for (String regex : excludedColumns) {
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("excluded column '" + regex + "' is not a valid regular expression: " + e.getDescription(), e);
      }
    }
  }

  /** The options as listed in the brief; TINYINT(1) maps to boolean. */
  public TypeMappingOptions(DecimalMode decimalMode, TemporalPrecision temporalPrecision, BinaryMode binaryMode, ZeroDateMode zeroDateMode,
      boolean bigintUnsignedAsDecimal, Set<String> excludedColumns) {
    this(decimalMode, temporalPrecision, binaryMode, zeroDateMode, bigintUnsignedAsDecimal, excludedColumns, true);
  }

  /** precise decimals, adaptive temporal types, bytes, zero dates as null, BIGINT UNSIGNED as Decimal(20,0), nothing excluded. */
  public static TypeMappingOptions defaults() {
    return new TypeMappingOptions(DecimalMode.PRECISE, TemporalPrecision.ADAPTIVE, BinaryMode.BYTES, ZeroDateMode.NULL, true, Set.of(), true);
  }

  public TypeMappingOptions withDecimalMode(DecimalMode value) {
    return new TypeMappingOptions(value, temporalPrecision, binaryMode, zeroDateMode, bigintUnsignedAsDecimal, excludedColumns, tinyInt1AsBoolean);
  }

  public TypeMappingOptions withTemporalPrecision(TemporalPrecision value) {
    return new TypeMappingOptions(decimalMode, value, binaryMode, zeroDateMode, bigintUnsignedAsDecimal, excludedColumns, tinyInt1AsBoolean);
  }

  public TypeMappingOptions withBinaryMode(BinaryMode value) {
    return new TypeMappingOptions(decimalMode, temporalPrecision, value, zeroDateMode, bigintUnsignedAsDecimal, excludedColumns, tinyInt1AsBoolean);
  }

  public TypeMappingOptions withZeroDateMode(ZeroDateMode value) {
    return new TypeMappingOptions(decimalMode, temporalPrecision, binaryMode, value, bigintUnsignedAsDecimal, excludedColumns, tinyInt1AsBoolean);
  }

  public TypeMappingOptions withBigintUnsignedAsDecimal(boolean value) {
    return new TypeMappingOptions(decimalMode, temporalPrecision, binaryMode, zeroDateMode, value, excludedColumns, tinyInt1AsBoolean);
  }

  public TypeMappingOptions withExcludedColumns(Set<String> value) {
    return new TypeMappingOptions(decimalMode, temporalPrecision, binaryMode, zeroDateMode, bigintUnsignedAsDecimal, value, tinyInt1AsBoolean);
  }

  public TypeMappingOptions withTinyInt1AsBoolean(boolean value) {
    return new TypeMappingOptions(decimalMode, temporalPrecision, binaryMode, zeroDateMode, bigintUnsignedAsDecimal, excludedColumns, value);
  }

  /** The exclusion patterns, compiled case-insensitively. */
  List<Pattern> exclusionPatterns() {
    return excludedColumns.stream().sorted().map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).toList();
  }
}
