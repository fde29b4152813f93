/** The .proto export command. */
package dev.sluice.converters.protobuf.export;
