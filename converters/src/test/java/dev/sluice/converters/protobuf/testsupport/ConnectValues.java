package dev.sluice.converters.protobuf.testsupport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** Compares Connect values structurally (byte arrays by content, maps with array keys, NaN equal). */
public final class ConnectValues {
  private ConnectValues() {}

  /** What a converter writes for a value: struct nulls replaced by field defaults, as Struct.get does. */
  public static Object withDefaults(Schema schema, Object value) {
    if (value == null) {
      return schema.defaultValue();
    }
    switch (schema.type()) {
      case STRUCT -> {
        Struct in = (Struct) value;
        Struct out = new Struct(schema);
        for (Field f : schema.fields()) {
          Object v = withDefaults(f.schema(), in.get(f));
          if (v != null) {
            out.put(f, v);
          }
        }
        return out;
      }
      case ARRAY -> {
        List<Object> out = new ArrayList<>();
        for (Object e : (List<?>) value) {
          out.add(e == null ? null : withDefaults(schema.valueSchema(), e));
        }
        return out;
      }
      case MAP -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
          out.put(e.getKey() == null ? null : withDefaults(schema.keySchema(), e.getKey()),
              e.getValue() == null ? null : withDefaults(schema.valueSchema(), e.getValue()));
        }
        return out;
      }
      default -> {
        return value;
      }
    }
  }

  /**
   * The first difference between two values of a schema.
   *
   * @return null if they are equal, else the path and the two values
   */
  public static String difference(Schema schema, Object a, Object b) {
    return difference(schema, a, b, "$");
  }

  private static String difference(Schema schema, Object a, Object b, String path) {
    if (a == null || b == null) {
      return a == b ? null : path + ": " + a + " vs " + b;
    }
    switch (schema.type()) {
      case BYTES -> {
        if (a instanceof java.math.BigDecimal || b instanceof java.math.BigDecimal) {
          return a.equals(b) ? null : path + ": " + a + " vs " + b;
        }
        return Arrays.equals(bytes(a), bytes(b)) ? null : path + ": bytes differ";
      }
      case STRUCT -> {
        Struct sa = (Struct) a;
        Struct sb = (Struct) b;
        for (Field f : schema.fields()) {
          String d = difference(f.schema(), sa.get(f), sb.get(f), path + "." + f.name());
          if (d != null) {
            return d;
          }
        }
        return null;
      }
      case ARRAY -> {
        List<?> la = (List<?>) a;
        List<?> lb = (List<?>) b;
        if (la.size() != lb.size()) {
          return path + ": size " + la.size() + " vs " + lb.size();
        }
        for (int i = 0; i < la.size(); i++) {
          String d = difference(schema.valueSchema(), la.get(i), lb.get(i), path + "[" + i + "]");
          if (d != null) {
            return d;
          }
        }
        return null;
      }
      case MAP -> {
        Map<?, ?> ma = (Map<?, ?>) a;
        Map<?, ?> mb = (Map<?, ?>) b;
        if (ma.size() != mb.size()) {
          return path + ": size " + ma.size() + " vs " + mb.size();
        }
        // Keys such as byte[] can be equal in content but distinct: match entries as a multiset.
        List<Map.Entry<?, ?>> unmatched = new ArrayList<>(mb.entrySet());
        for (Map.Entry<?, ?> ea : ma.entrySet()) {
          boolean found = false;
          for (Iterator<Map.Entry<?, ?>> it = unmatched.iterator(); it.hasNext(); ) {
            Map.Entry<?, ?> eb = it.next();
            if (difference(schema.keySchema(), ea.getKey(), eb.getKey(), path) == null
                && difference(schema.valueSchema(), ea.getValue(), eb.getValue(), path) == null) {
              it.remove();
              found = true;
              break;
            }
          }
          if (!found) {
            return path + ": entry " + ea.getKey() + "=" + ea.getValue() + " missing";
          }
        }
        return null;
      }
      default -> {
        return Objects.equals(a, b) ? null : path + ": " + a + " (" + a.getClass().getSimpleName() + ") vs " + b + " ("
            + b.getClass().getSimpleName() + ")";
      }
    }
  }

  private static byte[] bytes(Object o) {
    if (o instanceof ByteBuffer bb) {
      ByteBuffer d = bb.duplicate();
      byte[] out = new byte[d.remaining()];
      d.get(out);
      return out;
    }
    return (byte[]) o;
  }
}
