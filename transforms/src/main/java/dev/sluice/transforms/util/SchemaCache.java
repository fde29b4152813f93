package dev.sluice.transforms.util;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;

/**
 * A bounded, synchronized cache from an input {@link Schema} to whatever a transformation derives
 * from it (an output schema, or a plan that holds one), so that no schema is built per record.
 *
 * <p>The value of the schema looked up last is kept aside and returned without locking. Behind
 * it, two least-recently-used maps sit behind one lock. The first is keyed by schema identity: a
 * source connector or converter hands out one schema instance per table, and an identity lookup
 * costs a pointer comparison, whereas {@link Schema#hashCode()} walks the whole schema on every
 * call. The second is keyed by schema equality and catches equal schemas that arrive as different
 * instances (converters that rebuild schemas); such a hit is then remembered under its identity
 * too. The key must capture everything the cached value depends on apart from the transformation's
 * own (fixed) configuration.
 *
 * <p>{@link #builds()} counts how often the builder ran; tests assert on it to prove that schemas
 * are derived once per input schema, not per record.
 *
 * @param <V> what is derived from a schema
 */
public final class SchemaCache<V> {

  /** Default number of entries per map: far more than the tables one task usually sees at once. */
  public static final int DEFAULT_CAPACITY = 256;

  private final Map<IdentityKey, V> byIdentity;
  private final Map<Schema, V> byEquality;
  private long builds;

  /**
   * The last schema looked up and its value: consecutive records of one table, the common case,
   * then take neither the lock nor an allocation. A stale read only costs a trip to the maps.
   */
  private volatile Last<V> last;

  private record Last<V>(Schema schema, V value) {}

  /** A cache with {@link #DEFAULT_CAPACITY} entries. */
  public SchemaCache() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * A cache with room for {@code capacity} schemas.
   *
   * @param capacity maximum entries per map; at least 1
   */
  public SchemaCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.byIdentity = lru(capacity);
    this.byEquality = lru(capacity);
  }

  /**
   * The value derived from {@code schema}, built by {@code builder} on the first request.
   *
   * <p>The builder runs under the cache's lock; it must not call back into this cache. If it
   * throws, nothing is cached and the exception propagates.
   *
   * @param schema the input schema, not null
   * @param builder derives the value; must not return null
   * @return the cached or newly built value
   */
  public V computeIfAbsent(Schema schema, Function<Schema, V> builder) {
    Last<V> recent = last;
    if (recent != null && recent.schema() == schema) {
      return recent.value();
    }
    V value = lookUpOrBuild(schema, builder);
    last = new Last<>(schema, value);
    return value;
  }

  private synchronized V lookUpOrBuild(Schema schema, Function<Schema, V> builder) {
    IdentityKey identity = new IdentityKey(schema);
    V value = byIdentity.get(identity);
    if (value != null) {
      return value;
    }
    value = byEquality.get(schema);
    if (value == null) {
      value = builder.apply(schema);
      if (value == null) {
        throw new IllegalStateException("schema cache builder returned null for " + schema);
      }
      builds++;
      byEquality.put(schema, value);
    }
    byIdentity.put(identity, value);
    return value;
  }

  /** How often a value was built, i.e. the number of misses. */
  public synchronized long builds() {
    return builds;
  }

  /** The number of distinct schema instances currently cached. */
  public synchronized int size() {
    return byIdentity.size();
  }

  private static <K, V> Map<K, V> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Compares and hashes a schema by identity. */
  private static final class IdentityKey {
    private final Schema schema;

    IdentityKey(Schema schema) {
      this.schema = schema;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof IdentityKey key && key.schema == schema;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(schema);
    }
  }
}
