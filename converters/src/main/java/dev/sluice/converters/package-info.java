/**
 * What Sluice's converters share; the converters are in {@code dev.sluice.converters.protobuf} and
 * {@code dev.sluice.converters.json}.
 */
package dev.sluice.converters;
