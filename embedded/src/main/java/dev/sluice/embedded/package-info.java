/**
 * The {@code sluice} command ({@link dev.sluice.embedded.SluiceCli}): {@code run} a pipeline in one
 * process on the Debezium embedded engine, {@code verify} a view against its table, {@code quickstart}.
 */
package dev.sluice.embedded;
