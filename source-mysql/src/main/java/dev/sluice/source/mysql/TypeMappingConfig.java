package dev.sluice.source.mysql;

import dev.sluice.source.mysql.schema.BinaryMode;
import dev.sluice.source.mysql.schema.DecimalMode;
import dev.sluice.source.mysql.schema.TemporalPrecision;
import dev.sluice.source.mysql.schema.TypeMappingOptions;
import dev.sluice.source.mysql.schema.ZeroDateMode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The type-mapping settings of the source (see {@code source-mysql/TYPE-MAPPING.md}), composed into
 * {@link MySqlSourceConfig}. Names and values follow Debezium's where they mean the same.
 */
public final class TypeMappingConfig {
  private static final String GROUP = "Types";

  public static final String DECIMAL_HANDLING_MODE_CONFIG = "decimal.handling.mode";
  private static final String DECIMAL_HANDLING_MODE_DOC = "DECIMAL/NUMERIC as: precise (Connect Decimal with the column's scale, exact), double (may lose digits), string (exact text).";
  public static final String TIME_PRECISION_MODE_CONFIG = "time.precision.mode";
  private static final String TIME_PRECISION_MODE_DOC = "Temporal types as: adaptive_time_microseconds (Debezium's semantic types, every value exact, including negative TIME and TIME over 24 h) or connect (Kafka Connect's logical types, millisecond precision, TIME within one day only).";
  public static final String BINARY_HANDLING_MODE_CONFIG = "binary.handling.mode";
  private static final String BINARY_HANDLING_MODE_DOC = "BINARY/VARBINARY/BLOB as: bytes, base64 (text) or hex (text).";
  public static final String BIGINT_UNSIGNED_HANDLING_MODE_CONFIG = "bigint.unsigned.handling.mode";
  private static final String BIGINT_UNSIGNED_HANDLING_MODE_DOC = "BIGINT UNSIGNED as: precise (Decimal(20,0), every value exact) or long (int64; values above 9223372036854775807 wrap to negative).";
  public static final String ZERO_DATE_HANDLING_MODE_CONFIG = "zero.date.handling.mode";
  private static final String ZERO_DATE_HANDLING_MODE_DOC = "Zero dates ('0000-00-00', '0000-00-00 00:00:00') and dates with a zero month or day as: null, or epoch (1970-01-01 / the epoch instant). A NOT NULL column holding one becomes optional in the schema when 'null' is chosen.";
  public static final String TINYINT1_AS_BOOLEAN_CONFIG = "tinyint1.as.boolean";
  private static final String TINYINT1_AS_BOOLEAN_DOC = "TINYINT(1) (what BOOLEAN and BOOL create) as a Connect boolean (nonzero is true), or as int16 like any TINYINT.";

  private final MySqlSourceConfig config;

  TypeMappingConfig(MySqlSourceConfig config) {
    this.config = config;
  }

  static void define(ConfigDef def) {
    int o = 0;
    def.define(DECIMAL_HANDLING_MODE_CONFIG, Type.STRING, "precise", parsed(DecimalMode::parse, "precise, double, string"), Importance.MEDIUM,
        DECIMAL_HANDLING_MODE_DOC, GROUP, ++o, Width.SHORT, "Decimals");
    def.define(TIME_PRECISION_MODE_CONFIG, Type.STRING, "adaptive_time_microseconds", parsed(TypeMappingConfig::temporal, "adaptive_time_microseconds, connect"),
        Importance.MEDIUM, TIME_PRECISION_MODE_DOC, GROUP, ++o, Width.SHORT, "Temporal types");
    def.define(BINARY_HANDLING_MODE_CONFIG, Type.STRING, "bytes", parsed(BinaryMode::parse, "bytes, base64, hex"), Importance.LOW,
        BINARY_HANDLING_MODE_DOC, GROUP, ++o, Width.SHORT, "Binary columns");
    def.define(BIGINT_UNSIGNED_HANDLING_MODE_CONFIG, Type.STRING, "precise", ConfigDef.ValidString.in("precise", "long"), Importance.LOW,
        BIGINT_UNSIGNED_HANDLING_MODE_DOC, GROUP, ++o, Width.SHORT, "BIGINT UNSIGNED");
    def.define(ZERO_DATE_HANDLING_MODE_CONFIG, Type.STRING, "null", parsed(ZeroDateMode::parse, "null, epoch"), Importance.LOW,
        ZERO_DATE_HANDLING_MODE_DOC, GROUP, ++o, Width.SHORT, "Zero dates");
    def.define(TINYINT1_AS_BOOLEAN_CONFIG, Type.BOOLEAN, true, Importance.LOW, TINYINT1_AS_BOOLEAN_DOC, GROUP, ++o, Width.SHORT, "TINYINT(1) as boolean");
  }

  private static TemporalPrecision temporal(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "adaptive_time_microseconds", "adaptive" -> TemporalPrecision.ADAPTIVE;
      case "connect" -> TemporalPrecision.CONNECT;
      default -> throw new IllegalArgumentException("'" + value + "' is not one of adaptive_time_microseconds, connect");
    };
  }

  /** The options the schema factory works with. */
  public TypeMappingOptions options() {
    Set<String> excluded = new HashSet<>();
    List<String> columns = config.getList(MySqlSourceConfig.COLUMN_EXCLUDE_CONFIG);
    columns.forEach(c -> excluded.add(c.trim()));
    return new TypeMappingOptions(
        DecimalMode.parse(config.getString(DECIMAL_HANDLING_MODE_CONFIG)),
        temporal(config.getString(TIME_PRECISION_MODE_CONFIG)),
        BinaryMode.parse(config.getString(BINARY_HANDLING_MODE_CONFIG)),
        ZeroDateMode.parse(config.getString(ZERO_DATE_HANDLING_MODE_CONFIG)),
        "precise".equals(config.getString(BIGINT_UNSIGNED_HANDLING_MODE_CONFIG)),
        excluded,
        config.getBoolean(TINYINT1_AS_BOOLEAN_CONFIG));
  }

  private static ConfigDef.Validator parsed(Function<String, ?> parser, String valid) {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        try {
          parser.apply((String) value);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(name, value, "must be one of " + valid);
        }
      }

      @Override
      public String toString() {
        return valid;
      }
    };
  }
}
