/**
 * The MongoDB materialized-view sink connector.
 *
 * <p>{@link dev.sluice.sink.mongo.SluiceMongoSinkConnector} and its task are thin shells around
 * {@link dev.sluice.sink.mongo.ViewSink}. Records become changes in {@code view}, changes become
 * guarded writes in {@code writemodel}, {@code namespace} picks collections and {@code retry}
 * classifies MongoDB's errors. See the module's README for what a view guarantees.
 */
package dev.sluice.sink.mongo;
