package dev.sluice.transforms.testsupport;

import dev.sluice.event.testsupport.PluginContract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker itself reports each kind of violation; otherwise PluginContractTest proves nothing. */
class PluginContractCheckTest {

  @Test
  void aConformingPluginHasNoViolations() {
    assertThat(PluginContract.violations(Good.class, Predicate.class)).isEmpty();
  }

  @Test
  void reportsAClassOfTheWrongType() {
    assertThat(PluginContract.violations(String.class, Predicate.class))
        .anySatisfy(p -> assertThat(p).contains("does not implement " + Predicate.class.getName()));
  }

  @Test
  void reportsNonPublicAbstractAndInnerClasses() {
    assertThat(PluginContract.violations(PackagePrivate.class, Predicate.class))
        .contains("is not public");
    assertThat(PluginContract.violations(Abstract.class, Predicate.class))
        .contains("is abstract or an interface");
    assertThat(PluginContract.violations(Inner.class, Predicate.class))
        .contains("is an inner class; make it static");
  }

  @Test
  void reportsMissingNoArgConstructor() {
    assertThat(PluginContract.violations(NoNoArgConstructor.class, Predicate.class))
        .containsExactly("has no public no-arg constructor");
  }

  @Test
  void reportsMissingOrBlankVersion() {
    assertThat(PluginContract.violations(Unversioned.class, Predicate.class))
        .containsExactly("does not implement " + Versioned.class.getName());
    assertThat(PluginContract.violations(BlankVersion.class, Predicate.class))
        .containsExactly("version() returned ' '");
  }

  @Test
  void reportsEmptyOrFailingConfig() {
    assertThat(PluginContract.violations(EmptyConfig.class, Predicate.class))
        .containsExactly("config() defines no settings");
    assertThat(PluginContract.violations(NullConfig.class, Predicate.class))
        .containsExactly("config() returned null instead of a ConfigDef");
  }

  @Test
  void comparesServiceFilesWithCompiledClassesBothWays(@TempDir Path dir) throws IOException {
    // A fake classes directory: Good is compiled there but unlisted, "com.example.Gone" is listed
    // but not compiled. Class files are copied from this test's own output.
    Path classesOfThisTest =
        Path.of(Good.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    String goodFile = Good.class.getName().replace('.', '/') + ".class";
    Path target = dir.resolve(goodFile);
    Files.createDirectories(target.getParent());
    Files.copy(classesOfThisTest.resolve(goodFile), target);
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(
        services.resolve(Predicate.class.getName()), "# comment\n\ncom.example.Gone # removed\n");

    PluginContract contract = new PluginContract(dir, getClass().getClassLoader());

    assertThat(contract.listed()).containsEntry(Predicate.class, List.of("com.example.Gone"));
    assertThat(contract.unlisted())
        .containsExactly(Predicate.class.getName() + ": " + Good.class.getName());
    assertThat(contract.listedButNotCompiled())
        .containsExactly(Predicate.class.getName() + ": com.example.Gone");
  }

  /** A predicate that does everything right. */
  public static class Good implements Predicate<SinkRecord>, Versioned {
    @Override
    public ConfigDef config() {
      return new ConfigDef().define("x", ConfigDef.Type.STRING, ConfigDef.Importance.LOW, "x");
    }

    @Override
    public boolean test(SinkRecord record) {
      return false;
    }

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}

    @Override
    public String version() {
      return "1";
    }
  }

  static class PackagePrivate extends Good {}

  /** Abstract. */
  public abstract static class Abstract extends Good {}

  /** Not static. */
  public class Inner extends Good {}

  /** Only a constructor with arguments. */
  public static class NoNoArgConstructor extends Good {
    /** Unusable by Connect. */
    public NoNoArgConstructor(String unused) {}
  }

  /** Blank version. */
  public static class BlankVersion extends Good {
    @Override
    public String version() {
      return " ";
    }
  }

  /** Empty config. */
  public static class EmptyConfig extends Good {
    @Override
    public ConfigDef config() {
      return new ConfigDef();
    }
  }

  /** Null config. */
  public static class NullConfig extends Good {
    @Override
    public ConfigDef config() {
      return null;
    }
  }

  /** Not Versioned. */
  public static class Unversioned implements Predicate<SinkRecord> {
    @Override
    public ConfigDef config() {
      return new ConfigDef().define("x", ConfigDef.Type.STRING, ConfigDef.Importance.LOW, "x");
    }

    @Override
    public boolean test(SinkRecord record) {
      return false;
    }

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
  }
}
