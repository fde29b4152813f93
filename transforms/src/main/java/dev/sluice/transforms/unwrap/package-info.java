/** The parts of {@link dev.sluice.transforms.Unwrap}: delete handling, added fields, plans. */
package dev.sluice.transforms.unwrap;
