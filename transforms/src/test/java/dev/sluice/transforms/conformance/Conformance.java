package dev.sluice.transforms.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.sluice.transforms.conformance.Cases.Case;
import dev.sluice.transforms.conformance.Fixtures.Fixture;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * The checks the conformance suite makes for one plugin, configuration and record shape:
 *
 * <ul>
 *   <li>no exception, except a DataException where the case declares the input invalid, and then
 *       one whose message names the record's topic;
 *   <li>the input record, its key, value and headers exactly as before (compared with a pristine,
 *       equal copy);
 *   <li>an output whose key and value match their schemas, with a headers object of its own;
 *   <li>for Struct outputs, the same schema instance for a second, equal input (no schema built
 *       per record).
 * </ul>
 */
final class Conformance {

  private Conformance() {}

  @SuppressWarnings("unchecked")
  static void check(Supplier<Object> pluginFactory, String name, Case c, Fixture fixture)
      throws Exception {
    Object plugin = pluginFactory.get();
    SinkRecord input = fixture.factory().get();
    SinkRecord pristine = fixture.factory().get();
    assertThat(input).as("fixture factories build equal records").isEqualTo(pristine);

    Object output;
    try {
      if (plugin instanceof Transformation<?> t) {
        Transformation<SinkRecord> transformation = (Transformation<SinkRecord>) t;
        transformation.configure(c.config());
        output = transformation.apply(input);
      } else {
        Predicate<SinkRecord> predicate = (Predicate<SinkRecord>) plugin;
        predicate.configure(c.config());
        output = predicate.test(input);
      }
    } catch (DataException e) {
      assertThat(c.invalid().test(fixture))
          .as("%s threw %s on '%s', which its case does not declare invalid", name, e, fixture)
          .isTrue();
      assertThat(e.getMessage()).as("the error names where the record comes from").contains(input.topic());
      assertUnchanged(input, pristine);
      return;
    }
    assertThat(c.invalid().test(fixture))
        .as("%s accepted '%s', which its case declares invalid", name, fixture)
        .isFalse();
    assertUnchanged(input, pristine);
    if (output instanceof SinkRecord out) {
      assertConsistent(out);
      assertThat(out == input || out.headers() != input.headers())
          .as("a new record must not share the input's headers object")
          .isTrue();
      assertSchemaReused(plugin, fixture, out);
    }
    if (plugin instanceof AutoCloseable closeable) {
      assertThatCode(closeable::close).doesNotThrowAnyException();
    }
  }

  private static void assertUnchanged(SinkRecord input, SinkRecord pristine) {
    assertThat(input.topic()).isEqualTo(pristine.topic());
    assertThat(input.kafkaPartition()).isEqualTo(pristine.kafkaPartition());
    assertThat(input.keySchema()).isEqualTo(pristine.keySchema());
    assertThat(input.key()).as("key").isEqualTo(pristine.key());
    assertThat(input.valueSchema()).isEqualTo(pristine.valueSchema());
    assertThat(input.value()).as("value").isEqualTo(pristine.value());
    assertThat(input.headers()).as("headers").isEqualTo(pristine.headers());
    assertThat(input.timestamp()).isEqualTo(pristine.timestamp());
    assertThat(input).isEqualTo(pristine);
  }

  private static void assertConsistent(SinkRecord out) {
    if (out.keySchema() != null) {
      assertThatCode(() -> ConnectSchema.validateValue(out.keySchema(), out.key()))
          .as("key matches its schema").doesNotThrowAnyException();
    }
    if (out.valueSchema() != null) {
      assertThatCode(() -> ConnectSchema.validateValue(out.valueSchema(), out.value()))
          .as("value matches its schema").doesNotThrowAnyException();
    }
    if (out.value() instanceof Struct struct) {
      assertThat(struct.schema()).as("value schema").isSameAs(out.valueSchema());
      assertThatCode(struct::validate).doesNotThrowAnyException();
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertSchemaReused(Object plugin, Fixture fixture, SinkRecord first) {
    if (!(plugin instanceof Transformation<?>)) {
      return;
    }
    SinkRecord second = ((Transformation<SinkRecord>) plugin).apply(fixture.factory().get());
    assertThat(second).as("deterministic").isNotNull();
    Schema firstValue = first.valueSchema();
    if (firstValue != null && firstValue.type() == Schema.Type.STRUCT) {
      assertThat(second.valueSchema()).as("value schema of an equal record").isSameAs(firstValue);
    }
    Schema firstKey = first.keySchema();
    if (firstKey != null && firstKey.type() == Schema.Type.STRUCT) {
      assertThat(second.keySchema()).as("key schema of an equal record").isSameAs(firstKey);
    }
  }
}
