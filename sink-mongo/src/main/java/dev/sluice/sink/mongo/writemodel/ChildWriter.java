package dev.sluice.sink.mongo.writemodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import dev.sluice.sink.mongo.retry.ConcurrentWriteRace;
import dev.sluice.sink.mongo.view.EmbedSpec;
import dev.sluice.sink.mongo.view.RowChange;
import dev.sluice.sink.mongo.view.RowChange.Kind;
import dev.sluice.sink.mongo.view.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.DataException;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes changes of embedded child rows: each child is an element of an array in its parent's
 * document, carrying the version it was written from, and the array is kept sorted by child key.
 * The state of a child is its newest change wherever it is; that makes the documents the same
 * whatever order the parent and child topics are consumed in, and replays change nothing.
 *
 * <p>Per batch: one query finds where the batch's children are now (and their versions), one finds
 * their tombstones (and, for cascade, the parents' delete tombstones). Then, for each child change
 * newer than all of that, with plain operators only:
 *
 * <ul>
 *   <li>in the right parent already: {@code $set} of {@code <field>.$} where an element with the
 *       key and an older version matches; when it matches nothing, the element moved after the
 *       lookup, and the change is looked up and written again;
 *   <li>elsewhere or nowhere: {@code $pull} from the old parent (element key and older version),
 *       then {@code $push} with {@code $sort} into the new parent where no element has the key, as
 *       an upsert, so a child arriving before its parent creates the parent's document;
 *   <li>delete, or a foreign key set to null: {@code $pull} wherever it is, and a tombstone.
 * </ul>
 *
 * After the writes, deletes look for their child again and pushes look for a newer tombstone, so a
 * delete and a push of one child by two tasks at once cannot leave the element behind.
 *
 * Every write repeats its condition in the filter, so a concurrent or repeated write cannot move
 * an element backwards. A tombstone or an element at the change's own version is what an earlier
 * attempt of the same change left when it was cut short: the change is redone around it, not
 * skipped as stale.
 */
final class ChildWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ChildWriter.class);
  private static final int ATTEMPTS_AFTER_RACE = 2;

  private final VersionFilters filters;
  private final Tombstones tombstones;
  private final Set<String> indexed = new HashSet<>();

  ChildWriter(VersionFilters filters, Tombstones tombstones) {
    this.filters = filters;
    this.tombstones = tombstones;
  }

  /** Where an element is now: in which document, at which version. */
  private record Location(BsonValue documentId, Version version) {}

  WriteOutcome write(MongoDatabase database, MongoCollection<BsonDocument> collection, EmbedSpec spec, List<RowChange> changes,
      Set<BsonValue> touched) {
    WriteOutcome outcome = new WriteOutcome(touched);
    if (changes.isEmpty()) {
      return outcome;
    }
    if (changes.get(0).kind() == Kind.TRUNCATE) {
      return truncate(database, collection, spec, changes, outcome);
    }
    List<String> keyNames = new ArrayList<>(changes.get(0).id().asDocument().keySet());
    ensureIndex(collection, spec.field(), keyNames);
    List<RowChange> pending = changes;
    for (int attempt = 0; attempt <= ATTEMPTS_AFTER_RACE && !pending.isEmpty(); attempt++) {
      List<RowChange> raced = writeOnce(database, collection, spec, keyNames, pending, outcome, attempt == ATTEMPTS_AFTER_RACE);
      pending = raced;
    }
    if (!pending.isEmpty()) {
      // Elements kept moving under concurrent writers through every attempt: the whole batch is
      // written again (every write is idempotent) rather than anything being dropped.
      throw new ConcurrentWriteRace(pending.size() + " change(s) of embedded children in " + collection.getNamespace().getFullName()
          + "." + spec.field() + " met elements moved by a concurrent writer " + (ATTEMPTS_AFTER_RACE + 1) + " times");
    }
    return outcome;
  }

  /** Returns the changes whose push met an element that appeared after the lookup (to redo). */
  private List<RowChange> writeOnce(MongoDatabase database, MongoCollection<BsonDocument> collection, EmbedSpec spec,
      List<String> keyNames, List<RowChange> changes, WriteOutcome outcome, boolean last) {
    String field = spec.field();
    Map<BsonDocument, List<Location>> locations = locate(collection, field, keyNames, changes);
    Set<BsonValue> keys = new LinkedHashSet<>();
    Set<BsonValue> parents = new LinkedHashSet<>();
    for (RowChange change : changes) {
      keys.add(change.id());
      if (change.kind() == Kind.UPSERT && change.parentId() != null) {
        parents.add(change.parentId());
      }
    }
    Tombstones.Lookup childTombstones = tombstones.lookup(database, spec.tombstoneScope(), keys);
    Tombstones.Lookup parentTombstones = spec.parentDelete() == ParentDeleteMode.CASCADE
        ? tombstones.lookup(database, collection.getNamespace().getCollectionName(), parents)
        : Tombstones.Lookup.NONE;

    List<Bulk.Op> tombstoneOps = new ArrayList<>();
    List<Bulk.Op> ops = new ArrayList<>();
    List<Bulk.Op> pushes = new ArrayList<>();
    List<Bulk.Op> inPlace = new ArrayList<>();
    List<RowChange> removals = new ArrayList<>();
    for (RowChange change : changes) {
      BsonDocument key = change.id().asDocument();
      Version version = change.version();
      List<Location> here = locations.getOrDefault(key, List.of());
      Version deleted = childTombstones.deleted(key);
      // A tombstone at this very version is this change's own, written before a crash or a failed
      // bulk cut its $pull short: the change is redone (its writes are idempotent), not skipped.
      Version current = version.equals(deleted) ? null : deleted;
      if (version.equals(deleted)) {
        // The documents that attempt removed the child from may be left empty: they get the clean-up.
        childTombstones.removedFrom(key).forEach(outcome::touched);
      }
      // Likewise an element at this very version is this change's own: a move whose $push landed and
      // whose $pull from the old parent did not. The change is redone around it.
      BsonValue writtenIn = null;
      for (Location l : here) {
        if (version.equals(l.version())) {
          writtenIn = l.documentId();
        } else {
          current = Version.newest(current, l.version());
        }
      }
      if (!version.supersedes(current)) {
        outcome.stale(1);
        continue;
      }
      BsonValue parent = change.kind() == Kind.UPSERT ? change.parentId() : null;
      if (parent != null) {
        Version parentDeleted = parentTombstones.deleted(parent);
        if (parentDeleted != null && !version.supersedes(parentDeleted)) {
          // cascade: the parent was deleted after this change and took the child with it. The child
          // is nowhere now, as after a delete at this version.
          parent = null;
        }
      }
      BsonDocument olderElement = VersionFilters.and(key.clone(), filters.olderThan(version));
      boolean inParent = false;
      for (Location l : here) {
        if (l.documentId().equals(parent)) {
          inParent = true;
        } else {
          ops.add(new Bulk.Op(new UpdateOneModel<>(new BsonDocument("_id", l.documentId()),
              new BsonDocument("$pull", new BsonDocument(field, olderElement))), change, WriteKind.ELEMENT_REMOVE));
          outcome.touched(l.documentId());
        }
      }
      if (parent == null) {
        if (tombstones.enabled()) {
          List<BsonValue> from = here.stream().map(Location::documentId).toList();
          tombstoneOps.add(new Bulk.Op(tombstones.record(spec.tombstoneScope(), key, version, from), change, WriteKind.TOMBSTONE));
        }
        removals.add(change);
        continue;
      }
      if (parent.equals(writtenIn)) {
        // Already in place at this version: a replay, or a move cut short whose $pull from the old
        // parent (queued above) is all that was missing.
        if (here.size() == 1) {
          outcome.stale(1);
        }
        continue;
      }
      BsonDocument element = element(change);
      if (inParent) {
        inPlace.add(new Bulk.Op(new UpdateOneModel<>(
            new BsonDocument("_id", parent).append(field, new BsonDocument("$elemMatch", olderElement)),
            new BsonDocument("$set", new BsonDocument(field + ".$", element))), change, WriteKind.ELEMENT_SET));
      } else {
        Bulk.Op push = new Bulk.Op(new UpdateOneModel<>(
            new BsonDocument("_id", parent).append(field, new BsonDocument("$not", new BsonDocument("$elemMatch", key))),
            new BsonDocument("$push", new BsonDocument(field,
                new BsonDocument("$each", new BsonArray(List.of(element))).append("$sort", sort(keyNames)))),
            new UpdateOptions().upsert(true)), change, WriteKind.ELEMENT_SET);
        ops.add(push);
        pushes.add(push);
      }
    }
    Bulk.Result tombstoneResult = Bulk.run(tombstones.collection(database), tombstoneOps);
    tombstoneResult.failed().forEach(f -> outcome.fail(f.change(), f.cause()));
    Bulk.Result moved = Bulk.run(collection, ops);
    // In-place updates run as a bulk of their own, so that its matched count says whether each
    // found its element. One that did not lost a race: the element was moved or removed (a
    // parent's cascade, say) after the lookup. Those changes are looked up and written again.
    Bulk.Result updated = Bulk.run(collection, inPlace);
    Bulk.Result result = new Bulk.Result(DocumentWriter.concat(moved.stale(), updated.stale()),
        DocumentWriter.concat(moved.failed(), updated.failed()), moved.matched() + updated.matched());
    ops.addAll(inPlace);
    List<RowChange> raced = new ArrayList<>();
    if (updated.matched() < inPlace.size() - updated.failed().size()) {
      Set<RowChange> failedSets = updated.failedChanges();
      for (Bulk.Op op : inPlace) {
        if (!failedSets.contains(op.change())) {
          raced.add(op.change());
        }
      }
    }
    Set<Bulk.Op> pushOps = DocumentWriter.identitySet();
    pushOps.addAll(pushes);
    List<Bulk.Op> realStale = new ArrayList<>();
    for (Bulk.Op op : result.stale()) {
      if (!last && pushOps.contains(op)) {
        // Duplicate key on a push: the element (or the document) appeared since the lookup. Look again.
        raced.add(op.change());
      } else {
        realStale.add(op);
      }
    }
    Set<RowChange> redo = DocumentWriter.identitySet();
    redo.addAll(raced);
    List<Bulk.Op> counted = new ArrayList<>();
    for (Bulk.Op op : ops) {
      if (!redo.contains(op.change())) {
        counted.add(op);
      }
    }
    DocumentWriter.tally(counted, new Bulk.Result(realStale, result.failed()), outcome);
    Set<Bulk.Op> notPushed = result.staleOps();
    Set<RowChange> failedChanges = result.failedChanges();
    List<RowChange> pushed = new ArrayList<>();
    for (Bulk.Op push : pushes) {
      if (!notPushed.contains(push) && !failedChanges.contains(push.change())) {
        pushed.add(push.change());
      }
    }
    recheckRemovals(database, collection, spec, keyNames, removals, pushed, outcome);
    if (spec.parentDelete() == ParentDeleteMode.CASCADE) {
      recheckCascade(database, collection, spec, changes, result, outcome);
    }
    return raced;
  }

  /**
   * Closes the race between a child's delete and a push of the same child by another task (a
   * primary-key change deletes the old key on the new key's partition, which another task may own,
   * while the old key's own changes are still being written). Each side checks after its write:
   * the delete, whose tombstone is written first, looks for the child again and removes what it
   * finds older than itself; the push looks for a newer tombstone and removes its element if there
   * is one. Whichever writes last sees the other's write.
   */
  private void recheckRemovals(MongoDatabase database, MongoCollection<BsonDocument> collection, EmbedSpec spec,
      List<String> keyNames, List<RowChange> removals, List<RowChange> pushed, WriteOutcome outcome) {
    String field = spec.field();
    List<Bulk.Op> pulls = new ArrayList<>();
    if (!removals.isEmpty() && tombstones.enabled()) {
      Map<BsonDocument, List<Location>> now = locate(collection, field, keyNames, removals);
      for (RowChange removal : removals) {
        BsonDocument key = removal.id().asDocument();
        for (Location l : now.getOrDefault(key, List.of())) {
          if (removal.version().supersedes(l.version())) {
            pulls.add(new Bulk.Op(new UpdateOneModel<>(new BsonDocument("_id", l.documentId()), new BsonDocument("$pull",
                new BsonDocument(field, VersionFilters.and(key.clone(), filters.olderThan(removal.version()))))),
                removal, WriteKind.ELEMENT_REMOVE));
            outcome.touched(l.documentId());
          }
        }
      }
    }
    if (!pushed.isEmpty()) {
      Set<BsonValue> keys = new LinkedHashSet<>();
      pushed.forEach(c -> keys.add(c.id()));
      Tombstones.Lookup deletes = tombstones.lookup(database, spec.tombstoneScope(), keys);
      for (RowChange change : pushed) {
        Version deleted = deletes.deleted(change.id());
        if (deleted != null && deleted.supersedes(change.version()) && !change.version().supersedes(deleted)) {
          BsonDocument key = change.id().asDocument();
          pulls.add(new Bulk.Op(new UpdateOneModel<>(new BsonDocument("_id", change.parentId()), new BsonDocument("$pull",
              new BsonDocument(field, VersionFilters.and(key.clone(), filters.olderThan(deleted))))), change, WriteKind.ELEMENT_REMOVE));
          outcome.touched(change.parentId());
        }
      }
    }
    if (!pulls.isEmpty()) {
      LOG.debug("{} element(s) of {}.{} removed after a concurrent writer's delete or push", pulls.size(),
          collection.getNamespace().getFullName(), field);
      Bulk.run(collection, pulls).failed().forEach(f -> outcome.fail(f.change(), f.cause()));
    }
  }

  /**
   * Closes the race with a parent's cascading delete written by another task between our tombstone
   * lookup and our push: either that task's read of the children saw our element, or this second
   * lookup sees its tombstone, and then the element goes as the cascade would have taken it.
   */
  private void recheckCascade(MongoDatabase database, MongoCollection<BsonDocument> collection, EmbedSpec spec,
      List<RowChange> changes, Bulk.Result result, WriteOutcome outcome) {
    Set<RowChange> notWritten = result.failedChanges();
    result.stale().forEach(op -> notWritten.add(op.change()));
    Set<BsonValue> parents = new LinkedHashSet<>();
    for (RowChange change : changes) {
      if (change.kind() == Kind.UPSERT && change.parentId() != null && !notWritten.contains(change)) {
        parents.add(change.parentId());
      }
    }
    Tombstones.Lookup deletes = tombstones.lookup(database, collection.getNamespace().getCollectionName(), parents);
    if (deletes.byId().isEmpty() && deletes.truncated() == null) {
      return;
    }
    List<Bulk.Op> tombstoneOps = new ArrayList<>();
    List<Bulk.Op> ops = new ArrayList<>();
    for (RowChange change : changes) {
      if (change.kind() != Kind.UPSERT || change.parentId() == null || notWritten.contains(change)) {
        continue;
      }
      Version deleted = deletes.deleted(change.parentId());
      if (deleted != null && !change.version().supersedes(deleted)) {
        tombstoneOps.add(new Bulk.Op(tombstones.record(spec.tombstoneScope(), change.id(), change.version()), change, WriteKind.TOMBSTONE));
        BsonDocument element = VersionFilters.and(change.id().asDocument().clone(), filters.olderThan(deleted));
        ops.add(new Bulk.Op(new UpdateOneModel<>(new BsonDocument("_id", change.parentId()),
            new BsonDocument("$pull", new BsonDocument(spec.field(), element))), change, WriteKind.ELEMENT_REMOVE));
        outcome.touched(change.parentId());
      }
    }
    Bulk.run(tombstones.collection(database), tombstoneOps).failed().forEach(f -> outcome.fail(f.change(), f.cause()));
    Bulk.run(collection, ops).failed().forEach(f -> outcome.fail(f.change(), f.cause()));
  }

  private WriteOutcome truncate(MongoDatabase database, MongoCollection<BsonDocument> collection, EmbedSpec spec,
      List<RowChange> changes, WriteOutcome outcome) {
    List<Bulk.Op> tombstoneOps = new ArrayList<>();
    List<Bulk.Op> ops = new ArrayList<>();
    for (RowChange change : changes) {
      BsonDocument older = filters.olderThan(change.version());
      if (change.version().hasSeq() && tombstones.enabled()) {
        tombstoneOps.add(new Bulk.Op(tombstones.recordTruncate(spec.tombstoneScope(), change.version()), change, WriteKind.TOMBSTONE));
      }
      ops.add(new Bulk.Op(new UpdateManyModel<>(new BsonDocument(spec.field(), new BsonDocument("$elemMatch", older)),
          new BsonDocument("$pull", new BsonDocument(spec.field(), older))), change, WriteKind.TRUNCATE));
    }
    Bulk.run(tombstones.collection(database), tombstoneOps).failed().forEach(f -> outcome.fail(f.change(), f.cause()));
    DocumentWriter.tally(ops, Bulk.run(collection, ops), outcome);
    outcome.touchedAll();
    return outcome;
  }

  /** Where the children of {@code changes} are now, with their versions; one query. */
  private Map<BsonDocument, List<Location>> locate(MongoCollection<BsonDocument> collection, String field,
      List<String> keyNames, List<RowChange> changes) {
    BsonDocument filter;
    if (keyNames.size() == 1) {
      BsonArray values = new BsonArray();
      for (RowChange change : changes) {
        values.add(change.id().asDocument().get(keyNames.get(0)));
      }
      filter = new BsonDocument(field + "." + keyNames.get(0), new BsonDocument("$in", values));
    } else {
      BsonArray any = new BsonArray();
      for (RowChange change : changes) {
        any.add(new BsonDocument(field, new BsonDocument("$elemMatch", change.id().asDocument())));
      }
      filter = new BsonDocument("$or", any);
    }
    BsonDocument projection = new BsonDocument(field + "." + filters.meta(), new BsonInt32(1));
    for (String name : keyNames) {
      projection.put(field + "." + name, new BsonInt32(1));
    }
    Set<BsonDocument> wanted = new HashSet<>();
    changes.forEach(c -> wanted.add(c.id().asDocument()));
    Map<BsonDocument, List<Location>> found = new HashMap<>();
    for (BsonDocument doc : collection.find(filter).projection(projection)) {
      BsonValue array = doc.get(field);
      if (array == null || !array.isArray()) {
        continue;
      }
      for (BsonValue element : array.asArray()) {
        if (!element.isDocument()) {
          continue;
        }
        BsonDocument key = new BsonDocument();
        for (String name : keyNames) {
          BsonValue value = element.asDocument().get(name);
          if (value == null) {
            key = null;
            break;
          }
          key.put(name, value);
        }
        if (key != null && wanted.contains(key)) {
          found.computeIfAbsent(key, k -> new ArrayList<>())
              .add(new Location(doc.get("_id"), VersionFilters.read(element.asDocument().get(filters.meta()))));
        }
      }
    }
    return found;
  }

  private BsonDocument element(RowChange change) {
    BsonDocument element = new BsonDocument();
    for (Map.Entry<String, BsonValue> column : change.row().entrySet()) {
      if (column.getKey().equals(filters.meta())) {
        throw new DataException("child row of topic '" + change.record().topic() + "' has a column named like meta.field '"
            + filters.meta() + "'; set meta.field to another name");
      }
      element.put(column.getKey(), column.getValue());
    }
    // The key rides along in the metadata, so that a parent's cascade can tombstone the children it removes.
    element.put(filters.meta(), VersionFilters.metaDocument(change.version()).append(VersionFilters.KEY, change.id()));
    return element;
  }

  private static BsonDocument sort(List<String> keyNames) {
    BsonDocument sort = new BsonDocument();
    keyNames.forEach(name -> sort.put(name, new BsonInt32(1)));
    return sort;
  }

  private void ensureIndex(MongoCollection<BsonDocument> collection, String field, List<String> keyNames) {
    String id = collection.getNamespace().getFullName() + "/" + field + "/" + keyNames;
    if (!indexed.add(id)) {
      return;
    }
    BsonDocument index = new BsonDocument();
    keyNames.forEach(name -> index.put(field + "." + name, new BsonInt32(1)));
    try {
      collection.createIndex(index);
    } catch (RuntimeException e) {
      // Only the lookup's speed depends on the index; writes stay correct without it.
      LOG.warn("could not create the index {} on {} that finds embedded children quickly; lookups scan instead: {}",
          index.toJson(), collection.getNamespace().getFullName(), e.toString());
    }
  }
}
