package dev.sluice.transforms.unwrap;

import dev.sluice.transforms.unwrap.DeleteHandling.DeleteAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.header.Headers;

/** Unwrap's steps for schemaless change events (Maps). */
public final class SchemalessUnwrap {

  private final UnwrapSettings settings;
  private final boolean rewrite;

  /**
   * Steps for one configuration.
   *
   * @param settings the settings
   */
  public SchemalessUnwrap(UnwrapSettings settings) {
    this.settings = settings;
    this.rewrite = settings.deleteHandling().onDelete() == DeleteAction.REWRITE;
  }

  /**
   * The output row for a row of an event.
   *
   * @param event the envelope Map
   * @param row its before or after Map
   * @param deleted the value of {@code __deleted} in rewrite modes
   * @return the row; the input Map itself when nothing is added
   */
  public Map<?, ?> row(Map<?, ?> event, Map<?, ?> row, boolean deleted) {
    List<AddedField> added = settings.addedFields();
    if (added.isEmpty() && !rewrite) {
      return row;
    }
    Map<Object, Object> out = new LinkedHashMap<>(Math.max(4, (row.size() + added.size() + 1) * 2));
    out.putAll(row);
    if (rewrite) {
      out.put(dev.sluice.transforms.Unwrap.DELETED_FIELD, deleted);
    }
    for (AddedField field : added) {
      Map<?, ?> block = block(event, field);
      if (block != null && block.containsKey(field.field())) {
        out.put(field.name(), block.get(field.field()));
      }
    }
    return out;
  }

  /** Adds the configured headers (without schema) to {@code target}. */
  public void addHeaders(Map<?, ?> event, Headers target) {
    for (AddedField field : settings.addedHeaders()) {
      Map<?, ?> block = block(event, field);
      if (block != null && block.containsKey(field.field())) {
        target.add(field.name(), block.get(field.field()), null);
      }
    }
  }

  /** The routing column's value in a row, as a topic, or null. */
  public String routeTopic(Map<?, ?> row) {
    if (settings.routeByField() == null || row == null) {
      return null;
    }
    Object value = row.get(settings.routeByField());
    return value == null ? null : value.toString();
  }

  private static Map<?, ?> block(Map<?, ?> event, AddedField field) {
    if (field.block() == null) {
      return event;
    }
    return event.get(field.block()) instanceof Map<?, ?> block ? block : null;
  }
}
