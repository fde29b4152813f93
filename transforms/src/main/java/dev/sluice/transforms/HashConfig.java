package dev.sluice.transforms;

import dev.sluice.transforms.conversion.HashAlgorithm;
import dev.sluice.transforms.conversion.HashConversion;
import dev.sluice.transforms.row.RowScope;
import dev.sluice.transforms.row.RowSettings;
import dev.sluice.transforms.util.ConfigValidators;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Configuration of {@link Hash}. */
public final class HashConfig extends AbstractConfig {

  /** Setting: the fields to hash. */
  public static final String FIELDS_CONFIG = PathSyntax.FIELDS_CONFIG;
  /** Doc of {@value #FIELDS_CONFIG}. */
  public static final String FIELDS_DOC =
      "Comma-separated paths of the fields to hash; each becomes a STRING field. Structs, arrays"
          + " and maps cannot be hashed as a whole.";
  /** Display name of {@value #FIELDS_CONFIG}. */
  public static final String FIELDS_DISPLAY = PathSyntax.FIELDS_DISPLAY;

  /** Setting: the hash function. */
  public static final String ALGORITHM_CONFIG = "algorithm";
  /** Default of {@value #ALGORITHM_CONFIG}. */
  public static final String ALGORITHM_DEFAULT = "hmac-sha256";
  /** Doc of {@value #ALGORITHM_CONFIG}: which secret each algorithm needs. */
  public static final String ALGORITHM_DOC =
      "'hmac-sha256' (default): HMAC-SHA256 keyed with 'secret'; without the secret nobody can"
          + " test guesses against the hashes. 'sha256': SHA-256 of 'salt' followed by the value.";
  /** Display name of {@value #ALGORITHM_CONFIG}. */
  public static final String ALGORITHM_DISPLAY = "Algorithm";

  /** Setting: the HMAC key. */
  public static final String SECRET_CONFIG = "secret";
  /** Doc of {@value #SECRET_CONFIG}: a password, best given through a ConfigProvider. */
  public static final String SECRET_DOC =
      "The HMAC key, required for 'hmac-sha256'. A password: the worker hides it in its REST API"
          + " and logs. Give it through a ConfigProvider, e.g."
          + " '${file:/etc/sluice/secrets.properties:pii.hmac.key}'. Changing it changes every hash.";
  /** Display name of {@value #SECRET_CONFIG}. */
  public static final String SECRET_DISPLAY = "HMAC secret";

  /** Setting: the salt for SHA-256. */
  public static final String SALT_CONFIG = "salt";
  /** Doc of {@value #SALT_CONFIG}. */
  public static final String SALT_DOC =
      "The salt put before each value for 'sha256', required there. A password, like 'secret'.";
  /** Display name of {@value #SALT_CONFIG}. */
  public static final String SALT_DISPLAY = "Salt";

  /** Setting: how hashes are written. */
  public static final String ENCODING_CONFIG = "encoding";
  /** Default of {@value #ENCODING_CONFIG}. */
  public static final String ENCODING_DEFAULT = "hex";
  /** Doc of {@value #ENCODING_CONFIG}. */
  public static final String ENCODING_DOC =
      "How the 32 hash bytes are written: 'hex' (64 lower-case characters) or 'base64' (44"
          + " characters).";
  /** Display name of {@value #ENCODING_CONFIG}. */
  public static final String ENCODING_DISPLAY = "Encoding";

  private static final String GROUP = "Hash";

  /** The definition, shared with {@link Hash#CONFIG_DEF}. */
  public static final ConfigDef CONFIG_DEF =
      RowScope.define(
          PathSyntax.defineFields(new ConfigDef(), FIELDS_DOC, GROUP, 1)
              .define(ALGORITHM_CONFIG, ConfigDef.Type.STRING, ALGORITHM_DEFAULT,
                  ConfigValidators.parsedBy(HashAlgorithm::parse, HashAlgorithm.validCodes()),
                  ConfigDef.Importance.HIGH, ALGORITHM_DOC, GROUP, 2, ConfigDef.Width.SHORT,
                  ALGORITHM_DISPLAY)
              .define(SECRET_CONFIG, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.HIGH,
                  SECRET_DOC, GROUP, 3, ConfigDef.Width.MEDIUM, SECRET_DISPLAY)
              .define(SALT_CONFIG, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.HIGH,
                  SALT_DOC, GROUP, 4, ConfigDef.Width.MEDIUM, SALT_DISPLAY)
              .define(ENCODING_CONFIG, ConfigDef.Type.STRING, ENCODING_DEFAULT,
                  ConfigValidators.parsedBy(HashConfig::parseEncoding, "hex, base64"),
                  ConfigDef.Importance.LOW, ENCODING_DOC, GROUP, 5, ConfigDef.Width.SHORT,
                  ENCODING_DISPLAY),
          GROUP,
          6);

  private final RowSettings settings;

  /**
   * Parses and validates the settings.
   *
   * @param props the transformation's settings
   * @throws ConfigException naming the bad setting, e.g. a missing secret
   */
  public HashConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    HashAlgorithm algorithm = HashAlgorithm.parse(getString(ALGORITHM_CONFIG));
    String keySetting = algorithm == HashAlgorithm.HMAC_SHA256 ? SECRET_CONFIG : SALT_CONFIG;
    Password key = getPassword(keySetting);
    if (key == null || key.value().isEmpty()) {
      throw new ConfigException(
          keySetting,
          key,
          "'" + ALGORITHM_CONFIG + "=" + algorithm.code() + "' needs a non-empty '" + keySetting
              + "' (give it through a ConfigProvider, e.g. ${file:/path/secrets.properties:key})");
    }
    HashConversion hash =
        new HashConversion(
            algorithm,
            key.value().getBytes(StandardCharsets.UTF_8),
            parseEncoding(getString(ENCODING_CONFIG)));
    settings =
        new RowSettings(
            PathSyntax.convertAll(FIELDS_CONFIG, getList(FIELDS_CONFIG), hash),
            RowScope.parse(getString(RowScope.CONFIG)));
  }

  /** The paths and operations. */
  public RowSettings settings() {
    return settings;
  }

  static HashConversion.Encoding parseEncoding(String code) {
    String normalized = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
    return switch (normalized) {
      case "hex" -> HashConversion.Encoding.HEX;
      case "base64" -> HashConversion.Encoding.BASE64;
      default ->
          throw new IllegalArgumentException(
              "Unknown encoding '" + code + "'; valid values are: hex, base64");
    };
  }
}
