/**
 * Single-message transforms and predicates for change events (Sluice's and Debezium's).
 *
 * <p>Predicates live in {@link dev.sluice.transforms.predicates}; the shared policy for
 * tombstones and records that are not change events is {@link dev.sluice.transforms.util.NullPolicy}.
 * Every plugin is listed in {@code META-INF/services} so workers with
 * {@code plugin.discovery=service_load} find it.
 */
package dev.sluice.transforms;
