package dev.sluice.transforms.route;

import dev.sluice.transforms.row.Structs;
import dev.sluice.transforms.util.SchemaCache;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Adds a field naming the physical table to record keys, so rows of sharded tables merged into one
 * topic keep distinct keys. Key schemas are extended once per input key schema.
 */
public final class KeyShard {

  private record Plan(Schema schema, Field[] in, Field[] out, Field shard) {}

  private final String fieldName;
  private final SchemaCache<Plan> plans = new SchemaCache<>();

  /**
   * Adds {@code fieldName}.
   *
   * @param fieldName the key field to add
   */
  public KeyShard(String fieldName) {
    this.fieldName = fieldName;
  }

  /**
   * The key with the shard field added.
   *
   * @param key a Struct or Map key; null stays null
   * @param shard the value of the shard field
   * @return the new key
   * @throws DataException if the key is of another type or already has the field
   */
  public Object addTo(Object key, String shard) {
    if (key == null) {
      return null;
    }
    if (key instanceof Struct struct) {
      Plan plan = plans.computeIfAbsent(struct.schema(), this::plan);
      Struct out = new Struct(plan.schema());
      for (int i = 0; i < plan.in().length; i++) {
        out.put(plan.out()[i], Structs.raw(struct, plan.in()[i]));
      }
      return out.put(plan.shard(), shard);
    }
    if (key instanceof Map<?, ?> map) {
      if (map.containsKey(fieldName)) {
        throw clash("the key");
      }
      Map<Object, Object> out = new LinkedHashMap<>(map);
      out.put(fieldName, shard);
      return out;
    }
    throw new DataException(
        "Route cannot add the key field '" + fieldName + "' to a key of type "
            + key.getClass().getName() + "; shard.key.field needs Struct or Map keys");
  }

  /** The key schema for an input key schema; null stays null. */
  public Schema schemaFor(Schema keySchema) {
    return keySchema == null ? null : plans.computeIfAbsent(keySchema, this::plan).schema();
  }

  private Plan plan(Schema keySchema) {
    if (keySchema.type() != Schema.Type.STRUCT) {
      throw new DataException(
          "Route cannot add the key field '" + fieldName + "' to a key of type "
              + Structs.describe(keySchema) + "; shard.key.field needs Struct or Map keys");
    }
    if (keySchema.field(fieldName) != null) {
      throw clash("key schema " + Structs.describe(keySchema));
    }
    SchemaBuilder builder = Structs.structLike(keySchema);
    for (Field field : keySchema.fields()) {
      builder.field(field.name(), field.schema());
    }
    Schema schema = builder.field(fieldName, Schema.STRING_SCHEMA).build();
    Field[] in = keySchema.fields().toArray(new Field[0]);
    Field[] out = new Field[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = schema.field(in[i].name());
    }
    return new Plan(schema, in, out, schema.field(fieldName));
  }

  private DataException clash(String where) {
    return new DataException(
        "Route cannot add the key field '" + fieldName + "': " + where
            + " already has a field of that name (is Route applied twice?)");
  }
}
