/** Where schemas live: the store interface, the Kafka-topic store and the in-process store. */
package dev.sluice.converters.protobuf.store;
