/** Writing and reading Connect values as Protobuf messages, compiled once per schema. */
package dev.sluice.converters.protobuf.codec;
