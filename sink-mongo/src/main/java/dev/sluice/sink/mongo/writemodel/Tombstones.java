package dev.sluice.sink.mongo.writemodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import dev.sluice.sink.mongo.view.Version;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versions of hard deletes, kept in a small collection per database so that a replayed older
 * insert cannot bring a deleted row back: a hard delete removes the document and with it the
 * version the replay guard compares against.
 *
 * <p>Each tombstone is {@code {_id: {ns: <scope>, id: <_id or child key>}, seq, src, off, at}},
 * for an embedded child also {@code from: [<_id>...]}, the documents it was removed from;
 * a truncate is {@code {_id: {ns: <scope>, truncate: true}, ...}}. Scopes are collection names,
 * or {@code <collection>.<array field>} for embedded children. Before writing upserts, the writers
 * look up the tombstones of their keys (one query per batch and collection) and skip changes a
 * tombstone supersedes. Tombstones older than the retention are purged, at most once per
 * {@code retention / 10} (between 1 minute and 1 hour) per database.
 *
 * <p>What a replay can show: within the retention, nothing older than the view. Beyond it, an
 * insert or update older than a forgotten delete is written again, and stays until the replay
 * reaches the delete (a replay always does: it re-reads the topic in order).
 */
public final class Tombstones {
  private static final Logger LOG = LoggerFactory.getLogger(Tombstones.class);
  static final String NS = "ns";
  static final String ID = "id";
  static final String TRUNCATE = "truncate";
  static final String AT = "at";
  static final String FROM = "from";

  private final String collectionName;
  private final Duration retention;
  private final Clock clock;
  private final Duration purgeInterval;
  private final Map<String, Instant> lastPurge = new HashMap<>();
  /** Databases whose tombstone collection was seen holding a tombstone; until then each lookup first probes it. */
  private final Set<String> holding = new HashSet<>();

  /**
   * Tombstones in {@code collectionName} of each database.
   *
   * @param retention how long to keep them; zero disables tombstones
   */
  public Tombstones(String collectionName, Duration retention, Clock clock) {
    this.collectionName = collectionName;
    this.retention = retention;
    this.clock = clock;
    Duration tenth = retention.dividedBy(10);
    Duration min = Duration.ofMinutes(1);
    Duration max = Duration.ofHours(1);
    this.purgeInterval = tenth.compareTo(min) < 0 ? min : tenth.compareTo(max) > 0 ? max : tenth;
  }

  /** False when the retention is zero: no tombstones are written or read. */
  public boolean enabled() {
    return !retention.isZero();
  }

  /** The tombstone collection of a database. */
  public MongoCollection<BsonDocument> collection(MongoDatabase database) {
    return database.getCollection(collectionName, BsonDocument.class);
  }

  /** The collection name. */
  public String collectionName() {
    return collectionName;
  }

  /**
   * The tombstones of some keys in one scope, and the scope's truncate, in one query.
   *
   * <p>As long as a database's tombstone collection has never been seen holding a tombstone (no
   * hard delete reached it yet), a query for any one tombstone comes first and, when it finds none,
   * replaces the lookup of every key: a read that stops at the first document instead of one
   * {@code _id} lookup per key. This changes only the cost: every lookup still reads the collection
   * as it is at that moment.
   *
   * @return a lookup; empty when tombstones are disabled or {@code ids} is empty
   */
  public Lookup lookup(MongoDatabase database, String scope, Collection<? extends BsonValue> ids) {
    if (!enabled() || ids.isEmpty()) {
      return Lookup.NONE;
    }
    if (!holding.contains(database.getName())) {
      if (collection(database).find().projection(new BsonDocument("_id", BsonBoolean.TRUE)).limit(1).first() == null) {
        return Lookup.NONE;
      }
      holding.add(database.getName());
    }
    BsonArray keys = new BsonArray(new ArrayList<>(ids.size() + 1));
    for (BsonValue id : ids) {
      keys.add(key(scope, id));
    }
    BsonDocument truncateKey = truncateKey(scope);
    keys.add(truncateKey);
    Map<BsonValue, Version> byId = new HashMap<>();
    Map<BsonValue, List<BsonValue>> from = new HashMap<>();
    Version truncated = null;
    for (BsonDocument tombstone : collection(database).find(new BsonDocument("_id", new BsonDocument("$in", keys)))) {
      BsonDocument key = tombstone.getDocument("_id");
      Version version = VersionFilters.read(tombstone);
      if (key.containsKey(TRUNCATE)) {
        truncated = version;
      } else {
        byId.put(key.get(ID), version);
        if (tombstone.get(FROM) instanceof BsonArray documents && !documents.isEmpty()) {
          from.put(key.get(ID), documents.getValues());
        }
      }
    }
    return new Lookup(byId, truncated, from);
  }

  /** A write recording a delete of {@code id} in {@code scope} at {@code version}, unless a newer one is recorded. */
  public WriteModel<BsonDocument> record(String scope, BsonValue id, Version version) {
    return write(key(scope, id), version, List.of());
  }

  /**
   * A write recording a delete of the embedded child {@code id} in {@code scope} at {@code version},
   * removed from the documents {@code from}, unless a newer one is recorded.
   */
  public WriteModel<BsonDocument> record(String scope, BsonValue id, Version version, Collection<? extends BsonValue> from) {
    return write(key(scope, id), version, from);
  }

  /** A write recording a truncate of {@code scope} at {@code version}. */
  public WriteModel<BsonDocument> recordTruncate(String scope, Version version) {
    return write(truncateKey(scope), version, List.of());
  }

  private WriteModel<BsonDocument> write(BsonDocument key, Version version, Collection<? extends BsonValue> from) {
    BsonDocument tombstone = new BsonDocument("_id", key);
    tombstone.putAll(VersionFilters.metaDocument(version));
    tombstone.put(AT, new BsonDateTime(clock.millis()));
    if (!from.isEmpty()) {
      tombstone.put(FROM, new BsonArray(new ArrayList<>(from)));
    }
    BsonDocument filter = VersionFilters.and(new BsonDocument("_id", key), VersionFilters.olderThan("", version));
    return new ReplaceOneModel<>(filter, tombstone, new ReplaceOptions().upsert(true));
  }

  /** Removes expired tombstones of a database when the last purge there is long enough ago. */
  public void purgeIfDue(MongoDatabase database) {
    if (!enabled()) {
      return;
    }
    Instant now = clock.instant();
    Instant last = lastPurge.get(database.getName());
    if (last != null && last.plus(purgeInterval).isAfter(now)) {
      return;
    }
    MongoCollection<BsonDocument> tombstones = collection(database);
    if (last == null) {
      tombstones.createIndex(new BsonDocument(AT, new BsonInt32(1)), new IndexOptions().name("sluice_tombstone_at"));
    }
    long removed = tombstones.deleteMany(
        new BsonDocument(AT, new BsonDocument("$lt", new BsonDateTime(now.minus(retention).toEpochMilli())))).getDeletedCount();
    lastPurge.put(database.getName(), now);
    if (removed > 0) {
      LOG.info("purged {} tombstone(s) older than {} from {}.{}", removed, retention, database.getName(), collectionName);
    }
  }

  private static BsonDocument key(String scope, BsonValue id) {
    return new BsonDocument(NS, new BsonString(scope)).append(ID, id);
  }

  private static BsonDocument truncateKey(String scope) {
    return new BsonDocument(NS, new BsonString(scope)).append(TRUNCATE, BsonBoolean.TRUE);
  }

  /**
   * Recorded deletes of some keys.
   *
   * @param byId the version of each key's latest recorded delete
   * @param truncated the version of the scope's latest truncate, or null
   * @param from for embedded children, the documents each key's latest recorded delete removed it from
   */
  public record Lookup(Map<BsonValue, Version> byId, Version truncated, Map<BsonValue, List<BsonValue>> from) {
    static final Lookup NONE = new Lookup(Map.of(), null, Map.of());

    /** The documents the latest recorded delete of the child {@code id} removed it from; empty when none are recorded. */
    public List<BsonValue> removedFrom(BsonValue id) {
      return from.getOrDefault(id, List.of());
    }

    /** Whether a change of {@code id} at {@code version} is newer than every recorded delete of it. */
    public boolean allows(BsonValue id, Version version) {
      return version.supersedes(byId.get(id)) && version.supersedes(truncated);
    }

    /** The newest recorded delete of {@code id} (its own or the truncate), or null. */
    public Version deleted(BsonValue id) {
      Version own = byId.get(id);
      if (own == null) {
        return truncated;
      }
      return Version.newest(own, truncated);
    }
  }
}
