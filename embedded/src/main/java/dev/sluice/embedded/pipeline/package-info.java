/**
 * The embedded pipeline: Sluice's source connector on the Debezium engine, the configured
 * transforms, an optional converter round trip, and Sluice's MongoDB sink task, with offsets in a
 * local file committed only for changes MongoDB acknowledged.
 */
package dev.sluice.embedded.pipeline;
