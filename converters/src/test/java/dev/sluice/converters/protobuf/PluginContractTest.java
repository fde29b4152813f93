package dev.sluice.converters.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.event.testsupport.PluginContract;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The converter is loadable by workers with plugin.discovery=service_load, as converter and header converter. */
class PluginContractTest {

  private static final PluginContract CONTRACT = PluginContract.forClassesOf(ProtobufConverter.class);

  @Test
  void moduleHasServiceFilesAndPluginClasses() throws IOException {
    assertThat(CONTRACT.listed()).containsKeys(Converter.class, HeaderConverter.class);
    assertThat(CONTRACT.compiled()).containsKeys(Converter.class, HeaderConverter.class);
  }

  @TestFactory
  Stream<DynamicTest> everyListedPluginHonoursTheContract() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    CONTRACT.listed().forEach((type, names) -> {
      for (String name : names) {
        tests.add(DynamicTest.dynamicTest(type.getSimpleName() + " " + name,
            () -> assertThat(PluginContract.violations(CONTRACT.load(name), type)).as(name).isEmpty()));
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
    assertThat(CONTRACT.listedButNotCompiled()).isEmpty();
  }

  @Test
  void serviceLoaderFindsTheConverterAsBothKinds() {
    assertThat(ServiceLoader.load(Converter.class, getClass().getClassLoader()).stream().map(p -> p.type().getName()))
        .contains(ProtobufConverter.class.getName());
    assertThat(ServiceLoader.load(HeaderConverter.class, getClass().getClassLoader()).stream().map(p -> p.type().getName()))
        .contains(ProtobufConverter.class.getName());
  }
}
