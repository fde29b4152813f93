/**
 * The Protobuf converter and header converter ({@link dev.sluice.converters.protobuf.ProtobufConverter}),
 * its settings and the wiring between Connect schemas, schema stores and codecs.
 */
package dev.sluice.converters.protobuf;
