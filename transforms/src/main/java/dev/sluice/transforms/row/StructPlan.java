package dev.sluice.transforms.row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * How to rewrite the Structs of one schema with one {@link PathTree}: the output schema, built
 * once, and one step per output field. Applying a plan allocates the output Structs and nothing
 * else per record; a plan that changes nothing returns its input.
 */
final class StructPlan {

  private enum Kind {
    COPY,
    NESTED,
    ARRAY,
    MAP_VALUES,
    CONVERT
  }

  private record Step(Field in, Field out, Kind kind, StructPlan nested, UnaryOperator<Object> fn) {}

  private record Pending(
      Field in, String name, Schema schema, Kind kind, StructPlan nested, UnaryOperator<Object> fn) {}

  private final Schema outSchema;
  private final boolean identity;
  private Step[] steps;

  private StructPlan(Schema outSchema, boolean identity) {
    this.outSchema = outSchema;
    this.identity = identity;
  }

  /** The output schema; the input schema itself when nothing changes. */
  Schema schema() {
    return outSchema;
  }

  /** True when the plan changes nothing. */
  boolean isIdentity() {
    return identity;
  }

  /**
   * Builds the plan for a STRUCT schema.
   *
   * @throws DataException naming the path when a conversion cannot handle a field's type or a
   *     rename makes two fields share a name
   */
  static StructPlan build(Schema schema, PathTree tree) {
    return new Builder().plan(schema, tree);
  }

  /** Rewrites one Struct of the plan's input schema (or an equal one). */
  Struct apply(Struct in) {
    if (identity) {
      return in;
    }
    Struct out = new Struct(outSchema);
    for (Step step : steps) {
      Object value = Structs.raw(in, step.in);
      if (value != null) {
        value =
            switch (step.kind) {
              case COPY -> value;
              case NESTED -> step.nested.apply((Struct) value);
              case ARRAY -> applyToElements((List<?>) value, step.nested);
              case MAP_VALUES -> applyToValues((Map<?, ?>) value, step.nested);
              case CONVERT -> step.fn.apply(value);
            };
      }
      out.put(step.out, value);
    }
    return out;
  }

  private static List<Object> applyToElements(List<?> list, StructPlan plan) {
    List<Object> out = new ArrayList<>(list.size());
    for (Object element : list) {
      out.add(element == null ? null : plan.apply((Struct) element));
    }
    return out;
  }

  private static Map<Object, Object> applyToValues(Map<?, ?> map, StructPlan plan) {
    Map<Object, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object value = entry.getValue();
      out.put(entry.getKey(), value == null ? null : plan.apply((Struct) value));
    }
    return out;
  }

  /**
   * Builds plans, reusing the plan for a (schema, tree) pair met twice, e.g. {@code before} and
   * {@code after}, so both get the same output schema instance.
   */
  private static final class Builder {
    private final Map<Schema, Map<PathTree, StructPlan>> memo = new IdentityHashMap<>();

    StructPlan plan(Schema schema, PathTree tree) {
      Map<PathTree, StructPlan> byTree = memo.computeIfAbsent(schema, s -> new IdentityHashMap<>());
      StructPlan existing = byTree.get(tree);
      if (existing != null) {
        return existing;
      }
      StructPlan plan = buildPlan(schema, tree);
      byTree.put(tree, plan);
      return plan;
    }

    private StructPlan buildPlan(Schema schema, PathTree tree) {
      List<Pending> pending = new ArrayList<>();
      Map<String, String> names = new HashMap<>();
      boolean changed = false;
      boolean keepOnly = tree.keepOnly();
      for (Field field : schema.fields()) {
        PathTree child = tree.get(field.name());
        Kind kind = Kind.COPY;
        StructPlan nested = null;
        UnaryOperator<Object> fn = null;
        String name = field.name();
        Schema fieldSchema = field.schema();
        if (child == null) {
          if (keepOnly) {
            changed = true;
            continue;
          }
        } else {
          if (keepOnly && !child.isKept()) {
            changed = true;
            continue;
          }
          FieldOp op = child.op();
          if (op instanceof FieldOp.Drop) {
            changed = true;
            continue;
          }
          if (op instanceof FieldOp.Rename rename) {
            name = rename.newName();
            changed = true;
          }
          if (op instanceof FieldOp.Convert convert) {
            ValueConversion.Planned planned = convert.conversion().plan(fieldSchema, child.path());
            fieldSchema = planned.schema();
            fn = planned.function();
            kind = Kind.CONVERT;
            changed = true;
          } else if (child.descends()) {
            Schema target = structInside(fieldSchema);
            if (target != null) {
              nested = plan(target, child);
              if (!nested.isIdentity()) {
                changed = true;
                kind = fieldSchema.type() == Schema.Type.STRUCT
                    ? Kind.NESTED
                    : fieldSchema.type() == Schema.Type.ARRAY ? Kind.ARRAY : Kind.MAP_VALUES;
                fieldSchema = wrap(fieldSchema, nested.schema());
              }
            }
          }
        }
        String source = child == null ? field.name() : child.path();
        String clash = names.putIfAbsent(name, source);
        if (clash != null) {
          throw new DataException(
              "after renaming, '" + clash + "' and '" + source + "' would both be named '" + name
                  + "' in " + Structs.describe(schema));
        }
        pending.add(new Pending(field, name, fieldSchema, kind, nested, fn));
      }
      if (!changed) {
        StructPlan identity = new StructPlan(schema, true);
        identity.steps = new Step[0];
        return identity;
      }
      Schema out = sameFields(schema, pending) ? schema : newSchema(schema, pending);
      StructPlan plan = new StructPlan(out, false);
      Step[] steps = new Step[pending.size()];
      for (int i = 0; i < steps.length; i++) {
        Pending p = pending.get(i);
        steps[i] = new Step(p.in(), out.field(p.name()), p.kind(), p.nested(), p.fn());
      }
      plan.steps = steps;
      return plan;
    }

    /**
     * Whether only values change (masking, truncation): then the input schema is reused, so
     * consumers and converters keep seeing one schema per table.
     */
    private static boolean sameFields(Schema schema, List<Pending> pending) {
      List<Field> fields = schema.fields();
      if (fields.size() != pending.size()) {
        return false;
      }
      for (int i = 0; i < fields.size(); i++) {
        Pending p = pending.get(i);
        if (!fields.get(i).name().equals(p.name()) || fields.get(i).schema() != p.schema()) {
          return false;
        }
      }
      return true;
    }

    private static Schema newSchema(Schema schema, List<Pending> pending) {
      SchemaBuilder builder = Structs.structLike(schema);
      for (Pending p : pending) {
        builder.field(p.name(), p.schema());
      }
      return builder.build();
    }

    /** The struct schema a path can continue into: a struct, or the elements/values of one. */
    private static Schema structInside(Schema schema) {
      return switch (schema.type()) {
        case STRUCT -> schema;
        case ARRAY -> schema.valueSchema().type() == Schema.Type.STRUCT ? schema.valueSchema() : null;
        case MAP -> schema.valueSchema().type() == Schema.Type.STRUCT ? schema.valueSchema() : null;
        default -> null;
      };
    }

    private static Schema wrap(Schema original, Schema nestedOut) {
      if (nestedOut == structInside(original)) {
        return original;
      }
      return switch (original.type()) {
        case STRUCT -> nestedOut;
        case ARRAY -> Structs.copyBasics(original, SchemaBuilder.array(nestedOut)).build();
        case MAP -> Structs.copyBasics(original, SchemaBuilder.map(original.keySchema(), nestedOut)).build();
        default -> throw new IllegalStateException("not a container: " + original.type());
      };
    }
  }
}
