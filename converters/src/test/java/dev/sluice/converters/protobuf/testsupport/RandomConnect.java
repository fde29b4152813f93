package dev.sluice.converters.protobuf.testsupport;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Random Connect schemas and values from a seed: every Connect type, logical types, CDC semantic
 * types with parameters, nested structs, arrays of arrays, maps with every key type, optional and
 * required, docs, versions, defaults, and field names that are not Protobuf identifiers.
 */
public final class RandomConnect {
  private static final String[] FIELD_NAMES = {
    "id", "name", "order-id", "1st", "größe", "select", "message", "option", "a_b", "aB", "value", "key",
    "_x", "x", "Value", "FooEntry", "foo", "café au lait", " ", "max", "optional", "repeated", "string",
    "EntryEntry", "with.dot", "$price", "UPPER", "tags", "ts_ms", "before", "__dunder__", "字段"
  };
  private static final String[] CDC_NAMES = {
    "io.debezium.time.MicroTimestamp", "io.debezium.time.ZonedTimestamp", "io.debezium.data.Enum",
    "io.debezium.data.EnumSet", "io.debezium.data.Json", "io.debezium.time.Date", "io.debezium.time.MicroTime",
    "io.debezium.data.Bits", "dev.sluice.type.Year", "io.debezium.data.geometry.Point"
  };

  private final Random random;
  private int structCounter;

  public RandomConnect(long seed) {
    this.random = new Random(seed);
  }

  public Random random() {
    return random;
  }

  /** A random top-level schema: usually a struct, sometimes anything else. */
  public Schema topLevel() {
    if (random.nextInt(10) < 8) {
      return struct(0, random.nextInt(5) == 0);
    }
    return any(1, random.nextBoolean());
  }

  public Schema struct(int depth, boolean optional) {
    SchemaBuilder b = SchemaBuilder.struct();
    int kind = random.nextInt(4);
    if (kind == 0) {
      b.name("db.schema_" + random.nextInt(3) + ".Table" + (structCounter++));
    } else if (kind == 1) {
      b.name("Row-" + (structCounter++) + " ünnamed");
    }
    decorate(b);
    int n = random.nextInt(depth == 0 ? 9 : 5);
    Set<String> used = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String name = fieldName(used);
      b.field(name, any(depth + 1, random.nextInt(3) == 0));
    }
    if (optional) {
      b.optional();
    }
    return b.build();
  }

  private String fieldName(Set<String> used) {
    String name;
    do {
      name = random.nextInt(4) == 0 ? "col_" + random.nextInt(50) : FIELD_NAMES[random.nextInt(FIELD_NAMES.length)];
    } while (!used.add(name));
    return name;
  }

  private void decorate(SchemaBuilder b) {
    if (random.nextInt(4) == 0) {
      b.doc("doc " + random.nextInt(100) + " with \"quotes\" and ümlauts");
    }
    if (random.nextInt(4) == 0) {
      b.version(1 + random.nextInt(5));
    }
    if (random.nextInt(5) == 0) {
      b.parameter("p" + random.nextInt(3), "v\n" + random.nextInt(10));
    }
  }

  /** Any schema; deeper levels lean towards primitives. */
  public Schema any(int depth, boolean optional) {
    int choice = depth > 3 ? random.nextInt(16) : random.nextInt(22);
    SchemaBuilder b;
    switch (choice) {
      case 0 -> b = SchemaBuilder.int8();
      case 1 -> b = SchemaBuilder.int16();
      case 2 -> b = SchemaBuilder.int32();
      case 3 -> b = SchemaBuilder.int64();
      case 4 -> b = SchemaBuilder.float32();
      case 5 -> b = SchemaBuilder.float64();
      case 6 -> b = SchemaBuilder.bool();
      case 7 -> b = SchemaBuilder.string();
      case 8 -> b = SchemaBuilder.bytes();
      case 9 -> b = Decimal.builder(random.nextInt(12) - 2);
      case 10 -> b = Date.builder();
      case 11 -> b = Time.builder();
      case 12 -> b = Timestamp.builder();
      case 13 -> {
        String name = CDC_NAMES[random.nextInt(CDC_NAMES.length)];
        b = name.contains("Timestamp") || name.contains("MicroTime") ? SchemaBuilder.int64()
            : name.endsWith("Date") || name.endsWith("Year") ? SchemaBuilder.int32()
            : name.endsWith("Bits") ? SchemaBuilder.bytes() : SchemaBuilder.string();
        b.name(name).version(1);
        if (name.contains("Enum")) {
          b.parameter("allowed", "small,medium,large");
        }
        if (name.endsWith("Bits")) {
          b.parameter("length", "8");
        }
      }
      case 14 -> b = SchemaBuilder.string();
      case 15 -> b = SchemaBuilder.int64();
      case 16, 17 -> {
        return struct(depth, optional);
      }
      case 18, 19 -> b = SchemaBuilder.array(any(depth + 1, random.nextInt(4) == 0));
      default -> b = SchemaBuilder.map(mapKey(depth), any(depth + 1, random.nextInt(4) == 0));
    }
    if (choice <= 8 && random.nextInt(5) == 0) {
      decorate(b);
    }
    if (optional) {
      b.optional();
    }
    if (choice <= 12 && random.nextInt(6) == 0) {
      Schema plain = b.build();
      Object d = value(plain, 0);
      if (d != null) {
        b.defaultValue(d);
      }
    } else if ((choice == 18 || choice == 19) && random.nextInt(8) == 0) {
      b.defaultValue(new ArrayList<>());
    }
    return b.build();
  }

  private Schema mapKey(int depth) {
    return switch (random.nextInt(13)) {
      case 12 -> SchemaBuilder.array(Schema.INT32_SCHEMA).build();
      case 0 -> SchemaBuilder.int8().build();
      case 1 -> SchemaBuilder.int16().build();
      case 2 -> Schema.INT32_SCHEMA;
      case 3 -> Schema.INT64_SCHEMA;
      case 4 -> Schema.BOOLEAN_SCHEMA;
      case 5 -> Schema.FLOAT64_SCHEMA;
      case 6 -> Schema.BYTES_SCHEMA;
      case 7 -> Decimal.schema(2);
      case 8 -> Schema.OPTIONAL_STRING_SCHEMA;
      case 9 -> struct(depth + 2, false);
      case 10 -> Date.SCHEMA;
      default -> Schema.STRING_SCHEMA;
    };
  }

  /** A random value for a schema; null for optional schemas now and then. */
  public Object value(Schema schema, int depth) {
    if (schema.isOptional() && random.nextInt(5) == 0) {
      return null;
    }
    if (schema.name() != null) {
      switch (schema.name()) {
        case Decimal.LOGICAL_NAME -> {
          int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
          return new BigDecimal(new BigInteger(random.nextInt(90) + 1, random).multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1)), scale);
        }
        case Date.LOGICAL_NAME -> {
          return new java.util.Date((random.nextInt(40_000) - 20_000) * 86_400_000L);
        }
        case Time.LOGICAL_NAME -> {
          return new java.util.Date(random.nextInt(86_400_000));
        }
        case Timestamp.LOGICAL_NAME -> {
          return new java.util.Date(random.nextLong() % 4_000_000_000_000L);
        }
        default -> {
        }
      }
    }
    return switch (schema.type()) {
      case INT8 -> (byte) random.nextInt();
      case INT16 -> (short) random.nextInt();
      case INT32 -> random.nextInt(3) == 0 ? 0 : random.nextInt();
      case INT64 -> random.nextInt(3) == 0 ? random.nextInt(1000) : random.nextLong();
      case FLOAT32 -> switch (random.nextInt(8)) {
        case 0 -> Float.NaN;
        case 1 -> -0.0f;
        case 2 -> 0.0f;
        default -> random.nextFloat() * 1e6f - 5e5f;
      };
      case FLOAT64 -> switch (random.nextInt(8)) {
        case 0 -> Double.NEGATIVE_INFINITY;
        case 1 -> -0.0;
        case 2 -> 0.0;
        default -> random.nextGaussian() * 1e9;
      };
      case BOOLEAN -> random.nextBoolean();
      case STRING -> string();
      case BYTES -> {
        byte[] b = new byte[random.nextInt(6) == 0 ? 0 : random.nextInt(300)];
        random.nextBytes(b);
        yield b;
      }
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        int n = depth > 4 ? random.nextInt(2) : random.nextInt(5);
        for (int i = 0; i < n; i++) {
          list.add(value(schema.valueSchema(), depth + 1));
        }
        yield list;
      }
      case MAP -> {
        Map<Object, Object> map = new LinkedHashMap<>();
        int n = depth > 4 ? random.nextInt(2) : random.nextInt(4);
        for (int i = 0; i < n; i++) {
          map.put(value(schema.keySchema(), depth + 1), value(schema.valueSchema(), depth + 1));
        }
        yield map;
      }
      case STRUCT -> {
        Struct s = new Struct(schema);
        for (Field f : schema.fields()) {
          Object v = value(f.schema(), depth + 1);
          if (v != null) {
            s.put(f, v);
          }
        }
        yield s;
      }
    };
  }

  private String string() {
    return switch (random.nextInt(6)) {
      case 0 -> "";
      case 1 -> "grüße 🐟 " + random.nextInt();
      case 2 -> "x".repeat(random.nextInt(400));
      case 3 -> new String(new char[] {(char) ('a' + random.nextInt(26))});
      default -> "value-" + random.nextInt(100_000);
    };
  }

  /** Bytes of a UTF-8 string, for tests that need them. */
  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
