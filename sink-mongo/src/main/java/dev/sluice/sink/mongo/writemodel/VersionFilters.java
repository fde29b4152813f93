package dev.sluice.sink.mongo.writemodel;

import dev.sluice.sink.mongo.view.Version;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The replay guard as plain query conditions: "what is stored here is older than this version",
 * the same rule as {@link Version#supersedes}. Used in upsert and delete filters, in
 * {@code $elemMatch} and in {@code $pull} conditions, so no update pipeline and no transaction is
 * needed.
 *
 * <p>With seq: {@code {$or: [{<meta>.seq: {$lt: seq}}, {<meta>.seq: {$exists: false}}]}} (a missing
 * seq counts as older). Without:
 * {@code {$or: [{<meta>.src: {$ne: src}}, {<meta>.off: {$lt: off}}]}}.
 */
public final class VersionFilters {
  /** Meta field: source.seq. */
  public static final String SEQ = "seq";
  /** Meta field: topic/partition. */
  public static final String SRC = "src";
  /** Meta field: offset. */
  public static final String OFF = "off";
  /** Meta field of embedded elements: the child key. */
  public static final String KEY = "key";

  private final String meta;
  private final String prefix;
  private final String seqField;
  private final String srcField;
  private final String offField;

  /** Filters for versions kept under {@code metaField}. */
  public VersionFilters(String metaField) {
    this.meta = metaField;
    this.prefix = metaField + ".";
    this.seqField = prefix + SEQ;
    this.srcField = prefix + SRC;
    this.offField = prefix + OFF;
  }

  /** The metadata field name. */
  public String meta() {
    return meta;
  }

  /** The condition "the version under the metadata field is older than {@code version}". */
  public BsonDocument olderThan(Version version) {
    return olderThan(seqField, srcField, offField, version);
  }

  /** The same condition on version fields at {@code fieldPrefix} ("" for top-level fields). */
  public static BsonDocument olderThan(String fieldPrefix, Version version) {
    return olderThan(fieldPrefix + SEQ, fieldPrefix + SRC, fieldPrefix + OFF, version);
  }

  private static BsonDocument olderThan(String seqField, String srcField, String offField, Version version) {
    if (version.hasSeq()) {
      // Same meaning as {$not: {$gte: seq}}, spelled with $or because mongo-java-server's positional
      // operator ($) does not resolve an $elemMatch on a dotted path otherwise.
      return new BsonDocument("$or", new BsonArray(List.of(
          new BsonDocument(seqField, new BsonDocument("$lt", new BsonInt64(version.seq()))),
          new BsonDocument(seqField, new BsonDocument("$exists", BsonBoolean.FALSE)))));
    }
    return new BsonDocument("$or", new BsonArray(List.of(
        new BsonDocument(srcField, new BsonDocument("$ne", new BsonString(version.source()))),
        new BsonDocument(offField, new BsonDocument("$lt", new BsonInt64(version.offset()))))));
  }

  /** The metadata sub-document of a version. */
  public static BsonDocument metaDocument(Version version) {
    BsonDocument doc = new BsonDocument();
    if (version.hasSeq()) {
      doc.put(SEQ, new BsonInt64(version.seq()));
    }
    doc.put(SRC, new BsonString(version.source()));
    doc.put(OFF, new BsonInt64(version.offset()));
    return doc;
  }

  /** Reads a version from its metadata sub-document (or a tombstone); null when there is none. */
  public static Version read(BsonValue meta) {
    if (meta == null || !meta.isDocument()) {
      return null;
    }
    BsonDocument doc = meta.asDocument();
    BsonValue src = doc.get(SRC);
    if (src == null || !src.isString()) {
      return null;
    }
    BsonValue seq = doc.get(SEQ);
    BsonValue off = doc.get(OFF);
    long offset = off != null && off.isNumber() ? off.asNumber().longValue() : -1L;
    if (seq != null && seq.isNumber()) {
      return Version.ofSeq(seq.asNumber().longValue(), src.asString().getValue(), offset);
    }
    return Version.ofPosition(src.asString().getValue(), offset);
  }

  /** Conjunction of conditions: merged into one document, or {@code $and} where keys collide. */
  public static BsonDocument and(BsonDocument... parts) {
    BsonDocument merged = new BsonDocument();
    BsonArray clashing = null;
    for (BsonDocument part : parts) {
      for (Map.Entry<String, BsonValue> e : part.entrySet()) {
        if (merged.containsKey(e.getKey())) {
          if (clashing == null) {
            clashing = new BsonArray();
          }
          clashing.add(new BsonDocument(e.getKey(), e.getValue()));
        } else {
          merged.put(e.getKey(), e.getValue());
        }
      }
    }
    if (clashing != null) {
      BsonArray all = new BsonArray();
      all.add(merged);
      all.addAll(clashing);
      return new BsonDocument("$and", all);
    }
    return merged;
  }
}
