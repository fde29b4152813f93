package dev.sluice.sink.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.WriteConcern;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** How the sink connects to MongoDB: connection string, credentials, write concern and TLS. */
public final class ConnectionConfig extends AbstractConfig {

  /** Setting: connection string. */
  public static final String URI_CONFIG = "connection.uri";
  /** Doc of {@value #URI_CONFIG}. */
  public static final String URI_DOC =
      "MongoDB connection string, e.g. 'mongodb://host1:27017,host2:27017/?replicaSet=rs0&w=majority"
          + "&tls=true'. Every driver option (write concern, TLS, timeouts, pool) may be set here. A"
          + " password type: it is never logged; prefer connection.password with a ConfigProvider.";
  /** Display name of {@value #URI_CONFIG}. */
  public static final String URI_DISPLAY = "Connection string";

  /** Setting: user name. */
  public static final String USERNAME_CONFIG = "connection.username";
  /** Doc of {@value #USERNAME_CONFIG}. */
  public static final String USERNAME_DOC =
      "User to authenticate as (default mechanism negotiation) when the connection string carries no"
          + " credentials. Empty: none.";
  /** Display name of {@value #USERNAME_CONFIG}. */
  public static final String USERNAME_DISPLAY = "User";

  /** Setting: password. */
  public static final String PASSWORD_CONFIG = "connection.password";
  /** Doc of {@value #PASSWORD_CONFIG}. */
  public static final String PASSWORD_DOC =
      "Password of connection.username; never logged. Use a ConfigProvider, e.g."
          + " '${file:/secrets/mongo.properties:password}'.";
  /** Display name of {@value #PASSWORD_CONFIG}. */
  public static final String PASSWORD_DISPLAY = "Password";

  /** Setting: authentication database. */
  public static final String AUTH_SOURCE_CONFIG = "connection.auth.source";
  /** Default of {@value #AUTH_SOURCE_CONFIG}. */
  public static final String AUTH_SOURCE_DEFAULT = "admin";
  /** Doc of {@value #AUTH_SOURCE_CONFIG}. */
  public static final String AUTH_SOURCE_DOC = "Database that holds connection.username.";
  /** Display name of {@value #AUTH_SOURCE_CONFIG}. */
  public static final String AUTH_SOURCE_DISPLAY = "Authentication database";

  /** Setting: write concern. */
  public static final String WRITE_CONCERN_CONFIG = "connection.write.concern";
  /** Default of {@value #WRITE_CONCERN_CONFIG}. */
  public static final String WRITE_CONCERN_DEFAULT = "";
  /** Doc of {@value #WRITE_CONCERN_CONFIG}. */
  public static final String WRITE_CONCERN_DOC =
      "Write concern 'w': 'majority', a number of nodes, or a tag set name. Empty: the connection"
          + " string's 'w', else 'majority', so that an acknowledged write (and the Kafka offset"
          + " committed after it) survives the loss of the primary.";
  /** Display name of {@value #WRITE_CONCERN_CONFIG}. */
  public static final String WRITE_CONCERN_DISPLAY = "Write concern";

  /** Setting: write concern timeout. */
  public static final String WRITE_CONCERN_TIMEOUT_CONFIG = "connection.write.concern.timeout.ms";
  /** Default of {@value #WRITE_CONCERN_TIMEOUT_CONFIG}. */
  public static final long WRITE_CONCERN_TIMEOUT_DEFAULT = 0L;
  /** Doc of {@value #WRITE_CONCERN_TIMEOUT_CONFIG}. */
  public static final String WRITE_CONCERN_TIMEOUT_DOC =
      "wtimeout of the write concern in ms; 0 keeps the connection string's (none by default). A"
          + " write-concern timeout is retried like other transient errors.";
  /** Display name of {@value #WRITE_CONCERN_TIMEOUT_CONFIG}. */
  public static final String WRITE_CONCERN_TIMEOUT_DISPLAY = "Write concern timeout (ms)";

  /** Setting: server selection timeout. */
  public static final String SERVER_SELECTION_TIMEOUT_CONFIG = "connection.server.selection.timeout.ms";
  /** Default of {@value #SERVER_SELECTION_TIMEOUT_CONFIG}. */
  public static final int SERVER_SELECTION_TIMEOUT_DEFAULT = 10_000;
  /** Doc of {@value #SERVER_SELECTION_TIMEOUT_CONFIG}. */
  public static final String SERVER_SELECTION_TIMEOUT_DOC =
      "How long one attempt waits for a usable server before it counts as a transient failure, unless"
          + " the connection string sets serverSelectionTimeoutMS. Shorter than the driver's 30 s so"
          + " that retries and the task's status follow an outage closely.";
  /** Display name of {@value #SERVER_SELECTION_TIMEOUT_CONFIG}. */
  public static final String SERVER_SELECTION_TIMEOUT_DISPLAY = "Server selection timeout (ms)";

  /** Setting: TLS on. */
  public static final String TLS_ENABLED_CONFIG = "connection.tls.enabled";
  /** Doc of {@value #TLS_ENABLED_CONFIG}. */
  public static final String TLS_ENABLED_DOC =
      "Use TLS. Also on when the connection string says tls=true (or uses mongodb+srv).";
  /** Display name of {@value #TLS_ENABLED_CONFIG}. */
  public static final String TLS_ENABLED_DISPLAY = "TLS";

  /** Setting: skip host name verification. */
  public static final String TLS_ALLOW_INVALID_HOSTNAMES_CONFIG = "connection.tls.allow.invalid.hostnames";
  /** Doc of {@value #TLS_ALLOW_INVALID_HOSTNAMES_CONFIG}. */
  public static final String TLS_ALLOW_INVALID_HOSTNAMES_DOC =
      "Accept server certificates whose host name does not match. Only for testing.";
  /** Display name of {@value #TLS_ALLOW_INVALID_HOSTNAMES_CONFIG}. */
  public static final String TLS_ALLOW_INVALID_HOSTNAMES_DISPLAY = "Allow invalid host names";

  /** Setting: trust store. */
  public static final String TRUSTSTORE_LOCATION_CONFIG = "connection.tls.truststore.location";
  /** Doc of {@value #TRUSTSTORE_LOCATION_CONFIG}. */
  public static final String TRUSTSTORE_LOCATION_DOC =
      "PKCS12 or JKS trust store with the CA that signed the server certificates. Empty: the JVM's.";
  /** Display name of {@value #TRUSTSTORE_LOCATION_CONFIG}. */
  public static final String TRUSTSTORE_LOCATION_DISPLAY = "Trust store";

  /** Setting: trust store password. */
  public static final String TRUSTSTORE_PASSWORD_CONFIG = "connection.tls.truststore.password";
  /** Doc of {@value #TRUSTSTORE_PASSWORD_CONFIG}. */
  public static final String TRUSTSTORE_PASSWORD_DOC = "Password of the trust store; never logged.";
  /** Display name of {@value #TRUSTSTORE_PASSWORD_CONFIG}. */
  public static final String TRUSTSTORE_PASSWORD_DISPLAY = "Trust store password";

  /** Setting: key store. */
  public static final String KEYSTORE_LOCATION_CONFIG = "connection.tls.keystore.location";
  /** Doc of {@value #KEYSTORE_LOCATION_CONFIG}. */
  public static final String KEYSTORE_LOCATION_DOC =
      "PKCS12 or JKS key store with the client certificate for X.509/mutual TLS. Empty: none.";
  /** Display name of {@value #KEYSTORE_LOCATION_CONFIG}. */
  public static final String KEYSTORE_LOCATION_DISPLAY = "Key store";

  /** Setting: key store password. */
  public static final String KEYSTORE_PASSWORD_CONFIG = "connection.tls.keystore.password";
  /** Doc of {@value #KEYSTORE_PASSWORD_CONFIG}. */
  public static final String KEYSTORE_PASSWORD_DOC = "Password of the key store and its key; never logged.";
  /** Display name of {@value #KEYSTORE_PASSWORD_CONFIG}. */
  public static final String KEYSTORE_PASSWORD_DISPLAY = "Key store password";

  private static final String GROUP = "Connection";

  /** The connection settings. */
  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(URI_CONFIG, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, URI_DOC, GROUP, 1, Width.LONG, URI_DISPLAY)
          .define(USERNAME_CONFIG, Type.STRING, "", Importance.MEDIUM, USERNAME_DOC, GROUP, 2, Width.MEDIUM, USERNAME_DISPLAY)
          .define(PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, PASSWORD_DOC, GROUP, 3, Width.MEDIUM, PASSWORD_DISPLAY)
          .define(AUTH_SOURCE_CONFIG, Type.STRING, AUTH_SOURCE_DEFAULT, SinkValidators.nonBlank("database name"),
              Importance.LOW, AUTH_SOURCE_DOC, GROUP, 4, Width.SHORT, AUTH_SOURCE_DISPLAY)
          .define(WRITE_CONCERN_CONFIG, Type.STRING, WRITE_CONCERN_DEFAULT, Importance.MEDIUM, WRITE_CONCERN_DOC,
              GROUP, 5, Width.SHORT, WRITE_CONCERN_DISPLAY)
          .define(WRITE_CONCERN_TIMEOUT_CONFIG, Type.LONG, WRITE_CONCERN_TIMEOUT_DEFAULT, ConfigDef.Range.atLeast(0),
              Importance.LOW, WRITE_CONCERN_TIMEOUT_DOC, GROUP, 6, Width.SHORT, WRITE_CONCERN_TIMEOUT_DISPLAY)
          .define(SERVER_SELECTION_TIMEOUT_CONFIG, Type.INT, SERVER_SELECTION_TIMEOUT_DEFAULT, ConfigDef.Range.atLeast(100),
              Importance.LOW, SERVER_SELECTION_TIMEOUT_DOC, GROUP, 7, Width.SHORT, SERVER_SELECTION_TIMEOUT_DISPLAY)
          .define(TLS_ENABLED_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, TLS_ENABLED_DOC, GROUP, 8, Width.SHORT, TLS_ENABLED_DISPLAY)
          .define(TLS_ALLOW_INVALID_HOSTNAMES_CONFIG, Type.BOOLEAN, false, Importance.LOW, TLS_ALLOW_INVALID_HOSTNAMES_DOC,
              GROUP, 9, Width.SHORT, TLS_ALLOW_INVALID_HOSTNAMES_DISPLAY)
          .define(TRUSTSTORE_LOCATION_CONFIG, Type.STRING, "", Importance.LOW, TRUSTSTORE_LOCATION_DOC, GROUP, 10,
              Width.LONG, TRUSTSTORE_LOCATION_DISPLAY)
          .define(TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.LOW, TRUSTSTORE_PASSWORD_DOC, GROUP, 11,
              Width.MEDIUM, TRUSTSTORE_PASSWORD_DISPLAY)
          .define(KEYSTORE_LOCATION_CONFIG, Type.STRING, "", Importance.LOW, KEYSTORE_LOCATION_DOC, GROUP, 12,
              Width.LONG, KEYSTORE_LOCATION_DISPLAY)
          .define(KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.LOW, KEYSTORE_PASSWORD_DOC, GROUP, 13,
              Width.MEDIUM, KEYSTORE_PASSWORD_DISPLAY);

  private final ConnectionString connectionString;

  /**
   * Parses the connection settings.
   *
   * @throws ConfigException naming the setting to fix; never with a secret in the message
   */
  public ConnectionConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    this.connectionString = parseConnectionString(getPassword(URI_CONFIG));
    if (!getString(USERNAME_CONFIG).isBlank() && connectionString.getCredential() != null) {
      throw new ConfigException(USERNAME_CONFIG, getString(USERNAME_CONFIG),
          "the connection string already carries credentials; set them in one place only");
    }
    writeConcern();
  }

  private static ConnectionString parseConnectionString(Password uri) {
    try {
      return new ConnectionString(uri.value());
    } catch (IllegalArgumentException e) {
      // The driver's message may quote the string, which can hold a password: keep it out.
      throw new ConfigException(URI_CONFIG, "[hidden]",
          "not a valid MongoDB connection string (mongodb://host:port/?options or mongodb+srv://...): "
              + e.getClass().getSimpleName());
    }
  }

  /** The parsed connection string. */
  public ConnectionString connectionString() {
    return connectionString;
  }

  /** The effective write concern. */
  public WriteConcern writeConcern() {
    String w = getString(WRITE_CONCERN_CONFIG).trim();
    WriteConcern concern;
    if (!w.isEmpty()) {
      if (w.equalsIgnoreCase("majority")) {
        concern = WriteConcern.MAJORITY;
      } else if (w.chars().allMatch(Character::isDigit)) {
        int nodes = Integer.parseInt(w);
        if (nodes < 1) {
          throw new ConfigException(WRITE_CONCERN_CONFIG, w, "an acknowledged write concern needs w >= 1; offsets are committed only after MongoDB acknowledged");
        }
        concern = new WriteConcern(nodes);
      } else {
        concern = new WriteConcern(w);
      }
    } else if (connectionString.getWriteConcern() != null) {
      concern = connectionString.getWriteConcern();
      if (!concern.isAcknowledged()) {
        throw new ConfigException(URI_CONFIG, "[hidden]", "w=0 (unacknowledged) cannot be used: offsets are committed only after MongoDB acknowledged");
      }
    } else {
      concern = WriteConcern.MAJORITY;
    }
    long timeout = getLong(WRITE_CONCERN_TIMEOUT_CONFIG);
    return timeout > 0 ? concern.withWTimeout(timeout, TimeUnit.MILLISECONDS) : concern;
  }

  /**
   * The client settings.
   *
   * @throws ConfigException when a key or trust store cannot be read
   */
  public MongoClientSettings clientSettings() {
    MongoClientSettings.Builder builder = MongoClientSettings.builder().applyConnectionString(connectionString);
    if (connectionString.getApplicationName() == null) {
      builder.applicationName("sluice-sink-mongo");
    }
    String user = getString(USERNAME_CONFIG).trim();
    if (!user.isEmpty()) {
      builder.credential(MongoCredential.createCredential(
          user, getString(AUTH_SOURCE_CONFIG).trim(), getPassword(PASSWORD_CONFIG).value().toCharArray()));
    }
    builder.writeConcern(writeConcern());
    if (connectionString.getServerSelectionTimeout() == null) {
      int timeout = getInt(SERVER_SELECTION_TIMEOUT_CONFIG);
      builder.applyToClusterSettings(c -> c.serverSelectionTimeout(timeout, TimeUnit.MILLISECONDS));
    }
    boolean tls = getBoolean(TLS_ENABLED_CONFIG) || Boolean.TRUE.equals(connectionString.getSslEnabled());
    if (tls) {
      SSLContext context = sslContext();
      boolean allowInvalid = getBoolean(TLS_ALLOW_INVALID_HOSTNAMES_CONFIG);
      builder.applyToSslSettings(s -> {
        s.enabled(true);
        if (allowInvalid) {
          s.invalidHostNameAllowed(true);
        }
        if (context != null) {
          s.context(context);
        }
      });
    }
    return builder.build();
  }

  private SSLContext sslContext() {
    String trustStore = getString(TRUSTSTORE_LOCATION_CONFIG).trim();
    String keyStore = getString(KEYSTORE_LOCATION_CONFIG).trim();
    if (trustStore.isEmpty() && keyStore.isEmpty()) {
      return null;
    }
    try {
      TrustManagerFactory tmf = null;
      if (!trustStore.isEmpty()) {
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(TRUSTSTORE_LOCATION_CONFIG, trustStore, getPassword(TRUSTSTORE_PASSWORD_CONFIG)));
      }
      KeyManagerFactory kmf = null;
      if (!keyStore.isEmpty()) {
        Password password = getPassword(KEYSTORE_PASSWORD_CONFIG);
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(KEYSTORE_LOCATION_CONFIG, keyStore, password), password.value().toCharArray());
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigException(trustStore.isEmpty() ? KEYSTORE_LOCATION_CONFIG : TRUSTSTORE_LOCATION_CONFIG,
          trustStore.isEmpty() ? keyStore : trustStore, "cannot set up TLS from it: " + e.getMessage());
    }
  }

  private static KeyStore load(String setting, String location, Password password) throws GeneralSecurityException {
    Path path = Path.of(location);
    try (InputStream in = Files.newInputStream(path)) {
      String type = location.endsWith(".jks") ? "JKS" : "PKCS12";
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, password.value().isEmpty() ? null : password.value().toCharArray());
      return store;
    } catch (IOException e) {
      throw new ConfigException(setting, location, "cannot read the store (wrong path or password?): " + e.getMessage());
    }
  }
}
