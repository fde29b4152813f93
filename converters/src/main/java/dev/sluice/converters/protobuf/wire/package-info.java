/** Confluent's (and Apicurio's) framing of Protobuf record values. */
package dev.sluice.converters.protobuf.wire;
