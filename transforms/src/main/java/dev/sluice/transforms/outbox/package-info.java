/** The parts of {@link dev.sluice.transforms.Outbox}: column placements, invalid-op behaviour, plans. */
package dev.sluice.transforms.outbox;
