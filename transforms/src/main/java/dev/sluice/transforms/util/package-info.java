/** Shared pieces of Sluice's transforms and predicates: null/tombstone policy, config validators. */
package dev.sluice.transforms.util;
