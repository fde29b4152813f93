package dev.sluice.sink.mongo.retry;

/** What a MongoDB failure means for the sink. */
public enum ErrorKind {
  /** Network, elections, timeouts, write-concern timeouts: try again later, the data is fine. */
  TRANSIENT,
  /** A filtered upsert met a newer document: the change is stale, skip it. */
  STALE,
  /** This document cannot be written (too large, invalid field name, wrong type...): the record's fault. */
  RECORD,
  /** Authentication, authorization, unsupported operations, closed client: no record can be written; fail the task. */
  FATAL
}
