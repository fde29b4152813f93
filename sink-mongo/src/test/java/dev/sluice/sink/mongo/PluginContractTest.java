package dev.sluice.sink.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.event.testsupport.PluginContract;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The connector is loadable by workers with plugin.discovery=service_load (KIP-898). */
class PluginContractTest {
  private static final PluginContract CONTRACT = PluginContract.forClassesOf(SluiceMongoSinkConnector.class);

  @Test
  void moduleHasServiceFilesAndPluginClasses() throws IOException {
    assertThat(CONTRACT.listed()).isNotEmpty();
    assertThat(CONTRACT.compiled()).isNotEmpty();
  }

  @TestFactory
  Stream<DynamicTest> everyListedPluginHonoursTheContract() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    CONTRACT.listed().forEach((type, names) -> names.forEach(name -> tests.add(DynamicTest.dynamicTest(
        type.getSimpleName() + " " + name,
        () -> assertThat(PluginContract.violations(CONTRACT.load(name), type)).as(name).isEmpty()))));
    return tests.stream();
  }

  @Test
  void everyConcretePluginClassIsListed() throws IOException {
    assertThat(CONTRACT.unlisted()).as("plugin classes missing from META-INF/services").isEmpty();
  }

  @Test
  void everyListedClassIsAPluginOfThisModule() throws IOException {
    assertThat(CONTRACT.listedButNotCompiled()).isEmpty();
  }

  @Test
  void serviceLoaderFindsTheSinkConnector() {
    List<String> loaded = ServiceLoader.load(SinkConnector.class, getClass().getClassLoader()).stream()
        .map(p -> p.type().getName()).filter(n -> n.startsWith("dev.sluice.")).toList();
    assertThat(loaded).containsExactly(SluiceMongoSinkConnector.class.getName());
  }
}
