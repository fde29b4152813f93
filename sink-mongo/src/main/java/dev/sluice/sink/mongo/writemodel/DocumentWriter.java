package dev.sluice.sink.mongo.writemodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import dev.sluice.sink.mongo.TopicConfig;
import dev.sluice.sink.mongo.view.EmbedSpec;
import dev.sluice.sink.mongo.view.RowChange;
import dev.sluice.sink.mongo.view.RowChange.Kind;
import dev.sluice.sink.mongo.view.Version;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.DataException;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Writes changes of whole documents: the rows of ordinary topics, and the parent rows of
 * collections that embed child rows. Every write is a filtered upsert, a filtered update or a
 * filtered delete whose filter holds the replay guard, so a change that is not newer than what is
 * stored changes nothing: an upsert then hits the existing {@code _id} and fails with duplicate key
 * 11000, which is counted as stale.
 *
 * <ul>
 *   <li>Upsert, flat collection: replace (or $set) where {@code _id} matches and the stored version
 *       is older.
 *   <li>Upsert, parent of embedded children: $set of the columns and the version, and {@code $push}
 *       of nothing into each array so that a parent document always has them.
 *   <li>Hard delete: a tombstone, then delete where the stored version is older; for a parent, $unset
 *       of its columns and version instead (the children stay), and with cascade a $pull of the
 *       children older than the delete.
 *   <li>Soft delete: upsert of the deleted row's columns, the flag and the time.
 *   <li>Truncate: delete of every document older than the truncate, and a truncate tombstone.
 * </ul>
 */
final class DocumentWriter {
  private final VersionFilters filters;
  private final Tombstones tombstones;
  private final String meta;

  DocumentWriter(VersionFilters filters, Tombstones tombstones) {
    this.filters = filters;
    this.tombstones = tombstones;
    this.meta = filters.meta();
  }

  WriteOutcome write(MongoDatabase database, MongoCollection<BsonDocument> collection, List<RowChange> changes,
      List<RowChange> supersededDeletes, List<EmbedSpec> embeds, Set<BsonValue> touched) {
    WriteOutcome outcome = new WriteOutcome(touched);
    if (changes.isEmpty() && supersededDeletes.isEmpty()) {
      return outcome;
    }
    String scope = collection.getNamespace().getCollectionName();
    List<RowChange> live = skipDeleted(database, scope, changes, outcome);
    Map<BsonValue, BsonDocument> parentFields = embeds.isEmpty() ? Map.of() : storedParentFields(collection, live, embeds);
    Map<BsonValue, BsonDocument> cascaded = cascadeFields(embeds).isEmpty() ? Map.of()
        : storedChildren(collection, live, supersededDeletes, embeds);

    List<Bulk.Op> tombstoneOps = new ArrayList<>();
    List<Bulk.Op> ops = new ArrayList<>();
    for (RowChange change : live) {
      try {
        plan(change, scope, embeds, parentFields, cascaded, tombstoneOps, ops, outcome);
      } catch (DataException e) {
        outcome.fail(change, e);
      }
    }
    for (RowChange delete : supersededDeletes) {
      if (delete.topic().deleteMode() == DeleteMode.HARD) {
        if (tombstones.enabled()) {
          tombstoneOps.add(new Bulk.Op(tombstones.record(scope, delete.id(), delete.version()), delete, WriteKind.TOMBSTONE));
        }
        cascade(delete, embeds, cascaded, tombstoneOps, ops);
      }
    }
    // Tombstones first: if the deletes were applied and the tombstones not, a replay could resurrect.
    Bulk.Result tombstoneResult = Bulk.run(tombstones.collection(database), tombstoneOps);
    tombstoneResult.failed().forEach(f -> outcome.fail(f.change(), f.cause()));
    Bulk.Result result = Bulk.run(collection, ops);
    if (!embeds.isEmpty() && !result.stale().isEmpty()) {
      // A child's upsert may have created the parent's document between our filter and our insert:
      // the duplicate key then is a race, not a newer parent. One more try tells them apart.
      List<Bulk.Op> again = result.stale();
      Bulk.Result retried = Bulk.run(collection, again);
      result = new Bulk.Result(retried.stale(), concat(result.failed(), retried.failed()));
    }
    tally(ops, result, outcome);
    return outcome;
  }

  /** Drops upserts a recorded delete supersedes; counts them as stale. */
  private List<RowChange> skipDeleted(MongoDatabase database, String scope, List<RowChange> changes, WriteOutcome outcome) {
    Set<BsonValue> upsertIds = new LinkedHashSet<>();
    for (RowChange change : changes) {
      if (change.kind() == Kind.UPSERT) {
        upsertIds.add(change.id());
      }
    }
    Tombstones.Lookup lookup = tombstones.lookup(database, scope, upsertIds);
    if (lookup == Tombstones.Lookup.NONE) {
      return changes;
    }
    List<RowChange> live = new ArrayList<>(changes.size());
    for (RowChange change : changes) {
      if (change.kind() == Kind.UPSERT && !lookup.allows(change.id(), change.version())) {
        outcome.stale(1);
      } else {
        live.add(change);
      }
    }
    return live;
  }

  private void plan(RowChange change, String scope, List<EmbedSpec> embeds, Map<BsonValue, BsonDocument> parentFields,
      Map<BsonValue, BsonDocument> cascaded, List<Bulk.Op> tombstoneOps, List<Bulk.Op> ops, WriteOutcome outcome) {
    TopicConfig topic = change.topic();
    boolean parent = !embeds.isEmpty();
    Version version = change.version();
    switch (change.kind()) {
      case UPSERT -> {
        BsonDocument filter = guarded(change.id(), version);
        if (!parent && topic.writeMode() != WriteMode.SET) {
          ops.add(new Bulk.Op(new ReplaceOneModel<>(filter, document(change.id(), change.row(), version, null),
              new ReplaceOptions().upsert(true)), change, WriteKind.REPLACE));
          return;
        }
        BsonDocument set = columns(change.row(), embeds, change);
        setVersion(set, version);
        BsonDocument update = new BsonDocument("$set", set);
        BsonDocument unset = new BsonDocument();
        if (!version.hasSeq()) {
          unset.put(meta + "." + VersionFilters.SEQ, new BsonString(""));
        }
        if (topic.deleteMode() == DeleteMode.SOFT) {
          unset.put(topic.softDeleteField(), new BsonString(""));
          unset.put(topic.softDeleteTimeField(), new BsonString(""));
        }
        if (!unset.isEmpty()) {
          update.put("$unset", unset);
        }
        if (parent) {
          BsonDocument push = new BsonDocument();
          for (String field : fields(embeds)) {
            push.put(field, new BsonDocument("$each", new BsonArray()));
          }
          update.put("$push", push);
        }
        ops.add(new Bulk.Op(new UpdateOneModel<>(filter, update, new UpdateOptions().upsert(true)), change, WriteKind.SET));
      }
      case DELETE -> {
        if (topic.deleteMode() == DeleteMode.SOFT) {
          softDelete(change, embeds, ops);
          return;
        }
        if (tombstones.enabled()) {
          tombstoneOps.add(new Bulk.Op(tombstones.record(scope, change.id(), version), change, WriteKind.TOMBSTONE));
        }
        if (!parent) {
          ops.add(new Bulk.Op(new DeleteOneModel<>(guarded(change.id(), version)), change, WriteKind.DELETE));
          return;
        }
        BsonDocument unset = new BsonDocument(meta, new BsonString(""));
        BsonDocument stored = change.row() != null ? change.row() : parentFields.getOrDefault(change.id(), new BsonDocument());
        Set<String> arrays = fields(embeds);
        for (String column : stored.keySet()) {
          if (!column.equals("_id") && !column.equals(meta) && !arrays.contains(column)) {
            unset.put(column, new BsonString(""));
          }
        }
        ops.add(new Bulk.Op(new UpdateOneModel<>(guarded(change.id(), version), new BsonDocument("$unset", unset)),
            change, WriteKind.DELETE));
        cascade(change, embeds, cascaded, tombstoneOps, ops);
        outcome.touched(change.id());
      }
      case TRUNCATE -> {
        BsonDocument filter = version.hasSeq()
            ? new BsonDocument(meta + "." + VersionFilters.SEQ, new BsonDocument("$lt", new org.bson.BsonInt64(version.seq())))
            : new BsonDocument(meta, new BsonDocument("$exists", BsonBoolean.TRUE));
        if (version.hasSeq() && tombstones.enabled()) {
          tombstoneOps.add(new Bulk.Op(tombstones.recordTruncate(scope, version), change, WriteKind.TOMBSTONE));
        }
        ops.add(new Bulk.Op(new DeleteManyModel<>(filter), change, WriteKind.TRUNCATE));
      }
      default -> throw new IllegalStateException("unhandled " + change.kind());
    }
  }

  /**
   * With cascade, children older than a parent's delete go with it. Independent of the parent's own
   * guard: they go even when a newer insert of the parent was applied first. Each child removed gets
   * a tombstone at its own version, so that a replay of one of its older changes (into another
   * parent, say) finds it gone rather than unknown.
   */
  private void cascade(RowChange delete, List<EmbedSpec> embeds, Map<BsonValue, BsonDocument> stored,
      List<Bulk.Op> tombstoneOps, List<Bulk.Op> ops) {
    BsonDocument doc = stored.get(delete.id());
    String collection = embeds.get(0).namespace().collection();
    for (String field : cascadeFields(embeds)) {
      if (tombstones.enabled() && doc != null && doc.get(field) instanceof BsonArray elements) {
        for (BsonValue element : elements) {
          BsonValue meta = element.isDocument() ? element.asDocument().get(this.meta) : null;
          Version version = VersionFilters.read(meta);
          BsonValue key = meta != null && meta.isDocument() ? meta.asDocument().get(VersionFilters.KEY) : null;
          if (version != null && key != null && delete.version().supersedes(version)) {
            tombstoneOps.add(new Bulk.Op(tombstones.record(collection + "." + field, key, version), delete, WriteKind.TOMBSTONE));
          }
        }
      }
      ops.add(new Bulk.Op(new UpdateOneModel<>(new BsonDocument("_id", delete.id()),
          new BsonDocument("$pull", new BsonDocument(field, filters.olderThan(delete.version())))), delete, WriteKind.ELEMENT_REMOVE));
    }
  }

  /** For cascading parent deletes: the children's versions and keys stored now. */
  private Map<BsonValue, BsonDocument> storedChildren(MongoCollection<BsonDocument> collection, List<RowChange> changes,
      List<RowChange> supersededDeletes, List<EmbedSpec> embeds) {
    BsonArray ids = new BsonArray();
    for (List<RowChange> list : List.of(changes, supersededDeletes)) {
      for (RowChange change : list) {
        if (change.kind() == Kind.DELETE && change.topic().deleteMode() == DeleteMode.HARD) {
          ids.add(change.id());
        }
      }
    }
    if (ids.isEmpty() || !tombstones.enabled()) {
      return Map.of();
    }
    BsonDocument projection = new BsonDocument();
    for (String field : cascadeFields(embeds)) {
      projection.put(field + "." + meta, new BsonInt32(1));
    }
    Map<BsonValue, BsonDocument> stored = new HashMap<>();
    for (BsonDocument doc : collection.find(new BsonDocument("_id", new BsonDocument("$in", ids))).projection(projection)) {
      stored.put(doc.get("_id"), doc);
    }
    return stored;
  }

  private void softDelete(RowChange change, List<EmbedSpec> embeds, List<Bulk.Op> ops) {
    TopicConfig topic = change.topic();
    Version version = change.version();
    BsonDocument filter = guarded(change.id(), version);
    BsonDocument flags = new BsonDocument(topic.softDeleteField(), BsonBoolean.TRUE)
        .append(topic.softDeleteTimeField(), new BsonDateTime(change.eventTimeMs()));
    if (embeds.isEmpty() && topic.writeMode() != WriteMode.SET && change.row() != null) {
      ops.add(new Bulk.Op(new ReplaceOneModel<>(filter, document(change.id(), change.row(), version, flags),
          new ReplaceOptions().upsert(true)), change, WriteKind.SOFT_DELETE));
      return;
    }
    BsonDocument set = change.row() == null ? new BsonDocument() : columns(change.row(), embeds, change);
    set.putAll(flags);
    setVersion(set, version);
    BsonDocument update = new BsonDocument("$set", set);
    if (!version.hasSeq()) {
      update.put("$unset", new BsonDocument(meta + "." + VersionFilters.SEQ, new BsonString("")));
    }
    ops.add(new Bulk.Op(new UpdateOneModel<>(filter, update, new UpdateOptions().upsert(true)), change, WriteKind.SOFT_DELETE));
  }

  private BsonDocument guarded(BsonValue id, Version version) {
    return VersionFilters.and(new BsonDocument("_id", id), filters.olderThan(version));
  }

  private BsonDocument document(BsonValue id, BsonDocument row, Version version, BsonDocument extra) {
    BsonDocument doc = new BsonDocument("_id", id);
    for (Map.Entry<String, BsonValue> column : row.entrySet()) {
      if (!column.getKey().equals("_id")) {
        doc.put(column.getKey(), column.getValue());
      }
    }
    if (extra != null) {
      doc.putAll(extra);
    }
    doc.put(meta, VersionFilters.metaDocument(version));
    return doc;
  }

  private BsonDocument columns(BsonDocument row, List<EmbedSpec> embeds, RowChange change) {
    BsonDocument set = new BsonDocument();
    for (Map.Entry<String, BsonValue> column : row.entrySet()) {
      String name = column.getKey();
      if (name.equals("_id")) {
        continue;
      }
      for (EmbedSpec embed : embeds) {
        if (embed.field().equals(name)) {
          throw new DataException("column '" + name + "' of topic '" + change.record().topic() + "' has the name of the array field"
              + " topic '" + embed.topic() + "' embeds its rows into; rename embed.field");
        }
      }
      set.put(name, column.getValue());
    }
    return set;
  }

  private void setVersion(BsonDocument set, Version version) {
    BsonDocument metaDoc = VersionFilters.metaDocument(version);
    for (Map.Entry<String, BsonValue> e : metaDoc.entrySet()) {
      set.put(meta + "." + e.getKey(), e.getValue());
    }
  }

  /** For parent deletes without a before row (tombstones): the columns stored now, to remove them. */
  private Map<BsonValue, BsonDocument> storedParentFields(MongoCollection<BsonDocument> collection, List<RowChange> changes,
      List<EmbedSpec> embeds) {
    BsonArray ids = new BsonArray();
    for (RowChange change : changes) {
      if (change.kind() == Kind.DELETE && change.row() == null && change.topic().deleteMode() == DeleteMode.HARD) {
        ids.add(change.id());
      }
    }
    if (ids.isEmpty()) {
      return Map.of();
    }
    BsonDocument projection = new BsonDocument();
    for (String field : fields(embeds)) {
      projection.put(field, new BsonInt32(0));
    }
    Map<BsonValue, BsonDocument> stored = new HashMap<>();
    for (BsonDocument doc : collection.find(new BsonDocument("_id", new BsonDocument("$in", ids))).projection(projection)) {
      stored.put(doc.get("_id"), doc);
    }
    return stored;
  }

  private static Set<String> fields(List<EmbedSpec> embeds) {
    Set<String> fields = new LinkedHashSet<>();
    embeds.forEach(e -> fields.add(e.field()));
    return fields;
  }

  private static Set<String> cascadeFields(List<EmbedSpec> embeds) {
    Set<String> fields = new LinkedHashSet<>();
    embeds.stream().filter(e -> e.parentDelete() == ParentDeleteMode.CASCADE).forEach(e -> fields.add(e.field()));
    return fields;
  }

  static void tally(List<Bulk.Op> ops, Bulk.Result result, WriteOutcome outcome) {
    Set<Bulk.Op> staleOps = result.staleOps();
    Set<RowChange> failedChanges = result.failedChanges();
    Set<RowChange> staleChanges = identitySet();
    result.stale().forEach(op -> staleChanges.add(op.change()));
    result.failed().forEach(f -> outcome.fail(f.change(), f.cause()));
    Set<RowChange> written = identitySet();
    for (Bulk.Op op : ops) {
      if (!staleOps.contains(op) && !failedChanges.contains(op.change())) {
        outcome.count(op.kind(), 1);
        if (!staleChanges.contains(op.change())) {
          written.add(op.change());
        }
      }
    }
    outcome.stale(staleChanges.size());
    outcome.written(written.size());
  }

  static <T> Set<T> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
