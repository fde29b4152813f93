/** The client of Confluent-compatible schema registries. */
package dev.sluice.converters.protobuf.registry;
