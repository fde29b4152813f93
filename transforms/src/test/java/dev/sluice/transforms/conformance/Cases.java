package dev.sluice.transforms.conformance;

import dev.sluice.transforms.conformance.Fixtures.Fixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The configurations the conformance suite runs each plugin with, keyed by the class name listed
 * in META-INF/services. A plugin listed there without an entry here fails the suite, so a new
 * plugin cannot be forgotten.
 *
 * <p>{@code invalid} says for which fixtures a {@link org.apache.kafka.connect.errors.DataException}
 * is the documented answer, because the input is genuinely invalid for that configuration.
 */
final class Cases {

  /**
   * One configuration.
   *
   * @param label what it exercises
   * @param config the settings
   * @param invalid the fixtures for which a DataException is expected and allowed
   */
  record Case(String label, Map<String, String> config, Predicate<Fixture> invalid) {
    static Case of(String label, Map<String, String> config) {
      return new Case(label, config, fixture -> false);
    }
  }

  /** Inserts and reads of a table that is not an outbox: they lack the outbox columns. */
  private static final Predicate<Fixture> INSERT_INTO_ORDERS =
      f -> f.name().endsWith("CREATE") || f.name().endsWith("READ") || f.name().equals("null key");

  private Cases() {}

  /** All cases by plugin class name. */
  static Map<String, List<Case>> all() {
    Map<String, List<Case>> cases = new LinkedHashMap<>();
    cases.put("dev.sluice.transforms.Unwrap", List.of(
        Case.of("defaults", Map.of()),
        Case.of("rewrite with fields and headers", Map.of(
            "delete.tombstone.handling.mode", "rewrite",
            "add.fields", "op,table,source.ts_ms,seq,id",
            "add.headers", "db,table")),
        Case.of("legacy none without dropping tombstones", Map.of(
            "delete.handling.mode", "none", "drop.tombstones", "false",
            "add.headers", "op", "route.by.field", "status"))));
    cases.put("dev.sluice.transforms.Route", List.of(
        new Case("template, shard key, partitions", Map.of(
            "topic.template", "${server}.${db}.all",
            "shard.key.field", "__shard",
            "partition.fields", "id",
            "partition.count", "3"),
            // A string key cannot take a field.
            f -> f.name().equals("string key and value")),
        Case.of("regex groups", Map.of(
            "table.regex", "inventory\\.(?<t>.*)", "topic.template", "x.${t}.$1"))));
    cases.put("dev.sluice.transforms.Outbox", List.of(
        // Change events of a table that is not an outbox lack its columns.
        new Case("defaults", Map.of(), INSERT_INTO_ORDERS),
        new Case("placements", Map.of(
            "table.fields.additional.placement", "type:header:eventType,type:envelope:kind",
            "route.topic.replacement", "events.${routedByValue}",
            "table.field.event.timestamp", "",
            "table.op.invalid.behavior", "error"), INSERT_INTO_ORDERS)));
    Map<String, String> fieldsDropRename = Map.of(
        "drop", "email,address.zip,lines.qty", "rename", "name:full_name,address.city:town");
    Map<String, String> fieldsKeep = Map.of("keep", "id,address.city,lines.sku", "scope", "row");
    cases.put("dev.sluice.transforms.Fields$Key", List.of(
        Case.of("drop and rename", Map.of("rename", "id:order_id")),
        Case.of("keep", Map.of("keep", "id"))));
    cases.put("dev.sluice.transforms.Fields$Value", List.of(
        Case.of("drop and rename", fieldsDropRename),
        Case.of("keep", fieldsKeep),
        Case.of("whole scope", Map.of("drop", "source.query,before", "scope", "whole"))));
    Map<String, String> mask = Map.of("fields", "email,name,price,created,tags,address.city,lines.sku,id");
    cases.put("dev.sluice.transforms.Mask$Key", List.of(Case.of("id", Map.of("fields", "id"))));
    cases.put("dev.sluice.transforms.Mask$Value", List.of(
        Case.of("many types", mask),
        Case.of("replacement", Map.of("fields", "email", "replacement", "[redacted]"))));
    cases.put("dev.sluice.transforms.Hash$Key", List.of(
        Case.of("hmac", Map.of("fields", "id", "secret", "s3cret"))));
    cases.put("dev.sluice.transforms.Hash$Value", List.of(
        Case.of("hmac", Map.of("fields", "email,id,price,created,lines.sku", "secret", "s3cret")),
        Case.of("salted sha256 base64", Map.of(
            "fields", "email,address.zip", "algorithm", "sha256", "salt", "pepper",
            "encoding", "base64"))));
    cases.put("dev.sluice.transforms.Truncate$Key", List.of(
        // The key is a Struct of an INT32; keys of the string fixture are not structs.
        Case.of("nothing to shorten", Map.of("fields", "name", "length", "1"))));
    cases.put("dev.sluice.transforms.Truncate$Value", List.of(
        Case.of("strings and arrays", Map.of("fields", "email,name,tags,lines.sku", "length", "3"))));
    cases.put("dev.sluice.transforms.Cast$Key", List.of(
        Case.of("id to string", Map.of("spec", "id:string"))));
    cases.put("dev.sluice.transforms.Cast$Value", List.of(
        Case.of("numbers and strings", Map.of(
            "spec", "id:string,price:float64,address.zip:int32,lines.qty:int64")),
        new Case("decimals with scale", Map.of(
            "spec", "price:string(1),id:decimal(2)", "rounding.mode", "HALF_EVEN"),
            // The outbox's id column holds "e-1", which is not a number.
            f -> f.name().equals("outbox insert"))));
    cases.put("dev.sluice.transforms.TimeZone$Key", List.of(
        Case.of("absent field", Map.of("fields", "created", "to.zone", "UTC"))));
    cases.put("dev.sluice.transforms.TimeZone$Value", List.of(
        Case.of("same representation", Map.of(
            "fields", "created,updated_ms", "from.zone", "Europe/Berlin", "to.zone", "UTC")),
        Case.of("iso strings", Map.of(
            "fields", "created,updated_ms", "to.zone", "America/New_York", "output", "string"))));
    cases.put("dev.sluice.transforms.predicates.OperationIs", List.of(
        Case.of("c,u", Map.of("operations", "c,u"))));
    cases.put("dev.sluice.transforms.predicates.TableMatches", List.of(
        Case.of("table", Map.of("table.regex", "orders", "tombstones", "skip"))));
    cases.put("dev.sluice.transforms.predicates.FieldValueMatches$Key", List.of(
        Case.of("id", Map.of("field", "id", "value", "1"))));
    cases.put("dev.sluice.transforms.predicates.FieldValueMatches$Value", List.of(
        Case.of("after.status", Map.of("field", "after.status", "regex", "ship.*")),
        Case.of("nested", Map.of("field", "address.city", "value", "Berlin"))));
    return cases;
  }
}
