/**
 * Shared pieces of Sluice's transforms and predicates: the one null/tombstone policy ({@link
 * dev.sluice.transforms.util.NullPolicy}), the bounded schema cache ({@link
 * dev.sluice.transforms.util.SchemaCache}), config validators and record descriptions for error
 * messages.
 */
package dev.sluice.transforms.util;
