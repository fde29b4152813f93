package dev.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SluiceVersionTest {

  @Test
  void classesOutsideAJarReportUnknown() {
    // Unit tests load this module from target/classes, which has no manifest.
    assertThat(SluiceVersion.of(SluiceVersionTest.class)).isEqualTo(SluiceVersion.UNKNOWN);
    assertThat(SluiceVersion.current()).isNotBlank();
  }

  @Test
  void readsImplementationVersionFromTheJarManifest(@TempDir Path dir) throws Exception {
    Path jar = jarWithManifestVersion(dir, "9.8.7-TEST");

    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      Class<?> anchor = loader.loadClass("fixture.Anchor");

      assertThat(SluiceVersion.of(anchor)).isEqualTo("9.8.7-TEST");
    }
  }

  @Test
  void blankManifestVersionFallsBackToUnknown(@TempDir Path dir) throws Exception {
    Path jar = jarWithManifestVersion(dir, "  ");

    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertThat(SluiceVersion.of(loader.loadClass("fixture.Anchor")))
          .isEqualTo(SluiceVersion.UNKNOWN);
    }
  }

  /** Compiles {@code fixture.Anchor} and packs it into a jar whose manifest has the version. */
  private static Path jarWithManifestVersion(Path dir, String version) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/fixture")).resolve("Anchor.java");
    Files.writeString(src, "package fixture; public class Anchor {}");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int rc = compiler.run(null, null, null, "-d", classes.toString(), src.toString());
    assertThat(rc).as("javac exit code").isZero();

    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
    Path jar = dir.resolve("fixture.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
      for (String entry : List.of("fixture/", "fixture/Anchor.class")) {
        jarOut.putNextEntry(new JarEntry(entry));
        if (!entry.endsWith("/")) {
          jarOut.write(Files.readAllBytes(classes.resolve(entry)));
        }
        jarOut.closeEntry();
      }
    }
    return jar;
  }
}
