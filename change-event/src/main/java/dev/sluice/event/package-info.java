/**
 * The change-event contract shared by Sluice's source connector, transforms, converters and sink.
 *
 * <p>Events follow Debezium's layout so that existing consumers, SMTs and sinks understand them:
 * the key is a Struct of the primary-key columns (or null), the value is an envelope with
 * {@code before}, {@code after}, {@code source}, {@code op}, {@code ts_ms} and an optional
 * {@code transaction} block (see {@link dev.sluice.event.Envelope}), and a tombstone (null value)
 * follows each delete. The {@code source} block ({@link dev.sluice.event.SourceInfo}) adds
 * {@code seq}, a per-connector strictly increasing sequence the sink uses to ignore stale records
 * (see {@link dev.sluice.event.Seq}).
 *
 * <p>Readers ({@link dev.sluice.event.EnvelopeShape}, {@link dev.sluice.event.EnvelopeFields},
 * {@link dev.sluice.event.Seq}) accept both Connect Structs and schemaless Maps, and both Sluice and
 * Debezium events; they never throw on foreign input.
 */
package dev.sluice.event;
