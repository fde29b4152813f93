package dev.sluice.it.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Compares a view collection with the documents it must hold, one document at a time, ignoring
 * the sink's metadata sub-document (in documents and in embedded elements). Field order is not
 * compared (MongoDB keeps the order of first write); array order is.
 */
public final class ViewAssertions {
  /** The sink's default metadata field. */
  public static final String META = "_sluice";

  private ViewAssertions() {}

  /**
   * Waits until {@code collection} holds exactly {@code expected} (by {@code _id}), then asserts it
   * document by document; on timeout fails listing the differences.
   */
  public static void awaitExactly(MongoCollection<BsonDocument> collection, Map<BsonValue, BsonDocument> expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> differences;
    do {
      differences = differences(collection, expected);
      if (differences.isEmpty()) {
        break;
      }
      sleep(500);
    } while (System.nanoTime() < deadline);
    if (!differences.isEmpty()) {
      // The stored versions say which change left a document behind: print the first few raw.
      int shown = 0;
      for (BsonDocument doc : collection.find()) {
        BsonDocument plain = withoutMeta(doc);
        if (!plain.equals(expected.get(doc.get("_id"))) && shown++ < 3) {
          System.out.println("[ViewAssertions] stored with metadata: " + doc.toJson());
        }
      }
    }
    assertThat(differences).as("documents of %s that differ from the model (%d expected)",
        collection.getNamespace().getFullName(), expected.size()).isEmpty();
    Map<BsonValue, BsonDocument> actual = read(collection);
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (Map.Entry<BsonValue, BsonDocument> e : expected.entrySet()) {
      assertThat(actual.get(e.getKey())).as("document %s", e.getKey()).isEqualTo(e.getValue());
    }
  }

  /** The differences between a collection and the expected documents, at most 20 of them. */
  public static List<String> differences(MongoCollection<BsonDocument> collection, Map<BsonValue, BsonDocument> expected) {
    Map<BsonValue, BsonDocument> actual = read(collection);
    Set<BsonValue> ids = new LinkedHashSet<>(expected.keySet());
    ids.addAll(actual.keySet());
    List<String> out = new ArrayList<>();
    int count = 0;
    for (BsonValue id : ids) {
      BsonDocument want = expected.get(id);
      BsonDocument got = actual.get(id);
      if (!Objects.equals(want, got)) {
        count++;
        if (out.size() < 20) {
          out.add(id + ": expected " + (want == null ? null : want.toJson()) + " but was " + (got == null ? null : got.toJson()));
        }
      }
    }
    if (count > out.size()) {
      out.add("... " + (count - out.size()) + " more");
    }
    return out;
  }

  /** Every document of a collection without metadata, by {@code _id}. */
  public static Map<BsonValue, BsonDocument> read(MongoCollection<BsonDocument> collection) {
    Map<BsonValue, BsonDocument> docs = new LinkedHashMap<>();
    for (BsonDocument doc : collection.find()) {
      docs.put(doc.get("_id"), withoutMeta(doc));
    }
    return docs;
  }

  /** A copy of a document without the metadata field, at the top and in array elements. */
  public static BsonDocument withoutMeta(BsonDocument doc) {
    BsonDocument copy = new BsonDocument();
    for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
      if (e.getKey().equals(META)) {
        continue;
      }
      BsonValue v = e.getValue();
      if (v.isArray()) {
        BsonArray elements = new BsonArray();
        for (BsonValue element : v.asArray()) {
          elements.add(element.isDocument() ? withoutMeta(element.asDocument()) : element);
        }
        v = elements;
      }
      copy.put(e.getKey(), v);
    }
    return copy;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
