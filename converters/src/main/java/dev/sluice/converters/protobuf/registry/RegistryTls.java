package dev.sluice.converters.protobuf.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/** Builds the TLS context of the registry client from trust and key store files. */
public final class RegistryTls {
  private RegistryTls() {}

  /**
   * A TLS context, or null when neither store is set (the JVM's defaults then apply).
   *
   * @param truststore trust store path, or null
   * @param truststorePassword its password, or null
   * @param truststoreType e.g. PKCS12 or JKS
   * @param keystore key store path for mutual TLS, or null
   * @param keystorePassword its password, or null
   * @param keyPassword the key's password, or null for the key store's
   * @param keystoreType e.g. PKCS12 or JKS
   * @throws ConfigException naming the setting whose store cannot be loaded
   */
  public static SSLContext context(String truststore, String truststorePassword, String truststoreType,
      String keystore, String keystorePassword, String keyPassword, String keystoreType) {
    if (truststore == null && keystore == null) {
      return null;
    }
    try {
      TrustManagerFactory tmf = null;
      if (truststore != null) {
        KeyStore ts = load(truststore, truststorePassword, truststoreType, "schema.registry.ssl.truststore.location");
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
      }
      KeyManagerFactory kmf = null;
      if (keystore != null) {
        KeyStore ks = load(keystore, keystorePassword, keystoreType, "schema.registry.ssl.keystore.location");
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        String kp = keyPassword != null ? keyPassword : keystorePassword;
        kmf.init(ks, kp == null ? new char[0] : kp.toCharArray());
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new ConfigException("cannot set up TLS for the schema registry: " + e.getMessage());
    }
  }

  private static KeyStore load(String path, String password, String type, String setting) {
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      KeyStore ks = KeyStore.getInstance(type);
      ks.load(in, password == null ? null : password.toCharArray());
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(setting, path, "cannot load the " + type + " store: " + e.getMessage());
    }
  }
}
