/** Parsing and printing .proto text the way protoc reads it. */
package dev.sluice.converters.protobuf.text;
