package dev.sluice.transforms.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class SchemaCacheTest {

  private static Schema schema(String name) {
    return SchemaBuilder.struct().name(name).field("id", Schema.INT32_SCHEMA).build();
  }

  @Test
  void buildsOncePerSchemaInstance() {
    SchemaCache<String> cache = new SchemaCache<>();
    Schema schema = schema("a");

    String first = cache.computeIfAbsent(schema, s -> "built " + s.name());
    for (int i = 0; i < 10; i++) {
      assertThat(cache.computeIfAbsent(schema, s -> "again")).isSameAs(first);
    }
    assertThat(cache.builds()).isEqualTo(1);
  }

  @Test
  void equalSchemasFromOtherInstancesReuseTheValue() {
    SchemaCache<String> cache = new SchemaCache<>();

    String first = cache.computeIfAbsent(schema("a"), s -> "one");
    String second = cache.computeIfAbsent(schema("a"), s -> "two");

    assertThat(second).isSameAs(first);
    assertThat(cache.builds()).isEqualTo(1);
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void isBoundedAndRebuildsWhatItEvicted() {
    SchemaCache<Integer> cache = new SchemaCache<>(2);
    AtomicInteger builds = new AtomicInteger();
    Schema a = schema("a");
    Schema b = schema("b");
    Schema c = schema("c");

    cache.computeIfAbsent(a, s -> builds.incrementAndGet());
    cache.computeIfAbsent(b, s -> builds.incrementAndGet());
    cache.computeIfAbsent(c, s -> builds.incrementAndGet());
    assertThat(cache.size()).isEqualTo(2);
    cache.computeIfAbsent(a, s -> builds.incrementAndGet());

    assertThat(builds.get()).as("a was evicted by c and rebuilt").isEqualTo(4);
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void aFailingBuilderCachesNothing() {
    SchemaCache<String> cache = new SchemaCache<>();
    Schema schema = schema("a");

    assertThatThrownBy(() -> cache.computeIfAbsent(schema, s -> {
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    assertThat(cache.computeIfAbsent(schema, s -> "ok")).isEqualTo("ok");
  }
}
