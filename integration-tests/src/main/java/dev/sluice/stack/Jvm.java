package dev.sluice.stack;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the command line of a child JVM running on the same Java as this one. */
public final class Jvm {
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
