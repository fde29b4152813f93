package dev.sluice.transforms.row;

import dev.sluice.event.Envelope;
import dev.sluice.event.EnvelopeShape;
import dev.sluice.transforms.util.SchemaCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Applies a {@link PathTree} to record keys or values: Structs through cached {@link StructPlan}s,
 * schemaless Maps (and Lists of them) directly. Inputs are never modified; a value the tree does
 * not touch is returned as is.
 */
public final class RowRewriter {

  private final PathTree tree;
  private final PathTree envelopeTree;
  private final boolean rowsOfChangeEvents;
  private final SchemaCache<StructPlan> plans;

  /**
   * A rewriter.
   *
   * @param tree the configured paths
   * @param scope where the paths start
   * @param values true when rewriting record values, where change events are met; with scope
   *     {@link RowScope#ROW} their rows are rewritten instead of the whole value
   */
  public RowRewriter(PathTree tree, RowScope scope, boolean values) {
    this.tree = Objects.requireNonNull(tree, "tree").validate();
    this.envelopeTree = tree.forEnvelopeRows(Envelope.BEFORE, Envelope.AFTER);
    this.rowsOfChangeEvents = values && Objects.requireNonNull(scope, "scope") == RowScope.ROW;
    this.plans = new SchemaCache<>();
  }

  /**
   * Rewrites a key or value.
   *
   * @param value a Struct, a Map or anything else (returned unchanged); not null
   * @return the rewritten value, or {@code value} itself when nothing changed
   * @throws DataException naming the field path when a field cannot be converted
   */
  public Object rewrite(Object value) {
    if (value instanceof Struct struct) {
      // Whether a Struct is a change event depends on its schema alone, so it is decided once, in
      // the plan, and the cache key (the schema) covers it.
      StructPlan plan =
          plans.computeIfAbsent(struct.schema(), s -> StructPlan.build(s, treeFor(struct)));
      return plan.apply(struct);
    }
    if (value instanceof Map<?, ?> map) {
      return rewriteMap(map, treeFor(map));
    }
    return value;
  }

  private PathTree treeFor(Object value) {
    return rowsOfChangeEvents && EnvelopeShape.of(value).isChangeEvent() ? envelopeTree : tree;
  }

  /** How many plans (output schemas) were built: one per distinct input schema. */
  public long schemaBuilds() {
    return plans.builds();
  }

  private static Object rewriteMap(Map<?, ?> map, PathTree node) {
    Map<Object, Object> out = null;
    boolean keepOnly = node.keepOnly();
    int index = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object key = entry.getKey();
      PathTree child = key instanceof String name ? node.get(name) : null;
      Object value = entry.getValue();
      Object newKey = key;
      Object newValue = value;
      boolean drop = false;
      if (child == null) {
        drop = keepOnly;
      } else if (keepOnly && !child.isKept()) {
        drop = true;
      } else {
        FieldOp op = child.op();
        if (op instanceof FieldOp.Drop) {
          drop = true;
        } else {
          if (op instanceof FieldOp.Rename rename) {
            newKey = rename.newName();
          }
          if (value != null) {
            if (op instanceof FieldOp.Convert convert) {
              newValue = convert.conversion().convertSchemaless(value, child.path());
            } else if (child.descends()) {
              newValue = descend(value, child);
            }
          }
        }
      }
      boolean changed = drop || newKey != key || newValue != value;
      if (changed && out == null) {
        out = copyFirst(map, index);
      }
      if (out != null && !drop) {
        if (out.containsKey(newKey)) {
          throw new DataException(
              "After renaming, two fields would be named '" + newKey + "' (check 'rename')");
        }
        out.put(newKey, newValue);
      }
      index++;
    }
    return out == null ? map : out;
  }

  private static Object descend(Object value, PathTree child) {
    if (value instanceof Map<?, ?> nested) {
      return rewriteMap(nested, child);
    }
    if (value instanceof List<?> list) {
      List<Object> out = null;
      for (int i = 0; i < list.size(); i++) {
        Object element = list.get(i);
        Object rewritten = element instanceof Map<?, ?> m ? rewriteMap(m, child) : element;
        if (rewritten != element && out == null) {
          out = new ArrayList<>(list.subList(0, i));
        }
        if (out != null) {
          out.add(rewritten);
        }
      }
      return out == null ? list : out;
    }
    return value;
  }

  private static Map<Object, Object> copyFirst(Map<?, ?> map, int count) {
    Map<Object, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
    int i = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (i++ == count) {
        break;
      }
      out.put(entry.getKey(), entry.getValue());
    }
    return out;
  }
}
