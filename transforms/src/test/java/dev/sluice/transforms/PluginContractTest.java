package dev.sluice.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.transforms.predicates.OperationIs;
import dev.sluice.event.testsupport.PluginContract;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every plugin of this module is loadable by workers with plugin.discovery=service_load. */
class PluginContractTest {

  private static final PluginContract CONTRACT = PluginContract.forClassesOf(OperationIs.class);

  @Test
  void moduleHasServiceFilesAndPluginClasses() throws IOException {
    // Guards the checks below against passing vacuously on a wrong directory.
    assertThat(CONTRACT.listed()).isNotEmpty();
    assertThat(CONTRACT.compiled()).isNotEmpty();
  }

  @TestFactory
  Stream<DynamicTest> everyListedPluginHonoursTheContract() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    CONTRACT
        .listed()
        .forEach(
            (type, names) -> {
              for (String name : names) {
                tests.add(
                    DynamicTest.dynamicTest(
                        type.getSimpleName() + " " + name,
                        () ->
                            assertThat(PluginContract.violations(CONTRACT.load(name), type))
                                .as(name)
                                .isEmpty()));
              }
            });
    return tests.stream();
  }

  @Test
  void everyConcretePluginClassIsListed() throws IOException {
    assertThat(CONTRACT.unlisted()).as("plugin classes missing from META-INF/services").isEmpty();
  }

  @Test
  void everyListedClassIsAPluginOfThisModule() throws IOException {
    assertThat(CONTRACT.listedButNotCompiled())
        .as("META-INF/services entries without a concrete plugin class here")
        .isEmpty();
  }

  @Test
  @SuppressWarnings("rawtypes")
  void serviceLoaderFindsTheListedTransformations() throws IOException {
    List<String> loaded =
        ServiceLoader.load(Transformation.class, getClass().getClassLoader()).stream()
            .map(provider -> provider.type().getName())
            .filter(name -> name.startsWith("dev.sluice."))
            .toList();

    assertThat(loaded)
        .containsExactlyInAnyOrderElementsOf(CONTRACT.listed().get(Transformation.class));
  }

  @Test
  @SuppressWarnings("rawtypes")
  void serviceLoaderFindsTheListedPredicates() throws IOException {
    List<String> loaded =
        ServiceLoader.load(Predicate.class, getClass().getClassLoader()).stream()
            .map(provider -> provider.type().getName())
            .filter(name -> name.startsWith("dev.sluice."))
            .toList();

    assertThat(loaded).containsExactlyInAnyOrderElementsOf(CONTRACT.listed().get(Predicate.class));
  }
}
