/**
 * Predicates over change events, for use with Connect's conditional transforms (KIP-585), e.g. to
 * {@code Filter} deletes or the events of some tables.
 */
package dev.sluice.transforms.predicates;
