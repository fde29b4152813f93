package dev.sluice.stack;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Picks the documents a filter can match from a collection's indexes, as MongoDB's planner would,
 * where mongo-java-server uses an index only when the filter has exactly the index's fields and
 * otherwise scans (and deserializes) the whole collection.
 *
 * <p>Conditions it answers from an index: equality of a field to a plain value (a literal document
 * too), {@code $eq}, {@code $in} of such values, and {@code $elemMatch} with such a condition on a
 * sub-field, on a field with a single-field unique index (such as {@code _id}) or a
 * {@link MultikeyIndex} leading with that field. Of a filter's conjuncts (its fields and
 * {@code $and}) it uses the one with the fewest candidates; a {@code $or} whose every branch it can
 * answer gives the union of theirs. Anything else (null, regular expressions, ranges, negations,
 * arrays as values, {@code $natural} order) leaves the filter to the scan.
 *
 * <p>The candidates are a superset of the matches: the caller still matches the whole filter
 * against each, so the documents found are the ones a scan would find (the order may differ, as it
 * does in MongoDB between an index scan and a collection scan).
 */
final class IndexPlanner {
  private static final String ELEM_MATCH = "$elemMatch";

  private IndexPlanner() {
  }

  /**
   * Where to look and what to match there: the documents at {@code candidates} that match
   * {@code filter} are among the results.
   */
  record Branch<P>(Set<P> candidates, Document filter) {}

  /**
   * The branches that answer {@code query} from the collection's {@code indexes}, or null when it
   * must be scanned. A filter whose only indexed condition is a {@code $or} is answered branch by
   * branch, each candidate matched against its own branch (and the filter's other conditions), as
   * MongoDB's OR plan does: matching each candidate against the whole {@code $or} would cost the
   * square of its length (the sink's child lookups have hundreds of branches).
   */
  static <P> List<Branch<P>> plan(List<Index<P>> indexes, Document query, Document orderBy) {
    if (query == null || query.isEmpty() || (orderBy != null && orderBy.containsKey("$natural"))) {
      return null;
    }
    Set<P> conjunct = plan(indexes, query, false);
    if (conjunct != null) {
      return List.of(new Branch<>(conjunct, query));
    }
    if (!(query.get("$or") instanceof Collection<?>)) {
      return null;
    }
    List<Document> branches = documents(query.get("$or"));
    Document rest = new Document(query);
    rest.remove("$or");
    List<Branch<P>> plan = new ArrayList<>();
    for (Document branch : branches) {
      Set<P> found = plan(indexes, branch, true);
      if (found == null) {
        return null;
      }
      plan.add(new Branch<>(found, rest.isEmpty() ? branch : new Document("$and", List.of(branch, rest))));
    }
    return plan.isEmpty() ? null : plan;
  }

  /** The candidates of {@code query} (the union of its plan's branches), or null when it must be scanned. */
  static <P> Set<P> candidates(List<Index<P>> indexes, Document query, Document orderBy) {
    List<Branch<P>> plan = plan(indexes, query, orderBy);
    if (plan == null) {
      return null;
    }
    Set<P> all = new LinkedHashSet<>();
    plan.forEach(b -> all.addAll(b.candidates()));
    return all;
  }

  /** The documents the plan finds, each once, in the order of its branches. */
  static <P> Stream<Document> matches(List<Branch<P>> plan, Function<P, Document> documents, BiPredicate<Document, Document> matcher) {
    Map<P, Document> matched = new LinkedHashMap<>();
    for (Branch<P> branch : plan) {
      for (P position : branch.candidates()) {
        if (matched.containsKey(position)) {
          continue;
        }
        Document document = documents.apply(position);
        if (document != null && matcher.test(document, branch.filter())) {
          matched.put(position, document);
        }
      }
    }
    return matched.values().stream();
  }

  /** Candidates from the filter's conjuncts (its fields and {@code $and}; {@code $or} too when {@code withOr}): the fewest. */
  private static <P> Set<P> plan(List<Index<P>> indexes, Document query, boolean withOr) {
    Set<P> best = null;
    for (Map.Entry<String, Object> condition : query.entrySet()) {
      String key = condition.getKey();
      Object value = condition.getValue();
      Set<P> found;
      if (key.equals("$and")) {
        found = anyBranch(indexes, value);
      } else if (key.equals("$or")) {
        found = withOr ? everyBranch(indexes, value) : null;
      } else if (key.startsWith("$")) {
        found = null;
      } else {
        found = field(indexes, key, value);
      }
      if (found != null && (best == null || found.size() < best.size())) {
        best = found;
      }
    }
    return best;
  }

  /** {@code $and}: the smallest candidate set of any branch. */
  private static <P> Set<P> anyBranch(List<Index<P>> indexes, Object branches) {
    Set<P> best = null;
    for (Document branch : documents(branches)) {
      Set<P> found = plan(indexes, branch, true);
      if (found != null && (best == null || found.size() < best.size())) {
        best = found;
      }
    }
    return best;
  }

  /** {@code $or}: the union of every branch's candidates, or null when one branch needs a scan. */
  private static <P> Set<P> everyBranch(List<Index<P>> indexes, Object branches) {
    List<Document> all = documents(branches);
    if (all.isEmpty()) {
      return null;
    }
    Set<P> union = new LinkedHashSet<>();
    for (Document branch : all) {
      Set<P> found = plan(indexes, branch, true);
      if (found == null) {
        return null;
      }
      union.addAll(found);
    }
    return union;
  }

  private static List<Document> documents(Object branches) {
    List<Document> list = new ArrayList<>();
    if (!(branches instanceof Collection<?> elements)) {
      return list;
    }
    for (Object element : elements) {
      if (!(element instanceof Document document)) {
        return new ArrayList<>();
      }
      list.add(document);
    }
    return list;
  }

  /** The candidates of one field's condition, or null. */
  private static <P> Set<P> field(List<Index<P>> indexes, String path, Object condition) {
    if (condition instanceof Document operators && hasOperator(operators)) {
      Set<P> best = null;
      for (Map.Entry<String, Object> operator : operators.entrySet()) {
        Set<P> found = switch (operator.getKey()) {
          case "$eq" -> equalTo(indexes, path, plainValue(operator.getValue()));
          case "$in" -> equalTo(indexes, path, plainValues(operator.getValue()));
          case ELEM_MATCH -> elemMatch(indexes, path, operator.getValue());
          default -> null;
        };
        if (found != null && (best == null || found.size() < best.size())) {
          best = found;
        }
      }
      return best;
    }
    return equalTo(indexes, path, plainValue(condition));
  }

  /** {@code {path: {$elemMatch: {sub: <condition>, ...}}}}: an element has that sub-field, so {@code path.sub} has the value. */
  private static <P> Set<P> elemMatch(List<Index<P>> indexes, String path, Object elementQuery) {
    if (!(elementQuery instanceof Document conditions)) {
      return null;
    }
    Set<P> best = null;
    for (Map.Entry<String, Object> condition : conditions.entrySet()) {
      if (condition.getKey().startsWith("$")) {
        continue;
      }
      Set<P> found = field(indexes, path + "." + condition.getKey(), condition.getValue());
      if (found != null && (best == null || found.size() < best.size())) {
        best = found;
      }
    }
    return best;
  }

  /** Documents whose {@code path} equals one of {@code values} (null: not answerable), from an index on it. */
  private static <P> Set<P> equalTo(List<Index<P>> indexes, String path, List<Object> values) {
    if (values == null) {
      return null;
    }
    for (Index<P> index : indexes) {
      List<IndexKey> keys = index.getKeys();
      if (index.isUnique() && keys.size() == 1 && keys.get(0).getKey().equals(path)) {
        // mongo-java-server's unique index looks up {$in: [...]} itself, normalizing values as its scans compare them.
        Set<P> found = new LinkedHashSet<>();
        index.getPositions(new Document(path, new Document("$in", values))).forEach(found::add);
        return found;
      }
    }
    for (Index<P> index : indexes) {
      if (index instanceof MultikeyIndex<P> multikey && multikey.path().equals(path)) {
        List<Object> normalized = new ArrayList<>();
        values.forEach(v -> normalized.add(MultikeyIndex.normalize(v)));
        return multikey.positions(normalized);
      }
    }
    return null;
  }

  /** The value as a one-element list when it is compared by plain equality; else null. */
  private static List<Object> plainValue(Object value) {
    return plain(value) ? List.of(value) : null;
  }

  private static List<Object> plainValues(Object values) {
    if (!(values instanceof Collection<?> elements)) {
      return null;
    }
    List<Object> list = new ArrayList<>();
    for (Object element : elements) {
      if (!plain(element)) {
        return null;
      }
      list.add(element);
    }
    return list;
  }

  /**
   * Not null or missing (which match absent fields), not a regular expression, not an array (which
   * compares as a whole or by element), not a document with operators.
   */
  private static boolean plain(Object value) {
    if (Missing.isNullOrMissing(value) || value instanceof Collection || BsonRegularExpression.isRegularExpression(value)) {
      return false;
    }
    return !(value instanceof Document document) || !hasOperator(document);
  }

  private static boolean hasOperator(Document document) {
    return document.keySet().stream().anyMatch(k -> k.startsWith("$"));
  }
}
