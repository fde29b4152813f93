package dev.sluice.embedded.verify;

import java.util.Arrays;
import java.util.List;

/**
 * A child table whose rows the view embeds as an array in their parent's document, as the sink's
 * {@code embed.field} and {@code embed.parent.key} settings describe it.
 *
 * @param table the child table
 * @param field the array field in the parent documents
 * @param parentKeyColumns the child columns holding the parent's primary key, in the parent key's order
 */
public record EmbeddedChild(TableRef table, String field, List<String> parentKeyColumns) {

  public EmbeddedChild {
    parentKeyColumns = List.copyOf(parentKeyColumns);
    if (field == null || field.isBlank() || parentKeyColumns.isEmpty()) {
      throw new IllegalArgumentException("an embedded child needs an array field and its parent key columns");
    }
  }

  /**
   * Parses {@code db.child_table:arrayField:fkColumn[,fkColumn...]}, e.g.
   * {@code shop.order_lines:lines:order_id}.
   */
  public static EmbeddedChild parse(String text) {
    String[] parts = text == null ? new String[0] : text.split(":", -1);
    if (parts.length != 3 || parts[1].isBlank() || parts[2].isBlank()) {
      throw new IllegalArgumentException("--embed must be written db.child_table:arrayField:parentKeyColumn[,column...]"
          + " (e.g. shop.order_lines:lines:order_id), got '" + text + "'");
    }
    List<String> columns = Arrays.stream(parts[2].split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    return new EmbeddedChild(TableRef.parse(parts[0].trim(), "--embed"), parts[1].trim(), columns);
  }

  @Override
  public String toString() {
    return field + " <- " + table + " by " + String.join(",", parentKeyColumns);
  }
}
