package dev.sluice.stack;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the command line of a child JVM running on the same Java as this one. */
public final class Jvm {
  /** The system property that turns on {@link #flightRecording(Path, String)}. */
  public static final String JFR_PROPERTY = "sluice.stack.jfr";

  private Jvm() {
  }

  public static List<String> command(List<Path> classpath, String heap, List<String> jvmArgs, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms64m");
    command.add("-Xmx" + heap);
    // Two cores are shared by every process of the stack: keep GC and JIT threads few.
    command.add("-XX:+UseSerialGC");
    command.add("-XX:CICompilerCount=2");
    command.add("-Djava.awt.headless=true");
    command.add("-Djava.net.preferIPv4Stack=true");
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /**
   * Options that make a child JVM record a Java Flight Recording (profile settings) when this JVM runs
   * with {@code -Dsluice.stack.jfr=true}; none otherwise. A clean stop dumps {@code <dir>/<name>.jfr}
   * (a restarted process overwrites it when it stops in turn); the chunks of a process killed with
   * {@code kill -9} stay in {@code <dir>/<name>-jfr/<start time>/}, readable with {@code jfr print}.
   */
  public static List<String> flightRecording(Path dir, String name) {
    if (!Boolean.getBoolean(JFR_PROPERTY)) {
      return List.of();
    }
    return List.of("-XX:FlightRecorderOptions=repository=" + dir.resolve(name + "-jfr").toAbsolutePath(),
        "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + dir.resolve(name + ".jfr").toAbsolutePath());
  }

  /** This JVM's own classpath, for children that run code of this module. */
  public static List<Path> ownClasspath() {
    // Surefire/failsafe run tests from a manifest-only jar; they publish the real classpath here.
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<Path> paths = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        paths.add(Path.of(entry).toAbsolutePath());
      }
    }
    return paths;
  }
}
