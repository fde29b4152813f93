package dev.sluice.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves Maven coordinates (with their runtime dependencies) to jar files by asking Maven itself:
 * a throw-away POM that depends on the coordinates is handed to {@code dependency:build-classpath}.
 * Maven's own settings, mirrors and local repository apply, so the stack fetches Kafka and MariaDB
 * from the same place as the build, and any version can be asked for (e.g. a 3.9 worker next to a
 * 4.3 one). Results are cached per coordinate set in the local temp folder.
 */
public final class MavenClasspath {
  private static final Logger LOG = LoggerFactory.getLogger(MavenClasspath.class);
  private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath";

  private MavenClasspath() {
  }

  /**
   * @param coordinates {@code groupId:artifactId:version} (optionally {@code :type} is not supported;
   *                    jars only)
   * @return the jars, the requested ones and their runtime dependencies
   */
  public static List<Path> resolve(List<String> coordinates) {
    String key = sha256(String.join("\n", coordinates));
    Path cacheDir = Path.of(System.getProperty("java.io.tmpdir"), "sluice-classpaths");
    Path cached = cacheDir.resolve(key + ".classpath");
    try {
      if (Files.exists(cached)) {
        List<Path> jars = parse(Files.readString(cached, StandardCharsets.UTF_8));
        if (!jars.isEmpty() && jars.stream().allMatch(Files::isRegularFile)) {
          return jars;
        }
      }
      Files.createDirectories(cacheDir);
      Path work = Files.createTempDirectory(cacheDir, "resolve-");
      Files.writeString(work.resolve("pom.xml"), pom(coordinates), StandardCharsets.UTF_8);
      Path out = work.resolve("classpath.txt");
      List<String> command = new ArrayList<>(List.of(mavenExecutable(), "-B", "-q", "-f", work.resolve("pom.xml").toString(),
          DEPENDENCY_PLUGIN, "-Dmdep.outputFile=" + out, "-Dmdep.includeScope=runtime"));
      String repoLocal = System.getProperty("maven.repo.local");
      if (repoLocal != null && !repoLocal.isBlank()) {
        command.add("-Dmaven.repo.local=" + repoLocal);
      }
      long started = System.nanoTime();
      ManagedProcess mvn = new ManagedProcess("mvn-resolve", command, Map.of(), work, work.resolve("mvn.log")).start();
      waitFor(mvn, Duration.ofMinutes(10));
      if (!Files.exists(out)) {
        throw new StackException("Maven could not resolve " + coordinates + "; its output (" + mvn.logFile() + "):\n" + mvn.logTail(60));
      }
      List<Path> jars = parse(Files.readString(out, StandardCharsets.UTF_8));
      Files.move(out, cached, StandardCopyOption.REPLACE_EXISTING);
      LOG.info("resolved {} ({} jars) in {} ms", coordinates, jars.size(), Duration.ofNanos(System.nanoTime() - started).toMillis());
      return jars;
    } catch (IOException e) {
      throw new UncheckedIOException("resolving " + coordinates, e);
    }
  }

  /** The single jar of {@code groupId:artifactId:version} itself (its dependencies ignored). */
  public static Path resolveOne(String coordinate) {
    String[] parts = coordinate.split(":");
    String prefix = parts[1] + "-" + parts[2];
    return resolve(List.of(coordinate)).stream()
        .filter(p -> p.getFileName().toString().startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new StackException("Maven resolved " + coordinate + " but returned no " + prefix + " jar"));
  }

  private static void waitFor(ManagedProcess mvn, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (mvn.isAlive()) {
      if (System.nanoTime() > deadline) {
        mvn.kill();
        throw new StackException("Maven took longer than " + timeout.toMinutes() + " min to resolve; log " + mvn.logFile());
      }
      ManagedProcess.sleep(100);
    }
  }

  static String mavenExecutable() {
    String home = System.getProperty("maven.home");
    if (home != null && !home.isBlank()) {
      Path mvn = Path.of(home, "bin", "mvn");
      if (Files.isExecutable(mvn)) {
        return mvn.toString();
      }
    }
    return "mvn";
  }

  private static List<Path> parse(String classpath) {
    return Arrays.stream(classpath.trim().split(File.pathSeparator))
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .collect(Collectors.toList());
  }

  private static String pom(List<String> coordinates) {
    StringBuilder deps = new StringBuilder();
    for (String coordinate : coordinates) {
      String[] parts = coordinate.split(":");
      if (parts.length != 3) {
        throw new IllegalArgumentException("expected groupId:artifactId:version, got '" + coordinate + "'");
      }
      deps.append("    <dependency><groupId>").append(parts[0]).append("</groupId><artifactId>").append(parts[1])
          .append("</artifactId><version>").append(parts[2]).append("</version></dependency>\n");
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.sluice.stack</groupId>
          <artifactId>resolve</artifactId>
          <version>1</version>
          <packaging>pom</packaging>
          <dependencies>
        %s  </dependencies>
        </project>
        """.formatted(deps);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
