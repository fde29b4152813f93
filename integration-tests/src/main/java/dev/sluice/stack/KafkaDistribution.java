package dev.sluice.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jars and logging set-up of one Apache Kafka version, from Maven Central: what the broker and
 * Connect worker JVMs run on. Kafka 4.x logs through Log4j 2, 3.x through reload4j; both are given a
 * console configuration so each process's log file holds its own output.
 */
public final class KafkaDistribution {
  private final String version;

  public KafkaDistribution(String version) {
    this.version = version;
  }

  /** The version named by {@code -Dsluice.kafka.version}, else the one the build pins. */
  public static KafkaDistribution fromSystemProperties() {
    return new KafkaDistribution(System.getProperty("sluice.kafka.version", "4.3.1"));
  }

  public String version() {
    return version;
  }

  public int major() {
    return Integer.parseInt(version.substring(0, version.indexOf('.')));
  }

  public List<Path> brokerClasspath() {
    List<String> coordinates = new ArrayList<>();
    coordinates.add("org.apache.kafka:kafka_2.13:" + version);
    coordinates.addAll(loggingCoordinates());
    return MavenClasspath.resolve(coordinates);
  }

  /**
   * The worker's classpath: Connect runtime plus Kafka's own FileStream connectors, which the stack
   * tests use to exercise the REST client without depending on Sluice's connectors.
   */
  public List<Path> connectClasspath() {
    List<String> coordinates = new ArrayList<>();
    coordinates.add("org.apache.kafka:connect-runtime:" + version);
    coordinates.add("org.apache.kafka:connect-file:" + version);
    coordinates.addAll(loggingCoordinates());
    return MavenClasspath.resolve(coordinates);
  }

  private List<String> loggingCoordinates() {
    if (major() >= 4) {
      return List.of("org.apache.logging.log4j:log4j-slf4j-impl:2.25.4", "org.apache.logging.log4j:log4j-core:2.25.4");
    }
    return List.of("org.slf4j:slf4j-reload4j:1.7.36");
  }

  /** JVM options pointing the process's logging at a console configuration written into {@code dir}. */
  public List<String> loggingJvmArgs(Path dir) {
    try {
      Files.createDirectories(dir);
      if (major() >= 4) {
        Path file = dir.resolve("log4j2.properties");
        Files.writeString(file, String.join("\n",
            "status = warn",
            "appender.out.type = Console",
            "appender.out.name = OUT",
            "appender.out.layout.type = PatternLayout",
            "appender.out.layout.pattern = [%d] %p %X{connector.context}%m (%c)%n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.out.ref = OUT",
            "logger.dev.name = dev.sluice",
            "logger.dev.level = DEBUG",
            "logger.reflections.name = org.reflections",
            "logger.reflections.level = ERROR",
            ""), StandardCharsets.UTF_8);
        return List.of("-Dlog4j2.configurationFile=" + file);
      }
      Path file = dir.resolve("log4j.properties");
      Files.writeString(file, String.join("\n",
          "log4j.rootLogger=INFO, out",
          "log4j.appender.out=org.apache.log4j.ConsoleAppender",
          "log4j.appender.out.layout=org.apache.log4j.PatternLayout",
          "log4j.appender.out.layout.ConversionPattern=[%d] %p %X{connector.context}%m (%c)%n",
          "log4j.logger.dev.sluice=DEBUG",
          "log4j.logger.org.reflections=ERROR",
          ""), StandardCharsets.UTF_8);
      return List.of("-Dlog4j.configuration=" + file.toUri());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "Apache Kafka " + version;
  }
}
