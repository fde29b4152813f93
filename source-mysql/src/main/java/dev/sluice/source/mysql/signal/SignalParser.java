package dev.sluice.source.mysql.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.source.mysql.filter.CaptureFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads signal messages in Debezium's Kafka signal format: key = the connector's
 * {@code topic.prefix}, value {@code {"type":"execute-snapshot","data":{"data-collections":["db.table"],
 * "type":"incremental"}}} ({@code data.type} may be absent). Anything else is an {@link Outcome.Skip}
 * that says why and where, never an exception: a bad message must not stop streaming.
 */
public final class SignalParser {
  static final String EXECUTE_SNAPSHOT = "execute-snapshot";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String topicPrefix;

  /** @param topicPrefix the connector's {@code topic.prefix}: the key of messages meant for it */
  public SignalParser(String topicPrefix) {
    this.topicPrefix = topicPrefix;
  }

  /** What to do with one signal message. */
  public sealed interface Outcome {
    /** Copy these tables ({@code db.table}, distinct, in the message's order). */
    record Execute(List<String> tables) implements Outcome {
      public Execute {
        tables = List.copyOf(tables);
      }
    }

    /**
     * Nothing to execute.
     *
     * @param warn   whether the operator must hear about it (WARN), or it is routine (DEBUG: another
     *               connector's signal, a tombstone)
     * @param reason why, naming where the message is
     */
    record Skip(boolean warn, String reason) implements Outcome {
    }
  }

  /** The tables of a request that may be copied, and the refusals (one per other table). */
  public record Admission(List<String> accepted, List<String> refusals) {
    public Admission {
      accepted = List.copyOf(accepted);
      refusals = List.copyOf(refusals);
    }
  }

  /**
   * @param key   the message key, null when absent
   * @param value the message value, null for a tombstone
   * @param where the message's place for logs, e.g. {@code signals/0@17}
   */
  public Outcome parse(String key, String value, String where) {
    if (!topicPrefix.equals(key)) {
      return new Outcome.Skip(false, "signal at " + where + " has key '" + key + "', not this connector's topic.prefix '" + topicPrefix
          + "': not for this connector, ignored");
    }
    if (value == null) {
      return new Outcome.Skip(false, "signal at " + where + " is a tombstone (null value): ignored");
    }
    JsonNode root;
    try {
      root = JSON.readTree(value);
    } catch (JsonProcessingException e) {
      return malformed(where, "not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      return malformed(where, "the value is not a JSON object");
    }
    JsonNode type = root.get("type");
    if (type == null || !type.isTextual()) {
      return malformed(where, "no string field 'type'");
    }
    if (!EXECUTE_SNAPSHOT.equals(type.asText())) {
      return new Outcome.Skip(true, "signal at " + where + " has type '" + type.asText() + "': only '" + EXECUTE_SNAPSHOT
          + "' is supported, skipped");
    }
    JsonNode data = root.get("data");
    if (data == null || !data.isObject()) {
      return malformed(where, "no object field 'data'");
    }
    JsonNode snapshotType = data.get("type");
    if (snapshotType != null && !snapshotType.isNull()) {
      String t = snapshotType.asText();
      if (t.equalsIgnoreCase("blocking")) {
        return new Outcome.Skip(true, "signal at " + where + " asks for a blocking snapshot: refused (Sluice copies tables while "
            + "streaming continues; send data.type 'incremental' or leave it out)");
      }
      if (!snapshotType.isTextual() || !t.equalsIgnoreCase("incremental")) {
        return malformed(where, "data.type is " + snapshotType + ", expected \"incremental\" (or no data.type)");
      }
    }
    for (String unsupported : List.of("additional-conditions", "surrogate-key")) {
      JsonNode n = data.get(unsupported);
      if (n != null && !n.isNull() && !(n.isContainerNode() && n.isEmpty()) && !(n.isTextual() && n.asText().isBlank())) {
        return new Outcome.Skip(true, "signal at " + where + " sets data." + unsupported + ": not supported, refused (the tables "
            + "would be copied whole)");
      }
    }
    JsonNode collections = data.get("data-collections");
    if (collections == null || !collections.isArray() || collections.isEmpty()) {
      return malformed(where, "data.data-collections must be a non-empty array of \"db.table\" names");
    }
    Set<String> tables = new LinkedHashSet<>();
    for (JsonNode n : collections) {
      String name = n.isTextual() ? n.asText().trim() : "";
      int dot = name.indexOf('.');
      if (dot <= 0 || dot == name.length() - 1) {
        return malformed(where, "data.data-collections holds " + n + ", not a \"db.table\" name");
      }
      tables.add(name);
    }
    return new Outcome.Execute(new ArrayList<>(tables));
  }

  private static Outcome.Skip malformed(String where, String problem) {
    return new Outcome.Skip(true, "malformed signal at " + where + ", skipped: " + problem);
  }

  /**
   * Splits requested tables into those that may be copied (captured by the include/exclude lists and
   * existing now) and refusals naming the others.
   *
   * @param existing the captured base tables ({@code db.table}) as information_schema lists them now
   */
  public static Admission admit(List<String> requested, CaptureFilter filter, Collection<String> existing, String where) {
    List<String> accepted = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    for (String qualified : requested) {
      int dot = qualified.indexOf('.');
      String db = qualified.substring(0, dot);
      String table = qualified.substring(dot + 1);
      if (!filter.includesTable(db, table)) {
        refusals.add("signal at " + where + " asks for a snapshot of " + qualified + ", which the connector does not capture "
            + "(database.include.list/database.exclude.list/table.include.list/table.exclude.list): refused");
      } else if (!existing.contains(qualified)) {
        refusals.add("signal at " + where + " asks for a snapshot of " + qualified + ", which is not a base table on the server "
            + "(names are case-sensitive, db.table): refused");
      } else {
        accepted.add(qualified);
      }
    }
    return new Admission(accepted, refusals);
  }
}
