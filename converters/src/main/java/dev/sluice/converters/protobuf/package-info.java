/** The Protobuf converter and header converter. */
package dev.sluice.converters.protobuf;
