package dev.sluice.transforms.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sluice.transforms.conformance.Cases.Case;
import dev.sluice.transforms.conformance.Fixtures.Fixture;
import dev.sluice.transforms.predicates.OperationIs;
import dev.sluice.event.testsupport.PluginContract;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The one conformance suite: every transformation and predicate listed in this module's
 * META-INF/services, with each of its {@link Cases}, against every {@link Fixtures} shape; what is
 * checked for each combination is described in {@link Conformance}.
 */
class ConformanceTest {

  private static final PluginContract CONTRACT = PluginContract.forClassesOf(OperationIs.class);

  @Test
  void everyListedPluginHasConformanceCases() throws IOException {
    List<String> listed = listedPlugins();
    assertThat(listed).as("plugins listed in META-INF/services").hasSizeGreaterThan(10);
    assertThat(Cases.all().keySet())
        .as("plugins without conformance cases in Cases.all()")
        .containsAll(listed);
    assertThat(listed).as("cases for plugins that are not listed").containsAll(Cases.all().keySet());
  }

  @TestFactory
  Stream<DynamicNode> everyPluginSurvivesEveryRecordShape() throws IOException {
    List<DynamicNode> plugins = new ArrayList<>();
    for (String className : listedPlugins()) {
      List<Case> cases = Cases.all().get(className);
      if (cases == null) {
        plugins.add(DynamicTest.dynamicTest(className, () -> fail(
            className + " is listed in META-INF/services but has no conformance cases;"
                + " add them to Cases.all()")));
        continue;
      }
      List<DynamicNode> perCase = new ArrayList<>();
      for (Case c : cases) {
        List<DynamicNode> perFixture = new ArrayList<>();
        for (Fixture fixture : Fixtures.all()) {
          perFixture.add(DynamicTest.dynamicTest(fixture.name(),
              () -> Conformance.check(() -> newInstance(className), className, c, fixture)));
        }
        perCase.add(DynamicContainer.dynamicContainer(c.label(), perFixture));
      }
      plugins.add(DynamicContainer.dynamicContainer(className, perCase));
    }
    return plugins.stream();
  }

  private static Object newInstance(String className) {
    try {
      return CONTRACT.load(className).getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot instantiate " + className, e);
    }
  }

  private static List<String> listedPlugins() throws IOException {
    List<String> names = new ArrayList<>();
    Map<Class<?>, List<String>> listed = CONTRACT.listed();
    names.addAll(listed.getOrDefault(Transformation.class, List.of()));
    names.addAll(listed.getOrDefault(Predicate.class, List.of()));
    return names;
  }
}
