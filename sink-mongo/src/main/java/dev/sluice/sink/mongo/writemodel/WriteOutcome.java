package dev.sluice.sink.mongo.writemodel;

import dev.sluice.sink.mongo.view.RowChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonValue;

/** What writing one batch of changes to one collection did. */
public final class WriteOutcome {
  private final EnumMap<WriteKind, Long> writes = new EnumMap<>(WriteKind.class);
  private long stale;
  private long changesWritten;
  private final List<Failure> failures = new ArrayList<>();
  private final Set<BsonValue> touchedDocuments;
  private boolean touchedAll;

  /** An outcome with a set of touched documents of its own. */
  public WriteOutcome() {
    this(new LinkedHashSet<>());
  }

  /**
   * An outcome that adds the documents it is told of to {@code touchedDocuments}, which its caller
   * may keep beyond it (across attempts of one batch).
   */
  WriteOutcome(Set<BsonValue> touchedDocuments) {
    this.touchedDocuments = touchedDocuments;
  }

  /**
   * A change MongoDB refused for reasons of its own content.
   *
   * @param change the change
   * @param cause MongoDB's or the driver's error
   */
  public record Failure(RowChange change, Throwable cause) {}

  void count(WriteKind kind, long n) {
    writes.merge(kind, n, Long::sum);
  }

  void stale(long n) {
    stale += n;
  }

  void written(long n) {
    changesWritten += n;
  }

  void fail(RowChange change, Throwable cause) {
    failures.add(new Failure(change, cause));
  }

  void touched(BsonValue documentId) {
    touchedDocuments.add(documentId);
  }

  void touchedAll() {
    touchedAll = true;
  }

  /** Adds another outcome's counts and failures to this one. */
  public WriteOutcome merge(WriteOutcome other) {
    other.writes.forEach(this::count);
    stale += other.stale;
    changesWritten += other.changesWritten;
    failures.addAll(other.failures);
    if (other.touchedDocuments != touchedDocuments) {
      touchedDocuments.addAll(other.touchedDocuments);
    }
    touchedAll |= other.touchedAll;
    return this;
  }

  /** Writes issued, by kind. */
  public Map<WriteKind, Long> writes() {
    return Collections.unmodifiableMap(writes);
  }

  /** Changes skipped because what is stored is as new or newer. */
  public long stale() {
    return stale;
  }

  /** Changes that were written (not stale, not failed). */
  public long changesWritten() {
    return changesWritten;
  }

  /** Changes MongoDB refused. */
  public List<Failure> failures() {
    return failures;
  }

  /** True when any document of an embedded collection may have become empty (after a truncate). */
  public boolean isTouchedAll() {
    return touchedAll;
  }

  /** Documents of embedded collections that may have become empty. */
  public Set<BsonValue> touchedDocuments() {
    return touchedDocuments;
  }
}
