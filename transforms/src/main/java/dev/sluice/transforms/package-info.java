/**
 * Single-message transforms and predicates for change events (Sluice's and Debezium's), with a
 * schema or schemaless, and for plain records.
 *
 * <ul>
 *   <li>{@link dev.sluice.transforms.Unwrap}: change event to row (Debezium ExtractNewRecordState's
 *       settings);
 *   <li>{@link dev.sluice.transforms.Route}: topic, shard key and partition by database and table;
 *   <li>{@link dev.sluice.transforms.Outbox}: the transactional outbox event router;
 *   <li>field rewriting by nested path, each with {@code Key}/{@code Value} variants:
 *       {@link dev.sluice.transforms.Fields}, {@link dev.sluice.transforms.Mask}, {@link
 *       dev.sluice.transforms.Hash}, {@link dev.sluice.transforms.Truncate}, {@link
 *       dev.sluice.transforms.Cast}, {@link dev.sluice.transforms.TimeZone} (built on {@link
 *       dev.sluice.transforms.row.RowTransformation});
 *   <li>predicates in {@link dev.sluice.transforms.predicates}.
 * </ul>
 *
 * <p>The shared policy for tombstones and records that are not change events is {@link
 * dev.sluice.transforms.util.NullPolicy}; schemas are derived once per input schema through
 * {@link dev.sluice.transforms.util.SchemaCache}. Every plugin is listed in {@code
 * META-INF/services} so workers with {@code plugin.discovery=service_load} find it; the settings
 * reference is {@code transforms/CONFIG.md}, generated from the ConfigDefs.
 */
package dev.sluice.transforms;
