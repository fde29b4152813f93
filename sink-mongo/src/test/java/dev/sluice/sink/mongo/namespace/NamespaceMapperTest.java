package dev.sluice.sink.mongo.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sink.mongo.NamespaceConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class NamespaceMapperTest {

  private static NamespaceMapper mapper(String... kv) {
    Map<String, String> props = new HashMap<>();
    props.put("database", "views");
    for (int i = 0; i < kv.length; i += 2) {
      props.put(kv[i], kv[i + 1]);
    }
    return new NamespaceConfig(props).mapper();
  }

  @Test
  void theDefaultTemplateNamesTheCollectionAfterTheSourceTable() {
    assertThat(mapper().map(new RecordOrigin("shop.inventory.orders", "inventory", "orders", null)))
        .isEqualTo(new Namespace("views", "orders"));
  }

  @Test
  void templatesFallBackToTopicSegmentsForRecordsWithoutASourceBlock() {
    NamespaceMapper m = mapper("database", "${db}_views", "collection", "${table}_v");
    assertThat(m.map(new RecordOrigin("shop.inventory.orders", null, null, null))).isEqualTo(new Namespace("inventory_views", "orders_v"));
    assertThat(mapper("collection", "${topic}").map(new RecordOrigin("plain-topic", null, null, null)))
        .isEqualTo(new Namespace("views", "plain-topic"));
    assertThatThrownBy(() -> mapper("database", "${db}").map(new RecordOrigin("plain", null, null, null)))
        .isInstanceOf(DataException.class).hasMessageContaining("${db}").hasMessageContaining("plain");
  }

  @Test
  void anUnknownPlaceholderIsAConfigErrorListingTheValidOnes() {
    assertThatThrownBy(() -> mapper("collection", "${schema}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("collection").hasMessageContaining("${topic}, ${db}, ${table}");
  }

  @Test
  void theRegexMapperUsesTheTopicsGroups() {
    NamespaceMapper m = mapper("namespace.mapper", "regex", "namespace.regex", "([^.]+)\\.([^.]+)\\.(?<t>[^.]+)",
        "database", "$2_views", "collection", "${t}");
    assertThat(m.map(new RecordOrigin("shop.inventory.orders", null, null, null))).isEqualTo(new Namespace("inventory_views", "orders"));
    assertThat(m.forTopicAlone("a.b.c")).contains(new Namespace("b_views", "c"));
    assertThatThrownBy(() -> m.map(new RecordOrigin("nodots", null, null, null)))
        .isInstanceOf(DataException.class).hasMessageContaining("does not match namespace.regex");
  }

  @Test
  void theRegexMapperNeedsARegex() {
    assertThatThrownBy(() -> mapper("namespace.mapper", "regex")).isInstanceOf(ConfigException.class).hasMessageContaining("namespace.regex");
    assertThatThrownBy(() -> mapper("namespace.mapper", "regex", "namespace.regex", "(")).isInstanceOf(ConfigException.class);
  }

  @Test
  void theFieldMapperReadsTheRowAndFallsBackToTheTemplates() {
    NamespaceMapper m = mapper("namespace.mapper", "field", "namespace.field.database", "tenant");
    BsonDocument row = new BsonDocument("tenant", new BsonString("acme")).append("id", new BsonInt32(1));
    assertThat(m.map(new RecordOrigin("shop.inventory.orders", "inventory", "orders", row))).isEqualTo(new Namespace("acme", "orders"));
    assertThat(m.forTopicAlone("t")).isEmpty();
    assertThatThrownBy(() -> m.map(new RecordOrigin("t", null, "orders", new BsonDocument("id", new BsonInt32(1)))))
        .isInstanceOf(DataException.class).hasMessageContaining("'tenant'");
    assertThatThrownBy(() -> mapper("namespace.mapper", "field")).isInstanceOf(ConfigException.class);
  }

  @Test
  void invalidNamesAreErrorsNamingTheTopic() {
    assertThatThrownBy(() -> mapper("database", "bad.db").map(new RecordOrigin("t", null, "x", null)))
        .isInstanceOf(DataException.class).hasMessageContaining("'t'").hasMessageContaining("bad.db");
    assertThat(new Namespace("db", "system.users").problem()).isPresent();
    assertThat(new Namespace("db", "a$b").problem()).isPresent();
    assertThat(new Namespace("db", "").problem()).isPresent();
    assertThat(new Namespace("d".repeat(64), "c").problem()).isPresent();
    assertThat(new Namespace("db", "orders.archive").problem()).isEmpty();
  }

  @Test
  void onlyTopicOnlyTemplatesGiveANamespaceForTheTopicAlone() {
    assertThat(mapper("collection", "orders").forTopicAlone("x")).contains(new Namespace("views", "orders"));
    assertThat(mapper().forTopicAlone("x")).isEmpty();
  }
}
