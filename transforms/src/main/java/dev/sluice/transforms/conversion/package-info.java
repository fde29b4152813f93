/**
 * The value conversions behind the field-rewriting transformations: fixed masks, salted hashes and
 * HMACs, prefix truncation, casts and time-zone conversion. Each one plans per field schema (once,
 * cached by the caller) and then converts non-null values; nulls stay null.
 */
package dev.sluice.transforms.conversion;
