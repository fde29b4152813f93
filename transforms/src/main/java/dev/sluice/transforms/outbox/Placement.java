package dev.sluice.transforms.outbox;

import java.util.List;
import java.util.Locale;

/**
 * One entry of {@code table.fields.additional.placement}, in Debezium's syntax {@code
 * column:placement[:alias]}.
 *
 * @param column the outbox table column
 * @param where where its value goes
 * @param alias the header or field name; the column name when not given
 */
public record Placement(String column, Where where, String alias) {

  /** Where a column's value goes. */
  public enum Where {
    /** A record header. */
    HEADER,
    /** A field next to {@code payload} in a value struct. */
    ENVELOPE,
    /** The record's partition (an integer column). */
    PARTITION
  }

  /**
   * Parses one entry.
   *
   * @param entry e.g. {@code type:header:eventType}
   * @return the placement
   * @throws IllegalArgumentException naming the entry and the syntax
   */
  public static Placement parse(String entry) {
    List<String> parts = List.of(entry.trim().split(":", -1));
    if (parts.size() < 2 || parts.size() > 3 || parts.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException(
          "'" + entry + "' is not a placement; write column:placement[:alias] with placement"
              + " header, envelope or partition, e.g. type:header:eventType");
    }
    Where where;
    try {
      where = Where.valueOf(parts.get(1).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + entry + "': unknown placement '" + parts.get(1)
              + "'; valid placements are header, envelope, partition",
          e);
    }
    String column = parts.get(0).trim();
    return new Placement(column, where, parts.size() == 3 ? parts.get(2).trim() : column);
  }
}
