package dev.sluice.transforms.predicates;

import static dev.sluice.event.Envelope.Operation.CREATE;
import static dev.sluice.event.Envelope.Operation.DELETE;
import static dev.sluice.event.Envelope.Operation.TRUNCATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.transforms.ChangeEventRecords;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class TableMatchesTest {

  private static TableMatches<SinkRecord> predicate(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    TableMatches<SinkRecord> predicate = new TableMatches<>();
    predicate.configure(props);
    return predicate;
  }

  @Test
  void tableRegexMustMatchTheWholeTableName() {
    TableMatches<SinkRecord> audit = predicate("table.regex", "audit_.*");

    assertThat(audit.test(ChangeEventRecords.sluiceStruct(CREATE, "shop", "audit_log"))).isTrue();
    assertThat(audit.test(ChangeEventRecords.sluiceStruct(CREATE, "shop", "x_audit_log"))).isFalse();
    assertThat(audit.test(ChangeEventRecords.sluiceStruct(CREATE, "shop", "orders"))).isFalse();
  }

  @Test
  void dbRegexAloneMatchesEveryTableOfTheDatabase() {
    TableMatches<SinkRecord> shop = predicate("db.regex", "shop");

    assertThat(shop.test(ChangeEventRecords.sluiceStruct(CREATE, "shop", "orders"))).isTrue();
    assertThat(shop.test(ChangeEventRecords.sluiceStruct(CREATE, "shop2", "orders"))).isFalse();
  }

  @Test
  void bothRegexesMustMatch() {
    TableMatches<SinkRecord> shopOrders = predicate("db.regex", "shop", "table.regex", "orders");

    assertThat(shopOrders.test(ChangeEventRecords.sluiceStruct(CREATE, "shop", "orders"))).isTrue();
    assertThat(shopOrders.test(ChangeEventRecords.sluiceStruct(CREATE, "crm", "orders"))).isFalse();
    assertThat(shopOrders.test(ChangeEventRecords.sluiceStruct(CREATE, "shop", "items"))).isFalse();
  }

  @Test
  void matchingIsCaseSensitiveUnlessTheRegexSaysOtherwise() {
    assertThat(predicate("table.regex", "orders")
            .test(ChangeEventRecords.sluiceStruct(CREATE, "shop", "Orders")))
        .isFalse();
    assertThat(predicate("table.regex", "(?i)orders")
            .test(ChangeEventRecords.sluiceStruct(CREATE, "shop", "Orders")))
        .isTrue();
  }

  @Test
  void worksOnDebeziumStructEventsWithoutSeq() {
    TableMatches<SinkRecord> customers = predicate("table.regex", "customers");

    assertThat(customers.test(ChangeEventRecords.debeziumStruct(DELETE, "inventory", "customers")))
        .isTrue();
    assertThat(customers.test(ChangeEventRecords.debeziumStruct(DELETE, "inventory", "orders")))
        .isFalse();
  }

  @Test
  void worksOnSchemalessEventsOfBothProducers() {
    TableMatches<SinkRecord> inventory = predicate("db.regex", "inv.*");

    assertThat(inventory.test(ChangeEventRecords.sluiceMap(CREATE, "inventory", "t"))).isTrue();
    assertThat(inventory.test(ChangeEventRecords.debeziumMap(CREATE, "inventory", "t"))).isTrue();
    assertThat(inventory.test(ChangeEventRecords.sluiceMap(CREATE, "crm", "t"))).isFalse();
  }

  @Test
  void eventWithoutTableNeverMatchesATableRegex() {
    TableMatches<SinkRecord> any = predicate("table.regex", ".*");

    assertThat(any.test(ChangeEventRecords.sluiceMap(TRUNCATE, "shop", null))).isFalse();
    assertThat(predicate("db.regex", "shop").test(ChangeEventRecords.sluiceMap(TRUNCATE, "shop", null)))
        .isTrue();
  }

  @Test
  void eventsWithNullKeyAreOrdinaryEvents() {
    assertThat(predicate("table.regex", "orders")
            .test(ChangeEventRecords.nullKey(CREATE, "shop", "orders")))
        .isTrue();
  }

  @Test
  void tombstonesMatchByDefault() {
    assertThat(predicate("table.regex", "orders").test(ChangeEventRecords.tombstone())).isTrue();
  }

  @Test
  void tombstonesDoNotMatchWithSkip() {
    TableMatches<SinkRecord> predicate = predicate("table.regex", "orders", "tombstones", "skip");

    assertThat(predicate.test(ChangeEventRecords.tombstone())).isFalse();
    assertThat(predicate.test(ChangeEventRecords.sluiceStruct(CREATE, "shop", "orders"))).isTrue();
  }

  @Test
  void valuesThatAreNotChangeEventsNeverMatchWhateverTheTombstoneSetting() {
    for (String tombstones : new String[] {"match", "skip"}) {
      TableMatches<SinkRecord> anything =
          predicate("db.regex", ".*", "table.regex", ".*", "tombstones", tombstones);

      assertThat(anything.test(ChangeEventRecords.plainStruct())).isFalse();
      assertThat(anything.test(ChangeEventRecords.plainMap())).isFalse();
    }
    assertThat(predicate("table.regex", ".*").test(ChangeEventRecords.plainMap())).isFalse();
  }

  @Test
  void neverMutatesTheRecord() {
    TableMatches<SinkRecord> predicate = predicate("db.regex", "inventory", "table.regex", "cust.*");
    for (Supplier<SinkRecord> factory : ChangeEventRecords.allShapes()) {
      SinkRecord record = factory.get();

      predicate.test(record);

      assertThat(record).isEqualTo(factory.get());
    }
  }

  @Test
  void needsAtLeastOneRegexAndSaysWhichSettings() {
    assertThatThrownBy(() -> predicate())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("db.regex")
        .hasMessageContaining("table.regex");
    assertThatThrownBy(() -> predicate("db.regex", " ", "table.regex", ""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("neither is set");
  }

  @Test
  void invalidRegexIsAnErrorNamingTheSettingAndTheProblem() {
    assertThatThrownBy(() -> predicate("table.regex", "orders("))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("table.regex")
        .hasMessageContaining("orders(")
        .hasMessageContaining("not a valid Java regular expression");
    assertThatThrownBy(() -> predicate("db.regex", "[shop"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("db.regex");
  }

  @Test
  void invalidTombstonesValueIsAnErrorNamingTheSettingAndValidValues() {
    assertThatThrownBy(() -> predicate("table.regex", "t", "tombstones", "ignore"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tombstones")
        .hasMessageContaining("'ignore'")
        .hasMessageContaining("match, skip");
  }

  @Test
  void exposesItsConfigDefAndVersion() {
    TableMatches<SinkRecord> predicate = new TableMatches<>();

    assertThat(predicate.config()).isSameAs(TableMatches.CONFIG_DEF);
    assertThat(predicate.config().names())
        .containsExactlyInAnyOrder("db.regex", "table.regex", "tombstones");
    assertThat(predicate.config().defaultValues()).containsEntry("tombstones", "match");
    assertThat(predicate.version()).isNotBlank();
    assertThat(TableMatches.OVERVIEW_DOC).contains("db.regex", "table.regex", "tombstones");
  }
}
