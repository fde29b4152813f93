package dev.sluice.stack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A non-unique (multikey) secondary index for mongo-java-server, which itself accepts such an index
 * but keeps nothing in it. It maps every value of the index's leading field (each element, where
 * the path runs through arrays, as MongoDB's multikey indexes do) to the documents holding it; a
 * compound index is used through its leading field, as MongoDB uses an index prefix. It is kept in
 * memory and rebuilt from the documents when its collection is opened. Paths with a numeric part
 * (an array position) are not indexed here.
 *
 * <p>It never plans a query on its own ({@link #canHandle} is false): {@link IndexPlanner} asks it
 * for the candidates of equality conditions and still matches the whole filter against each.
 *
 * @param <P> the backend's document position
 */
final class MultikeyIndex<P> extends Index<P> {
  private static final String ID = "_id";

  private final String path;
  private final List<String> fragments;
  private final Map<Object, Set<P>> positionsByValue = new HashMap<>();
  private final Map<Object, P> positionById = new HashMap<>();
  private final Map<P, List<Object>> valuesByPosition = new HashMap<>();

  MultikeyIndex(String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
    this.path = keys.get(0).getKey();
    this.fragments = List.of(path.split("\\.", -1));
  }

  /** The dotted path of the leading field, the one this index answers for. */
  String path() {
    return path;
  }

  /** The documents holding one of {@code values} (normalized, as {@link #normalize} returns them) at {@link #path()}. */
  synchronized Set<P> positions(Collection<Object> values) {
    Set<P> positions = new LinkedHashSet<>();
    for (Object value : values) {
      positions.addAll(positionsByValue.getOrDefault(value, Set.of()));
    }
    return positions;
  }

  /** A value as the index keeps it: numbers of equal value are equal whatever their type, as in MongoDB's comparisons. */
  static Object normalize(Object value) {
    return new KeyValue(value).normalized().get(0);
  }

  /**
   * Every value at {@link #path()}, normalized; none when the path is missing. Arrays are entered at
   * any depth, on the way and at the end (arrays of arrays too, which MongoDB would not enter but
   * mongo-java-server's matcher does): the index must hold every value a filter could match.
   */
  private List<Object> valuesOf(Document document) {
    List<Object> values = new ArrayList<>();
    collect(document, 0, values);
    return values;
  }

  private void collect(Object value, int depth, List<Object> into) {
    if (value instanceof Collection<?> elements) {
      for (Object element : elements) {
        collect(element, depth, into);
      }
    } else if (depth == fragments.size()) {
      if (!Missing.isNullOrMissing(value)) {
        into.add(normalize(value));
      }
    } else if (value instanceof Document document) {
      collect(document.get(fragments.get(depth)), depth + 1, into);
    }
  }

  private static Object idOf(Document document) {
    return normalize(document.get(ID));
  }

  @Override
  public synchronized P getPosition(Document document) {
    return positionById.get(idOf(document));
  }

  @Override
  public void checkAdd(Document document, MongoCollection<P> collection) {
    // not unique: every document may be added
  }

  @Override
  public synchronized void add(Document document, P position, MongoCollection<P> collection) {
    List<Object> values = valuesOf(document);
    positionById.put(idOf(document), position);
    valuesByPosition.put(position, values);
    for (Object value : values) {
      positionsByValue.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(position);
    }
  }

  @Override
  public synchronized P remove(Document document) {
    P position = positionById.remove(idOf(document));
    if (position != null) {
      unlink(position);
    }
    return position;
  }

  private void unlink(P position) {
    List<Object> values = valuesByPosition.remove(position);
    if (values == null) {
      return;
    }
    for (Object value : values) {
      Set<P> positions = positionsByValue.get(value);
      if (positions != null) {
        positions.remove(position);
        if (positions.isEmpty()) {
          positionsByValue.remove(value);
        }
      }
    }
  }

  @Override
  public boolean canHandle(Document query) {
    // IndexPlanner asks this index for candidates; mongo-java-server's own planner must not use it.
    return false;
  }

  @Override
  public Iterable<P> getPositions(Document query) {
    throw new UnsupportedOperationException("the multikey index " + getName() + " answers through IndexPlanner, not " + query);
  }

  @Override
  public synchronized long getCount() {
    return positionById.size();
  }

  @Override
  public synchronized long getDataSize() {
    return positionsByValue.size();
  }

  @Override
  public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
    // not unique: every update may be applied
  }

  @Override
  public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
    positionById.remove(idOf(oldDocument));
    unlink(position);
    add(newDocument, position, collection);
  }

  @Override
  public synchronized void drop() {
    positionsByValue.clear();
    positionById.clear();
    valuesByPosition.clear();
  }
}
