package dev.sluice.converters.protobuf.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A self-signed certificate for localhost made with the JDK's keytool, and the trust store that trusts it. */
public final class TestTls {
  public static final String PASSWORD = "changeit";

  private final Path keystore;
  private final Path truststore;

  private TestTls(Path keystore, Path truststore) {
    this.keystore = keystore;
    this.truststore = truststore;
  }

  public static TestTls create(Path dir) throws IOException, InterruptedException {
    Path ks = dir.resolve("server.p12");
    Path cert = dir.resolve("server.crt");
    Path ts = dir.resolve("trust.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(List.of(keytool, "-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
        "-keystore", ks.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD, "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2"));
    run(List.of(keytool, "-exportcert", "-alias", "registry", "-keystore", ks.toString(), "-storepass", PASSWORD,
        "-file", cert.toString()));
    run(List.of(keytool, "-importcert", "-noprompt", "-alias", "registry", "-file", cert.toString(), "-storetype", "PKCS12",
        "-keystore", ts.toString(), "-storepass", PASSWORD));
    return new TestTls(ks, ts);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + command + "\n" + out);
    }
  }

  public Path truststore() {
    return truststore;
  }

  /** The server side: the key store as a TLS context. */
  public SSLContext serverContext() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, PASSWORD.toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }
}
