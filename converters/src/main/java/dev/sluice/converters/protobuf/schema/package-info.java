/** Connect schemas to Protobuf files and back: names, custom options, stable field numbers, diffs. */
package dev.sluice.converters.protobuf.schema;
