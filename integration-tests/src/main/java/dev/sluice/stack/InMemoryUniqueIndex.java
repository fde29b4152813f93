package dev.sluice.stack;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A unique index (such as {@code _id}'s) of the H2 backend kept in a hash map instead of an
 * MVStore map. H2 compares keys of a type it does not know ({@link KeyValue}) by serializing both
 * with Java serialization at every step of its binary search, which made each {@code _id} lookup
 * cost more than the write it served (a profile of the endpoint in ChaosIT: 40% of its CPU). The
 * uniqueness checks are mongo-java-server's own ({@link AbstractUniqueIndex}); only the storage
 * differs. The index is rebuilt from the documents when its collection is opened, so the data file
 * stays the only state.
 *
 * @param <P> the backend's document position
 */
final class InMemoryUniqueIndex<P> extends AbstractUniqueIndex<P> {
  private final Map<KeyValue, P> positions = new ConcurrentHashMap<>();

  InMemoryUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
  }

  @Override
  protected P removeDocument(KeyValue keyValue) {
    return positions.remove(keyValue);
  }

  @Override
  protected boolean putKeyPosition(KeyValue keyValue, P position) {
    return positions.putIfAbsent(keyValue, position) == null;
  }

  @Override
  protected Iterable<Map.Entry<KeyValue, P>> getIterable() {
    return positions.entrySet();
  }

  @Override
  protected P getPosition(KeyValue keyValue) {
    return positions.get(keyValue);
  }

  @Override
  public long getCount() {
    return positions.size();
  }

  @Override
  public boolean isEmpty() {
    return positions.isEmpty();
  }

  @Override
  public long getDataSize() {
    return getCount();
  }

  @Override
  public void drop() {
    positions.clear();
  }
}
