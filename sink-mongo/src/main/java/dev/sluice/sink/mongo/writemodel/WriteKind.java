package dev.sluice.sink.mongo.writemodel;

/** The kinds of writes the sink counts (the writes-by-kind metrics). */
public enum WriteKind {
  /** A document replaced (filtered upsert). */
  REPLACE,
  /** A document's columns set with $set (filtered upsert). */
  SET,
  /** A document removed, or a parent's columns removed from a document with embedded children. */
  DELETE,
  /** A document marked deleted. */
  SOFT_DELETE,
  /** A truncate applied. */
  TRUNCATE,
  /** An embedded element inserted or replaced. */
  ELEMENT_SET,
  /** An embedded element removed. */
  ELEMENT_REMOVE,
  /** A delete tombstone recorded. */
  TOMBSTONE,
  /** Empty arrays and parentless empty documents cleaned up. */
  CLEANUP
}
