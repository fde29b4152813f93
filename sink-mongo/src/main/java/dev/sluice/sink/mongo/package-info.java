/** The MongoDB materialized-view sink connector. */
package dev.sluice.sink.mongo;
